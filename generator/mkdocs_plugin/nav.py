"""The generated part of the site's navigation: services with their codes, then topics.

Material renders the whole open section of the nav into every page of it, so a page costs time (and
bytes) in proportion to the length of its section, and a section's pages together cost its length
squared. `section_size` bounds that for large catalogs by splitting a long list into consecutive
sub-sections: a service's codes named by their first and last code, topics by their numbers. 0 keeps
every list whole, as the real catalog has it.
"""

from __future__ import annotations

from ..link import Catalog


def split(entries: list, names: list[str], section_size: int) -> list:
    """`entries` as they are, or in sub-sections of `section_size`, each named after its first and last name."""
    if not section_size or len(entries) <= section_size:
        return entries
    return [{f"{names[start]} – {names[min(start + section_size, len(entries)) - 1]}":
             entries[start:start + section_size]} for start in range(0, len(entries), section_size)]


def generated_nav(catalog: Catalog, section_size: int = 0) -> list:
    """The Services section (each service's page, then its codes) and, if any, the Topics section."""
    services = []
    for section in catalog.sections:
        codes = [{page.entry.code: page.path} for page in section.pages]
        names = [page.entry.code for page in section.pages]
        services.append({section.service.name: [section.path, *split(codes, names, section_size)]})
    nav: list = [{"Services": services}]
    if catalog.topics:
        topics = [topic.path for topic in catalog.topics]
        numbers = [str(number) for number in range(1, len(topics) + 1)]
        nav.append({"Topics": ["topics/index.md", *split(topics, numbers, section_size)]})
    return nav
