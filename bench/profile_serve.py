"""Where one rebuild of `make serve` (`mkdocs serve --dirty`) spends its time after one catalog entry is
edited, from a cProfile run; prints the functions that took longest, cumulatively.

It builds as `mkdocs serve --dirty` does, in one process: the plugins started for serving, a first build,
then the edit (one entry's title) and a second build, which alone is profiled. Only this process is
profiled: the Chinese site's worker builds beside it (its wait shows as translation.py's `finish`).

    .venv/bin/python bench/profile_serve.py                  # the real catalog
    .venv/bin/python bench/profile_serve.py --size 1000 --top 60
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
from pathlib import Path

from projects import ROOT, errdocs_project
from results import say
from serve_rebuild import edited, private_catalog
from synthetic import write_catalog


def main() -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="real", help="real or a number of codes")
    parser.add_argument("--top", type=int, default=40, help="how many functions to print")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="errdocs-serve-profile-") as tmp:
        catalog = ROOT / "catalog" if args.size == "real" else Path(tmp) / f"catalog-{args.size}"
        if not catalog.exists():
            write_catalog(int(args.size), catalog)
        project = errdocs_project(Path(tmp) / args.size, catalog)
        services = private_catalog(project)
        os.chdir(project)
        site = str(Path(tmp) / "site")
        config = load_config("mkdocs.yml", site_dir=site)
        config.plugins.on_startup(command="serve", dirty=True)
        try:
            say(f"{args.size}: first build")
            build(config, dirty=True)
            text, _ = edited(services[0], "Edited by the profile")
            services[0].write_text(text, encoding="utf-8")
            profile = cProfile.Profile()
            start = time.perf_counter()
            profile.runcall(build, load_config("mkdocs.yml", site_dir=site), dirty=True)
            say(f"{args.size}: the rebuild took {time.perf_counter() - start:.1f} s under the profiler")
        finally:
            config.plugins.on_shutdown()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
