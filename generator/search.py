"""Paste an error, find its page: the matcher shared by the CLI and the site.

The index is plain data built from the linked catalog; `match` is a small,
linear-time scorer over it. `docs/assets/errdocs-search.js` implements the very
same steps over the very same index (published as `assets/errdocs-index.js`),
and a browser test checks that both rank every fixture paste alike.

Evidence and weights, strongest first:
- a code written as such (`ErrorCode=X`, `<Code>X</Code>`, `"error_id": "CS.11004"`, `ODPS-0420095`): CODE;
- an alias (SDK exception class, enum constant, error name): ALIAS;
- a documented message, verbatim or mostly (IDF-weighted word overlap): MESSAGE;
- words of our own title (for symptoms typed in plain words): TITLE;
- a hint of the service (`x-oss-`, `com.aliyun.odps.tunnel`…): HINT, only for codes already found.
A paste that names another vendor (S3, OBS, GCS…) is never confident.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .link import Catalog

MAX_CHARS = 100_000
CODE, CODE_ANY_CASE, ALIAS, MESSAGE, TITLE, HINT, STATUS = 10.0, 7.0, 9.0, 10.0, 5.0, 3.0, 1.0
SHORT_QUERY = 12
CONFIDENT_SCORE, CONFIDENT_MARGIN = 9.0, 3.0

TOKEN = re.compile(r"[a-z0-9_]+(?:[.\-][a-z0-9_]+)*")
STOPWORDS = frozenset(
    "a an the is are was were be been to of in on at for by with and or not no it its this that as from "
    "you your can cannot could than then there which when what how why do does did error errors".split())
# (The last two only say "this is an error": they carry no evidence of which one.)
# A number counts as a code only right after one of these (`"code": 4115`, `ErrorCode: 1001`, `error code 4115`).
CODE_CONTEXT = re.compile(r"(?:code|error_id|errorcode|errcode|error_code)[\"'\s]*[:=>]?\s*[\"']?\s*$")
# What SDKs put before the message proper: `ErrorCode=X, ErrorMessage=`, `ODPS-0420095: `.
MESSAGE_PREFIX = re.compile(r"^(?:errorcode=[^,]*?,?\s*errormessage=|errormessage=|odps-\d+:\s*)")
STATUS_WORD = re.compile(r"(?<![0-9.])[1-5][0-9]{2}(?![0-9.])")
X_OSS_ERR = re.compile(r"x-oss-err\s*:\s*([A-Za-z0-9+/=]{8,})", re.I)

FOREIGN = (
    "amazonaws.com", "x-amz-", "botocore", "boto3", "aws sdk", "awserror", "s3exception", "com.amazonaws",
    "x-obs-", "myhuaweicloud.com", "obsexception", "obs.", "googleapis", "google.cloud", "azure",
    "windows.net", "<center>nginx", "nginx/", "aliyun.tea", "tea.exceptions", "teaexception",
    "awsaccesskeyid", "myqcloud.com", "x-cos-", "cosservice",
)


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
    for token in TOKEN.findall(text.lower()):
        out.append(token)
        if "." in token or "-" in token:
            out.extend(pieces(token))
    return out


def _words(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in STOPWORDS and not re.fullmatch(r"x+|\d", t)]


def build_index(catalog: "Catalog", directory_urls: bool = True) -> dict:
    """The search data, as JSON-ready plain data; page URLs as directories or, offline, as `.html` files."""
    from .link import message_anchor

    entries, codes, aliases, messages, titles, entry_words = [], {}, {}, [], [], []
    document_frequency: Counter[str] = Counter()
    for index, page in enumerate(catalog.pages):
        entry = page.entry
        # A code that is also a plain word ("Unauthorized") counts fully only when written in its own case.
        plain_word = bool(re.fullmatch(r"[A-Za-z][a-z]+(?: [a-z]+)*", entry.code))
        url = page.url if directory_urls else page.path.removesuffix(".md") + ".html"
        entries.append({"s": page.service.slug, "n": page.service.name, "c": entry.code, "u": url,
                        "t": entry.title, "w": int(plain_word), "h": list(entry.http_status)})
        for code in (entry.code, *entry.former_codes):
            codes.setdefault(code.lower(), []).append(index)
        for alias in entry.aliases:
            key = alias.name.lower()
            if index not in aliases.setdefault(key, []):
                aliases[key].append(index)
        message_words: set[str] = set()
        for message in entry.messages:
            text = MESSAGE_PREFIX.sub("", " ".join(message.text.lower().split()))
            words = sorted(set(_words(text)))
            # Only variants get an anchor in results: a code's single message is the page itself.
            anchor = message_anchor(entry, message) if message.id else ""
            messages.append({"e": index, "a": anchor, "w": words, "x": text})
            document_frequency.update(words)
            message_words.update(words)
        title_words = sorted(set(_words(entry.title)) | set(_words(entry.code)))
        titles.append(title_words)
        document_frequency.update(title_words)
        topic_words = {w for topic in page.topics for w in _words(topic.topic.title)}
        entry_words.append(sorted(message_words | topic_words | set(_words(page.service.name))))
    total = len(messages) + len(titles)
    idf = {word: round(math.log((total + 1) / (count + 0.5)), 3) for word, count in document_frequency.items()}
    hints = {section.service.slug: [h.lower() for h in section.service.search_hints] for section in catalog.sections}
    return {"version": 1, "entries": entries, "codes": codes, "aliases": aliases, "messages": messages,
            "titles": titles, "entry_words": entry_words, "idf": idf, "hints": hints, "foreign": list(FOREIGN)}


def cached_index(catalog_dir: Path, build: "Callable[[], Catalog]") -> dict:
    """The index for a catalog directory, rebuilt only when a catalog file or this module changes.

    Reading and validating the YAML takes seconds; a pasted error should be answered in well under one.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(catalog_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "errdocs"
    cache = cache_dir / f"index-{digest.hexdigest()[:32]}.json"
    try:
        return json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    index = build_index(build())
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass  # a read-only home only costs speed
    return index


def with_decoded_headers(text: str) -> str:
    """Append the error XML that OSS hides base64-encoded in an `x-oss-err` header (HEAD requests have no body)."""
    import base64
    import binascii

    decoded = []
    for value in X_OSS_ERR.findall(text)[:4]:
        try:
            decoded.append(base64.b64decode(value[:8_000], validate=True).decode("utf-8", errors="replace"))
        except (binascii.Error, ValueError):
            continue
    return text + ("\n" + "\n".join(decoded) if decoded else "")


@dataclass
class Match:
    entry: int
    score: float = 0.0
    anchor: str = ""
    reasons: list[str] = field(default_factory=list)


def _overlap(words: list[str], present: set[str], idf: dict[str, float]) -> float:
    total = sum(idf.get(w, 1.0) for w in words)
    if not total:
        return 0.0
    return sum(idf.get(w, 1.0) for w in words if w in present) / total


def match(index: dict, text: str, limit: int = 5) -> tuple[list[dict], bool]:
    """Rank the catalog's pages for a pasted text; returns (matches, confident)."""
    text = with_decoded_headers(text[:MAX_CHARS])
    lower = text.lower()
    flat = " ".join(lower.split())
    found: dict[int, Match] = {}

    def add(entry: int, score: float, reason: str, anchor: str = "") -> None:
        current = found.setdefault(entry, Match(entry))
        current.score += score
        current.reasons.append(reason)
        if anchor and not current.anchor:
            current.anchor = anchor

    def add_code(entry: int) -> None:
        strong = not index["entries"][entry]["w"] or index["entries"][entry]["c"] in text
        add(entry, CODE if strong else CODE_ANY_CASE, "code")

    # Codes: whole tokens equal to a code; numbers only where written as a code.
    seen: set[str] = set()
    for m in TOKEN.finditer(lower):
        token = m.group(0)
        candidates = [token] + (pieces(token) if "." in token or "-" in token else [])
        for candidate in candidates:
            if candidate in seen or candidate not in index["codes"]:
                continue
            if candidate.isdigit() and not (flat == candidate or CODE_CONTEXT.search(lower[max(0, m.start() - 24):m.start()])):
                continue
            seen.add(candidate)
            for entry in index["codes"][candidate]:
                add_code(entry)
    for code, entries in index["codes"].items():
        if " " in code and re.search(r"(?<![a-z0-9])" + re.escape(code) + r"(?![a-z0-9])", flat):
            for entry in entries:
                add_code(entry)
    for token in set(tokens(lower)):
        for entry in index["aliases"].get(token, ()):
            add(entry, ALIAS, "alias")

    # Messages and titles: IDF-weighted share of their words present in the paste.
    present = set(_words(lower))
    best: dict[int, tuple[float, str]] = {}
    for message in index["messages"]:
        share = _overlap(message["w"], present, index["idf"]) if message["w"] else 0.0
        # The whole message in the paste, or the paste a piece of the message (cut off, or a fragment).
        # Most of the paste's words must be there already for the first, so only then is the text scanned.
        if (share >= 0.5 and len(message["x"]) >= 12 and message["x"] in flat) or (
                len(flat) >= 16 and flat in message["x"]):
            share = 1.0
        if share >= 0.5 and share > best.get(message["e"], (0.0, ""))[0]:
            best[message["e"]] = (share, message["a"])
    for entry, (share, anchor) in best.items():
        add(entry, MESSAGE * share, "message", anchor)
    short = sorted(present) if len(present) <= SHORT_QUERY else []
    for entry, words in enumerate(index["titles"]):
        share = _overlap(words, present, index["idf"])
        if short:
            # A few typed words ("clock skew 15 minutes oss"): how much of the query the entry explains.
            share = max(share, _overlap(short, set(words) | set(index["entry_words"][entry]), index["idf"]))
        if share >= 0.6:
            add(entry, TITLE * share, "title")

    statuses = set(STATUS_WORD.findall(lower))
    for current in found.values():
        if any(str(status) in statuses for status in index["entries"][current.entry]["h"]):
            current.score += STATUS
            current.reasons.append("status")

    for service, hints in index["hints"].items():
        if any(hint in lower for hint in hints):
            for current in found.values():
                if index["entries"][current.entry]["s"] == service:
                    current.score += HINT
                    current.reasons.append("hint")

    ranked = sorted(found.values(), key=lambda m: (-round(m.score, 6), m.entry))[:limit]
    foreign = any(marker in lower for marker in index["foreign"])
    # A code that is a plain phrase ("Connection reset") is everyone's error unless the paste names the service.
    generic = bool(ranked) and bool(index["entries"][ranked[0].entry]["w"]) and "hint" not in ranked[0].reasons
    confident = bool(ranked) and not foreign and not generic and ranked[0].score >= CONFIDENT_SCORE and (
        len(ranked) == 1 or ranked[0].score - ranked[1].score >= CONFIDENT_MARGIN)
    results = []
    for current in ranked:
        entry = index["entries"][current.entry]
        url = entry["u"] + (f"#{current.anchor}" if current.anchor else "")
        results.append({"service": entry["s"], "code": entry["c"], "url": url, "title": entry["t"],
                        "score": round(current.score, 2), "reasons": sorted(set(current.reasons))})
    return results, confident


DETAILS = (
    ("request_id", re.compile(r"(?:request[\s_-]?id|x-oss-request-id)[\"'\]\s]*[:=>]+\s*[\"']?([A-Za-z0-9][A-Za-z0-9-]{11,63})",
                              re.I)),
    ("ec", re.compile(r"(?:<EC>|x-oss-ec[\"'\s]*[:=]\s*[\"']?|[\"']EC[\"']\s*:\s*[\"']|\[EC\]:\s*)(\d{4}-\d{8})", re.I)),
    ("privilege", re.compile(r"privilege\s+'([^']{1,80})'\s+on\s+\{?([^\s,}]{1,200})", re.I)),
    ("request_time", re.compile(r"<RequestTime>([^<]{1,64})</RequestTime>", re.I)),
    ("server_time", re.compile(r"<ServerTime>([^<]{1,64})</ServerTime>", re.I)),
)


def details(text: str) -> dict[str, str]:
    """What a paste itself tells: request ID, OSS EC detail code, missing privilege, request and server time."""
    text = text[:MAX_CHARS]
    out = {}
    for name, pattern in DETAILS:
        found = pattern.search(text)
        if found:
            if name == "privilege":
                out["privilege"], out["object"] = found.group(1), found.group(2)
            else:
                out[name] = found.group(1).strip()
    return out
