"""Build speed, weight and scaling of the site, on the real catalog and on synthetic ones; prints Markdown.

Run from the repository root after `make setup` (the page weight and search figures need Debian's chromium):

    make bench                                   # the full run: real catalog, 1,000, 3,000 and 10,000 codes
    make bench BENCH=--quick                     # a few minutes: real catalog and 1,000 codes, fewer runs
    .venv/bin/python bench/build_speed.py --sizes real,3000 --runs 2 --write

For every size it times full `mkdocs build`s of the errdocs project and, alternating with them, of a plain
MkDocs + Material project holding the same Markdown without the plugin (bench/projects.py), each in a fresh
interpreter (bench/build_once.py); then it measures the last site (sizes, what a browser fetches for one
code page, paste-search speed), noting the 1-minute load average after each build (the machine is shared).
The edit loop of `make serve` is bench/serve_rebuild.py's. `--write` puts the tables into bench/RESULTS.md
between its build-speed markers; everything else in that file is left alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from page_weight import Weight, page_weight
from projects import LANGUAGE_PROJECTS, errdocs_project, plain_project
from results import kb, machine, publish, say, spread
from search_speed import BrowserTimes, browser_times, stack_trace
from synthetic import write_catalog

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- build-speed:start -->", "<!-- build-speed:end -->"
STAGES = ("load", "validate", "link", "render", "search index")

# (size, builds of each project) per mode; "real" is the catalog in catalog/.
FULL = (("real", 5), ("1000", 3), ("3000", 3), ("10000", 3))
QUICK = (("real", 3), ("1000", 2))
SEARCH_RUNS = 10


@dataclass
class SizeResult:
    label: str
    codes: int = 0
    pages: int = 0
    errdocs: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    stages: list[dict] = field(default_factory=list)
    peak_rss: list[float] = field(default_factory=list)
    plain_peak_rss: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    site_bytes: int = 0
    site_files: int = 0
    index_raw: int = 0
    index_gzip: int = 0
    material_index_raw: int = 0
    material_index_gzip: int = 0
    weight: Weight | None = None
    weight_page: str = ""
    search: BrowserTimes = field(default_factory=BrowserTimes)


def timed_build(project: Path, builds: tuple[tuple[str, Path], ...]) -> tuple[float, dict]:
    """Wall time of fresh `mkdocs build` processes run side by side, one per (config file, site folder), until
    the last one ends, and what the first reported about itself (peak memory: the sum of all)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, str(ROOT / "bench" / "build_once.py"), str(project),
                                   str(site), config], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for config, site in builds]
    outputs = [process.communicate() for process in processes]
    wall = time.perf_counter() - start
    for process, (_, stderr) in zip(processes, outputs):
        if process.returncode != 0:
            raise RuntimeError(f"build of {project} failed:\n{stderr[-3000:]}")
    reports = [json.loads(stdout.strip().splitlines()[-1]) for stdout, _ in outputs]
    return wall, reports[0] | {"peak_rss_mb": sum(report["peak_rss_mb"] for report in reports)}


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def search_paste(site: Path, label: str) -> str:
    """The 20,000-character stack trace of search_speed.py for the real catalog; for a synthetic one, the
    same shape around a synthetic code and its message, so that the best-match block has something to show."""
    if label == "real":
        return stack_trace()
    errors = json.loads((site / "errors.json").read_text(encoding="utf-8"))["errors"]
    synthetic = [e for e in errors if e["service"].startswith("synthetic-")]
    entry = synthetic[len(synthetic) // 2]
    head = (f"com.synthetic.sdk.ServiceException: RequestId=20261122103045a1b2c3d4e5, ErrorCode={entry['code']}, "
            f"ErrorMessage={entry['messages'][0]['text']}\n")
    return stack_trace(head=head)


def measure_size(label: str, builds: int, tmp: Path, browser: bool) -> SizeResult:
    result = SizeResult(label)
    where = tmp / label
    catalog = ROOT / "catalog" if label == "real" else tmp / f"catalog-{label}"
    if not catalog.exists():
        say(f"{label}: writing the synthetic catalog")
        write_catalog(int(label), catalog)
    errdocs = errdocs_project(where, catalog)
    say(f"{label}: writing the plain Markdown project")
    plain = plain_project(where, errdocs)
    site, plain_site = where / "site", where / "plain-site"
    for run in range(builds):
        say(f"{label}: build {run + 1} of {builds}, errdocs")
        wall, report = timed_build(errdocs, (("mkdocs.yml", site),))
        result.errdocs.append(wall)
        result.stages.append(report["stages"] | {"build": report["build"]})
        result.peak_rss.append(report["peak_rss_mb"])
        result.load.append(os.getloadavg()[0])
        say(f"{label}: build {run + 1} of {builds}, plain ({wall:.1f} s for errdocs)")
        wall, report = timed_build(plain, tuple((config, plain_site.with_name(f"plain-site-{lang}"))
                                                for lang, (config, _) in LANGUAGE_PROJECTS.items()))
        result.plain.append(wall)
        result.plain_peak_rss.append(report["peak_rss_mb"])
        result.load.append(os.getloadavg()[0])
        say(f"{label}: {wall:.1f} s for plain, load {result.load[-1]:.1f}")
    errors = json.loads((site / "errors.json").read_text(encoding="utf-8"))["errors"]
    result.codes = len(errors)
    result.pages = sum(1 for _ in site.rglob("*.html"))
    files = [p for p in site.rglob("*") if p.is_file()]
    result.site_files, result.site_bytes = len(files), sum(p.stat().st_size for p in files)
    index = site / "assets" / "errdocs-index.js"
    result.index_raw, result.index_gzip = index.stat().st_size, gzip_size(index)
    material = site / "search" / "search_index.json"
    result.material_index_raw, result.material_index_gzip = material.stat().st_size, gzip_size(material)
    if browser:
        say(f"{label}: page weight and search speed in Chromium")
        first = errors[0]
        other = next(e for e in errors if e["service"] != first["service"])
        result.weight_page = first["url"]
        result.weight = page_weight(site, (first["url"], other["url"]))
        result.search = browser_times(site, search_paste(site, label), SEARCH_RUNS, path=first["url"])
    return result


def stage_median(result: SizeResult, stage: str) -> float:
    return statistics.median(report.get(stage, 0.0) for report in result.stages)


def growth(results: list[SizeResult], value) -> str:
    """The exponent k of time ∝ codes^k between the smallest and largest synthetic size (1 is linear)."""
    synthetic = [r for r in results if r.label.isdigit()]
    if len(synthetic) < 2:
        return "–"
    small, large = synthetic[0], synthetic[-1]
    return f"{math.log(value(large) / value(small)) / math.log(large.codes / small.codes):.2f}"


def report(results: list[SizeResult], command: str, minutes: float) -> str:
    out = [f"Command: `{command}` (took {minutes:.0f} minutes).\n",
           f"Measured {time.strftime('%Y-%m-%d')} on {machine()}. The machine is shared with other work, so "
           "every figure is the median of several runs with (min–max); n is the number of runs.\n"]
    out += ["### Full build\n",
            "Wall time of a whole `mkdocs build` process (interpreter start, config, every page, both languages), "
            "the errdocs project against a plain MkDocs + Material project of the same Markdown pages without the "
            "plugin, built alternately in the same run. errdocs builds the Chinese site in a process of its own "
            "beside the English one; the plain project's two `mkdocs build`s (English, and Chinese into `zh/`) "
            "run side by side too. Ratio: errdocs median / plain median. Load: the 1-minute load average after each "
            "build, median (min–max), the builds' own included (two processes on two cores make about 2).\n",
            "| catalog | codes | HTML pages | errdocs build | plain build | ratio | per page | peak memory (plain) | load |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        ratio = statistics.median(r.errdocs) / statistics.median(r.plain)
        per_page = statistics.median(r.errdocs) / r.pages * 1000
        out.append(f"| {r.label} | {r.codes:,} | {r.pages:,} | {spread(r.errdocs)} | {spread(r.plain)} | "
                   f"{ratio:.2f}× | {per_page:.1f} ms | {statistics.median(r.peak_rss):,.0f} MB "
                   f"({statistics.median(r.plain_peak_rss):,.0f} MB) | {spread(r.load, '')} |")
    out += ["", f"Growth from the smallest to the largest synthetic catalog, as the exponent k in time ∝ codes^k "
            f"(1 is linear): whole errdocs build {growth(results, lambda r: statistics.median(r.errdocs))}, "
            f"plain build {growth(results, lambda r: statistics.median(r.plain))}, generator alone "
            f"{growth(results, lambda r: stage_median(r, 'plugin'))}.\n"]
    out += ["### The generator's share\n",
            "Inside the errdocs build process: the generator's stages (the time spent in its functions, "
            "median of the runs) and MkDocs + Material's share (the rest of `mkdocs build`). `render` includes "
            "building the search index; `plugin` is all time in the plugin's events, stages included.\n",
            "| catalog | load | validate | link | render (search index) | plugin | MkDocs + Material |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        plugin, build = stage_median(r, "plugin"), stage_median(r, "build")
        out.append(f"| {r.label} | {stage_median(r, 'load'):.2f} s | {stage_median(r, 'validate'):.2f} s | "
                   f"{stage_median(r, 'link'):.2f} s | {stage_median(r, 'render'):.2f} s "
                   f"({stage_median(r, 'search index'):.2f} s) | {plugin:.2f} s ({plugin / build:.0%}) | "
                   f"{build - plugin:.1f} s ({(build - plugin) / build:.0%}) |")
    out += ["", "### Weight\n",
            "Site: every file of the built site. Search indexes: errdocs' paste index (`assets/errdocs-index.js`) "
            "and Material's own (`search/search_index.json`), raw and gzipped (level 6). Code page: everything "
            "Chromium fetched to show one code page with an empty cache until the network was idle, raw and as "
            "gzip would send it; \"own\" is what a second code page of another service did not fetch too, that "
            "is, beyond the shared assets.\n",
            "| catalog | site | errdocs index (gzip) | Material index (gzip) | code page, cold (gzip) | "
            "of which own (gzip) |",
            "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        weight = "–" if r.weight is None else f"{kb(r.weight.total_raw)} ({kb(r.weight.total_gzip)}), {r.weight.requests} requests"
        own = "–" if r.weight is None else f"{kb(r.weight.own_raw)} ({kb(r.weight.own_gzip)})"
        out.append(f"| {r.label} | {kb(r.site_bytes)} in {r.site_files:,} files | {kb(r.index_raw)} "
                   f"({kb(r.index_gzip)}) | {kb(r.material_index_raw)} ({kb(r.material_index_gzip)}) | {weight} | {own} |")
    out += ["", "### Paste search in Chromium\n",
            "The 20,000-character stack trace of `bench/search_speed.py` (for synthetic catalogs, the same trace "
            "around a synthetic code and its message), pasted on a code page of the size's site once both indexes "
            "are loaded: the matcher and details call, and the paste event to the best-match block shown. Then, "
            "over fresh page loads with an empty cache: how long after the page opened the paste index was loaded "
            "and prepared (it is fetched when the search box gets focus) and Material's own search was ready.\n",
            "| catalog | matcher and details | paste to best match shown | paste index ready | Material search ready |",
            "| --- | --- | --- | --- | --- |"]
    out += [f"| {r.label} | {spread(r.search.matcher, ' ms')} | {spread(r.search.shown, ' ms')} | "
            f"{spread(r.search.index_ready, ' ms', 0)} | {spread(r.search.material_ready, ' ms', 0)} |"
            for r in results if r.search.matcher]
    out += ["", "### Targets\n", "| target | measured | met |", "| --- | --- | --- |"]
    for target, measured, met in targets(results):
        out.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
    return "\n".join(out) + "\n"


def targets(results: list[SizeResult]) -> list[tuple[str, str, bool]]:
    rows = []
    by_label = {r.label: r for r in results}
    for r in results:
        ratio = statistics.median(r.errdocs) / statistics.median(r.plain)
        rows.append((f"{r.label}: errdocs / plain build ≤ 1.15×", f"{ratio:.2f}×", ratio <= 1.15))
    if "real" in by_label:
        real = by_label["real"]
        build = statistics.median(real.errdocs)
        rows.append(("real catalog: full build < 10 s", f"{build:.1f} s", build < 10))
        rows.append(("real catalog: search index < 300 KB gzipped", kb(real.index_gzip), real.index_gzip < 300 * 1024))
        if real.weight:
            rows.append(("real catalog: code page < 100 KB transferred beyond shared assets (gzip)",
                         kb(real.weight.own_gzip), real.weight.own_gzip < 100 * 1024))
    for big in (r for r in results if r.label == "10000"):
        build = statistics.median(big.errdocs)
        rows.append((f"{big.label}: full build < 4 minutes", f"{build / 60:.1f} min", build < 240))
        if big.search.shown:
            worst = max(statistics.median(big.search.matcher), statistics.median(big.search.shown))
            rows.append((f"{big.label}: search < 50 ms per paste", f"{worst:.1f} ms", worst < 50))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="real catalog and 1,000 codes, fewer runs")
    parser.add_argument("--sizes", help="comma-separated sizes instead of the mode's, `real` for the real catalog")
    parser.add_argument("--runs", type=int, help="builds of each project per size instead of the mode's")
    parser.add_argument("--no-browser", action="store_true", help="skip the page weight and search speed")
    parser.add_argument("--write", action="store_true", help="put the tables into bench/RESULTS.md")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.sizes:
        defaults = dict(FULL)
        plan = tuple((label, defaults.get(label, 2)) for label in args.sizes.split(","))
    plan = tuple((label, args.runs or runs) for label, runs in plan)
    command = "make bench" if not sys.argv[1:] or sys.argv[1:] == ["--write"] else \
        ".venv/bin/python bench/build_speed.py " + " ".join(sys.argv[1:])
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="errdocs-bench-") as tmp:
        results = [measure_size(label, runs, Path(tmp), not args.no_browser) for label, runs in plan]
    section = report(results, command, (time.monotonic() - start) / 60)
    publish(section, args.write, START, END)


if __name__ == "__main__":
    main()
