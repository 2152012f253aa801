"""The sidebar that code and topic pages share is rendered once per section and folder, and is the very HTML
that Material renders for each of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI, mkdocs_build, project_with_catalog
from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from test_reproducible import differences

from errdocs.mkdocs_plugin.sidebar import GLOBAL, SharedSidebar, install


def page(path: str, parent: Section | None = None) -> Page:
    page = Page(None, File(path, "docs", "site", use_directory_urls=True), {})
    page.parent = parent
    return page


def test_pages_outside_the_nav_share_a_key_per_section_and_folder() -> None:
    listed = page("oss/index.md")
    services, topics = Section("Services", [listed]), Section("Topics", [])
    memo = SharedSidebar(Navigation([services, topics], [listed]))
    assert memo.key(page("oss/nosuchkey.md", services)) == memo.key(page("oss/nosuchbucket.md", services))
    assert memo.key(page("oss/nosuchkey.md", services)) != memo.key(page("yuanrong/1001.md", services))
    assert memo.key(page("topics/a.md", topics)) != memo.key(page("topics/a.md", services))
    assert memo.key(listed) is None  # in the nav: its own link is the active one
    assert memo.key(page("about.md")) is None  # no section
    assert memo.key(None) is None


def test_a_kept_sidebar_is_given_back_for_its_key_only() -> None:
    services = Section("Services", [])
    memo = SharedSidebar(Navigation([services], []))
    first, sibling = page("oss/a.md", services), page("oss/b.md", services)
    assert memo.kept_for(first) is None
    assert memo.keep(first, "<nav>oss</nav>") == "<nav>oss</nav>"
    assert memo.kept_for(sibling) == "<nav>oss</nav>"
    assert memo.kept_for(page("yuanrong/1001.md", services)) is None
    assert memo.keep(page("about.md"), "<nav>about</nav>") == "<nav>about</nav>"
    assert len(memo.kept) == 1


def test_install_reaches_materials_own_template_under_its_prefix_once() -> None:
    env = Environment(loader=DictLoader({"partials/nav.html": "override"}))
    install(env, Navigation([], []))
    install(env, None)
    assert isinstance(env.loader, ChoiceLoader) and len(env.loader.loaders) == 2
    assert env.get_template("partials/nav.html").render() == "override"
    assert "md-nav--primary" in env.loader.get_source(env, "material/partials/nav.html")[0]
    assert env.globals[GLOBAL] is None


@pytest.mark.site
def test_the_site_is_the_same_with_the_shared_sidebar_as_without_it(tmp_path: Path) -> None:
    """Both languages of the mini catalog, built with the override and with Material's nav for every page."""
    shared, own = tmp_path / "shared", tmp_path / "own"
    shared.mkdir(), own.mkdir()
    assert mkdocs_build(project_with_catalog(shared, MINI), shared / "site").returncode == 0
    plain = project_with_catalog(own, MINI)
    (plain / "overrides" / "partials" / "nav.html").unlink()
    assert mkdocs_build(plain, own / "site").returncode == 0
    assert sum(1 for _ in (shared / "site").rglob("*.html")) > 20 and (shared / "site" / "zh" / "oss").is_dir()
    assert differences(shared / "site", own / "site") == []
