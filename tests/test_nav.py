"""The generated nav: every code and topic page in it, split into sub-sections only when asked."""

from __future__ import annotations

from conftest import MINI

from generator.mkdocs_plugin.nav import generated_nav
from generator.pipeline import read_catalog


def paths(nav) -> list[str]:
    """Every page path in a nav, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in paths(value)]
    return [path for item in nav for path in paths(item)]


def test_whole_lists_by_default() -> None:
    catalog = read_catalog(MINI)
    services, topics = generated_nav(catalog)
    assert services == {"Services": [{section.service.name: [section.path] + [{p.entry.code: p.path} for p in section.pages]}
                                     for section in catalog.sections]}
    assert topics == {"Topics": ["topics/index.md"] + [t.path for t in catalog.topics]}


def test_long_lists_split_into_named_sub_sections_keeping_every_page() -> None:
    catalog = read_catalog(MINI)
    whole, split = generated_nav(catalog), generated_nav(catalog, section_size=1)
    assert paths(split) == paths(whole)
    section = next(s for s in catalog.sections if len(s.pages) > 1)
    (entries,) = next(item for item in split[0]["Services"] if section.service.name in item).values()
    first = section.pages[0].entry.code
    assert entries[1] == {f"{first} – {first}": [{first: section.pages[0].path}]}
