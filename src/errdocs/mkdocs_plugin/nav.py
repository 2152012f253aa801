"""The generated part of the site's navigation: one entry per service and one for the topics.

Material renders the open section of the nav into every page of it, so listing a service's codes in
the nav makes each code page cost time and bytes in proportion to its service's size: quadratic in
the catalog. The nav therefore lists index pages only (each service's page has the filterable table
of its codes, the topics page lists the topics), and code and topic pages stay out of it
(`NOT_IN_NAV`). `attach` then gives each of them a place without listing it: the section of its index
page as parent, so Material opens the Services (or Topics) tab and its sidebar, and its neighbours as
previous and next page, so the footer and Material's `p`/`n` keys browse a service code by code.
"""

from __future__ import annotations

import html

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..labels import LABELS
from ..link import SERVICES_INDEX, TOPICS_INDEX, Catalog


def generated_nav(catalog: Catalog, lang: str = "en") -> list:
    """The Services section (the list of services, then each service's page) and, if any, Topics (the
    list of topics)."""
    # Material prints nav labels unescaped; the schema keeps service names free of markup (PlainName), and
    # escaping them here keeps it so even for a catalog that skipped validation.
    services = [{html.escape(section.service.name, quote=False): section.path} for section in catalog.sections]
    words = LABELS[lang]
    nav: list = [{words.services: [SERVICES_INDEX, *services]}]
    if catalog.topics:
        nav.append({words.topics: [TOPICS_INDEX]})
    return nav


def listed_paths(catalog: Catalog) -> set[str]:
    """The generated pages the nav lists; every other generated page is reached from them."""
    return set(_paths(generated_nav(catalog)))


def nav_paths(nav: list) -> list[str]:
    """The pages a configured `nav` names (its Markdown paths, not its external links)."""
    return [path for path in _paths(nav) if path.endswith(".md") and "://" not in path]


def _paths(nav: list | dict | str) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    values = nav.values() if isinstance(nav, dict) else nav
    return [path for value in values for path in _paths(value)]


def attach(navigation: Navigation, catalog: Catalog, files: Files) -> None:
    """Give every code page its service's nav section as parent and its neighbours in the service as
    previous and next page; likewise topic pages within Topics."""
    sections = {child.file.src_uri: section for section in _sections(navigation.items)
                for child in section.children if isinstance(child, Page)}
    for index, paths in _groups(catalog):
        parent = sections.get(index)
        if parent is None:  # a hand-written nav that leaves the section out
            continue
        pages = [files.get_file_from_path(path).page for path in paths]
        for number, page in enumerate(pages):
            page.parent = parent
            page.previous_page = pages[number - 1] if number else None
            page.next_page = pages[number + 1] if number + 1 < len(pages) else None


def neighbours(catalog: Catalog) -> dict[str, tuple[str | None, str | None]]:
    """The previous and next page `attach` gives each code and topic page, by path."""
    return {path: (paths[number - 1] if number else None, paths[number + 1] if number + 1 < len(paths) else None)
            for _, paths in _groups(catalog) for number, path in enumerate(paths)}


def _groups(catalog: Catalog) -> list[tuple[str, list[str]]]:
    """Each index page with the pages it lists, in order: a service's codes, the topics."""
    groups = [(section.path, [page.path for page in section.pages]) for section in catalog.sections]
    groups.append((TOPICS_INDEX, [topic.path for topic in catalog.topics]))
    return groups


def _sections(items: list) -> list[Section]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found.append(item)
            found.extend(_sections(item.children))
    return found
