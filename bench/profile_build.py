"""Where a `mkdocs build` of the site spends its time, from a cProfile run; prints a Markdown table.

    .venv/bin/python bench/profile_build.py                 # the real catalog and 3,000 codes
    .venv/bin/python bench/profile_build.py --sizes real,10000 --write

Each cell is the cumulative time of the functions named in the table under the profiler, and its share of
the whole profiled build, for the errdocs project and for the plain project of the same pages
(bench/projects.py). Only the English build's process is profiled: errdocs builds the Chinese site in a
process of its own beside it (its row is the time the English build then waits for it), and the plain
project's Chinese build is a second `mkdocs build`. The profiler slows pure-Python code, so compare shares and the two projects, not
seconds with build_speed.py's. `--write` puts the table into bench/RESULTS.md between its profile markers.
"""

from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import machine, publish, say
from projects import errdocs_project, plain_project
from synthetic import write_catalog

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- build-profile:start -->", "<!-- build-profile:end -->"

# (what, owner, file path ending, function names): cumulative time of those functions.
AREAS = (
    ("the whole build", "MkDocs", "mkdocs/commands/build.py", ("build",)),
    ("errdocs plugin events (load, validate, link, render)", "errdocs", "errdocs/mkdocs_plugin/plugin.py",
     ("on_config", "on_files", "on_nav", "on_page_markdown", "_on_page_context_first", "on_post_page")),
    ("waiting for the Chinese site, built beside this one", "errdocs", "errdocs/mkdocs_plugin/translation.py",
     ("finish",)),
    ("Markdown to HTML, per page", "MkDocs, Python-Markdown", "mkdocs/structure/pages.py", ("render",)),
    ("page templates", "Material (Jinja)", "jinja2/environment.py", ("render",)),
    ("of which the navigation", "Material (Jinja)", "material/templates/partials/nav.html", ("root",)),
    ("of which the footer (previous and next page)", "Material (Jinja)", "material/templates/partials/footer.html",
     ("root",)),
    ("search index of Material (HTML parsed again per page)", "Material", "material/plugins/search/plugin.py",
     ("on_page_context", "on_post_build")),
    ("writing pages", "MkDocs", "mkdocs/utils/__init__.py", ("write_file",)),
)


def cumulative(stats: pstats.Stats, path_end: str, names: tuple[str, ...]) -> float:
    total = 0.0
    for (filename, _, function), (_, _, _, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        if filename.endswith(path_end) and function in names:
            total += cum
    return total


def profile(project: Path, output: Path, site: Path) -> list[tuple[str, str, float]]:
    """Seconds (under the profiler) spent in each area of one `mkdocs build` of `project`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--quiet",
                    "--site-dir", str(site)], cwd=project, env=env, check=True)
    stats = pstats.Stats(str(output))
    return [(what, owner, cumulative(stats, path_end, names)) for what, owner, path_end, names in AREAS]


def profiles(label: str, tmp: Path) -> list[tuple[str, list[tuple[str, str, float]]]]:
    """The errdocs project of a catalog size and the plain project of the same pages, each profiled once."""
    catalog = ROOT / "catalog" if label == "real" else tmp / f"catalog-{label}"
    if not catalog.exists():
        write_catalog(int(label), catalog)
    errdocs = errdocs_project(tmp / label, catalog)
    plain = plain_project(tmp / label, errdocs)
    return [(f"{label} {name}", profile(project, tmp / f"{label}-{name}.prof", tmp / f"{label}-{name}-site"))
            for name, project in (("errdocs", errdocs), ("plain", plain))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,3000", help="comma-separated: real or a number of codes")
    parser.add_argument("--write", action="store_true", help="put the table into bench/RESULTS.md")
    args = parser.parse_args()
    columns = []
    with tempfile.TemporaryDirectory(prefix="errdocs-profile-") as tmp:
        for label in args.sizes.split(","):
            say(f"profiling a build of {label}, errdocs and plain")
            columns += profiles(label, Path(tmp))
    lines = [f"Command: `.venv/bin/python bench/profile_build.py --sizes {args.sizes}`, "
             f"{time.strftime('%Y-%m-%d')} on {machine()}.\n",
             "| where the time goes | whose code | " + " | ".join(name for name, _ in columns) + " |",
             "| --- | --- | " + " | ".join("---" for _ in columns) + " |"]
    for row, (what, owner, _) in enumerate(columns[0][1]):
        cells = [f"{areas[row][2]:.1f} s ({areas[row][2] / areas[0][2]:.0%})" for _, areas in columns]
        lines.append(f"| {what} | {owner} | " + " | ".join(cells) + " |")
    table = "\n".join(lines) + "\n"
    publish(table, args.write, START, END)


if __name__ == "__main__":
    main()
