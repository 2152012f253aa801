"""Build the MkDocs site into a fresh directory and swap it in only when the build succeeded.

MkDocs empties `site_dir` before it builds, so a failed build would leave no site at all;
this keeps the previous one in place until a complete new one exists.

The output directory is checked before anything is written (pipeline.check_out_dir): never the
project (the folder holding mkdocs.yml), its parents, the home directory, `/`, a source folder
(catalog, docs_dir, src/, tests/, …) or anything inside one, and an existing non-empty
folder only when it looks like an earlier site (index.html and sitemap.xml at its top). The swap
leaves the whole old or the whole new site at the output path whenever the build is killed, and
each build first removes what killed builds left beside it (`.<dir>.staging-*`, `.<dir>.retired-*`).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..history import commit_time
from ..pipeline import prepare_out_dir, replace_dir, staging_dir


def build_site(config_file: Path, out_dir: Path, *, strict: bool = True) -> None:
    """Raises pipeline.OutputPathError, before touching anything, for an output path it must not replace."""
    # Reproducible: MkDocs dates pages and the sitemap by the build; make that the commit's date.
    project = config_file.resolve().parent
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_time(project) or int(time.time())))
    target = out_dir.resolve()
    # The configuration tells where the sources are; MkDocs' own check of site_dir would refuse
    # some outputs with a message of its own, so the staging folder is set only after ours.
    config = load_config(str(config_file), strict=strict)
    sources = {Path(config.docs_dir).resolve(): "the docs directory, which holds sources"}
    errdocs = config.plugins.get("errdocs")
    if errdocs is not None:
        sources[(project / errdocs.config.catalog).resolve()] = "the catalog directory, which holds sources"
    prepare_out_dir(out_dir, "site", project, sources)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(target)
    config["site_dir"] = str(staging)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        replace_dir(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
