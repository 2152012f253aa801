"""`python -m generator site`: a failed build leaves the previous site exactly as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, project_with_catalog

pytestmark = pytest.mark.site


def site_command(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", "site", "--out", "site"], cwd=project, env=env,
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
        "catalog/oss.yaml:17:19: 'errors[0].http_status[0]': input should be less than or equal to 599",
        "error: the site was not built, site is unchanged: Aborted with a BuildError!",
    ]
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["catalog", "docs", "mkdocs.yml", "overrides", "site"]
