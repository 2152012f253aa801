"""The other language's site, built beside this one: forked from the building process where that is safe, in a
new interpreter otherwise, with the same site either way."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from conftest import MINI, ROOT, mkdocs_build, project_with_catalog
from test_reproducible import differences

from errdocs.mkdocs_plugin.translation import forkable

# `mkdocs build` with one more thread alive, which makes the build start its translation in a new interpreter.
WITH_A_THREAD = """
import sys, threading
threading.Thread(target=threading.Event().wait, daemon=True).start()
from mkdocs.__main__ import cli
cli(sys.argv[1:])
"""


def test_a_process_with_another_thread_does_not_fork() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forkable()
    finally:
        stop.set()
        thread.join()


# The hostile catalog lacks a code the hand-written home page links, so each language's build warns: a
# translation is built as `mkdocs build --quiet` builds it, which drops warnings before strict mode counts them.
@pytest.mark.site
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the translation forks on Linux only")
@pytest.mark.parametrize("catalog", [MINI, ROOT / "tests" / "fixtures" / "hostile"], ids=["mini", "hostile"])
def test_the_forked_translation_builds_the_same_site_as_a_new_interpreter(tmp_path: Path, catalog: Path) -> None:
    project = project_with_catalog(tmp_path, catalog)
    forked = mkdocs_build(project, tmp_path / "forked")
    spawned = mkdocs_build(project, tmp_path / "spawned", launcher=("-c", WITH_A_THREAD))
    assert (forked.returncode, forked.stderr, spawned.returncode, spawned.stderr) == (0, "", 0, "")
    assert (tmp_path / "forked/zh/index.html").is_file()
    assert differences(tmp_path / "forked", tmp_path / "spawned") == []
