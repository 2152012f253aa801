"""What every benchmark's report shares: progress lines, the figures' formats, the machine measured on, and
its table put into bench/RESULTS.md between the benchmark's own markers."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def say(text: str) -> None:
    """A progress line on stderr, with the time: the long runs print one per step."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def spread(samples: list[float], unit: str = " s", digits: int = 1) -> str:
    """The median with (min–max) and the number of samples: the machine is shared, so one figure says little."""
    if not samples:
        return "–"
    median = statistics.median(samples)
    if len(samples) == 1:
        return f"{median:,.{digits}f}{unit} (n=1)"
    return f"{median:,.{digits}f}{unit} ({min(samples):,.{digits}f}–{max(samples):,.{digits}f}, n={len(samples)})"


def kb(size: float) -> str:
    return f"{size / 1024:,.0f} KB" if size < 10 * 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def machine() -> str:
    return (f"{platform.node()}: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
            f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}")


def write_results(section: str, start: str, end: str) -> None:
    """Put `section` into bench/RESULTS.md between the markers `start` and `end`, leaving the rest alone."""
    text = RESULTS.read_text(encoding="utf-8")
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    RESULTS.write_text(f"{before}{start}\n{section}{end}{after}", encoding="utf-8")
    say(f"wrote it into {RESULTS.name} between {start} and {end}")


def publish(section: str, write: bool, start: str, end: str) -> None:
    """What every benchmark ends with: its section on stdout and, with --write, in bench/RESULTS.md."""
    print(section)
    if write:
        write_results(section, start, end)
