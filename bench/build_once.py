"""One `mkdocs build` in this process, timed stage by stage; prints one JSON line.

build_speed.py runs it in a fresh interpreter for every build, so each figure includes everything a
person's `mkdocs build` pays (imports, config, every page) and nothing is cached from a previous run.
The generator's functions are wrapped, not changed: the wrappers add a clock reading around each call.

    .venv/bin/python bench/build_once.py PROJECT_DIR SITE_DIR [CONFIG_FILE]
"""

from __future__ import annotations

import functools
import json
import os
import resource
import sys
import time
from collections import defaultdict

STARTED = time.perf_counter()
SPENT: dict[str, float] = defaultdict(float)


def timed(owner: object, name: str, stage: str) -> None:
    """Replace `owner.name` by a wrapper that adds its duration to SPENT[stage] (attributes such as
    MkDocs' event priority are kept by functools.wraps)."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[stage] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def instrument() -> None:
    from errdocs import pipeline, render
    from errdocs.mkdocs_plugin import plugin

    timed(pipeline, "load_catalog", "load")
    timed(pipeline, "validate", "validate")
    timed(pipeline, "link", "link")
    timed(plugin, "site_tree", "render")
    timed(plugin, "services_table", "render")
    timed(render, "search_index_script", "search index")  # called inside site_tree: part of render
    for event in ("on_config", "on_files", "on_page_markdown"):
        timed(plugin.ErrdocsPlugin, event, "plugin")


def main() -> None:
    project, site = sys.argv[1], sys.argv[2]
    config_file = sys.argv[3] if len(sys.argv) > 3 else "mkdocs.yml"
    os.chdir(project)
    from mkdocs.__main__ import cli

    instrument()
    start = time.perf_counter()
    cli(["build", "--quiet", "--config-file", config_file, "--site-dir", site], standalone_mode=False)
    built = time.perf_counter() - start
    report = {
        "process": time.perf_counter() - STARTED,
        "build": built,
        "stages": dict(SPENT),
        # This process and its largest child (the errdocs plugin builds the Chinese site in one).
        "peak_rss_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
