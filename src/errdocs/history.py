"""When each catalog entry last changed, from `git blame` of its lines, and when the checkout was committed.

Git history rather than a date field in the catalog: nobody has to remember to bump it, and a fresh
clone reproduces the same dates. Outside a git checkout (an unpacked archive) entries have no date and
pages say nothing rather than something wrong. Lines not committed yet count as changed today.

Git runs with the least trust that still reads the history. The project root (the folder that holds
`catalog/`, or `mkdocs.yml`) must itself be the top of a git checkout: git never looks for a repository
above it (an unpacked archive inside someone else's repository must not read, or run, theirs), and
`safe.directory` names only that root. Configuration that could run a command is switched off for these
calls, and git only reads committed objects: blame runs on `HEAD`, never on the working tree (so no
fsmonitor, clean filter or textconv runs), and lines changed since are found here, by comparison.
"""

from __future__ import annotations

import bisect
import datetime
import difflib
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .load import LoadedCatalog, LoadedFile

# Configuration that could run a command, or reach a network, switched off for every call. (Neither
# command below diffs with an external tool, asks for credentials, verifies signatures or runs an editor.)
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.sshCommand=false",
    "core.attributesFile=/dev/null",
    "protocol.allow=never",
)
# Environment that could point git at another repository, configuration or program: none is inherited.
SAFE_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_ATTR_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0",
            "GIT_OPTIONAL_LOCKS": "0"}


def git_command(root: Path, *args: str) -> tuple[list[str], dict[str, str]] | None:
    """The argv and environment of a read-only git command in `root`, or None when `root` is no checkout top."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return None
    real = root.resolve()
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    # Discovery stops at the root: a root whose .git is broken is not taken for its parent's checkout.
    env.update(SAFE_ENV, GIT_CEILING_DIRECTORIES=str(real.parent))
    config = [*SAFE_CONFIG]
    if "*" not in str(real):
        # Only this checkout: CI's container user reads a clone it does not own (and trusts it globally too).
        config.append(f"safe.directory={real}")
    return [git, "--no-pager", *(item for pair in config for item in ("-c", pair)), *args], env


def _run(root: Path, *args: str) -> bytes | None:
    command = git_command(root, *args)
    if command is None:
        return None
    argv, env = command
    try:
        result = subprocess.run(argv, cwd=root, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def is_checkout_top(root: Path) -> bool:
    """Whether `root` is the top of a git checkout that git will read with this module's settings."""
    output = _run(root, "rev-parse", "--show-toplevel")
    if not output or not output.strip():
        return False
    return Path(os.fsdecode(output.rstrip(b"\n"))).resolve() == root.resolve()


def git_output(root: Path, *args: str) -> str | None:
    """What a read-only git command prints in `root`, or None when `root` is not the top of a git
    checkout, or without git. Decoded as UTF-8 without translating line endings."""
    if not is_checkout_top(root):
        return None
    output = _run(root, *args)
    return output.decode("utf-8", errors="replace") if output is not None else None


def commit_time(directory: Path) -> int | None:
    """Unix time of the checked-out commit, or None unless `directory` is the top of a git checkout."""
    output = git_output(directory, "log", "-1", "--format=%ct")
    return int(output) if output and output.strip().isdigit() else None


# A commit never changes, nor its blame: a `mkdocs serve` session blames each catalog file once per commit
# instead of on every rebuild (1.3 s of each, real catalog). A failed blame is not kept.
_BLAMED: dict[tuple[Path, str, str], tuple[tuple[int, ...], tuple[bytes, ...]]] = {}
_BLAMED_MAX = 64


def _blame_head(root: Path, relative: str) -> tuple[tuple[int, ...], tuple[bytes, ...]] | None:
    """Commit time and text of each line of `relative` as committed in HEAD (lines split at \\n only)."""
    if not is_checkout_top(root):
        return None
    head = _run(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if not head:
        return None
    key = (root, relative, head.strip().decode("ascii"))
    if key not in _BLAMED:
        blamed = _blame(root, relative, key[2])
        if blamed is None:
            return None
        if len(_BLAMED) >= _BLAMED_MAX:
            _BLAMED.clear()
        _BLAMED[key] = blamed
    return _BLAMED[key]


def _blame(root: Path, relative: str, commit: str) -> tuple[tuple[int, ...], tuple[bytes, ...]] | None:
    output = _run(root, "blame", "--line-porcelain", "--no-textconv", commit, "--", relative)
    if output is None:
        return None
    times: list[int] = []
    texts: list[bytes] = []
    current = 0
    for line in output.split(b"\n"):  # git's lines: \n only, whatever else a line holds
        if line.startswith(b"\t"):
            times.append(current)
            texts.append(line[1:])
        elif line.startswith(b"committer-time "):
            current = int(line.split()[1])
    return tuple(times), tuple(texts)


def _lines(data: bytes) -> list[bytes]:
    """A file's lines as git counts them: split at \\n, no empty line after a final \\n."""
    lines = data.split(b"\n")
    return lines[:-1] if lines and lines[-1] == b"" else lines


def line_times(path: Path, root: Path | None = None) -> list[int] | None:
    """Commit time (Unix seconds) of each line of a file as it is now, git's lines (split at \\n only);
    lines not committed yet are changed now. None when git cannot tell (not in a checkout, not committed)."""
    root = path.parent if root is None else root
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
        current = _lines(path.read_bytes())
    except (OSError, ValueError):
        return None
    blamed = _blame_head(root, relative)
    if blamed is None:
        return None
    times, committed = list(blamed[0]), blamed[1]
    # A checkout that writes \r\n (core.autocrlf) is unchanged for this purpose.
    old, new = [line.rstrip(b"\r") for line in committed], [line.rstrip(b"\r") for line in current]
    if old == new:
        return times
    # Lines kept keep their time, the others are changed now; the unchanged head and tail need no diff.
    head = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    tail = next((i for i, (a, b) in enumerate(zip(reversed(old[head:]), reversed(new[head:]))) if a != b),
                min(len(old), len(new)) - head)
    changed = times[:head] + [int(time.time())] * (len(new) - head - tail) + (times[len(old) - tail:] if tail else [])
    matcher = difflib.SequenceMatcher(None, old[head:len(old) - tail], new[head:len(new) - tail], autojunk=False)
    for before, after, size in matcher.get_matching_blocks():
        changed[head + after:head + after + size] = times[head + before:head + before + size]
    return changed


# How YAML readers (ruamel, libyaml) count lines: also at a lone \r, NEL, U+2028 and U+2029. Tried first,
# then git's count, \n only, in case the reader ever counts as git does.
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
NEWLINE = re.compile("\n")


def _line_offsets(text: str, breaks: re.Pattern[str]) -> list[int]:
    """Offset in `text` where each line starts, lines ending at `breaks`."""
    return [0, *(match.end() for match in breaks.finditer(text))]


def _entry_offsets(loaded: LoadedFile, text: str, breaks: re.Pattern[str]) -> list[int] | None:
    """Offset in `text` of each entry, reading the loader's positions as lines ending at `breaks`, or None
    when some key of some entry is not where the positions say under that count."""
    starts = _line_offsets(text, breaks)
    keys: dict[int, list[tuple[str, tuple[int, int]]]] = {}
    for loc, position in loaded.positions.keys.items():
        if len(loc) == 3 and loc[0] == "errors" and isinstance(loc[1], int) and isinstance(loc[2], str):
            keys.setdefault(loc[1], []).append((loc[2], position))

    def offset(line: int, column: int) -> int | None:
        return starts[line - 1] + column - 1 if 1 <= line <= len(starts) and column >= 1 else None

    offsets = []
    for index in range(len(loaded.model.errors)):
        if index not in keys:
            return None
        for key, (line, column) in keys[index]:
            at = offset(line, column)
            if at is None or not (text.startswith(key, at) or text.startswith(key, at + 1)):  # or quoted
                return None
        at = offset(*loaded.positions.of_value(("errors", index)))
        if at is None:
            return None
        offsets.append(at)
    return offsets


def entry_ranges(loaded: LoadedFile, text: str, line_count: int) -> list[tuple[int, int]] | None:
    """First and last line of each entry in git's lines (1-based, inclusive, split at \\n only): from the line
    it starts on up to the line before the next entry (its own line, when several share one). None when
    the positions cannot be placed in `text`: its entries then get no date."""
    for breaks in (YAML_BREAK, NEWLINE):
        offsets = _entry_offsets(loaded, text, breaks)
        if offsets is not None:
            break
    else:
        return None
    newline_starts = _line_offsets(text, NEWLINE)
    firsts = [bisect.bisect_right(newline_starts, at) for at in offsets]
    if firsts != sorted(firsts) or (firsts and firsts[-1] > line_count):
        return None
    lasts = [max(first, following - 1) for first, following in zip(firsts, firsts[1:])] + [line_count]
    return list(zip(firsts, lasts))


def _file_dates(catalog_dir: Path, loaded: LoadedFile) -> dict[tuple[str, str], datetime.date]:
    """The dates of one service file's entries; nothing when git or its text cannot tell."""
    slug = loaded.model.service.slug
    path = catalog_dir / f"{slug}.yaml"
    times = line_times(path, catalog_dir.parent)
    if not times:
        return {}
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if len(_lines(text.encode("utf-8"))) != len(times):
        return {}
    ranges = entry_ranges(loaded, text, len(times))
    if ranges is None:
        return {}
    return {(slug, entry.code): datetime.datetime.fromtimestamp(max(times[first - 1:last]),
                                                                 datetime.timezone.utc).date()
            for entry, (first, last) in zip(loaded.model.errors, ranges)}


def last_changed(catalog_dir: Path, catalog: LoadedCatalog) -> dict[tuple[str, str], datetime.date]:
    """The date (UTC) each entry's lines were last committed, by (service slug, code). The project root,
    `catalog_dir`'s parent, must be the top of a git checkout; otherwise nothing is dated."""
    if not is_checkout_top(catalog_dir.parent):
        return {}
    changed: dict[tuple[str, str], datetime.date] = {}
    # One `git blame` per file, run side by side: each waits mostly on git, not on Python.
    with ThreadPoolExecutor() as pool:
        for dates in pool.map(lambda loaded: _file_dates(catalog_dir, loaded), catalog.services):
            changed.update(dates)
    return changed
