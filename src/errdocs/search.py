"""Paste an error, find its page: the matcher shared by the CLI and the site.

`docs/assets/errdocs-search.js` implements the very same steps over the very same index (built by
`search_index.py`), and `tests/test_search_parity.py` runs both on real, fixture and generated pastes.
Change one, change the other. The rules that keep them equal: the paste is cut and normalised the same
way (code points, ASCII-only lower case, one list of space characters), nothing iterates over a mapping
whose order could differ, floats are summed in the same order with no compensated `sum()`, and rounding
is `floor(x * k + 0.5) / k` in both.

Evidence, strongest first:
- a code written as such (`ErrorCode=X`, `<Code>X</Code>`, `ODPS-0420095`, `"code": 4115`): `code`;
- an alias (SDK exception class, enum constant, error name, OSS `EC` detail code): `alias`;
- a documented message or a printed variant, verbatim or mostly (IDF-weighted word overlap): `message`;
- a code or error name with a typo or cut short: `near`;
- the words of a question or a symptom against our prose (title, English and Chinese search terms, meaning,
  causes, fix, topic names; BM25; Chinese cut into the index's own words): at most `prose`;
- a hint of the service (`x-oss-`, `com.aliyun.odps.tunnel`…): `hint`, for pages already found (all in WEIGHTS);
- an API operation name other products share (`PutObject`): `operation`, ranking only, never confidence;
- nothing in the paste: a code of its service's official list gains `official_list`, a tie-breaker.
A confident answer needs a code, an alias or most of a message, and, for services whose codes other
products share (OSS and S3, bare numbers), a hint of the service; a paste naming another product (or showing
one: an `ODPS-01` code, a `<HostId>` that is a request hash) is not.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable

VERSION = 11
MAX_CHARS = 100_000
MAX_QUOTED = 16  # a question quotes its message once or twice; a long log must not try every run of it
# The shortest text that counts as a piece of a message: shorter runs (`failed to get`) are in too many of them.
PIECE_MIN = 16
# How much each kind of evidence counts, and the thresholds: tuned on the real pastes' dev half. The index
# carries them (`weights`), so that both runtimes read the very same numbers.
WEIGHTS = {
    "code": 10.0, "code_any_case": 7.0, "alias": 9.0, "message": 10.0, "near": 6.0, "prose": 4.0,
    "hint": 3.0, "operation": 3.0, "status": 1.0,
    "beside_code": 0.5,  # a message of another code of the service whose code the paste writes counts this much
    "literal_whole": 3.0,  # the whole literal text beats all its words scattered in the paste
    "literal_per_char": 0.01, "literal_chars": 100,  # and a longer one is more specific: a tie-breaker
    "prose_half": 6.0,  # the BM25 sum at which prose gives half of `prose`
    "prose_shown": 8,  # only this many best prose candidates score, so a long paste does not light up everything
    "max_query_terms": 400,
    "near_min": 9,  # shorter tokens are too often plain words (`invalid`, `timeout`) to be read as a typo
    "swap_min": 5,  # a paste's unknown word this long or longer may be a swap of two letters (typo_fixed)
    "confident_score": 9.0, "confident_margin": 3.0, "strong_share": 0.8,
    # A message found by its words alone, not as written, needs this many of them: two common words
    # ("partition", "found") are in other products' errors too.
    "scattered_words": 3,
    # A message whose words weigh less than this together (their idf summed: `request failed: %v`, `Connect :
    # {value}`) counts for that share of itself: any log that says "request failed" has all of it, so written
    # whole it must not outweigh a specific text the same paste holds.
    "message_information": 5.0,
    # A code of the service's official list gains this much, whatever the paste: of two pages the prose finds
    # almost equally, the documented error is the likelier one (a generic code from another official page,
    # `BadRequest`, would otherwise take a CORS question from `AccessForbidden`). Too small to decide more.
    "official_list": 0.1,
}
NEAR_MIN = WEIGHTS["near_min"]

# Every character that counts as space: spelt out, since Python's and JavaScript's `\s` differ.
SPACE = re.compile("[\t\n\x0b\x0c\r \x00-\x08\x0e-\x1f\x7f-\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f"
                   "\u3000\ufeff]+")
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
TOKEN = re.compile(r"[a-z0-9_]+(?:[.\-][a-z0-9_]+)*")
WORD = re.compile(r"[a-z0-9]+")
CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
BETWEEN_CHINESE = re.compile("[\u2018\u2019\u201c\u201d\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
STOPWORDS = frozenset(
    "a an the is are was were be been to of in on at for by with and or not no it its this that as from "
    "you your can cannot could than then there which when what how why do does did error errors failed "
    "exception code message msg err status".split())
# (The last nine only say "this is an error" or name the fields of one: no evidence of which error. The index
# carries the list to the browser.)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%[-0-9.]*[sdfv]|x{3,}")
# A number counts as a code only right after one of these (`"code": 4115`, `ErrorCode: 1001`, `错误码 4004`).
CODE_CONTEXT = re.compile(r"(?:code|error_id|errorcode|errcode|error_code|错误码|状态码)[\"' ]*[:=>：(\[]? ?[\"']? ?$")
ODPS_CODE = re.compile(r"^odps-[0-9]{7}$")
STATUS_WORD = re.compile(r"(?<![0-9.])[1-5][0-9]{2}(?![0-9.])")
# ASCII-only case folding, as in JavaScript: with Python's default, `İ` would match `[a-z]` under IGNORECASE.
X_OSS_ERR = re.compile(r"x-oss-err[ \t]*:[ \t]*([A-Za-z0-9+/]{8,}=*)", re.I | re.A)
# A string escape of JSON, Go or Java: \u and four hex digits, \n, \r, \t, \".
ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|([nrt"]))')
ESCAPED = {"n": "\n", "r": "\r", "t": "\t", '"': '"'}

OTHER_ALIBABA_API = "another Alibaba Cloud API"
# Text that names another product, and the product's name, shown to the reader. Declared once; the index
# carries it to the browser.
FOREIGN = (
    ("amazonaws.com", "Amazon S3"), ("x-amz-", "Amazon S3"), ("botocore", "Amazon S3"), ("boto3", "Amazon S3"),
    ("aws sdk", "Amazon S3"), ("awserror", "Amazon S3"), ("s3exception", "Amazon S3"),
    ("com.amazonaws", "Amazon S3"), ("awsaccesskeyid", "Amazon S3"), ("aws-sdk", "Amazon S3"),
    ("x-obs-", "Huawei Cloud OBS"), ("obsexception", "Huawei Cloud OBS"), ("obs.", "Huawei Cloud OBS"),
    ("myhuaweicloud.com", "Huawei Cloud OBS"), ("googleapis", "Google Cloud"), ("google.cloud", "Google Cloud"),
    ("azure", "Microsoft Azure"), ("windows.net", "Microsoft Azure"), ("<center>nginx", "nginx"),
    ("nginx/", "nginx"), ("aliyun.tea", OTHER_ALIBABA_API), ("tea.exceptions", OTHER_ALIBABA_API),
    ("teaexception", OTHER_ALIBABA_API), ("aliyunsdkcore", OTHER_ALIBABA_API),
    ("acs_exception", OTHER_ALIBABA_API), ("com.aliyuncs", OTHER_ALIBABA_API),
    ("sdk.servererror", OTHER_ALIBABA_API), ("alibaba-cloud-sdk-go", OTHER_ALIBABA_API),
    ("@alicloud/pop-core", OTHER_ALIBABA_API), ("myqcloud.com", "Tencent Cloud COS"),
    ("x-cos-", "Tencent Cloud COS"), ("cosservice", "Tencent Cloud COS"), ("minio", "MinIO"),
    ("discord", "Discord"), ("websocket", "a WebSocket close code"), ("hologres", "Hologres"),
    ("dli.", "Huawei Cloud DLI"), ("apigw.", "Huawei Cloud API Gateway"), ("ray.exceptions", "Ray"),
    # Other object stores' hosts and SDKs: they print OSS's (S3's) codes and messages.
    ("qiniu", "Qiniu Kodo"), ("qbox.me", "Qiniu Kodo"), ("ksyuncs.com", "Kingsoft Cloud KS3"),
    ("volces.com", "Volcengine TOS"), ("cloudflarestorage.com", "Cloudflare R2"), ("backblazeb2.com", "Backblaze B2"),
    ("wasabisys.com", "Wasabi"), ("digitaloceanspaces.com", "DigitalOcean Spaces"), ("radosgw", "Ceph"),
    ("bcebos.com", "Baidu AI Cloud BOS"), ("ctyunapi.cn", "China Telecom Cloud OOS"),
)
ODPS_FAMILY = "a MaxCompute error family this reference does not cover (only ODPS-04 codes are here)"
# OSS's error names the host it answered for in HostId (`bucket.oss-cn-hangzhou.aliyuncs.com`); Amazon S3, MinIO,
# Ceph, Huawei OBS and Volcengine TOS put a request hash or ID there (base64, hex, a UUID): in the XML body, and
# where SDKs print the field (`host id: …` in Go, `HostID: …,`, `'HostId': '…'`). A value followed by a dot or a
# colon is a host; redacted values (`xxxxxx`) and local hosts say nothing.
HASHED_HOST_ID = re.compile(r"<hostid> ?(?!x+ ?</hostid>)[a-z0-9+/=\-]{12,} ?</hostid>"
                            r"|host ?id[\"'\]]? ?[:=] ?[\"']?(?!x+(?![a-z0-9+/=\-]))[a-z0-9+/=\-]{12,}(?![a-z0-9+/=.:\-])")
S3_LIKE = "Amazon S3 or an S3-compatible store (its HostId is a request hash, not an OSS host)"
# Alibaba Cloud's other APIs answer with their own host in HostId (`ram.aliyuncs.com`, `ecs.cn-hangzhou.aliyuncs.com`);
# every OSS host has a label with `oss` in it. A redacted label (`xxxx.aliyuncs.com`) says nothing.
OTHER_ALIBABA_HOST_ID = re.compile(r"(?:<hostid>|host ?id[\"'\]]? ?[:=]) ?[\"']?(?:(?!x+\.)(?:(?!oss)[a-z0-9-])+\.)+"
                                   r"aliyuncs\.com(?![a-z0-9.-])")
# Patterns of the flattened paste that name another product, with the product: declared once here, carried by
# the index to both matchers like FOREIGN's markers.
FOREIGN_PATTERNS = ((HASHED_HOST_ID.pattern, S3_LIKE), (OTHER_ALIBABA_HOST_ID.pattern, OTHER_ALIBABA_API))
# A code the paste writes in a field of its own (`ErrorCode=…`, `"code": "…"`, `<Code>…</Code>`): when it is none
# of ours and the best match is not a code the paste writes, the error is another one, whatever message or format
# it shares with a page here (an STS error printed by the OSS Go SDK's formatter), and the answer says so. Names
# only: a number there is a status as often as a code.
OTHER_CODE = "an error code this reference does not have"
WRITTEN_CODE = re.compile(r"(?:(?<![a-z0-9_])(?:error_?code|errcode|err_code|code)[\"']? ?[:=] ?[\"']?|<code> ?)"
                          r"([a-z][a-z0-9_.\-]*[a-z0-9])")


def r6(value: float) -> float:
    return math.floor(value * 1e6 + 0.5) / 1e6


def r2(value: float) -> float:
    return math.floor(value * 100 + 0.5) / 100


def cut(text: str) -> str:
    """At most MAX_CHARS code points."""
    return text[:MAX_CHARS]


def normalise(text: str) -> str:
    """ASCII letters in lower case, every run of space characters one space, no space at either end."""
    return SPACE.sub(" ", text.translate(ASCII_LOWER)).strip(" ")


def stem(word: str) -> str:
    """The crudest suffix stripping, the same in both runtimes: `exists`, `existed`, `existing` meet."""
    if word.isdigit():
        return word
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and (word.endswith("ed") or word.endswith("es")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 16)
def _kept_stem(word: str) -> str:
    """The word's stem, or "" for a word that says nothing. Remembered: the index asks again for the same few
    thousand words of the catalog's prose (158,000 times at 1,000 codes)."""
    keep = word not in STOPWORDS and len(word) <= 40 and not (len(word) == 1 and word.isdigit()) \
        and not re.fullmatch(r"x{2,}", word)
    return stem(word) if keep else ""


def message_words(flat: str) -> list[str]:
    """The distinct, stemmed words and Chinese character pairs of a normalised text, sorted."""
    return sorted({*prose_words(flat), *cjk_terms(flat)})


def prose_words(flat: str) -> list[str]:
    """Stemmed words in order of first appearance (a question's words, or our prose)."""
    seen: dict[str, None] = {}
    for word in WORD.findall(flat):
        kept = _kept_stem(word)
        if kept:
            seen.setdefault(kept, None)
    return list(seen)


def typo_fixed(words: list[str], index: dict) -> list[str]:
    """A paste's words (prose_words), each one the index does not know, `swap_min` letters or more and no digit,
    with two neighbouring letters swapped back when exactly one such swap makes a word it knows (`invaild`,
    `exsits`, `servcie`, `signatrue`): the slip people make most, and one that seldom turns a real word into
    another (on the dev half it never did, where one typo of any kind mostly did). Only the first
    `max_query_terms` unknown words are tried: a long log's ids and host names are not typos. Order kept, no
    repeats."""
    prose, idf, w = index["prose"], index["idf"], index["weights"]
    seen: dict[str, None] = {}
    tried = 0
    for word in words:
        if len(word) >= w["swap_min"] and word not in prose and word not in idf and word.isalpha() \
                and tried < w["max_query_terms"]:
            tried += 1
            swaps = {_kept_stem(word[:i] + word[i + 1] + word[i] + word[i + 2:]) for i in range(len(word) - 1)}
            known = [swap for swap in swaps if swap in prose or swap in idf]
            if len(known) == 1:
                word = known[0]
        seen.setdefault(word, None)
    return list(seen)


def cjk_terms(flat: str) -> list[str]:
    """Chinese as overlapping character pairs (a lone character stands for itself), in order of appearance."""
    seen: dict[str, None] = {}
    for run in CJK.findall(flat):
        if len(run) == 1:
            seen.setdefault(run, None)
        for start in range(len(run) - 1):
            seen.setdefault(run[start:start + 2], None)
    return list(seen)


def chinese_words(flat: str, vocabulary: frozenset[str] | set[str]) -> list[str]:
    """A paste's Chinese cut into the index's own words (the catalog's, cut by jieba at build time): from the
    left, the longest word of the vocabulary that starts here; a character that starts none is skipped. Both
    runtimes can do this in a few lines, and it never pairs the end of one word with the next (`时报`, `令查`)."""
    longest = max(map(len, vocabulary), default=0)
    seen: dict[str, None] = {}
    for run in CJK.findall(flat):
        start = 0
        while start < len(run):
            for end in range(min(len(run), start + longest), start + 1, -1):
                if run[start:end] in vocabulary:
                    seen.setdefault(run[start:end], None)
                    start = end
                    break
            else:
                start += 1
    return list(seen)


def quoted_texts(flat: str) -> list[str]:
    """What may be a piece of a message, 16 to 300 code points long: the whole paste, and in a paste with
    Chinese each run of other text between Chinese characters, full-width punctuation and curly quotes
    (`提示 Project not found`, `报错“Bucket is not empty”`): a Chinese question quotes the message it got. At
    most MAX_QUOTED runs, the first ones."""
    found = [flat] if PIECE_MIN <= len(flat) <= 300 else []
    whole = len(found)
    if CJK.search(flat):
        for run in BETWEEN_CHINESE.split(flat):
            run = run.strip(" \"'`")
            if PIECE_MIN <= len(run) <= 300 and run not in found:
                found.append(run)
                if len(found) - whole == MAX_QUOTED:
                    break
    return found


def segments(flat: str) -> list[str]:
    """The literal parts of a normalised message (placeholders such as `{0}`, `%s`, `xxxx` cut out)."""
    parts = (part.strip(" ") for part in PLACEHOLDER.split(flat))
    return [part for part in parts if len(part) >= 4]


def deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


def near_variants(key: str, build: bool = False) -> list[str]:
    """Keys of the typo table: the word, each one-character deletion and, at build time, the word cut short."""
    out = [key, *deletions(key)]
    if build:
        out += [key[:end] for end in range(max(NEAR_MIN, len(key) - 3), len(key))]
    return out


def distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps), capped at 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[len(b)], 3)


def pieces(token: str) -> list[str]:
    """A dotted or hyphenated name's parts, and its dotted runs (`a.b.c` gives `a.b`, `b.c`…), at most 8 parts."""
    out = [part for part in re.split(r"[.\-]", token) if part]
    dotted = token.split(".")[:8]
    for start in range(len(dotted)):
        for end in range(start + 2, len(dotted) + 1):
            if (start, end) != (0, len(dotted)):
                out.append(".".join(dotted[start:end]))
    return out


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; dotted or hyphenated names also yield their pieces."""
    out = []
    for token in TOKEN.findall(normalise(text)):
        out.append(token)
        if "." in token or "-" in token:
            out.extend(pieces(token))
    return out


def with_decoded_escapes(text: str) -> str:
    """A body logged as a quoted string read as the body: its escapes as the characters they stand for
    (`\\u003cCode\\u003e`, as Go writes `<Code>`; Chinese as `\\u8bf7\\u6c42`, as Python's json does; `\\"`,
    `\\n`). Half of a surrogate pair is left as written: the two runtimes hold one differently."""
    if "\\" not in text:
        return text

    def character(escape: re.Match) -> str:
        if escape.group(1) is None:
            return ESCAPED[escape.group(2)]
        point = int(escape.group(1), 16)
        return escape.group(0) if 0xD800 <= point <= 0xDFFF else chr(point)

    return ESCAPE.sub(character, text)


def with_decoded_headers(text: str) -> str:
    """Append the error XML that OSS hides base64-encoded in an `x-oss-err` header (HEAD requests have no body).
    Padding may be missing; a value that is not base64 is skipped."""
    decoded = []
    for value in X_OSS_ERR.findall(text)[:4]:
        value = value[:8_000].rstrip("=")
        if len(value) % 4 == 1:
            continue
        import base64  # only for a paste with such a header: the import costs `lookup` milliseconds
        import binascii

        try:
            raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        except (binascii.Error, ValueError):
            continue
        decoded.append(raw.decode("utf-8", errors="replace"))
    return text + ("\n" + "\n".join(decoded) if decoded else "")


def _word_char(char: str) -> bool:
    return "a" <= char <= "z" or "0" <= char <= "9"


def _hinted(flat: str, hints: list[str]) -> bool:
    """Whether a hint starts a word of the paste (`oss2.` yes, `loss` no)."""
    for hint in hints:
        start = flat.find(hint)
        while start != -1:
            if start == 0 or not _word_char(flat[start - 1]):
                return True
            start = flat.find(hint, start + 1)
    return False


def match(index: dict, text: str, limit: int = 5) -> dict:
    """Rank the catalog's pages for a pasted text.

    Returns {"matches": [...], "confident": bool, "foreign": [products named in the paste]}."""
    if index.get("version") != VERSION:
        raise ValueError(f"search index version {index.get('version')!r}, expected {VERSION}")
    raw = cut(text)
    flat = normalise(with_decoded_headers(with_decoded_escapes(raw)))
    entries, w = index["entries"], index["weights"]
    found: dict[int, dict] = {}

    def add(entry: int, score: float, reason: str, anchor: str = "", matched: str = "") -> None:
        current = found.get(entry)
        if current is None:
            current = found[entry] = {"entry": entry, "score": 0.0, "anchor": "", "matched": "", "reasons": []}
        current["score"] += score
        current["reasons"].append(reason)
        if anchor and not current["anchor"]:
            current["anchor"] = anchor
        if matched and not current["matched"]:
            current["matched"] = matched

    def add_code(entry: int) -> None:
        strong = not entries[entry]["w"] or entries[entry]["c"] in raw
        add(entry, w["code"] if strong else w["code_any_case"], "code")

    # Codes, aliases and near misses, token by token in order of appearance.
    seen: set[str] = set()
    foreign: list[str] = []
    checked_near = 0
    for m in TOKEN.finditer(flat):
        token = m.group(0)
        candidates = [token] + (pieces(token) if "." in token or "-" in token else [])
        for candidate in candidates:
            if candidate in seen:
                continue
            is_code = candidate in index["codes"]
            # A number counts as a code only where written as one; a later mention may still be.
            if is_code and candidate.isdigit() and not (
                    flat == candidate or CODE_CONTEXT.search(flat[max(0, m.start() - 24):m.start()])):
                continue
            seen.add(candidate)
            if is_code:
                for entry in index["codes"][candidate]:
                    add_code(entry)
            elif ODPS_CODE.match(candidate) and not candidate.startswith("odps-04") and ODPS_FAMILY not in foreign:
                foreign.append(ODPS_FAMILY)
            if candidate in index["aliases"]:
                for entry in index["aliases"][candidate]:
                    add(entry, w["alias"], "alias")
            elif not is_code and w["near_min"] <= len(candidate) <= 40 and not candidate.isdigit() \
                    and checked_near < w["max_query_terms"]:
                checked_near += 1
                _near(index, candidate, add)
    for code in index["phrase_codes"]:
        start = flat.find(code)
        while start != -1:
            end = start + len(code)
            if (start == 0 or not _word_char(flat[start - 1])) and (end == len(flat) or not _word_char(flat[end])):
                for entry in index["codes"][code]:
                    add_code(entry)
                break
            start = flat.find(code, start + 1)

    # The code is what identifies an error; a message is shared between codes more often than not.
    written = {entries[e]["s"] for e, current in found.items() if "code" in current["reasons"] or
               "alias" in current["reasons"]}
    english = typo_fixed(prose_words(flat), index)
    _messages(index, flat, english, add, lambda e: e in found or entries[e]["s"] not in written)
    _prose(index, flat, english, add)

    statuses = set(STATUS_WORD.findall(flat))
    for entry in sorted(found):
        current = found[entry]
        if any(str(status) in statuses for status in entries[entry]["h"]):
            current["score"] += w["status"]
            current["reasons"].append("status")
        if entries[entry]["d"]:
            current["score"] += w["official_list"]
    def boost(service: str, reason: str) -> None:
        """A sign of the service in the paste: each of its pages already found gains `reason`'s weight."""
        for entry in sorted(found):
            if entries[entry]["s"] == service:
                found[entry]["score"] += w[reason]
                found[entry]["reasons"].append(reason)

    hinted = []
    for service, hints in index["hints"]:
        if _hinted(flat, hints):
            hinted.append(service)
            boost(service, "hint")
    for service, names in index["operations"]:
        if _hinted(flat, names):
            boost(service, "operation")

    for marker, product in index["foreign"]:
        if product not in foreign and marker in flat:
            foreign.append(product)
    for pattern, product in index["foreign_patterns"]:
        if product not in foreign and re.search(pattern, flat):
            foreign.append(product)
    # A tie goes to the code of an official list (oss/InvalidArgument before the Tunnel code the SDK adds).
    ranked = sorted(found.values(), key=lambda m: (-r6(m["score"]), -entries[m["entry"]]["d"], m["entry"]))[:limit]
    pattern, other_code = index["written_code"]
    if ranked and other_code not in foreign and not {"code", "alias"} & set(ranked[0]["reasons"]) and any(
            code not in index["codes"] and code not in index["aliases"] for code in re.findall(pattern, flat)):
        foreign.append(other_code)
    confident = False
    if ranked and not foreign:
        top = ranked[0]
        service = entries[top["entry"]]["s"]
        strong = "code" in top["reasons"] or "alias" in top["reasons"] or "message!" in top["reasons"] or (
            "message?" in top["reasons"] and service in hinted)
        # A code that is a plain phrase ("Connection reset") is everyone's error unless the paste names the service.
        generic = bool(entries[top["entry"]]["w"]) and service not in hinted
        needs_hint = service in index["context"] and service not in hinted
        margin = len(ranked) == 1 or top["score"] - ranked[1]["score"] >= w["confident_margin"]
        confident = strong and not generic and not needs_hint and top["score"] >= w["confident_score"] and margin
    results = []
    for current in ranked:
        entry = entries[current["entry"]]
        url = entry["u"] + (f"#{current['anchor']}" if current["anchor"] else "")
        reasons = sorted({reason.rstrip("!?") for reason in current["reasons"]})
        results.append({"service": entry["s"], "code": entry["c"], "url": url, "title": entry["t"],
                        "score": r2(current["score"]), "matched": current["matched"], "reasons": reasons})
    return {"matches": results, "confident": confident, "foreign": foreign}


def _near(index: dict, token: str, add: Callable) -> None:
    """A code or error name with one typo, or cut short: `NoSuchBuckett`, `RequestTimeTooSkew`, `ODPS-042095`."""
    keys: list[int] = []
    for variant in near_variants(token):
        for number in index["near"].get(variant, ()):
            if number not in keys:
                keys.append(number)
    for number in sorted(keys):
        key, key_entries = index["near_keys"][number]
        cut_short = key.startswith(token) and len(key) - len(token) <= 4
        gap = 1 if cut_short else distance(token, key)
        if gap <= 2:
            for entry in key_entries:
                add(entry, index["weights"]["near"] * (1.0 if gap == 1 else 0.75), "near")


def _messages(index: dict, flat: str, english: list[str], add: Callable, own: Callable[[int], bool]) -> None:
    """Documented messages and printed variants: the share of their words in the paste, weighted by rarity;
    the whole literal text in the paste (or the paste a piece of it, or a template's first parts) counts as all
    of it, a longer one a little more. `english`: the paste's words (typo_fixed). `own(entry)` is false for an
    entry whose service's code the paste writes, but another one."""
    words = {*english, *cjk_terms(flat)}
    considered: list[int] = []
    marks: set[int] = set()
    for word in sorted(words):
        number = 0
        for gap in index["message_postings"].get(word, ()):
            number += gap  # each message is written as its distance from the one before
            if number not in marks:
                marks.add(number)
                considered.append(number)
    quoted = quoted_texts(flat)
    # The messages the paste, or a run it quotes, is a piece of, with the length of the longest such run: each
    # message looked at once.
    pieces: dict[int, int] = {}
    if quoted:
        for number, message in enumerate(index["messages"]):
            runs = [len(text) for part in message["x"] for text in quoted if text in part]
            if runs:
                pieces[number] = max(runs)
    for number in sorted(pieces.keys() - marks):
        marks.add(number)
        considered.append(number)
    best: dict[int, tuple[float, float, int, float]] = {}
    idf, w = index["idf"], index["weights"]
    for number in sorted(considered):
        message = index["messages"][number]
        if not message["w"]:
            continue  # all placeholders and field names (`code: %d, message: %s`): it says nothing
        total = hit = 0.0
        hits = 0
        for word in message["w"]:
            weight = idf.get(word, 1.0)
            total += weight
            if word in words:
                hit += weight
                hits += 1
        share = hit / total if total else 0.0
        if len(message["w"]) <= 3 and hits < len(message["w"]):
            share = 0.0  # two words of a three-word message say little
        parts = message["x"]
        bonus = 0.0
        # The whole literal text in the paste, or the paste a piece of it (cut off, or a fragment), or a template
        # written from its start and cut off: as written, it counts a little more the longer it is, and a piece
        # for the square of the share it covers (the whole message beats a piece of a longer one; a log cut off
        # near the end is almost the whole).
        whole = share >= 0.5 and parts and message["l"] >= 12 and all(part in flat for part in parts)
        literal = message["l"] if whole else max(pieces.get(number, 0), _leading(flat, parts))
        if share >= 0.5 and not literal and hits < w["scattered_words"]:
            share = 0.0
        if literal:
            share = 1.0
            covered = literal / message["l"]
            bonus = w["literal_whole"] * covered * covered + w["literal_per_char"] * min(literal, w["literal_chars"])
        if share >= 0.5 and (share, bonus) > best.get(message["e"], (0.0, 0.0, -1, 0.0))[:2]:
            best[message["e"]] = (share, bonus, number, min(1.0, total / w["message_information"]))
    for entry in sorted(best):
        share, bonus, number, information = best[entry]
        message = index["messages"][number]
        # Part of a message counts for less than its share: a code written in the paste outweighs it.
        score = (w["message"] * share * share + bonus) * (1.0 if own(entry) else w["beside_code"]) * information
        # A message that is an HTTP reason phrase is strong only beside a sign of its service (`message?`).
        strength = ("message?" if message.get("g") else "message!") if share >= w["strong_share"] else "message"
        add(entry, score, strength, message["a"], message["t"])


def _leading(flat: str, parts: list[str]) -> int:
    """How much of a template the paste writes from its start, cut off before its end: the length of its first
    literal parts found in the paste in order (`functionname [` then `] and aliasname [` in `functionName [f1]
    and aliasName [a1] do not`), and of the start of the next part where the paste ends with it (`cpuLimit (4)
    must b`: a log cut off there), at least PIECE_MIN, else 0. A filled template is never a piece of one literal
    part, so without this a log cut short after its values had only the share of its words, and a template of
    three words not even that (bench/own_texts.py: of the catalog's templates filled and cut off, 283 of 1,377
    lost their page before, 155 with the whole parts, 88 with the next part's start too). Only where the paste
    ends: two templates that begin alike would otherwise both claim a paste that goes on to differ."""
    if len(parts) < 2:
        return 0
    leading = position = 0
    stopped = parts[-1]
    for part in parts[:-1]:
        found_at = flat.find(part, position)
        if found_at == -1:
            stopped = part
            break
        leading += len(part)
        position = found_at + len(part)
    if leading:
        for size in range(len(stopped) - 1, 0, -1):
            if flat.endswith(stopped[:size]) and len(flat) - size >= position:
                leading += size
                break
    return leading if leading >= PIECE_MIN else 0


def _prose(index: dict, flat: str, english: list[str], add: Callable) -> None:
    """Plain words (`english`, typo_fixed) and Chinese against our own prose (BM25 weights made at build time),
    saturating at `prose`."""
    w = index["weights"]
    chinese = chinese_words(flat, set(index["chinese_words"]))
    terms = english[:w["max_query_terms"]] + chinese[:w["max_query_terms"]]
    scores: dict[int, float] = {}
    order: list[int] = []
    for term in terms:
        postings = index["prose"].get(term)
        if not postings:
            continue
        entry = 0
        for i in range(0, len(postings), 2):
            entry += postings[i]  # each entry is written as its distance from the one before
            if entry not in scores:
                scores[entry] = 0.0
                order.append(entry)
            scores[entry] += postings[i + 1] / 100
    ranked = sorted(order, key=lambda e: (-r6(scores[e]), e))[:w["prose_shown"]]
    for entry in sorted(ranked):
        value = scores[entry]
        add(entry, w["prose"] * value / (value + w["prose_half"]), "prose")


# Spaces spelt out (`\\s` differs between the languages); ASCII-only case folding.
_S = "[ \\t\\n\\r\\f\\v]"
DETAILS = (
    ("request_id", re.compile(rf"(?:request[ _\t\n\r\f\v-]?id|x-oss-request-id)[\"'\] \t\n\r\f\v]*[:=>]+{_S}*[\"']?"
                              r"([A-Za-z0-9][A-Za-z0-9-]{11,63})", re.I | re.A)),
    ("ec", re.compile(rf"(?:<EC>|x-oss-ec[\"' \t\n\r\f\v]*[:=]{_S}*[\"']?|[\"']EC[\"']{_S}*:{_S}*[\"']|\[EC\]:{_S}*)"
                      r"([0-9]{4}-[0-9]{8})", re.I | re.A)),
    ("privilege", re.compile(rf"privilege{_S}+'([^']{{1,80}})'{_S}+on{_S}+\{{?([^ \t\n\r\f\v,}}]{{1,200}})",
                             re.I | re.A)),
    ("request_time", re.compile(r"<RequestTime>([^<]{1,64})</RequestTime>", re.I | re.A)),
    ("server_time", re.compile(r"<ServerTime>([^<]{1,64})</ServerTime>", re.I | re.A)),
)


def details(text: str) -> dict[str, str]:
    """What a paste itself tells: request ID, OSS EC detail code, missing privilege, request and server time (a
    body logged as a quoted string read as the body, as `match` reads it)."""
    text = with_decoded_escapes(cut(text))
    out = {}
    for name, pattern in DETAILS:
        found = pattern.search(text)
        if found:
            if name == "privilege":
                out["privilege"], out["object"] = found.group(1), found.group(2)
            else:
                out[name] = found.group(1).strip(" \t\n\r\f\v")
    return out
