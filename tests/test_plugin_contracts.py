"""The MkDocs plugin's contracts with the rest of the project, each stated and each broken once on purpose:
mkdocs.yml's nav (`nav_after`), the redirects plugin's `redirect_maps`, and the placeholders of hand-written
pages. A broken contract stops a strict build with a message that says what to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI, mkdocs_build, project_with_catalog

pytestmark = pytest.mark.site


def build(tmp_path: Path, edit) -> tuple[int, list[str]]:
    project = project_with_catalog(tmp_path, MINI)
    edit(project)
    done = mkdocs_build(project, tmp_path / "out")
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR") or "Aborted" in line]
    return done.returncode, errors


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_project_as_it_is_builds(tmp_path: Path) -> None:
    assert build(tmp_path, lambda project: None) == (0, [])


def test_nav_after_must_fall_inside_the_nav(tmp_path: Path) -> None:
    code, errors = build(tmp_path, lambda p: replace(p / "mkdocs.yml", "  - errdocs:\n",
                                                     "  - errdocs:\n      nav_after: 9\n"))
    assert code == 1
    assert any("the errdocs plugin's nav_after is 9, but mkdocs.yml's nav has 2 entries; set it between 0 and 2"
               in line for line in errors), errors


def test_an_unknown_placeholder_is_a_typo_not_a_comment(tmp_path: Path) -> None:
    code, errors = build(tmp_path, lambda p: replace(p / "docs" / "index.md", "<!-- errdocs:services -->",
                                                     "<!-- errdocs:service -->"))
    assert code == 1
    assert any("docs/index.md: unknown placeholder <!-- errdocs:service --> (known: services, offline)" in line
               for line in errors), errors


def test_redirect_maps_may_not_send_a_catalog_redirect_elsewhere(tmp_path: Path) -> None:
    code, errors = build(tmp_path, lambda p: replace(
        p / "mkdocs.yml", "      redirect_maps: {}", "      redirect_maps: {'e/nosuchkey.md': 'about.md', "
        "'oss/invalidkeyname.md': 'about.md'}"))
    assert code == 1
    assert any("redirect_maps sends oss/invalidkeyname.md to about.md, but the catalog sends it to "
               "oss/invalidobjectname.md; remove it from redirect_maps" in line for line in errors), errors


def test_the_catalog_needs_the_redirects_plugin(tmp_path: Path) -> None:
    def drop_redirects(project: Path) -> None:
        replace(project / "mkdocs.yml", "  - redirects:\n      redirect_maps: {}\n", "")

    code, errors = build(tmp_path, drop_redirects)
    assert code == 1
    assert any("the catalog needs redirects (renamed codes, e/<code>/ links): add the 'redirects' plugin to the "
               "config's plugins" in line for line in errors), errors


def test_a_translation_has_its_sites_addresses_for_the_paste_index_it_gets(tmp_path: Path) -> None:
    code, errors = build(tmp_path, lambda p: replace(p / "mkdocs.zh.yml", "docs_dir: docs/zh\n",
                                                     "docs_dir: docs/zh\nuse_directory_urls: false\n"))
    assert code == 1
    message = ("mkdocs.zh.yml is built as a translation of a site with directory URLs, but has file URLs; give "
               "both the same use_directory_urls (or both Material's offline plugin)")
    assert any(message in line for line in errors), errors


def test_a_translation_has_its_sites_catalog(tmp_path: Path) -> None:
    def other_catalog(project: Path) -> None:
        (project / "other").symlink_to(MINI, target_is_directory=True)
        replace(project / "mkdocs.zh.yml", "      catalog: catalog\n", "      catalog: other\n")

    code, errors = build(tmp_path, other_catalog)
    assert code == 1
    project = tmp_path / "project"
    message = (f"mkdocs.zh.yml is built as a translation of a site whose catalog is {project / 'catalog'}, but its "
               f"errdocs plugin reads {project / 'other'}; give both the same catalog")
    assert any(message in line for line in errors), errors
