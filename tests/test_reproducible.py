"""A fresh clone of a commit builds the same site, byte for byte, whenever it is built."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PUBLISHED_AT, ROOT

pytestmark = pytest.mark.site


def build(clone: Path, out: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", ERRDOCS_SITE_URL=PUBLISHED_AT)
    # The clone's own package builds its site (src layout: the clone's src/ first on the path).
    env["PYTHONPATH"] = str(clone / "src")
    result = subprocess.run([sys.executable, "-m", "errdocs", "site", "--out", str(out)], cwd=clone, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [f"{left.name}/{name}: only on one side" for name in comparison.left_only + comparison.right_only]
    found += [f"{name}: differs" for name in comparison.diff_files
              if (left / name).read_bytes() != (right / name).read_bytes()]
    for name in comparison.common_dirs:
        found += [f"{name}/{item}" for item in differences(left / name, right / name)]
    return found


def test_two_builds_of_a_fresh_clone_are_identical(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    build(clone, tmp_path / "first")
    build(clone, tmp_path / "second")
    assert differences(tmp_path / "first", tmp_path / "second") == []
    page = (tmp_path / "first" / "oss" / "nosuchkey" / "index.html").read_text()
    assert '<li><strong>Last changed:</strong> <time datetime="' in page
