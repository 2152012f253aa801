"""Stage 3: the whole catalog as one graph of pages, built before anything is rendered.

Every URL and every relation is resolved here, once, so rendering is a set of
pure functions over this structure and never looks anything up in the files.
Relations are written once in the catalog and shown on both pages.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from .load import LoadedCatalog
from .model import Entry, Message, Service, Standalone, Topic, code_slug, split_ref


def relative(source: str, target: str) -> str:
    """A Markdown link target from one source file to another, as MkDocs expects.

    Both are normalised docs paths (`oss/nosuchkey.md`, no `.` or `..`), so this is `posixpath.relpath`
    without its filesystem normalisation, which made it the costliest call of rendering."""
    directories, parts = source.split("/")[:-1], target.split("/")
    common = 0
    for mine, theirs in zip(directories, parts[:-1]):
        if mine != theirs:
            break
        common += 1
    return "../" * (len(directories) - common) + "/".join(parts[common:])


def message_anchor(entry: Entry, message: Message) -> str:
    """Anchor of one message on its code's page: stable, taken from the message's `id`."""
    return f"message-{message.id}" if message.id else "message"


def variant_anchor(variant_id: str) -> str:
    """Anchor of one printed variant (`variants[].id`) on its code's page: stable like a message's."""
    return f"variant-{variant_id}"


@dataclass(frozen=True)
class Link:
    """A resolved pointer from one code page to another, with the reason shown to readers."""

    service: str
    service_name: str
    code: str
    title: str
    path: str
    why: str
    anchor: str = ""
    title_zh: str = ""
    why_zh: str = ""

    def title_in(self, lang: str) -> str:
        """The linked code's title in `lang` (its English title where it has no Chinese one)."""
        return self.title_zh if lang == "zh" and self.title_zh else self.title

    def why_in(self, lang: str) -> str:
        """The reason in `lang` (the English one where the catalog has no Chinese one)."""
        return self.why_zh if lang == "zh" and self.why_zh else self.why

    def href(self, from_path: str) -> str:
        """Markdown link target from the page at `from_path`, with the message anchor if any."""
        target = relative(from_path, self.path)
        return f"{target}#{self.anchor}" if self.anchor else target


@dataclass(frozen=True)
class TopicPage:
    """A family of errors and its members, each with what sets it apart."""

    topic: Topic
    path: str
    url: str
    members: tuple[Link, ...]


@dataclass(frozen=True)
class CodePage:
    """Everything one code page shows."""

    service: Service
    entry: Entry
    path: str
    url: str
    related: tuple[Link, ...]
    topics: tuple[TopicPage, ...] = ()
    standalone: Standalone | None = None
    changed: datetime.date | None = None

    def siblings(self, topic: TopicPage) -> tuple[Link, ...]:
        """The topic's other members not already listed as direct relations, those of other services first."""
        shown_above = {(link.service, link.code) for link in self.related} | {(self.service.slug, self.entry.code)}
        others = [m for m in topic.members if (m.service, m.code) not in shown_above]
        return tuple(sorted(others, key=lambda m: m.service == self.service.slug))

    @property
    def slug(self) -> str:
        return code_slug(self.entry.code)

    @property
    def former_slugs(self) -> tuple[str, ...]:
        """URL segments of the codes this entry was published under before a rename."""
        return tuple(code_slug(former) for former in self.entry.former_codes)


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
    topics: tuple[TopicPage, ...]
    by_code: Mapping[tuple[str, str], CodePage] = field(compare=False, repr=False)
    # Old page path -> the page it now lives at, both as docs paths (`oss/old.md`).
    redirects: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def pages(self) -> tuple[CodePage, ...]:
        return tuple(page for section in self.sections for page in section.pages)

    def page(self, service: str, code: str) -> CodePage | None:
        return self.by_code.get((service, code))

    @cached_property
    def by_path(self) -> dict[str, CodePage]:
        """Code pages by their docs path (`oss/nosuchkey.md`)."""
        return {page.path: page for page in self.pages}


# The heading of a topic page's member table: stable, whatever the number of members.
TOPIC_MEMBERS_ANCHOR = "members"

# The generated lists: every service, every topic.
SERVICES_INDEX = "services/index.md"
TOPICS_INDEX = "topics/index.md"

# The languages the site is published in: where each one's site lives under the site root, and its name in
# the language switch. Each language's site has every page of the others at the same path under its root
# (`oss/nosuchkey/`, `zh/oss/nosuchkey/`), with the same anchors.
LANGUAGES = {"en": "", "zh": "zh/"}
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def language_root(site_url: str, lang: str) -> str:
    """Where the site in `lang` is published, from the English site's address."""
    return f"{site_url.rstrip('/')}/{LANGUAGES[lang]}" if site_url else LANGUAGES[lang]


def from_language(lang: str, other: str) -> str:
    """The path from the root of the site in `lang` to the root of the site in `other` (`zh/`, `../`, ``)."""
    up = "../" * LANGUAGES[lang].count("/")
    return up + LANGUAGES[other]


# The site's URL namespace, declared once: every first segment of a published path that is not a service
# slug, with what publishes it. A service whose slug is one of these would hide it (or be hidden by it), so
# validation refuses such a slug; tests/test_link.py checks that every generated path is declared here.
GENERATED_SEGMENTS = {
    "services": "the list of services (services/)",
    "topics": "the topic pages (topics/)",
    "reference": "the reference pages (reference/)",
    "e": "the short links (e/<code>/)",
    "assets": "the site's styles and scripts (assets/)",
    "errors.json": "the machine-readable catalog (errors.json)",
    "errors.schema.json": "the JSON Schema of errors.json (errors.schema.json)",
}
# Published by MkDocs, Material and the project's configuration beside the generated files.
SITE_SEGMENTS = {
    "search": "Material's search index (search/)",
    "sitemap.xml": "the sitemap (sitemap.xml)",
    "sitemap.xml.gz": "the compressed sitemap (sitemap.xml.gz)",
    "404.html": "the not-found page (404.html)",
    "errdocs-offline.zip": "the offline archive (errdocs-offline.zip)",
    "zh": "the Chinese site (zh/), a second MkDocs build of the same catalog (mkdocs.zh.yml)",
}
# First segments that no catalog may use, whatever the docs directory holds.
RESERVED_SLUGS = frozenset(GENERATED_SEGMENTS) | frozenset(SITE_SEGMENTS)
# The hand-written pages (mkdocs.yml's docs_dir).
DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"


def first_segment(path: str) -> str:
    """The first URL segment of a docs path: `oss/nosuchkey.md` -> `oss`, `about.md` -> `about`,
    `errors.json` -> `errors.json` (a page's `.md` becomes a directory or `.html`; other files keep their name)."""
    head = path.split("/", 1)[0]
    return head[:-len(".md")] if head.endswith(".md") and "/" not in path else head


def hand_written_segments(docs_dir: Path = DOCS_DIR) -> dict[str, str]:
    """The first segments the docs directory takes, read from it: each top-level page and folder."""
    if not docs_dir.is_dir():
        return {}
    return {first_segment(item.name): f"the hand-written {'folder' if item.is_dir() else 'file'} "
                                      f"{docs_dir.name}/{item.name}"
            for item in sorted(docs_dir.iterdir()) if not item.name.startswith(".")}


def url_namespace(docs_dir: Path = DOCS_DIR) -> dict[str, str]:
    """Every first segment the site uses for itself, with what uses it: generated, published by the site
    engine, hand-written. Service slugs are the rest of the namespace."""
    return {**hand_written_segments(docs_dir), **SITE_SEGMENTS, **GENERATED_SEGMENTS}


def reserved_slugs(docs_dir: Path = DOCS_DIR) -> frozenset[str]:
    """The first segments a service slug may not take (RESERVED_SLUGS and the docs directory's pages)."""
    return frozenset(url_namespace(docs_dir))


def slug_collision(slug: str, docs_dir: Path = DOCS_DIR) -> str | None:
    """What already uses `slug` as a first URL segment (for the problem message), or None when it is free."""
    return url_namespace(docs_dir).get(slug)


def page_path(service: str, code: str) -> str:
    return f"{service}/{code_slug(code)}.md"


def page_url(service: str, code: str) -> str:
    return f"{service}/{code_slug(code)}/"


def link(catalog: LoadedCatalog, changed: Mapping[tuple[str, str], datetime.date] | None = None,
         previous: Catalog | None = None) -> Catalog:
    """Resolve URLs, topics and relations, making every relation two-way. Input must be validated.

    `changed` is when each entry last changed, by (service slug, code), where known. `previous`: what the
    previous build of a serve session linked (see `_kept`)."""
    changed = changed or {}
    kept_topics = {topic.path: topic for topic in previous.topics} if previous is not None else {}
    kept_sections = {section.path: section for section in previous.sections} if previous is not None else {}
    kept_pages = previous.by_path if previous is not None else {}
    files = sorted(catalog.services, key=lambda f: f.model.service.slug)
    entries = {(f.model.service.slug, e.code): (f.model.service, e) for f in files for e in f.model.errors}

    def link_to(ref: str, why: str, why_zh: str, message_id: str | None = None) -> Link:
        service_slug, code = split_ref(ref)
        service, entry = entries[(service_slug, code)]
        anchor = next((message_anchor(entry, m) for m in entry.messages if message_id and m.id == message_id), "")
        return Link(service_slug, service.name, code, entry.title, page_path(service_slug, code), why, anchor,
                    entry.zh.title if entry.zh else "", why_zh)

    related: dict[tuple[str, str], list[Link]] = defaultdict(list)
    written = [(f"{f.model.service.slug}/{e.code}", r.code, r) for f in files for e in f.model.errors
               for r in e.related]
    written += [(pair.a, pair.b, pair) for pair in catalog.relations.model.relations]
    for one, other, reason in written:
        why_zh = reason.zh.why if reason.zh else ""
        related[split_ref(one)].append(link_to(other, reason.why, why_zh))
        related[split_ref(other)].append(link_to(one, reason.why, why_zh))

    topics = tuple(
        _kept(TopicPage(topic, f"topics/{topic.slug}.md", f"topics/{topic.slug}/",
                        tuple(link_to(member.code, member.difference, member.zh.difference if member.zh else "",
                                      member.message) for member in topic.members)), kept_topics)
        for topic in catalog.relations.model.topics)
    topics_of: dict[tuple[str, str], list[TopicPage]] = defaultdict(list)
    for topic_page in topics:
        for member in topic_page.members:
            topics_of[(member.service, member.code)].append(topic_page)

    standalone = {split_ref(item.code): item for item in catalog.relations.model.standalone}
    sections = []
    for loaded in files:
        service = loaded.model.service
        pages = []
        for entry in loaded.model.errors:
            key = (service.slug, entry.code)
            its_topics = tuple(topics_of[key])
            page = CodePage(service, entry, page_path(*key), page_url(*key), tuple(related[key]), its_topics,
                            standalone.get(key), changed.get(key))
            # A topic that is not the kept one differs from it: so does each page in it, whose own comparison
            # would compare the topic's member list again.
            topics_kept = all(topic is kept_topics.get(topic.path) for topic in its_topics)
            pages.append(_kept(page, kept_pages) if topics_kept else page)
        sections.append(_kept(ServiceSection(service, tuple(pages)), kept_sections))
    by_code = {(p.service.slug, p.entry.code): p for section in sections for p in section.pages}
    return Catalog(tuple(sections), topics, by_code, redirects(sections))


Linked = TypeVar("Linked", TopicPage, CodePage, ServiceSection)


def _kept(new: Linked, previous: Mapping[str, Linked]) -> Linked:
    """The previous build's page at the same path when it is equal to `new`, else `new`.

    Equal frozen dataclasses are interchangeable (each field compared, render_memo.py), so this is exact; what
    it buys is identity: a topic is compared once here, then every code page in it holds the very same topic,
    and the serve session's memo of rendered parts compares an unchanged page by identity alone. Without it,
    each member page compared its topic's whole member list again: a topic of n codes cost n² comparisons (a
    page in a topic that is not kept is not compared at all, see link())."""
    kept = previous.get(new.path)
    return kept if kept is not None and kept == new else new


def documented(page: CodePage) -> bool:
    """Whether the page's code is in its service's official document (not only in SDK or server sources)."""
    return page.service.source(page.entry.provenance.source).is_document


def redirects(sections: list[ServiceSection]) -> dict[str, str]:
    """Renamed codes' old pages, and the short `e/<code>/` link of each slug to the one code that ranks first.

    Codes of one slug rank by the source their page cites (`Source.rank`): a code in its service's official
    list first, then a code from the service's other official pages, then a code only SDK or server sources
    define. The short link goes to the only code of the best rank; two of the same rank (`MethodNotAllowed`,
    in two official lists) leave it to the 404 page, which offers both. So a code added later of a lower rank
    never takes a published short link, one of a higher rank takes it over (the URL keeps working, leading to
    the better-documented code), and one of the same rank would leave it to nobody, which the URL manifest
    check refuses.
    """
    moved: dict[str, str] = {}
    by_slug: dict[str, list[CodePage]] = defaultdict(list)
    for section in sections:
        for page in section.pages:
            for former in page.entry.former_codes:
                moved[page_path(section.service.slug, former)] = page.path
            for slug in (page.slug, *page.former_slugs):
                by_slug[slug].append(page)
    for slug, pages in sorted(by_slug.items()):
        best = min(_rank(page) for page in pages)
        first = [page for page in pages if _rank(page) == best]
        if len(first) == 1:
            moved[f"e/{slug}.md"] = first[0].path
    return moved


def _rank(page: CodePage) -> int:
    return page.service.source(page.entry.provenance.source).rank
