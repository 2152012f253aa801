"""Where a `mkdocs build` of the site spends its time, from a cProfile run; prints a Markdown table.

    .venv/bin/python bench/profile_build.py                 # the real catalog and 3,000 codes
    .venv/bin/python bench/profile_build.py --sizes real,10000 --write

Each share is the cumulative time of the functions named in the table, as a part of the whole profiled
build (the profiler slows pure-Python code, so shares are the figure to read, not seconds). `--write` puts
the table into bench/RESULTS.md between its profile markers.
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

from build_speed import machine, say
from projects import errdocs_project
from synthetic import write_catalog

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- build-profile:start -->", "<!-- build-profile:end -->"

# (what, owner, file path ending, function names): cumulative time of those functions.
AREAS = (
    ("the whole build", "MkDocs", "mkdocs/commands/build.py", ("build",)),
    ("errdocs plugin events (load, validate, link, render)", "errdocs", "generator/mkdocs_plugin/plugin.py",
     ("on_config", "on_files", "on_page_markdown")),
    ("Markdown to HTML, per page", "MkDocs, Python-Markdown", "mkdocs/structure/pages.py", ("render",)),
    ("page templates", "Material (Jinja)", "jinja2/environment.py", ("render",)),
    ("of which the navigation", "Material (Jinja)", "material/templates/partials/nav.html", ("root",)),
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


def profile(label: str, tmp: Path) -> list[tuple[str, str, float]]:
    catalog = ROOT / "catalog" if label == "real" else tmp / f"catalog-{label}"
    if not catalog.exists():
        write_catalog(int(label), catalog)
    project = errdocs_project(tmp / label, catalog)
    output = tmp / f"{label}.prof"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--quiet",
                    "--site-dir", str(tmp / "site")], cwd=project, env=env, check=True)
    stats = pstats.Stats(str(output))
    whole = cumulative(stats, *AREAS[0][2:])
    return [(what, owner, cumulative(stats, path_end, names) / whole) for what, owner, path_end, names in AREAS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,3000", help="comma-separated: real or a number of codes")
    parser.add_argument("--write", action="store_true", help="put the table into bench/RESULTS.md")
    args = parser.parse_args()
    labels = args.sizes.split(",")
    with tempfile.TemporaryDirectory(prefix="errdocs-profile-") as tmp:
        columns = []
        for label in labels:
            say(f"profiling a build of {label}")
            columns.append(profile(label, Path(tmp)))
    lines = [f"Command: `.venv/bin/python bench/profile_build.py --sizes {args.sizes}`, "
             f"{time.strftime('%Y-%m-%d')} on {machine()}.\n",
             "| where the time goes | whose code | " + " | ".join(labels) + " |",
             "| --- | --- | " + " | ".join("---" for _ in labels) + " |"]
    for row, (what, owner, _) in enumerate(columns[0]):
        lines.append(f"| {what} | {owner} | " + " | ".join(f"{column[row][2]:.0%}" for column in columns) + " |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.write:
        text = RESULTS.read_text(encoding="utf-8")
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        RESULTS.write_text(f"{before}{START}\n{table}{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
