"""`errdocs lookup` as a user runs it: the installed command, interpreter start included, beside `python -c pass`.

Builds the wheel (setup.py puts the catalog's data in it), installs it into a fresh virtual environment in a
temporary directory (PyPI for the build requirements and rich), and times whole processes: the installed
`errdocs lookup --json` reading the index marshal the wheel carries for this Python, with and without an
empty cache directory; the same without that file (a wheel built by another Python: the index JSON is read
once, then cached), warm and on first use; and a checkout's `python -m errdocs lookup --json` (cached index
built from catalog/). Run from the repository root after `make setup`:

    .venv/bin/python bench/lookup_speed.py           # prints the table
    .venv/bin/python bench/lookup_speed.py --write   # and keeps it in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_speed import TRACE_HEAD, summary

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- lookup-speed:start -->", "<!-- lookup-speed:end -->"
RUNS = 20
SOURCES = ("src", "catalog", "setup.py", "pyproject.toml", "MANIFEST.in", "README.md", "mkdocs.yml")


def install(work: Path) -> Path:
    """The bin directory of a fresh virtual environment holding the wheel built from this checkout."""
    project = work / "project"
    project.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, project / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(project)],
                   check=True)
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    [wheel] = (work / "dist").glob("*.whl")
    subprocess.run([str(work / "venv" / "bin" / "pip"), "install", "-q", str(wheel)], check=True)
    return work / "venv" / "bin"


def times(command: list[str], paste: str, env: dict, cold: Path | None = None) -> list[float]:
    """Milliseconds per whole process; with `cold`, that cache directory is emptied before each run."""
    samples = []
    for _ in range(RUNS):
        if cold is not None:
            shutil.rmtree(cold, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, input=paste, text=True, env=env, capture_output=True, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="keep the table in bench/RESULTS.md")
    args = parser.parse_args()
    paste = TRACE_HEAD
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bin_dir = install(work)
        load_before = os.getloadavg()[0]
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
        lookup = [str(bin_dir / "errdocs"), "lookup", "--json"]
        python = str(bin_dir / "python")
        subprocess.run(lookup, input=paste, text=True, env=env, capture_output=True, check=True)  # the page cache
        rows = [
            ("`python -c pass` (the interpreter alone)", times([python, "-c", "pass"], "", env)),
            ("`python -c 'import re'` (what the `errdocs` script pip writes imports first)",
             times([python, "-c", "import re"], "", env)),
            ("installed `errdocs lookup --json`", times(lookup, paste, env)),
            ("installed `errdocs lookup --json`, cache directory emptied before each run",
             times(lookup, paste, env, cold=work / "cache")),
        ]
        data = Path(subprocess.run([python, "-c", "import errdocs.bundled as b; print(b.DATA)"], env=env, text=True,
                                   capture_output=True, check=True).stdout.strip())
        for marshalled in data.glob("*.marshal"):
            marshalled.unlink()
        subprocess.run(lookup, input=paste, text=True, env=env, capture_output=True, check=True)  # warm the cache
        rows += [
            ("installed from a wheel built by another Python (no marshal for this one), warm cache",
             times(lookup, paste, env)),
            ("installed from a wheel built by another Python, first use (cache empty)",
             times(lookup, paste, env, cold=work / "cache")),
        ]
        checkout = [sys.executable, "-m", "errdocs", "lookup", "--json"]
        checkout_env = {**env, "XDG_CACHE_HOME": str(work / "checkout-cache")}
        subprocess.run(checkout, input=paste, text=True, env=checkout_env, capture_output=True, check=True)  # warm
        rows.append(("checkout `python -m errdocs lookup --json`, warm cache", times(checkout, paste, checkout_env)))
        load_after = os.getloadavg()[0]
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()}: {os.cpu_count()} cores, "
             f"{platform.platform()}, Python {platform.python_version()}; whole processes, the paste "
             f"({len(paste)} characters, a Tunnel exception) on stdin; 1-minute load average {load_before:.2f} "
             f"before, {load_after:.2f} after (other work shares the machine). Target: under 100 ms warm.", "",
             "| what | median (min, max) |", "| --- | --- |"]
    lines += [f"| {what} | {summary(samples)} |" for what, samples in rows]
    table = "\n".join(lines)
    print(table)
    if args.write:
        text = RESULTS.read_text(encoding="utf-8")
        block = f"{START}\n{table}\n{END}"
        text = re.sub(f"{re.escape(START)}.*?{re.escape(END)}", lambda _: block, text, flags=re.S) \
            if START in text else text.rstrip("\n") + f"\n\n## `errdocs lookup` speed\n\n" \
            f"`.venv/bin/python bench/lookup_speed.py --write` (a few minutes).\n\n{block}\n"
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
