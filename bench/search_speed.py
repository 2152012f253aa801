"""Paste-search speed on this machine: the browser layer and the CLI, each as median/min/max of several runs.

Run from the repository root after `make setup` (needs Debian's chromium):

    .venv/bin/python bench/search_speed.py            # builds the site into a temporary directory
    .venv/bin/python bench/search_speed.py --site site  # or measures an existing build

It prints a Markdown table; bench/RESULTS.md keeps the last one with its date and machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from local_site import CHROMIUM, CHROMIUM_ARGS, served

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15

FRAME = "\tat com.aliyun.odps.tunnel.io.TunnelRecordReader.read(TunnelRecordReader.java:{n})\n"
TRACE_HEAD = ("com.aliyun.odps.tunnel.TunnelException: RequestId=20261122103045a1b2c3d4e5, ErrorCode=StatusConflict, "
              "ErrorMessage=The download session is expired\n")


def stack_trace(size: int = 20_000, head: str = TRACE_HEAD) -> str:
    """A Java stack trace of about `size` characters, the error line first, as people paste them."""
    text, n = head, 0
    while len(text) < size:
        text += FRAME.format(n=n)
        n += 1
    return text[:size]


def summary(samples: list[float]) -> str:
    return f"{statistics.median(samples):.1f} ms (min {min(samples):.1f}, max {max(samples):.1f}, n={len(samples)})"


@dataclass
class BrowserTimes:
    """Milliseconds, one sample per run: the matcher and details call, the paste event to the best-match
    block shown, and for each fresh page load, how long until the paste index is loaded and prepared
    (fetched when the search box gets focus) and until Material's own search is ready."""

    matcher: list[float] = field(default_factory=list)
    shown: list[float] = field(default_factory=list)
    index_ready: list[float] = field(default_factory=list)
    material_ready: list[float] = field(default_factory=list)


# Polls until Material's search worker has its index: the results meta leaves "Initializing search".
MATERIAL_READY = ("() => { const meta = document.querySelector('.md-search-result__meta');"
                  " return meta && meta.textContent.trim() !== '' && !/Initializing/.test(meta.textContent); }")


def browser_times(site: Path, paste: str, runs: int = RUNS, loads: int = 3, path: str = "") -> BrowserTimes:
    """Search speed on the page at `path` (default: the home page) once both indexes are ready, the steady
    state a person pastes into; and, over `loads` fresh page loads, how long after opening the page each
    index becomes ready."""
    from playwright.sync_api import sync_playwright

    times = BrowserTimes()
    with served(site) as base, sync_playwright() as playwright:
        url = base + path
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(loads):
            context = browser.new_context()  # an empty cache each time
            page = context.new_page()
            page.goto(url)
            opened = page.evaluate("() => performance.now()")
            page.keyboard.press("s")  # focus the search box, as a person about to paste does
            # The paste search is loaded when the search opens (errdocs-search-on-open.js): wait for its script.
            page.wait_for_function("() => window.errdocsSearch", timeout=60_000, polling=10)
            times.index_ready.append(page.evaluate(
                "() => window.errdocsSearch.loadIndex().then(index => { window.errdocsSearch.match(index, 'x', 1);"
                " return performance.now(); })") - opened)
            page.wait_for_function(MATERIAL_READY, timeout=600_000, polling=50)
            times.material_ready.append(page.evaluate("() => performance.now()") - opened)
            context.close()
        page = browser.new_page()
        page.goto(url)
        page.keyboard.press("s")
        page.wait_for_function(MATERIAL_READY, timeout=600_000, polling=50)
        page.wait_for_function("() => window.errdocsSearch", timeout=60_000, polling=10)
        page.evaluate("() => window.errdocsSearch.loadIndex()")
        times.matcher = page.evaluate(
            "([text, runs]) => { const out = []; for (let i = 0; i < runs; i++) {"
            " const t0 = performance.now(); window.errdocsSearch.match(window.errdocsIndex, text, 5);"
            " window.errdocsSearch.details(text); out.push(performance.now() - t0); } return out; }", [paste, runs])
        for _ in range(runs):
            times.shown.append(page.evaluate(
                "(text) => new Promise(resolve => { const el = document.querySelector('[data-md-component=search-query]');"
                " const old = document.querySelector('.errdocs-best'); if (old) old.remove();"
                " const t0 = performance.now(); el.value = text.replace(/\\n/g, ' ');"
                " el.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true}));"
                " const wait = () => { const a = document.querySelector('.errdocs-best a');"
                " if (a && !document.querySelector('.errdocs-best').hidden) resolve(performance.now() - t0);"
                " else requestAnimationFrame(wait); }; wait(); })", paste))
        browser.close()
    return times


def cli_times(paste: str) -> list[float]:
    command = [sys.executable, "-m", "errdocs", "lookup", "--json"]
    subprocess.run(command, input=paste, text=True, cwd=ROOT, capture_output=True, check=True)  # warm the cache
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, input=paste, text=True, cwd=ROOT, capture_output=True, check=True)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing `mkdocs build` output (default: build one now)")
    args = parser.parse_args()
    paste = stack_trace()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env,
                           check=True)
        browser = browser_times(site, paste)
    cli = cli_times(paste)
    print(f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()}: {os.cpu_count()} cores, "
          f"{platform.platform()}, Python {platform.python_version()}; paste of {len(paste):,} characters "
          f"(a Java stack trace).\n")
    print("| what | median (min, max) | target |")
    print("| --- | --- | --- |")
    print(f"| browser: matcher and details on the paste | {summary(browser.matcher)} | < 50 ms |")
    print(f"| browser: paste event to best match shown | {summary(browser.shown)} | < 50 ms |")
    print(f"| browser: page opened to paste index ready | {summary(browser.index_ready)} | |")
    print(f"| browser: page opened to Material's search ready | {summary(browser.material_ready)} | |")
    print(f"| CLI: `python -m errdocs lookup --json`, interpreter start included, warm index cache "
          f"| {summary(cli)} | well under 1 s |")


if __name__ == "__main__":
    main()
