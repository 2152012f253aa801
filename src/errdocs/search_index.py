"""The paste-search index: everything the matcher needs, computed once from the linked catalog.

The matcher (`search.py`, and `docs/assets/errdocs-search.js` step for step) only looks things up in
this index: postings, statistics, the typo table and every normalised text are made here, so that the
two runtimes stay short and cannot drift in what they derive from the catalog. The format is declared
by `INDEX_FORMAT` below (checked against every built index by the tests) and versioned by `VERSION`,
which both readers check.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from itertools import chain

from .search import (CJK, FOREIGN, FOREIGN_PATTERNS, NEAR_MIN, OTHER_CODE, PLACEHOLDER, STOPWORDS, VERSION, WEIGHTS,
                     WRITTEN_CODE, message_words, near_variants, normalise, prose_words, segments,
                     with_decoded_escapes)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: `lookup` reads INDEX_FORMAT
if TYPE_CHECKING:
    from .link import Catalog
    from .render_memo import RenderMemo

# What the matcher reads, field by field (a new field is added here first, then to both readers).
INDEX_FORMAT = {
    "version": "format version; readers refuse any other",
    "entries": "one per code page: s service slug, n service name, c code, u URL, t title, w 1 if the code is "
               "an ordinary word, h HTTP statuses, d 1 if the code is in the official list (it wins a tie)",
    "codes": "code or former code in lower case -> entries",
    "phrase_codes": "codes with a space (matched in the flattened paste), in catalog order",
    "aliases": "alias in lower case -> entries",
    "near": "typo table: a code, or a code with one character deleted, or a code cut short -> indexes into "
            "near_keys",
    "near_keys": "[key, entries] for the typo table",
    "messages": "documented messages and printed variants: e entry, a anchor, t text, w words, x literal parts, "
                "l their length, g 1 if the text is, but for its own code, an HTTP reason phrase (`Method not "
                "allowed`: any web server prints it) and absent otherwise",
    "message_postings": "word -> the messages that contain it, in order, each written as its distance from the "
                        "one before (the first from 0): smaller numbers, 5 KB less gzipped",
    "idf": "word -> weight of a message word",
    "prose": "term -> [entry, weight, entry, weight...]: BM25 weights in hundredths (integers) over our titles, "
             "search terms (English and Chinese), meaning, causes, fix and topic names; the entries in order, each "
             "written as its distance from the one before (the first from 0): 15 KB less gzipped",
    "chinese_words": "the Chinese words of `prose`, sorted: the vocabulary a paste's Chinese is cut into",
    "hints": "[service, [hints]]: text that shows a paste comes from the service (its search_hints and its "
             "detail codes)",
    "operations": "[service, [operation names]]: API names its SDKs print that other products share (rank only)",
    "context": "services whose codes and messages other products share: confident only with a hint",
    "foreign": "[marker, product] pairs naming other products",
    "foreign_patterns": "[regular expression, product] pairs naming other products (a HostId that is a request "
                        "hash, another Alibaba Cloud API's host), searched in the flattened paste",
    "written_code": "[regular expression, product]: a code written in a field of its own (`ErrorCode=…`, "
                    "`<Code>…`); one that is none of ours names that product unless the best match is a code the "
                    "paste writes",
    "weights": "how much each kind of evidence counts, and the thresholds (search.WEIGHTS)",
    "stopwords": "words that carry no evidence of which error (search.STOPWORDS)",
}

# BM25 constants, and how much each part of an entry counts as prose.
K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"title": 3.0, "zh_title": 3.0, "terms": 2.0, "zh_terms": 2.0, "code": 2.0, "topic": 1.0,
                 "meaning": 1.0, "causes": 1.0, "fix": 0.5}
# Words that only say "an error, what do I do" in a Chinese question (报错, 怎么办, 如何处理…): no evidence of
# which error. They get no postings and are not in the vocabulary, so neither runtime needs the list.
CHINESE_STOPWORDS = frozenset("报错 错误 问题 怎么 怎么办 如何 出现 提示 时候 有时候 如果 什么 为什么 请问 处理 解决 这个 一个 "
                              "时报 一下 意思 为啥 求助".split())
MIN_PROSE_WEIGHT = 0.05


def _prose_fields(page) -> dict[str, list[str]]:
    entry = page.entry
    zh = entry.zh
    return {
        "title": [entry.title],
        "terms": list(entry.terms),
        "zh_title": [zh.title] if zh else [],
        "zh_terms": list(zh.terms) if zh else [],
        "code": [_spelt_out(name) for name in (entry.code, *entry.former_codes,
                                                *(a.name for a in entry.aliases if a.kind != "detail_code"))],
        "topic": [topic.topic.title for topic in page.topics],
        "meaning": [entry.meaning],
        "causes": list(entry.causes),
        "fix": list(entry.fix),
    }


def _spelt_out(name: str) -> str:
    """`InvalidBucketName` and `ERR_PARAM_INVALID` as the words they are made of."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|_", " ", name)


def _terms(text: str) -> list[str]:
    flat = normalise(text)
    return [*prose_words(flat), *_chinese_words(flat)]


@functools.lru_cache(maxsize=1 << 18)
def _chinese_words(flat: str) -> tuple[str, ...]:
    """Our Chinese cut into words by jieba (its dictionary and its model of unknown words: the same text always
    gets the same cut); single characters say too little. Remembered per text: a build cuts most texts twice
    (the prose and the word counts), and `make serve` rebuilds the index after every edit of a few texts; kept
    on disk between builds by chinese_cuts.py (imported here: `lookup` imports this module without hashlib)."""
    from .chinese_cuts import CUTS

    return tuple(word for run in CJK.findall(flat) for word in _with_negations(CUTS.cut(run)) if len(word) >= 2)


# Characters that jieba cuts off the word they turn around (不 存在, 已 存在, 未 开通, 无 权限): kept with it, or
# 不存在 and 已存在, "not found" and "already exists", would both be 存在.
NEGATIONS = frozenset("不没无未非已")


def _with_negations(words: list[str]) -> list[str]:
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in NEGATIONS:
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _entry_part(page, directory_urls: bool) -> tuple:
    """What one code page gives the index, before its number in the catalog is known: its entry, its codes and
    aliases (with the typo table's keys), its messages, and its prose and Chinese words."""
    from .link import documented, message_anchor, variant_anchor

    entry = page.entry
    # A code that is also a plain word ("Unauthorized") counts fully only when written in its own case.
    plain_word = bool(re.fullmatch(r"[A-Za-z][a-z]+(?: [a-z]+)*", entry.code))
    url = page.url if directory_urls else page.path.removesuffix(".md") + ".html"
    record = {"s": page.service.slug, "n": page.service.name, "c": entry.code, "u": url, "t": entry.title,
              "w": int(plain_word), "h": list(entry.http_status), "d": int(documented(page))}
    codes = tuple(normalise(code) for code in (entry.code, *entry.former_codes))
    aliases = []
    for alias in entry.aliases:
        key = normalise(alias.name)
        last = re.split(r"\.|::", key)[-1]
        near = alias.kind in ("error_name", "exception") and len(last) >= NEAR_MIN and not last.isdigit()
        aliases.append((key, last if near else None))
    texts = [(m.text, message_anchor(entry, m) if m.id else "") for m in entry.messages]
    texts += [(v.text, variant_anchor(v.id)) for v in entry.variants]
    messages = []
    for text, anchor in texts:
        # As a paste is read: a text copied from a string literal (`cause: \n{e}`) is what the program prints.
        flat = normalise(with_decoded_escapes(text))
        # Placeholders (`{name}`, `%s`, `{0}`, `xxxx`) are not words of the message.
        words = message_words(PLACEHOLDER.sub(" ", flat))
        parts = segments(flat)
        length = sum(len(part) for part in parts)
        messages.append((anchor, text, words, parts, length, _reason_phrase(entry.code, flat)))
    tf: dict[str, float] = defaultdict(float)
    for field, values in _prose_fields(page).items():
        for value in values:
            for term in _terms(value):
                if term not in CHINESE_STOPWORDS:
                    tf[term] += FIELD_WEIGHTS[field]
    # How common a Chinese word is, counted over all our Chinese for the code (explanations included), so
    # that 使用 or 文件 weigh little even though the short fields that get postings rarely repeat them.
    zh = entry.zh
    chinese = ({word for text in (zh.title, *zh.terms, zh.meaning or "", *zh.causes, *zh.fix)
                for word in _chinese_words(normalise(text))} if zh else set())
    # The typo table's keys this entry may add, each with its variants.
    near = {key: tuple(near_variants(key, build=True))
            for key in (*(code for code in codes if len(code) >= NEAR_MIN and not code.isdigit()),
                        *(last for _, last in aliases if last is not None))}
    # The prose length sums the weights in the order they were added, as the index always has.
    return (record, codes, tuple(aliases), tuple(messages), tuple(sorted(tf.items())), sum(tf.values()),
            tuple(chinese), near)


@functools.cache
def _reason_phrases() -> frozenset[str]:
    """The reason phrases of HTTP statuses (RFC 9110 and the IANA registry, as the standard library lists them),
    made on the first build: `errdocs lookup` imports this module for INDEX_FORMAT and needs none of it."""
    import http

    return frozenset(normalise(status.phrase) for status in http.HTTPStatus)


def _reason_phrase(code: str, flat: str) -> bool:
    """Whether a message (normalised) is an HTTP reason phrase once its own code in front is left out
    (`ODPS-0420081: Method not allowed`): a web server, proxy or WebDAV store prints it too, so it alone is
    no evidence of the service."""
    own = normalise(code)
    if flat.startswith(own):
        flat = flat[len(own):].lstrip(" :-")
    return flat.rstrip(" .") in _reason_phrases()


def _message_statistics(words: tuple[list[str], ...]) -> tuple[dict[str, float], dict[str, list[int]]]:
    """Each message word's weight (idf) and the messages it is in (postings), from every message's words."""
    document_frequency = Counter(chain.from_iterable(words))
    total = len(words)
    idf = {word: round(math.log((total + 1) / (count + 0.5)), 3) for word, count in sorted(document_frequency.items())}
    postings: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = defaultdict(int)
    for number, message in enumerate(words):
        for word in message:
            postings[word].append(number - last[word])
            last[word] = number
    return idf, dict(sorted(postings.items()))


def _typo_table(keys: list[str], variants_of: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """The typo table: each variant of a key (sorted `keys`) -> the keys it may be a typo of."""
    near: dict[str, list[int]] = defaultdict(list)
    for number, key in enumerate(keys):
        for variant in variants_of[key]:
            if number not in near[variant]:
                near[variant].append(number)
    return dict(sorted(near.items()))


def _prose_weights(parts: list[tuple], memo: "RenderMemo | None") -> dict[str, list[int]]:
    """term -> [entry, weight, entry, weight...]: each term's BM25 weight, in hundredths, in each entry that has it.

    The prose length the weights are normalised by is the catalog's average to a whole number, so that an edit
    rarely moves it; then a term's weights change only when an entry that has it changed, or its document
    frequency did, and a serve session computes again only those terms' weights (`memo`, by everything they
    are computed from)."""
    from .render_memo import remembered

    count = len(parts)
    average = max(1, round(sum(part[5] for part in parts) / count)) if count else 1
    chinese_df = Counter(chain.from_iterable(part[6] for part in parts))
    having: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
    for entry_index, part in enumerate(parts):
        for term, frequency in part[4]:
            having[term].append((entry_index, frequency, part[5]))
    prose = {}
    for term in sorted(having):
        entries = having[term]
        source = (count, average, chinese_df[term], entries)
        weights = remembered(memo, "paste index prose", term, source,
                             lambda entries=entries, df=max(len(entries), chinese_df[term]):
                             _term_weights(entries, df, count, average))
        if weights:
            prose[term] = weights
    return prose


def _term_weights(entries: list[tuple[int, float, float]], df: int, count: int, average: int) -> list[int]:
    """One term's [entry, weight...] from the entries that have it (entry, frequency, prose length), in order,
    each entry written as its distance from the one before."""
    rarity = math.log(1 + (count - df + 0.5) / (df + 0.5))
    weights: list[int] = []
    last = 0
    for entry_index, frequency, length in entries:
        norm = K1 * (1 - B + B * length / average)
        # Two decimals: a third changed no ranking on the dev half and cost 17 KB of the gzipped index. Written
        # as whole hundredths (7 KB less than the decimal points); a reader divides each by 100, which gives the
        # very number the two decimals stood for.
        weight = round(rarity * (frequency * (K1 + 1) / (frequency + norm)), 2)
        if weight >= MIN_PROSE_WEIGHT:
            weights += [entry_index - last, round(weight * 100)]
            last = entry_index
    return weights


def build_index(catalog: "Catalog", directory_urls: bool = True, memo: "RenderMemo | None" = None) -> dict:
    """The search data, as JSON-ready plain data; page URLs as directories or, offline, as `.html` files.
    `memo`: each page's part of the previous build of a serve session, reused while the page is unchanged (the
    index then shares those parts' lists and dicts, which nothing changes)."""
    from .render_memo import remembered

    parts = [remembered(memo, "paste index part", page.path, (page, directory_urls),
                        lambda page=page: _entry_part(page, directory_urls)) for page in catalog.pages]
    entries, codes, aliases, messages = [], {}, {}, []
    near_keys: dict[str, list[int]] = {}
    variants_of: dict[str, tuple[str, ...]] = {}
    for index, (record, code_keys, alias_keys, texts, _, _, _, typo_keys) in enumerate(parts):
        entries.append(record)
        for key in code_keys:
            codes.setdefault(key, []).append(index)
            if len(key) >= NEAR_MIN and not key.isdigit():
                near_keys.setdefault(key, []).append(index)
        for key, last in alias_keys:
            if index not in aliases.setdefault(key, []):
                aliases[key].append(index)
            if last is not None and index not in near_keys.setdefault(last, []):
                near_keys[last].append(index)
        for anchor, text, words, segmented, length, reason_phrase in texts:
            messages.append({"e": index, "a": anchor, "t": text, "w": words, "x": segmented, "l": length,
                             **({"g": 1} if reason_phrase else {})})
        variants_of.update(typo_keys)

    words_of_messages = tuple(message["w"] for message in messages)
    idf, message_postings = remembered(memo, "paste index words", "", words_of_messages,
                                       lambda: _message_statistics(words_of_messages))

    prose = _prose_weights(parts, memo)

    keys = sorted(near_keys)
    near = remembered(memo, "paste index typo table", "", tuple(keys), lambda: _typo_table(keys, variants_of))

    services = [section.service for section in catalog.sections]
    return {
        "version": VERSION,
        "entries": entries,
        "codes": codes,
        "phrase_codes": [code for code in codes if " " in code],
        "aliases": aliases,
        "near": near,
        "near_keys": [[key, near_keys[key]] for key in keys],
        "messages": messages,
        "message_postings": message_postings,
        "idf": idf,
        "prose": prose,
        "chinese_words": sorted(term for term in prose if CJK.fullmatch(term)),
        # A detail code (an OSS `EC`) belongs to its service alone: it shows where the paste comes from.
        "hints": [[section.service.slug, [normalise(h) for h in section.service.search_hints] + sorted(
            {normalise(a.name) for page in section.pages for a in page.entry.aliases if a.kind == "detail_code"})]
            for section in catalog.sections],
        "operations": [[s.slug, sorted({normalise(name) for ops in s.operations for name in ops.names})]
                       for s in services if s.operations],
        "context": [s.slug for s in services if s.codes_need_context],
        "foreign": [list(pair) for pair in FOREIGN],
        "foreign_patterns": [list(pair) for pair in FOREIGN_PATTERNS],
        "written_code": [WRITTEN_CODE.pattern, OTHER_CODE],
        "weights": dict(WEIGHTS),
        "stopwords": sorted(STOPWORDS),
    }
