"""The Python API: turn an error (an exception or any text) into the page that explains it.

    import errdocs
    try:
        ...
    except Exception as error:
        log.error("upload failed: %s (see %s)", error, errdocs.doc_url(error))

`lookup` ranks the pages for a text as `errdocs lookup` does; `doc_url` is its confident answer only,
so that an application never links a guess. URLs are absolute, on the published site (`site_url()`,
fixed when the wheel was built), or on `base_url` when the caller gives one (a mirror, a local copy)."""

from __future__ import annotations

from dataclasses import dataclass

from . import bundled
from .search import details, match


@dataclass(frozen=True)
class Match:
    """One page that may explain the error."""

    service: str
    """Service slug, as in the URL (`oss`, `maxcompute-api`)."""
    code: str
    """The code exactly as the service prints it."""
    title: str
    """What went wrong, in one line."""
    url: str
    """The page's absolute URL, with the anchor of the message that matched, if any."""
    score: float
    """How much evidence the text holds for this page (codes, aliases, messages, words)."""
    confident: bool
    """True for the best match of a text that names the error unambiguously (a code, an alias or most of
    a message, and the service where other products share its codes)."""
    matched: str
    """The documented message or printed variant that matched, when one did."""
    details: dict[str, str]
    """What the text itself tells: request ID, OSS detail code, missing privilege, clock skew."""


def site_url() -> str:
    """The address of the published site, ending in `/`."""
    return bundled.site_url()


def lookup(text: str | BaseException, limit: int = 5, base_url: str | None = None) -> list[Match]:
    """The pages that may explain `text` (or an exception: its type, message and chained causes), best
    first; empty when nothing matched."""
    text = _text_of(text)
    result = match(bundled.search_index(bundled.default_catalog()), text, limit=limit)
    base = base_url if base_url is not None else site_url()
    told = details(text)
    return [Match(service=m["service"], code=m["code"], title=m["title"], url=f"{base}{m['url']}",
                  score=m["score"], confident=result["confident"] and rank == 0, matched=m["matched"],
                  details=told)
            for rank, m in enumerate(result["matches"])]


def doc_url(error: str | BaseException, base_url: str | None = None) -> str | None:
    """The absolute URL of the page that explains `error`, or None when errdocs is not sure which."""
    matches = lookup(error, limit=1, base_url=base_url)
    return matches[0].url if matches and matches[0].confident else None


def _text_of(error: str | BaseException) -> str:
    """An exception as the text a log would show: `module.Type: message` for it and each cause."""
    if isinstance(error, str):
        return error
    parts, seen = [], set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        parts.append(f"{kind.__module__}.{kind.__qualname__}: {current}")
        # SDK exceptions often keep the service's code and request ID in attributes, not in str().
        for name in ("code", "error_code", "status", "request_id", "details", "body"):
            value = getattr(current, name, None)
            if isinstance(value, (str, int)) and str(value) not in parts[-1]:
                parts.append(f"{name}: {value}")
        current = current.__cause__ or current.__context__
    return "\n".join(parts)
