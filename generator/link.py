"""Stage 3: the whole catalog as one graph of pages, built before anything is rendered.

Every URL and every relation is resolved here, once, so rendering is a set of
pure functions over this structure and never looks anything up in the files.
Relations are written once in the catalog and shown on both pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from .load import LoadedFile
from .model import Entry, Message, Service, code_slug


def message_anchor(entry: Entry, message: Message) -> str:
    """Anchor of one message on its code's page: stable, taken from the message's `id`."""
    return f"message-{message.id}" if message.id else "message"


@dataclass(frozen=True)
class Link:
    """A resolved pointer from one code page to another, with the reason shown to readers."""

    service: str
    service_name: str
    code: str
    title: str
    path: str
    why: str


@dataclass(frozen=True)
class CodePage:
    """Everything one code page shows."""

    service: Service
    entry: Entry
    path: str
    url: str
    related: tuple[Link, ...]

    @property
    def slug(self) -> str:
        return code_slug(self.entry.code)


@dataclass(frozen=True)
class ServiceSection:
    """A service with its code pages in catalog order."""

    service: Service
    pages: tuple[CodePage, ...]

    @property
    def path(self) -> str:
        return f"{self.service.slug}/index.md"


@dataclass(frozen=True)
class Catalog:
    """The linked catalog: services in a fixed order, each with its pages."""

    sections: tuple[ServiceSection, ...]
    by_code: Mapping[tuple[str, str], CodePage] = field(compare=False, repr=False)

    @property
    def pages(self) -> tuple[CodePage, ...]:
        return tuple(page for section in self.sections for page in section.pages)

    def page(self, service: str, code: str) -> CodePage | None:
        return self.by_code.get((service, code))


def page_path(service: str, code: str) -> str:
    return f"{service}/{code_slug(code)}.md"


def page_url(service: str, code: str) -> str:
    return f"{service}/{code_slug(code)}/"


def link(files: list[LoadedFile]) -> Catalog:
    """Resolve URLs and make every relation two-way; services in slug order. Input must be validated."""
    titles = {(f.model.service.slug, e.code): e.title for f in files for e in f.model.errors}
    names = {f.model.service.slug: f.model.service.name for f in files}
    related: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for loaded in files:
        slug = loaded.model.service.slug
        for entry in loaded.model.errors:
            for relation in entry.related:
                other_service, _, other_code = relation.code.partition("/")
                related[(slug, entry.code)].append(
                    Link(other_service, names[other_service], other_code, titles[(other_service, other_code)],
                         page_path(other_service, other_code), relation.why))
                related[(other_service, other_code)].append(
                    Link(slug, names[slug], entry.code, entry.title, page_path(slug, entry.code), relation.why))

    sections = []
    for loaded in sorted(files, key=lambda f: f.model.service.slug):
        service = loaded.model.service
        pages = []
        for entry in loaded.model.errors:
            links: dict[tuple[str, str], Link] = {}
            for item in related[(service.slug, entry.code)]:
                links.setdefault((item.service, item.code), item)
            pages.append(CodePage(service, entry, page_path(service.slug, entry.code),
                                  page_url(service.slug, entry.code), tuple(links.values())))
        sections.append(ServiceSection(service, tuple(pages)))
    by_code = {(p.service.slug, p.entry.code): p for section in sections for p in section.pages}
    return Catalog(tuple(sections), by_code)
