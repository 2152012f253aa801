"""`python -m errdocs site`: a failed build leaves the previous site exactly as it was, an `--out` that
would destroy sources is refused, and a build killed at any step leaves a whole site in place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, ROOT, project_with_catalog

from errdocs import pipeline

pytestmark = pytest.mark.site


def site_command(project: Path, out: str = "site", **env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "errdocs", "site", "--out", out], cwd=project, env=env,
                          capture_output=True, text=True, check=False)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog-copy"
    shutil.copytree(MINI, catalog)
    project = project_with_catalog(tmp_path, catalog)
    first = site_command(project)
    assert (first.returncode, first.stdout) == (0, "built the site into site\n")
    before = snapshot(project / "site")
    assert "oss/requesttimetooskewed/index.html" in before

    broken = (catalog / "oss.yaml").read_text(encoding="utf-8").replace("[403]", "[4030]")
    (catalog / "oss.yaml").write_text(broken, encoding="utf-8")
    failed = site_command(project)
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [
        "ERROR: catalog has 1 problem:",
        "catalog/oss.yaml:19:19: 'errors[0].http_status[0]': input should be less than or equal to 599",
        "error: the site was not built, site is unchanged: Aborted with a BuildError!",
    ]
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["catalog", "docs", "mkdocs.yml", "mkdocs.zh.yml", "overrides", "site"]


def tree(root: Path) -> dict[str, bytes | None]:
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in root.rglob("*")}


def test_out_that_would_destroy_sources_is_refused(tmp_path: Path) -> None:
    project = project_with_catalog(tmp_path, MINI)
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("keep me\n", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    before = tree(tmp_path)
    fix = "(choose a new or empty directory, e.g. --out site)"
    cases = {
        ".": f"is the project root {fix}",
        "..": f"is a parent of the project root {fix}",
        "catalog": f"is the catalog directory, which holds sources {fix}",
        "docs": f"is the docs directory, which holds sources {fix}",
        "docs/site": f"is inside the docs directory, which holds sources {fix}",
        "overrides": f"is the overrides directory, which holds sources {fix}",
        str(home): f"is the home directory {fix}",
        "notes": "is a non-empty directory without index.html and sitemap.xml, so not an earlier site "
                 "(empty it, or choose a new or empty directory, e.g. --out site)",
    }
    for out, why in cases.items():
        result = site_command(project, out, HOME=str(home))
        assert (result.returncode, result.stdout, result.stderr) == (1, "", f"error: --out {out}: {why}\n")
    assert tree(tmp_path) == before


# `python -m errdocs site`, killed with SIGKILL right before or right after the exchange of the swap.
KILLED = """
import os, signal, sys
from errdocs import pipeline
from errdocs.cli import main

real = pipeline.exchange
def exchange(a, b):
    if sys.argv[1] == "after":
        real(a, b)
    os.kill(os.getpid(), signal.SIGKILL)
pipeline.exchange = exchange
main(["site", "--out", "site"])
"""


@pytest.mark.skipif(pipeline._renameat2 is None, reason="no renameat2 here")
def test_a_killed_build_leaves_a_whole_site_and_the_next_one_cleans_up(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog-copy"
    shutil.copytree(MINI, catalog)
    project = project_with_catalog(tmp_path, catalog)
    assert site_command(project).returncode == 0
    old = snapshot(project / "site")
    oss = catalog / "oss.yaml"
    oss.write_text(oss.read_text(encoding="utf-8").replace("Client clock", "The client clock"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}

    for step in ("before", "after"):
        killed = subprocess.run([sys.executable, "-c", KILLED, step], cwd=project, env=env,
                                capture_output=True, text=True, check=False)
        assert killed.returncode == -9, killed.stderr
        site = snapshot(project / "site")
        assert (site == old) == (step == "before")
        assert "oss/requesttimetooskewed/index.html" in site and "sitemap.xml" in site
        assert len([p for p in project.iterdir() if p.name.startswith(".site.staging-")]) == 1

    assert site_command(project).returncode == 0
    assert sorted(p.name for p in project.iterdir()) == ["catalog", "docs", "mkdocs.yml", "mkdocs.zh.yml", "overrides", "site"]
