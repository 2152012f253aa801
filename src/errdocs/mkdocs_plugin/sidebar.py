"""Render Material's navigation sidebar once for all the pages that share it, not once per page.

A code or topic page is outside the nav (nav.py): nothing in the sidebar is that page, and its section is
the same for every page of its service. What Material's `partials/nav.html` then renders depends only on
that section (which items are open) and on the page's folder (links are relative to it), so every code page
of a service gets the same HTML. Rendering it for each of them was the largest part of what a build of
10,000 codes spent beyond a plain MkDocs build of the same pages (about 23 s of 500 in the Chinese build,
bench/RESULTS.md); kept per section and folder, it is rendered once per service.

`overrides/partials/nav.html` asks this memo first and otherwise includes Material's own template, which
`install` makes reachable as `material/partials/nav.html` (a Jinja prefix loader: Material's file is not
copied, and the override is only the question). Pages in the nav, the home page and error pages render as
before: `key` is None for them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import material
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# The name under which overrides/partials/nav.html includes Material's own template.
MATERIAL_PREFIX = "material"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
GLOBAL = "errdocs_sidebar"


class SharedSidebar:
    """The rendered sidebar of each (section, folder) of the pages outside the nav, for one build."""

    def __init__(self, navigation: Navigation) -> None:
        self.listed = {id(page) for page in navigation.pages}
        self.kept: dict[tuple[int, str], str] = {}

    def key(self, page: Page | None) -> tuple[int, str] | None:
        """What the sidebar of `page` depends on, or None where it depends on the page itself."""
        if page is None or page.parent is None or id(page) in self.listed or not page.url:
            return None
        return id(page.parent), posixpath.dirname(page.url.rstrip("/"))

    def kept_for(self, page: Page | None) -> str | None:
        key = self.key(page)
        return None if key is None else self.kept.get(key)

    def keep(self, page: Page | None, rendered: str) -> str:
        key = self.key(page)
        if key is not None:
            self.kept[key] = rendered
        return rendered


def install(env: Environment, navigation: Navigation | None) -> None:
    """Make Material's own nav template reachable under its prefix and give the templates this build's memo."""
    if not isinstance(env.loader, ChoiceLoader) or not any(isinstance(loader, PrefixLoader)
                                                            for loader in env.loader.loaders):
        prefixed = PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(str(MATERIAL_TEMPLATES))})
        env.loader = ChoiceLoader([env.loader, prefixed]) if env.loader is not None else prefixed
    env.globals[GLOBAL] = SharedSidebar(navigation) if navigation is not None else None
