"""What a browser fetches for one code page with an empty cache, and how soon that page is usable.

Code pages are opened in Chromium from a local server, each in a fresh browser context (no cache); every
response body is counted as served (raw) and as gzip would send it (level 6, what common static hosts
use for text). Requests to the site's published address (`site_url`: the `hreflang` alternates, whose
sitemaps Material's language code fetches) are sent to the local server, missing files answered with
404.html as GitHub Pages does, so what is counted is what a reader of the published site downloads.

Run alone, it builds the site (both languages) for each catalog size and measures, side by side on the same
site: Material's default, which requests its prose index and starts its search worker at page load
(assets/errdocs-search-on-open.js answered with a script that only loads the paste search, as pages did before
it), and the site as published, which starts them when the reader opens the search. Per size: the bytes of a
cold English and Chinese code page and how many belong to the search, the time to a usable page, what opening
the search then fetches and how long Material's search takes to answer after it opens.
From the repository root, after `make setup`:

    .venv/bin/python bench/page_weight.py --write        # real, 1000, 3000, 10000 codes (1.5 hours here)
    .venv/bin/python bench/page_weight.py --sizes real    # a few minutes, printed only
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from local_site import CHROMIUM, CHROMIUM_ARGS, served
from projects import ROOT, errdocs_project

sys.path.insert(0, str(ROOT / "tests"))
from search_assets import SEARCH_FILES  # noqa: E402 - tests/ declares which files are the search's
from results import kb, machine, publish, say, spread
from synthetic import write_catalog

COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", "/")
# What belongs to the search: Material's index, worker and lunr language files, and the paste search (its
# matcher, index and a language's words); not the gate that holds them, assets/errdocs-search-on-open.js.
GATE = "assets/errdocs-search-on-open.js"
# In place of the gate for Material's default: nothing held back, and the paste search loaded with the page, as
# every page did before the gate (its index still waits for the search box's focus, as it always has).
NO_GATE = ("(function () { var config = document.getElementById('__config'); var script = document.createElement("
           "'script'); script.src = JSON.parse(config.textContent).base.replace(/\\/?$/, '/') + "
           "'assets/errdocs-search.js'; document.head.appendChild(script); })();")
START, END = "<!-- page-weight:start -->", "<!-- page-weight:end -->"

# Material's search is ready when its results line leaves "Initializing search" for "Type to start searching"
# (read from the page's own translations, so that it holds for the Chinese pages too).
MATERIAL_READY = """() => { const meta = document.querySelector(".md-search-result__meta");
  const placeholder = JSON.parse(document.getElementById("__config").textContent).translations["search.result.placeholder"];
  return meta !== null && meta.textContent.trim() === placeholder; }"""
# Long tasks (main thread busy 50 ms or more), recorded from the start of each page.
LONG_TASKS = """
window.errdocsLongTasks = [];
new PerformanceObserver(list => { for (const task of list.getEntries())
  window.errdocsLongTasks.push(task.startTime + task.duration); }).observe({type: "longtask"});
"""
# Usable: the load event has run and the main thread has then been free of long tasks for a second; the
# time is the later of the load event's end and the end of the last long task (a simple time to interactive).
USABLE = """() => new Promise(resolve => {
  const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
  const check = () => {
    const usable = Math.max(loaded, ...window.errdocsLongTasks);
    if (performance.now() - usable >= 1000) resolve(usable); else setTimeout(check, 100);
  };
  check();
})"""


@dataclass(frozen=True)
class Weight:
    total_raw: int
    total_gzip: int
    own_raw: int
    own_gzip: int
    requests: int
    own_urls: tuple[str, ...]


@dataclass
class Load:
    """One cold page load: bytes per URL (raw, gzip), fetched before and after the search was opened."""

    before: dict[str, tuple[int, int]]
    after: dict[str, tuple[int, int]] = field(default_factory=dict)
    usable_ms: float = 0.0
    ready_ms: float = 0.0


def _sizes(url: str, body: bytes) -> tuple[int, int]:
    path = url.split("?")[0].split("#")[0]
    packed = len(gzip.compress(body, 6)) if path.endswith(COMPRESSED) else len(body)
    return len(body), packed


def _published_root(site: Path) -> str:
    """The address the site was built for (its `site_url`), read from the home page's canonical link."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return found.group(1) if found else ""


def cold_load(browser, base: str, root: str, url: str, *, on_open: bool = True, open_search: bool = False) -> Load:
    """Open `url` (site-relative) with an empty cache until it is usable; then, if asked, open the search
    (Material's `s` shortcut) and wait until Material's search answers. The page is opened at its published
    address (`root`), every request to which the local server at `base` answers."""
    context = browser.new_context()
    if root:
        context.route(root + "**", lambda route: route.continue_(url=base + route.request.url[len(root):]))
    if not on_open:  # Material's default: no script holds its index and worker back
        context.route("**/" + GATE, lambda route: route.fulfill(status=200, content_type="text/javascript",
                                                                body=NO_GATE))
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    fetched: dict[str, tuple[int, int]] = {}

    def count(response) -> None:
        body = response.body() if response.status < 300 or response.status >= 400 else b""
        fetched[response.url.removeprefix(root).removeprefix(base)] = _sizes(response.url, body)

    page.on("requestfinished", lambda request: count(request.response()))
    page.goto((root or base) + url, wait_until="load")
    page.wait_for_load_state("networkidle")
    load = Load(before={}, usable_ms=page.evaluate(USABLE))
    load.before = dict(fetched)
    if open_search:
        opened = page.evaluate("() => performance.now()")
        page.keyboard.press("s")
        page.wait_for_function(MATERIAL_READY, timeout=600_000, polling=50)
        load.ready_ms = page.evaluate("() => performance.now()") - opened
        page.wait_for_load_state("networkidle")
        load.after = {url: size for url, size in fetched.items() if url not in load.before}
    context.close()
    return load


def page_weight(site: Path, pages: tuple[str, str]) -> Weight:
    """Bytes fetched for `pages[0]` (site-relative or published URL, as errors.json gives it) with a cold
    cache; `pages[1]` tells shared from own."""
    from playwright.sync_api import sync_playwright

    root = _published_root(site)
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        first, second = (cold_load(browser, base, root, url.removeprefix(root)).before for url in pages)
        browser.close()
    own = [url for url in first if url not in second]
    return Weight(total_raw=sum(raw for raw, _ in first.values()), total_gzip=sum(gz for _, gz in first.values()),
                  own_raw=sum(first[url][0] for url in own), own_gzip=sum(first[url][1] for url in own),
                  requests=len(first), own_urls=tuple(own))


@dataclass
class Row:
    """One catalog size and mode: each sample one cold load of the same code page."""

    label: str
    mode: str
    page: str
    loads: list[Load]

    def bytes(self, which: str, search: bool | None = None) -> tuple[int, int, int]:
        """Median (raw, gzip, requests) over the loads, of what was fetched before or after opening the
        search; `search` keeps only the search's files (True) or only the rest (False)."""
        picked = [{url: size for url, size in getattr(load, which).items()
                   if search is None or bool(SEARCH_FILES.search(url)) == search} for load in self.loads]
        return (int(statistics.median(sum(raw for raw, _ in sizes.values()) for sizes in picked)),
                int(statistics.median(sum(gz for _, gz in sizes.values()) for sizes in picked)),
                int(statistics.median(len(sizes) for sizes in picked)))


def build_site(label: str, where: Path) -> Path:
    """The site (English and Chinese) of the real catalog or of a synthetic one of `label` codes."""
    catalog = ROOT / "catalog" if label == "real" else where / f"catalog-{label}"
    if not catalog.exists():
        say(f"{label}: writing the synthetic catalog")
        write_catalog(int(label), catalog)
    shutil.rmtree(where / label / "errdocs", ignore_errors=True)  # left by an earlier run that did not finish
    project = errdocs_project(where / label, catalog)
    site = where / label / "site"
    say(f"{label}: building the site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                           cwd=project, env=env, capture_output=True, text=True, check=False)
    if built.returncode != 0:
        raise RuntimeError(f"the {label} site did not build:\n{built.stderr[-3000:]}")
    return site


def measure(label: str, site: Path, loads: int) -> list[Row]:
    from playwright.sync_api import sync_playwright

    errors = json.loads((site / "errors.json").read_text(encoding="utf-8"))["errors"]
    root = _published_root(site)
    page = errors[0]["url"].removeprefix(root)
    rows = [Row(label, "Material's default: search at page load", page, []),
            Row(label, "as published: search on opening", page, []),
            Row(label, "as published, Chinese page", "zh/" + page, [])]
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(loads):
            say(f"{label}: cold loads, round {run + 1} of {loads}")
            for row in rows:
                row.loads.append(cold_load(browser, base, root, row.page, on_open=not row.mode.startswith("Material"),
                                           open_search=True))
        browser.close()
    return rows


def report(rows: list[Row], command: str, minutes: float) -> str:
    out = [f"Command: `{command}` (took {minutes:.0f} minutes).\n",
           f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, Chromium from Debian, served from this machine (no network in between). "
           "Medians of the cold loads with (min–max); bytes are gzip level 6 (raw in brackets for the page).\n",
           "| catalog | mode | cold code page | requests | of which search | usable after | opening the search "
           "fetches | Material's search answers after opening |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        raw, gz, requests = row.bytes("before")
        _, search_gz, _ = row.bytes("before", search=True)
        _, after_gz, after_requests = row.bytes("after")
        out.append(f"| {row.label} | {row.mode} | {kb(gz)} ({kb(raw)}) | {requests} | {kb(search_gz)} | "
                   f"{spread([load.usable_ms for load in row.loads], ' ms', 0)} | {kb(after_gz)} in {after_requests} requests | "
                   f"{spread([load.ready_ms for load in row.loads], ' ms', 0)} |")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,1000,3000,10000", help="comma-separated, `real` for the real catalog")
    parser.add_argument("--loads", type=int, default=3, help="cold loads of each page per mode")
    parser.add_argument("--work", type=Path, help="keep catalogs and sites here (reused when present)")
    parser.add_argument("--write", action="store_true", help="put the table into bench/RESULTS.md")
    args = parser.parse_args()
    command = ".venv/bin/python bench/page_weight.py " + " ".join(sys.argv[1:])
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="errdocs-weight-") as tmp:
        where = args.work or Path(tmp)
        rows = []
        for label in args.sizes.split(","):
            site = where / label / "site"
            rows += measure(label, site if (site / "errors.json").is_file() else build_site(label, where), args.loads)
    section = report(rows, command.strip(), (time.monotonic() - start) / 60)
    publish(section, args.write, START, END)


if __name__ == "__main__":
    main()
