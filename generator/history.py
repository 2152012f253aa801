"""When each catalog entry last changed, from `git blame` of its lines, and when the checkout was committed.

Git history rather than a date field in the catalog: nobody has to remember to bump it, and a fresh
clone reproduces the same dates. Outside a git checkout (an unpacked archive) entries have no date and
pages say nothing rather than something wrong. Lines not committed yet count as changed today.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .load import LoadedCatalog, LoadedFile


def git_output(directory: Path, *args: str) -> str | None:
    """What a read-only git command prints in `directory`, or None outside a git checkout or without git."""
    git = shutil.which("git")
    if git is None:
        return None
    # safe.directory: a checkout owned by another user (a CI container) is still only read here.
    result = subprocess.run([git, "-c", "safe.directory=*", *args], cwd=directory, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", check=False)
    return result.stdout if result.returncode == 0 else None


def commit_time(directory: Path) -> int | None:
    """Unix time of the checked-out commit, or None outside a git checkout."""
    output = git_output(directory, "log", "-1", "--format=%ct")
    return int(output) if output and output.strip() else None


def line_times(path: Path) -> list[int] | None:
    """Commit time (Unix seconds) of each line of a file, or None when git cannot tell."""
    output = git_output(path.parent, "blame", "--line-porcelain", "--", path.name)
    if output is None:
        return None
    times, current = [], 0
    for line in output.splitlines():
        if line.startswith("committer-time "):
            current = int(line.split()[1])
        elif line.startswith("\t"):
            times.append(current)
    return times


def entry_ranges(loaded: LoadedFile, line_count: int) -> list[tuple[int, int]]:
    """First and last line (1-based, inclusive) of each entry: up to the line before the next entry."""
    starts = [loaded.positions.of_value(("errors", index))[0] for index in range(len(loaded.model.errors))]
    ends = [start - 1 for start in starts[1:]] + [line_count]
    return list(zip(starts, ends))


def last_changed(catalog_dir: Path, catalog: LoadedCatalog) -> dict[tuple[str, str], datetime.date]:
    """The date (UTC) each entry's lines were last committed, by (service slug, code)."""
    changed = {}
    # One `git blame` per file, run side by side: each waits mostly on git, not on Python.
    with ThreadPoolExecutor() as pool:
        blamed = list(pool.map(line_times, [catalog_dir / f"{loaded.model.service.slug}.yaml"
                                            for loaded in catalog.services]))
    for loaded, times in zip(catalog.services, blamed):
        slug = loaded.model.service.slug
        if not times:
            continue
        for entry, (first, last) in zip(loaded.model.errors, entry_ranges(loaded, len(times))):
            newest = max(times[first - 1:last])
            changed[(slug, entry.code)] = datetime.datetime.fromtimestamp(newest, datetime.timezone.utc).date()
    return changed
