"""`mkdocs serve` rebuild time after one catalog entry is edited, as a writer experiences it.

The project's catalog is a private copy (the edits must not touch the real one). The clock runs from
the moment the edited file is written to MkDocs' "Reloading browsers" line, which it logs once the
rebuilt site is in place; the edited page is then fetched to check that the change is really served.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from errdocs.model import code_slug

TIMEOUT = 1800


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


def rebuild_times(project: Path, edits: int) -> list[float]:
    """Seconds from writing an edited entry to the rebuilt site, `edits` times on different files."""
    catalog = project / "catalog"
    if catalog.is_symlink():
        source = catalog.resolve()
        catalog.unlink()
        shutil.copytree(source, catalog)
    services = sorted(p for p in catalog.glob("*.yaml") if p.name != "relations.yaml")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stderr:
            lines.put((time.monotonic(), line))

    threading.Thread(target=read, daemon=True).start()
    samples = []
    try:
        _wait_for(lines, "Serving on", process)
        for number in range(edits):
            path = services[number % len(services)]
            text = path.read_text(encoding="utf-8")
            match = re.search(r"^(  - |- )code: ['\"]?([^'\"\n]+)['\"]?\n(\s+)title: (.*)$", text, re.M)
            assert match, f"no entry found in {path}"
            marker = f"Edited by the benchmark, edit {number + 1}"
            edited = text[:match.start(4)] + marker + text[match.end(4):]
            slug = re.search(r"^  slug: (\S+)$", text, re.M).group(1)
            start = time.monotonic()
            path.write_text(edited, encoding="utf-8")
            samples.append(_wait_for(lines, "Reloading browsers", process) - start)
            url = f"http://127.0.0.1:{port}/{slug}/{code_slug(match.group(2))}/"
            with urllib.request.urlopen(url) as response:
                assert marker in response.read().decode("utf-8"), f"{url} does not show the edit"
    finally:
        process.terminate()
        process.wait(timeout=60)
    return samples
