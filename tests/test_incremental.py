"""`mkdocs serve --dirty` builds again only what an edit changed (mkdocs_plugin/incremental.py), and the site it
leaves is the site a full build of the edited catalog makes, file for file, in both languages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, PUBLISHED_AT, ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config

from errdocs.mkdocs_plugin import incremental
from errdocs.mkdocs_plugin.incremental import file_keys

pytestmark = pytest.mark.site  # builds (small) sites with MkDocs


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """The site project with its own copy of the mini catalog, dated reproducibly."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "mkdocs.zh.yml"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(MINI, project / "catalog")
    monkeypatch.chdir(project)
    for name, value in {"NO_MKDOCS_2_WARNING": "1", "ERRDOCS_SITE_URL": PUBLISHED_AT, "SOURCE_DATE_EPOCH": "1700000000"
                        }.items():
        monkeypatch.setenv(name, value)
    return project


class Serving:
    """Builds of one `mkdocs serve --dirty` session, in this process, each from a freshly loaded config as serve
    makes them."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        self.config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        self.config.plugins.on_startup(command="serve", dirty=True)

    def build(self) -> dict[str, int]:
        """Build, and return the modification time of every file of the site."""
        build(load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site)), dirty=True)
        return {path: (self.site / path).stat().st_mtime_ns for path in files(self.site)}

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def full_build(project: Path, site: Path) -> None:
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project,
                           env=os.environ, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr


def assert_same_site(incremental: Path, full: Path) -> None:
    assert files(incremental) == files(full)
    different = [path for path in files(full) if (incremental / path).read_bytes() != (full / path).read_bytes()]
    assert different == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_title_rebuilds_the_pages_that_show_it_and_gives_the_full_site(project: Path,
                                                                                  tmp_path: Path) -> None:
    serving = Serving(project, tmp_path / "served")
    try:
        before = serving.build()
        edit(project / "catalog" / "oss.yaml", "title: Client clock differs from OSS server time",
             "title: Client clock is far from OSS server time")
        after = serving.build()
    finally:
        serving.close()
    full_build(project, tmp_path / "full")
    assert_same_site(tmp_path / "served", tmp_path / "full")

    page = (tmp_path / "served" / "oss" / "requesttimetooskewed" / "index.html").read_text(encoding="utf-8")
    assert "Client clock is far from OSS server time" in page
    rewritten = {path for path in after if after[path] != before.get(path)}
    # The page, its service's page and the related code that names it are built again; codes that do not show
    # it are not (its neighbour's footer shows its code, not its title), nor the Chinese site, whose pages show
    # the Chinese title.
    assert {"oss/requesttimetooskewed/index.html", "oss/index.html", "maxcompute-api/odps-0410031/index.html",
            "search/search_index.json", "index.html"} <= rewritten
    assert not {"oss/invalidobjectname/index.html", "maxcompute-api/odps-0420095/index.html"} & rewritten
    assert not {"zh/oss/requesttimetooskewed/index.html", "zh/oss/index.html",
                "zh/maxcompute-api/odps-0410031/index.html"} & rewritten
    # The redirect pages (short links, renamed codes) stay as the first build wrote them: the same redirects.
    redirect_pages = {path for path in after if path.startswith(("e/", "zh/e/"))}
    assert redirect_pages and not redirect_pages & rewritten


def test_a_chinese_only_edit_rebuilds_only_chinese_pages_and_gives_the_full_site(project: Path, tmp_path: Path) -> None:
    serving = Serving(project, tmp_path / "served")
    try:
        before = serving.build()
        edit(project / "catalog" / "oss.yaml", "title: 对象名称为空或过长", "title: 对象名称不可用")
        after = serving.build()
    finally:
        serving.close()
    full_build(project, tmp_path / "full")
    assert_same_site(tmp_path / "served", tmp_path / "full")
    page = (tmp_path / "served" / "zh" / "oss" / "invalidobjectname" / "index.html").read_text(encoding="utf-8")
    assert "对象名称不可用" in page
    rewritten = {path for path in after if after[path] != before.get(path)}
    assert {"zh/oss/invalidobjectname/index.html", "zh/oss/index.html"} <= rewritten
    # The English pages show the English title; the English paste index does hold the Chinese title.
    assert not {"oss/invalidobjectname/index.html", "oss/index.html"} & rewritten


def test_a_new_former_code_writes_its_redirect_page(project: Path, tmp_path: Path) -> None:
    """A redirect is no page of the site's file list: a new one leaves the layout as it was, and is written."""
    serving = Serving(project, tmp_path / "served")
    try:
        serving.build()
        edit(project / "catalog" / "oss.yaml", "former_codes: [InvalidKeyName]",
             "former_codes: [InvalidKeyName, BadObjectName]")
        serving.build()
    finally:
        serving.close()
    full_build(project, tmp_path / "full")
    assert_same_site(tmp_path / "served", tmp_path / "full")
    assert (tmp_path / "served" / "oss" / "badobjectname" / "index.html").is_file()


def test_a_renamed_code_rebuilds_everything_and_leaves_no_stale_page(project: Path, tmp_path: Path) -> None:
    serving = Serving(project, tmp_path / "served")
    try:
        serving.build()
        for name in ("oss.yaml", "relations.yaml"):
            edit(project / "catalog" / name, "InvalidObjectName", "InvalidObjectNames")
        serving.build()
    finally:
        serving.close()
    full_build(project, tmp_path / "full")
    assert_same_site(tmp_path / "served", tmp_path / "full")
    assert not (tmp_path / "served" / "oss" / "invalidobjectname").exists()


def test_an_edited_topic_member_and_an_unchanged_rebuild_give_the_full_site(project: Path, tmp_path: Path) -> None:
    """The pages of a topic that changed are linked anew (link.py keeps only equal ones), and a build with no edit
    keeps every page and every file's verdict (validate.CheckedFiles): both give the full build's site."""
    serving = Serving(project, tmp_path / "served")
    try:
        serving.build()
        edit(project / "catalog" / "relations.yaml", "difference: 15 minutes; HTTP 403.",
             "difference: 15 minutes, then HTTP 403.")
        serving.build()
        unchanged = serving.build()
        again = serving.build()
    finally:
        serving.close()
    full_build(project, tmp_path / "full")
    assert_same_site(tmp_path / "served", tmp_path / "full")
    assert "15 minutes, then HTTP 403." in (tmp_path / "served" / "topics" / "clock-skew" / "index.html").read_text(
        encoding="utf-8")
    assert not {path for path in again if path.endswith(".html") and again[path] != unchanged.get(path)} - {
        "index.html", "about/index.html", "zh/index.html", "zh/about/index.html", "404.html", "zh/404.html"}


def test_file_keys_read_again_only_the_texts_that_are_not_the_kept_ones(monkeypatch) -> None:
    tree = {"oss/a.md": "---\ntitle: A\n---\ntext a", "oss/b.md": "# B\n\ntext b", "oss/index.md": "# OSS"}
    near = {"oss/a.md": (None, "oss/b.md"), "oss/b.md": ("oss/a.md", None)}
    kept: dict = {}
    first = file_keys(tree, near, kept)
    assert first == file_keys(tree, near) and set(kept) == set(tree)
    read = []
    monkeypatch.setattr(incremental, "TITLE", type("Spy", (), {"search": lambda self, text: read.append(text)})())
    assert file_keys(dict(tree), near, kept) == first and read == []
    monkeypatch.undo()
    # An equal text that is another string is read again, and keyed as before; an edited title changes its
    # page's key and its neighbour's; a file that is gone is forgotten.
    again = {**tree, "oss/a.md": "".join(["---\ntitle: A\n", "---\ntext a"])}
    assert file_keys(again, near, kept) == first
    edited = {"oss/a.md": tree["oss/a.md"], "oss/b.md": "# B edited\n\ntext b"}
    keys = file_keys(edited, near, kept)
    assert keys == file_keys(edited, near)
    assert keys["oss/a.md"] != first["oss/a.md"] and keys["oss/b.md"] != first["oss/b.md"]
    assert set(kept) == set(edited)
