"""When entries last changed, read from git blame of the catalog."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

from conftest import MINI

from generator.history import last_changed
from generator.load import load_catalog


def git(repo: Path, *args: str, when: str = "2026-01-02T03:04:05Z") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.test", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.test"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_each_entry_has_the_date_its_own_lines_last_changed(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    text = (catalog / "oss.yaml").read_text()
    (catalog / "oss.yaml").write_text(text.replace("The key is 1024 bytes or longer.", "The key is too long."))
    git(tmp_path, "commit", "-qam", "second", when="2026-03-04T23:59:00Z")
    dates = last_changed(catalog, load_catalog(catalog))
    assert dates == {
        ("maxcompute-api", "ODPS-0410031"): datetime.date(2026, 1, 2),
        ("maxcompute-api", "ODPS-0420095"): datetime.date(2026, 1, 2),
        ("oss", "RequestTimeTooSkewed"): datetime.date(2026, 1, 2),
        ("oss", "InvalidObjectName"): datetime.date(2026, 3, 4),
    }


def test_outside_a_git_checkout_entries_have_no_date(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    assert last_changed(catalog, load_catalog(catalog)) == {}
