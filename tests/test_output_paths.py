"""`build --out` and the tree swap: refused output paths, and builds killed at every step of the swap.

A refused path prints one line, `error: --out <path>: <why> (<how to fix>)`, exits 1 and touches nothing.
A kill is a real SIGKILL of a subprocess at a chosen step, so no `finally` runs; the output path then
holds the old or the new tree (after a kill between the two renames of the fallback swap, the next run
puts the old one back), and the next build removes what the killed one left beside it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, ROOT

from errdocs import pipeline
from errdocs.cli import main


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in root.rglob("*")}


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A copy of a project (catalog, docs, test sources) in tmp/work/project, home in tmp/home."""
    project = tmp_path / "work" / "project"
    project.mkdir(parents=True)
    shutil.copytree(MINI, project / "catalog")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (project / "tests").mkdir()
    (project / "tests" / "test_x.py").write_text("", encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("keep me\n", encoding="utf-8")
    (project / "README.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / ".bashrc").write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(project)
    return project


FIX = "(choose a new or empty directory, e.g. --out build)"


@pytest.mark.parametrize(("out", "why"), [
    (".", "is the project root"),
    ("..", "is a parent of the project root"),
    ("catalog", "is the catalog directory, which holds sources"),
    ("catalog/oss", "is inside the catalog directory, which holds sources"),
    ("docs", "is the docs directory, which holds sources"),
    ("tests", "is the tests directory, which holds sources"),
    ("/", "is the filesystem root"),
    ("README.md", "is not a directory"),
    ("notes", "is a non-empty directory without errors.json and errors.schema.json, "
              "so not an earlier Markdown build"),
])
def test_build_refuses_outputs_that_would_destroy_sources(project: Path, capsys, out: str, why: str) -> None:
    before = snapshot(project.parent.parent)
    assert main(["--catalog", "catalog", "build", "--out", out]) == 1
    fix = {"README.md": "(remove it, or choose another path)",
           "notes": "(empty it, or choose a new or empty directory, e.g. --out build)"}.get(out, FIX)
    assert capsys.readouterr() == ("", f"error: --out {out}: {why} {fix}\n")
    assert snapshot(project.parent.parent) == before


def test_build_refuses_the_home_directory_and_the_code_checkout(project: Path, capsys) -> None:
    home = str(Path.home())
    for out, why in [(home, "is the home directory"), (str(ROOT), "is the project root"),
                     (str(ROOT / "src"), "is the src directory, which holds sources"),
                     (str(ROOT / "src" / "errdocs"), "is inside the src directory, which holds sources"),
                     (str(ROOT / ".git" / "out"), "is inside the .git directory, which holds sources")]:
        before = snapshot(project.parent.parent)
        assert main(["--catalog", "catalog", "build", "--out", out]) == 1
        assert capsys.readouterr().err == f"error: --out {out}: {why} {FIX}\n"
        assert snapshot(project.parent.parent) == before


def test_write_tree_itself_refuses_and_touches_nothing(project: Path) -> None:
    before = snapshot(project.parent.parent)
    with pytest.raises(pipeline.OutputPathError, match=r"^--out \.: is the project root \(choose"):
        pipeline.write_tree({"errors.json": "[]"}, Path("."), project=project)
    with pytest.raises(pipeline.OutputPathError, match=r"^--out notes: is a non-empty directory without"):
        pipeline.write_tree({"errors.json": "[]"}, Path("notes"))
    assert snapshot(project.parent.parent) == before


def test_build_replaces_an_earlier_build_or_an_empty_directory(project: Path, capsys) -> None:
    (project / "empty").mkdir()
    assert main(["--catalog", "catalog", "build", "--out", "empty"]) == 0
    assert main(["--catalog", "catalog", "build", "--out", "empty"]) == 0
    assert main(["--catalog", "catalog", "build", "--out", "new/md"]) == 0
    assert (project / "new" / "md" / "errors.json").is_file()
    assert capsys.readouterr().err == ""


# A build in a subprocess that kills itself with SIGKILL at one step of the swap.
KILLED = """
import os, signal, sys
from pathlib import Path
from errdocs import pipeline

def kill():
    os.kill(os.getpid(), signal.SIGKILL)

step = sys.argv[1]
real_exchange, real_rename = pipeline.exchange, os.rename
if step == "before-exchange":
    pipeline.exchange = lambda a, b: kill()
elif step == "after-exchange":
    pipeline.exchange = lambda a, b: (real_exchange(a, b), kill())
elif step == "between-renames":
    pipeline.exchange = lambda a, b: False
    calls = []
    def rename(a, b):
        calls.append(a)
        if len(calls) == 2:
            kill()
        real_rename(a, b)
    os.rename = rename
pipeline.write_tree({"errors.json": "new", "errors.schema.json": "{}", "oss/a.md": "new page"}, Path("out"))
"""


def killed_build(cwd: Path, step: str) -> None:
    result = subprocess.run([sys.executable, "-c", KILLED, step], cwd=cwd, capture_output=True, text=True,
                            check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == -9, result.stderr


OLD = {"errors.json": b"old", "errors.schema.json": b"{}", "oss": None, "oss/a.md": b"old page"}
NEW = {"errors.json": b"new", "errors.schema.json": b"{}", "oss": None, "oss/a.md": b"new page"}


@pytest.mark.skipif(pipeline._renameat2 is None, reason="no renameat2 here")
@pytest.mark.parametrize(("step", "left"), [("before-exchange", OLD), ("after-exchange", NEW)])
def test_a_killed_swap_leaves_a_whole_tree_and_the_next_build_cleans_up(tmp_path: Path, step, left) -> None:
    pipeline.write_tree({"errors.json": "old", "errors.schema.json": "{}", "oss/a.md": "old page"}, tmp_path / "out")
    assert snapshot(tmp_path / "out") == OLD
    killed_build(tmp_path, step)
    assert snapshot(tmp_path / "out") == left
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "out")
    assert len(leftovers) == 1 and leftovers[0].startswith(".out.staging-"), leftovers
    assert snapshot(tmp_path / leftovers[0]) == (NEW if left is OLD else OLD)

    pipeline.write_tree({"errors.json": "next", "errors.schema.json": "{}"}, tmp_path / "out")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert snapshot(tmp_path / "out") == {"errors.json": b"next", "errors.schema.json": b"{}"}


def test_a_kill_between_the_two_renames_is_recovered_by_the_next_run_even_a_failed_one(
        tmp_path: Path, catalog_dir, capsys) -> None:
    """Where directories cannot be exchanged: the old tree waits under a retired name and comes back."""
    pipeline.write_tree({"errors.json": "old", "errors.schema.json": "{}", "oss/a.md": "old page"}, tmp_path / "out")
    killed_build(tmp_path, "between-renames")
    assert not (tmp_path / "out").exists()
    names = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert names == [".out.retired", ".out.staging"]

    broken = catalog_dir({"oss.yaml": "errors: [\n"})
    assert main(["--catalog", str(broken), "build", "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.endswith("catalog has 1 problem\n")
    assert snapshot(tmp_path / "out") == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog", "out"]


def test_cleaning_spares_other_names_and_running_builds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for name in (".out.staging-99999999-zz", ".out.retired-99999998-zz", ".out.old-99999997", ".out.settings", ".other.staging-99999999-ab", "out.staging-1-ab",
                 f".out.staging-{os.getppid()}-ab"):
        (tmp_path / name).mkdir()
    (tmp_path / ".out.retired-99999999-ab").write_text("a file, not ours", encoding="utf-8")
    pipeline.write_tree({"errors.json": "[]", "errors.schema.json": "{}"}, out)
    assert {p.name for p in tmp_path.iterdir()} == {
        ".other.staging-99999999-ab", f".out.staging-{os.getppid()}-ab", ".out.retired-99999999-ab",
        ".out.settings", "out", "out.staging-1-ab"}
