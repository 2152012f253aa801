"""When entries last changed, read from git blame of the catalog."""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINI

from errdocs import history
from errdocs.history import commit_time, git_command, git_output, last_changed
from errdocs.load import Positions, load_catalog


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


# --- least trust ---------------------------------------------------------------------------------


def marker_script(tmp_path: Path) -> tuple[Path, Path]:
    """An executable that leaves a marker file when anything runs it."""
    marker = tmp_path / "ran"
    script = tmp_path / "hook.sh"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\ncat\n")
    script.chmod(0o755)
    return script, marker


def hostile_enclosing_repo(tmp_path: Path) -> tuple[Path, Path]:
    """Someone else's repository around an unpacked (non-git) copy of the project, which it has committed too,
    with a config that runs a command whenever git reads its index. Returns (project root, marker)."""
    script, marker = marker_script(tmp_path)
    outer = tmp_path / "outer"
    project = outer / "errdocs-1.0"
    shutil.copytree(MINI, project / "catalog")
    git(outer, "init", "-q")
    git(outer, "add", ".")
    git(outer, "commit", "-qm", "theirs")
    git(outer, "config", "core.fsmonitor", str(script))
    git(outer, "config", "core.pager", str(script))
    return project, marker


def test_an_enclosing_repository_is_never_read_nor_its_commands_run(tmp_path: Path) -> None:
    project, marker = hostile_enclosing_repo(tmp_path)
    catalog = project / "catalog"
    assert last_changed(catalog, load_catalog(catalog)) == {}
    assert commit_time(project) is None
    assert git_output(project, "status") is None
    assert not marker.exists()


def test_git_variables_of_the_environment_are_not_inherited(tmp_path: Path, monkeypatch) -> None:
    project, marker = hostile_enclosing_repo(tmp_path)
    catalog = project / "catalog"
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "outer" / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path / "outer"))
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.fsmonitor")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", str(tmp_path / "hook.sh"))
    assert last_changed(catalog, load_catalog(catalog)) == {}
    assert commit_time(project) is None
    assert not marker.exists()


def test_a_checkout_inside_another_repository_reads_only_its_own_history(tmp_path: Path) -> None:
    project, marker = hostile_enclosing_repo(tmp_path)
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "ours", when="2026-05-06T07:08:09Z")
    catalog = project / "catalog"
    dates = last_changed(catalog, load_catalog(catalog))
    assert set(dates.values()) == {datetime.date(2026, 5, 6)} and len(dates) == 4
    assert commit_time(project) == 1778051289
    assert not marker.exists()


def test_the_checkouts_own_commands_do_not_run_either(tmp_path: Path) -> None:
    """Hooks, fsmonitor, a clean filter, textconv and a pager of the checkout itself: none runs."""
    script, marker = marker_script(tmp_path)
    project = tmp_path / "project"
    catalog = project / "catalog"
    shutil.copytree(MINI, catalog)
    git(project, "init", "-q")
    (project / ".gitattributes").write_text("*.yaml filter=run diff=run\n")
    git(project, "add", ".")
    git(project, "commit", "-qm", "first")
    for key in ("core.fsmonitor", "filter.run.clean", "filter.run.smudge", "diff.run.textconv", "core.pager",
                "core.sshCommand", "diff.external"):
        git(project, "config", key, str(script))
    (project / ".git" / "hooks" / "post-index-change").write_text(script.read_text())
    (project / ".git" / "hooks" / "post-index-change").chmod(0o755)
    text = (catalog / "oss.yaml").read_text()
    (catalog / "oss.yaml").write_text(text.replace("The key is 1024 bytes or longer.", "The key is too long."))
    dates = last_changed(catalog, load_catalog(catalog))
    assert dates[("oss", "RequestTimeTooSkewed")] == datetime.date(2026, 1, 2)
    assert dates[("oss", "InvalidObjectName")] == datetime.datetime.now(datetime.timezone.utc).date()
    assert commit_time(project) == 1767323045
    assert not marker.exists()


def test_git_runs_with_commands_switched_off_and_trusts_only_the_root(tmp_path: Path, monkeypatch) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    monkeypatch.setenv("GIT_DIR", "/elsewhere")
    monkeypatch.setenv("GIT_PAGER", "less")
    argv, env = git_command(project, "log")
    assert argv[1:] == ["--no-pager", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
                        "-c", "core.sshCommand=false", "-c", "core.attributesFile=/dev/null",
                        "-c", "protocol.allow=never", "-c", f"safe.directory={project.resolve()}", "log"]
    assert {name: value for name, value in env.items() if name.startswith("GIT_")} == {
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_ATTR_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0", "GIT_CEILING_DIRECTORIES": str(tmp_path.resolve())}
    assert git_command(tmp_path, "log") is None  # not the top of a checkout: git is not even started


def test_uncommitted_lines_count_as_changed_today(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    text = (catalog / "oss.yaml").read_text()
    (catalog / "oss.yaml").write_text(text.replace("  - code: InvalidObjectName\n",
                                                   "  - code: InvalidObjectName\n    # a comment\n"))
    dates = last_changed(catalog, load_catalog(catalog))
    assert dates[("oss", "RequestTimeTooSkewed")] == datetime.date(2026, 1, 2)
    assert dates[("oss", "InvalidObjectName")] == datetime.datetime.now(datetime.timezone.utc).date()


def test_a_serve_session_blames_each_file_once_per_commit(tmp_path: Path, monkeypatch) -> None:
    """Rebuilds while serving read the same commit's blame again; an edit is still dated today, and a new
    commit is blamed anew."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    blames: list[tuple[str, ...]] = []
    run = history._run

    def counted(root: Path, *args: str) -> bytes | None:
        if args[0] == "blame":
            blames.append(args)
        return run(root, *args)

    monkeypatch.setattr(history, "_run", counted)
    first = last_changed(catalog, load_catalog(catalog))
    assert len(blames) == 2
    text = (catalog / "oss.yaml").read_text()
    (catalog / "oss.yaml").write_text(text.replace("The key is 1024 bytes or longer.", "The key is too long."))
    edited = last_changed(catalog, load_catalog(catalog))
    assert len(blames) == 2
    assert edited == {**first, ("oss", "InvalidObjectName"): datetime.datetime.now(datetime.timezone.utc).date()}
    git(tmp_path, "commit", "-qam", "second", when="2026-03-04T23:59:00Z")
    committed = last_changed(catalog, load_catalog(catalog))
    assert len(blames) == 4
    assert committed == {**first, ("oss", "InvalidObjectName"): datetime.date(2026, 3, 4)}


# --- line endings and separators: git counts lines at \n only ------------------------------------


def two_commits(tmp_path: Path, encode) -> Path:
    """MINI committed with oss.yaml written by `encode`, then InvalidObjectName changed a day later."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    text = (catalog / "oss.yaml").read_text()
    (catalog / "oss.yaml").write_bytes(encode(text))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    (catalog / "oss.yaml").write_bytes(encode(text.replace("The key is 1024 bytes or longer.", "The key is too long.")))
    git(tmp_path, "commit", "-qam", "second", when="2026-03-04T23:59:00Z")
    return catalog


def test_old_mac_line_endings_date_the_whole_file_as_its_one_git_line(tmp_path: Path) -> None:
    catalog = two_commits(tmp_path, lambda text: text.replace("\n", "\r").encode())
    assert last_changed(catalog, load_catalog(catalog)) == {
        ("maxcompute-api", "ODPS-0410031"): datetime.date(2026, 1, 2),
        ("maxcompute-api", "ODPS-0420095"): datetime.date(2026, 1, 2),
        ("oss", "RequestTimeTooSkewed"): datetime.date(2026, 3, 4),  # git: one line, changed in the second
        ("oss", "InvalidObjectName"): datetime.date(2026, 3, 4),
    }


def test_windows_line_endings_date_each_entry(tmp_path: Path) -> None:
    catalog = two_commits(tmp_path, lambda text: text.replace("\n", "\r\n").encode())
    dates = last_changed(catalog, load_catalog(catalog))
    assert dates[("oss", "RequestTimeTooSkewed")] == datetime.date(2026, 1, 2)
    assert dates[("oss", "InvalidObjectName")] == datetime.date(2026, 3, 4)


SEPARATORS = "\u2028", "\u2029", "\x85"
MESSAGE = "The difference between the request time and the current time is too large."


def positions_counting(text: str, breaks: str) -> Positions:
    """Where each entry's `code` stands when lines end at `breaks` (a regular expression), as a loader
    that counts lines so would say: YAML readers also end lines at U+2028, U+2029 and NEL."""
    values, keys = {}, {}
    for index, match in enumerate(re.finditer(r"^  - (code):", text, re.M)):
        at = match.start(1)
        before = [m.end() for m in re.finditer(breaks, text[:at])]
        position = (len(before) + 1, at - (before[-1] if before else 0) + 1)
        values[("errors", index)] = keys[("errors", index, "code")] = position
    return Positions("catalog/oss.yaml", values, keys)


@pytest.mark.parametrize("breaks", ["\r\n|[\r\n\x85\u2028\u2029]", "\n"], ids=["yaml-lines", "git-lines"])
def test_line_separators_in_a_message_keep_each_entry_its_own_date(tmp_path: Path, breaks: str) -> None:
    """U+2028, U+2029 and NEL end a line for a YAML reader, not for git; whichever way the loader counted,
    each entry is dated by its own lines. (The loader may refuse them raw: positions are made here.)"""
    separated = MESSAGE.replace(" request ", " request\u2028").replace(" current ", "\u2029current\x85")
    catalog = two_commits(tmp_path, lambda text: text.replace(MESSAGE, separated).encode())
    clean = tmp_path / "clean"
    shutil.copytree(MINI, clean)
    loaded = load_catalog(clean)
    oss = next(f for f in loaded.services if f.model.service.slug == "oss")
    text = (catalog / "oss.yaml").read_bytes().decode("utf-8")
    assert all(separator in text for separator in SEPARATORS)
    oss = dataclasses.replace(oss, positions=positions_counting(text, breaks))
    dates = last_changed(catalog, dataclasses.replace(loaded, services=(oss,)))
    assert dates == {("oss", "RequestTimeTooSkewed"): datetime.date(2026, 1, 2),
                     ("oss", "InvalidObjectName"): datetime.date(2026, 3, 4)}


def test_positions_that_do_not_fit_the_file_leave_its_entries_undated(tmp_path: Path) -> None:
    catalog = two_commits(tmp_path, str.encode)
    loaded = load_catalog(catalog)
    oss = next(f for f in loaded.services if f.model.service.slug == "oss")
    wrong = Positions("catalog/oss.yaml", {("errors", 0): (2, 3), ("errors", 1): (9999, 5)},
                      {("errors", 0, "code"): (2, 3), ("errors", 1, "code"): (9999, 5)})
    services = tuple(dataclasses.replace(f, positions=wrong) if f is oss else f for f in loaded.services)
    assert last_changed(catalog, dataclasses.replace(loaded, services=services)) == {
        ("maxcompute-api", "ODPS-0410031"): datetime.date(2026, 1, 2),
        ("maxcompute-api", "ODPS-0420095"): datetime.date(2026, 1, 2),
    }


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the checkout to another user")
def test_a_checkout_of_another_user_is_read_only_at_the_project_root(tmp_path: Path, monkeypatch) -> None:
    """As in CI's container: root reads a clone it does not own, trusted for that exact root only."""
    monkeypatch.setenv("HOME", str(tmp_path))  # no global safe.directory of this machine
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    subprocess.run(["chown", "-R", "65534", str(tmp_path)], check=True)
    assert subprocess.run(["git", "log", "-1"], cwd=tmp_path, capture_output=True).returncode != 0  # git refuses
    assert len(last_changed(catalog, load_catalog(catalog))) == 4
    assert commit_time(tmp_path) == 1767323045
    # Unpacked inside it, a copy of the project is not dated from that foreign repository.
    inner = tmp_path / "inner"
    shutil.copytree(MINI, inner / "catalog")
    assert last_changed(inner / "catalog", load_catalog(inner / "catalog")) == {}
    assert commit_time(inner) is None
