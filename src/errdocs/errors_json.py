"""`errors.json`, the public machine-readable catalog, and its JSON Schema (from the export models)."""

from __future__ import annotations

import json

from .link import Catalog, message_anchor, variant_anchor
from .model import (Cited, ExportedAlias, ExportedCatalog, ExportedError, ExportedMessage, ExportedSource,
                    ExportedVariant, Service)


def exported_source(service: Service, cited: Cited) -> ExportedSource:
    source = service.source(cited.source)
    return ExportedSource(title=source.title, section=cited.section, repository=source.repository, path=cited.path)


def exported(catalog: Catalog) -> ExportedCatalog:
    """The public `errors.json` model of the catalog."""
    records = []
    for page in catalog.pages:
        entry, service = page.entry, page.service
        source = service.source(entry.provenance.source)
        where = (f"{source.title}, {entry.provenance.section}" if source.is_document
                 else f"{source.repository}: {entry.provenance.path}")
        records.append(ExportedError(
            service=service.slug, service_name=service.name, code=entry.code, url=page.url,
            title=entry.title, http_status=entry.http_status,
            messages=tuple(ExportedMessage(text=m.text, anchor=message_anchor(entry, m)) for m in entry.messages),
            variants=tuple(ExportedVariant(text=v.text, anchor=variant_anchor(v.id), origin=v.origin,
                                           template=v.template, lang=v.lang, source=exported_source(service, v))
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
        ))
    return ExportedCatalog(version=1, errors=tuple(records))


def errors_json(catalog: Catalog) -> str:
    return json.dumps(exported(catalog).model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def errors_schema() -> str:
    """JSON Schema of `errors.json`, derived from the export model."""
    return json.dumps(ExportedCatalog.model_json_schema(), indent=1) + "\n"
