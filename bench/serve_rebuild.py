"""`mkdocs serve --dirty` (what `make serve` runs) rebuild time after one catalog entry is edited, as a writer
experiences it.

The project's catalog is a private copy (the edits must not touch the real one). The clock runs from
the moment the edited file is written to MkDocs' "Reloading browsers" line, which it logs once the
rebuilt site is in place (both languages: the Chinese site is built beside the English one) and which makes
the open browser reload; the edited page is then fetched to check that the change is really served.

    .venv/bin/python bench/serve_rebuild.py                       # real catalog, 1,000, 3,000, 10,000 codes
    .venv/bin/python bench/serve_rebuild.py --sizes real,3000 --edits 3 --write

`--write` puts the table into bench/RESULTS.md between its edit-loop markers; `--full` measures plain
`mkdocs serve` (every page built again after an edit) instead, for comparison.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from errdocs.model import code_slug

TIMEOUT = 1800
ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- edit-loop:start -->", "<!-- edit-loop:end -->"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(lines: queue.Queue, text: str, process: subprocess.Popen) -> float:
    """The arrival time of the next log line containing `text`."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            arrived, line = lines.get(timeout=1)
        except queue.Empty:
            if process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited with {process.returncode}")
            continue
        if text in line:
            return arrived
    raise TimeoutError(f"no '{text}' from mkdocs serve within {TIMEOUT} s")


def private_catalog(project: Path) -> list[Path]:
    """Make the project's catalog a copy of its own (the edits must not touch the real one); its service files."""
    catalog = project / "catalog"
    if catalog.is_symlink():
        source = catalog.resolve()
        catalog.unlink()
        shutil.copytree(source, catalog)
    return sorted(p for p in catalog.glob("*.yaml") if p.name != "relations.yaml")


def edited(path: Path, marker: str) -> tuple[str, str]:
    """The text of the service file `path` with its first entry's title replaced by `marker`, and the path of
    that entry's page on the site."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^(  - |- )code: ['\"]?([^'\"\n]+)['\"]?\n(\s+)title: (.*)$", text, re.M)
    assert match, f"no entry found in {path}"
    slug = re.search(r"^  slug: (\S+)$", text, re.M).group(1)
    return text[:match.start(4)] + marker + text[match.end(4):], f"{slug}/{code_slug(match.group(2))}/"


def rebuild_times(project: Path, edits: int, dirty: bool = True) -> tuple[float, list[float]]:
    """Seconds from starting `mkdocs serve` to the first site, and from writing an edited entry to the rebuilt
    site, `edits` times on different files."""
    services = private_catalog(project)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    started = time.monotonic()
    process = subprocess.Popen(command + (["--dirty"] if dirty else []), cwd=project, env=env,
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stderr:
            lines.put((time.monotonic(), line))

    threading.Thread(target=read, daemon=True).start()
    samples = []
    try:
        first = _wait_for(lines, "Serving on", process) - started
        for number in range(edits):
            path = services[number % len(services)]
            marker = f"Edited by the benchmark, edit {number + 1}"
            text, page = edited(path, marker)
            start = time.monotonic()
            path.write_text(text, encoding="utf-8")
            samples.append(_wait_for(lines, "Reloading browsers", process) - start)
            url = f"http://127.0.0.1:{port}/{page}"
            with urllib.request.urlopen(url) as response:
                assert marker in response.read().decode("utf-8"), f"{url} does not show the edit"
    finally:
        process.terminate()
        process.wait(timeout=60)
    return first, samples


def main() -> None:
    from results import machine, publish, say, spread
    from projects import errdocs_project
    from synthetic import write_catalog

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,1000,3000,10000", help="comma-separated: real or a number of codes")
    parser.add_argument("--edits", type=int, default=3, help="edits per size")
    parser.add_argument("--full", action="store_true", help="plain `mkdocs serve`: every page built after an edit")
    parser.add_argument("--write", action="store_true", help="put the table into bench/RESULTS.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="errdocs-serve-") as tmp:
        for label in args.sizes.split(","):
            catalog = ROOT / "catalog" if label == "real" else Path(tmp) / f"catalog-{label}"
            if not catalog.exists():
                write_catalog(int(label), catalog)
            say(f"{label}: mkdocs serve{'' if args.full else ' --dirty'}, {args.edits} edit(s)")
            first, samples = rebuild_times(errdocs_project(Path(tmp) / label, catalog), args.edits, not args.full)
            load = os.getloadavg()[0]
            say(f"{label}: first build {first:.1f} s, edits {', '.join(f'{s:.1f}' for s in samples)} s, load {load:.1f}")
            rows.append(f"| {label} | {first:.1f} s | {spread(samples)} | {load:.1f} |")
    command = ".venv/bin/python bench/serve_rebuild.py " + " ".join(sys.argv[1:])
    table = "\n".join([
        f"Command: `{command.strip()}`, {time.strftime('%Y-%m-%d')} on {machine()}; the machine is shared "
        "with other work, whose load (the 1-minute load average after each size's edits) is in the last column.\n",
        "| catalog | first build (both languages) | edit to reloaded browser | load |",
        "| --- | --- | --- | --- |", *rows]) + "\n"
    publish(table, args.write, START, END)


if __name__ == "__main__":
    main()
