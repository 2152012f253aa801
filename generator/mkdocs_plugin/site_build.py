"""Build the MkDocs site into a fresh directory and swap it in only when the build succeeded.

MkDocs empties `site_dir` before it builds, so a failed build would leave no site at all;
this keeps the previous one in place until a complete new one exists.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..history import commit_time
from ..pipeline import replace_dir, staging_dir


def build_site(config_file: Path, out_dir: Path, *, strict: bool = True) -> None:
    # Reproducible: MkDocs dates pages and the sitemap by the build; make that the commit's date.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_time(config_file.resolve().parent) or int(time.time())))
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(out_dir)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        replace_dir(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

