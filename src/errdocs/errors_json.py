"""`errors.json`, the public machine-readable catalog, and its JSON Schema (from the export models)."""

from __future__ import annotations

import functools
import json
import re

from pydantic import BaseModel

from .link import Catalog, CodePage, message_anchor, variant_anchor
from .model import (Cited, ExportedAlias, ExportedCatalog, ExportedError, ExportedMessage, ExportedPlaceholder,
                    ExportedSource, ExportedVariant, Service)
from .render_memo import RenderMemo, remembered
from .search import PLACEHOLDER

# The search's placeholders, read in the text as written (the search reads it in lower case: `XXX` too).
PLACEHOLDER_ANY_CASE = re.compile(PLACEHOLDER.pattern, re.IGNORECASE)
# Escaped in a pattern: the characters with a meaning in Python's and JavaScript's regular expressions
# (JavaScript's `u` mode refuses escapes of any other character, such as `\-`).
SYNTAX = re.compile(r"[\\^$.*+?()[\]{}|/]")
SPACES = re.compile(r"\s+")


def exported_source(service: Service, cited: Cited) -> ExportedSource:
    source = service.source(cited.source)
    return ExportedSource(title=source.title, section=cited.section, repository=source.repository, path=cited.path,
                          page=source.link(cited.path) if source.pages else None)


# Remembered per text, as pure functions of it: a serve session writes again the records of every page an edit
# touches, most of whose messages it has seen before.
@functools.lru_cache(maxsize=1 << 16)
def placeholders(text: str) -> tuple[ExportedPlaceholder, ...]:
    return tuple(ExportedPlaceholder(start=m.start(), end=m.end(), text=m.group(0))
                 for m in PLACEHOLDER_ANY_CASE.finditer(text))


@functools.lru_cache(maxsize=1 << 16)
def pattern(text: str) -> str:
    """A regular expression finding `text` with its placeholders filled in (see PATTERN_DESCRIPTION)."""
    def literal(part: str) -> str:
        return SPACES.sub(r"\\s+", SYNTAX.sub(lambda m: "\\" + m.group(0), part))

    return "(.+?)".join(literal(part) for part in PLACEHOLDER_ANY_CASE.split(text))


def exported_error(page: CodePage, base: str) -> ExportedError:
    """One code's record of `errors.json`; URLs absolute on `base` (the site's address ending in `/`, or empty)."""
    entry, service = page.entry, page.service
    source = service.source(entry.provenance.source)
    where = (f"{source.title}, {entry.provenance.section}" if source.is_document
             else f"{source.repository or source.title}: {entry.provenance.path}")
    return ExportedError(
        service=service.slug, service_name=service.name, code=entry.code, url=base + page.url,
        path=page.url, title=entry.title, first_try=entry.first_try, http_status=entry.http_status,
        messages=tuple(ExportedMessage(text=m.text, anchor=message_anchor(entry, m),
                                       url=f"{base}{page.url}#{message_anchor(entry, m)}",
                                       placeholders=placeholders(m.text), pattern=pattern(m.text))
                       for m in entry.messages),
        variants=tuple(ExportedVariant(text=v.text, anchor=variant_anchor(v.id), origin=v.origin,
                                       template=v.template, lang=v.lang, source=exported_source(service, v),
                                       url=f"{base}{page.url}#{variant_anchor(v.id)}",
                                       placeholders=placeholders(v.text), pattern=pattern(v.text))
                       for v in entry.variants),
        module=entry.module, severity=entry.severity, group=entry.group,
        aliases=tuple(a.name for a in entry.aliases),
        alias_details=tuple(ExportedAlias(name=a.name, kind=a.kind, source=exported_source(service, a))
                            for a in entry.aliases),
        documented=source.is_document,
        related=tuple(f"{link.service}/{link.code}" for link in page.related),
        topics=tuple(topic.topic.slug for topic in page.topics),
        retired=entry.retired is not None,
        former_codes=entry.former_codes,
        source=where,
    )


def site_base(site_url: str) -> str:
    return site_url.rstrip("/") + "/" if site_url else ""


def exported(catalog: Catalog, site_url: str = "") -> ExportedCatalog:
    """The public `errors.json` model of the catalog; URLs absolute on `site_url` (relative without one)."""
    base = site_base(site_url)
    return ExportedCatalog(version=2, site_url=base, errors=tuple(exported_error(page, base) for page in catalog.pages))


def _dumped(model: BaseModel, depth: int) -> str:
    """`model` as `json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=1)` writes it `depth`
    levels deep in a larger document (JSON strings hold no raw line break, so every line break is one of the
    layout's). pydantic's serializer writes the same text (tests/test_render.py) several times faster than
    Python's encoder, which is pure Python once an indent is asked for."""
    return model.model_dump_json(indent=1).replace("\n", "\n" + " " * depth)


def errors_json(catalog: Catalog, site_url: str = "", memo: RenderMemo | None = None) -> str:
    """`errors.json`: the `exported` model as indented JSON, written record by record, so that a serve session
    (`memo`) writes again only the records of the pages an edit changed."""
    base = site_base(site_url)
    records = [remembered(memo, "errors.json record", page.path, (page, base),
                          lambda page=page: _dumped(exported_error(page, base), 2))
               for page in catalog.pages]
    head = _dumped(ExportedCatalog(version=2, site_url=base, errors=()), 0)
    assert head.endswith('\n "errors": []\n}'), "errors is the last field of ExportedCatalog"
    errors = "[\n  " + ",\n  ".join(records) + "\n ]" if records else "[]"
    return head[:-len("[]\n}")] + errors + "\n}\n"


def errors_schema() -> str:
    """JSON Schema of `errors.json`, derived from the export model."""
    return json.dumps(ExportedCatalog.model_json_schema(), indent=1) + "\n"
