"""The paste index of a serve session (search_index.build_index with a memo): after an edit, the index a fresh
build makes, each unchanged page's part reused. What the index holds is pinned in test_search*.py."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import MINI, MINI_EDITS, apply_edits

from errdocs.load import LoadedFiles
from errdocs.pipeline import read_catalog
from errdocs.render_memo import RenderMemo
from errdocs.search_index import build_index


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("edit", MINI_EDITS)
def test_a_serve_sessions_index_after_an_edit_is_a_fresh_index(tmp_path, edit: str, directory_urls: bool) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    files, memo = LoadedFiles(), RenderMemo()
    first = build_index(read_catalog(catalog, files=files), directory_urls, memo)
    assert json.dumps(first) == json.dumps(build_index(read_catalog(catalog), directory_urls))
    apply_edits(catalog, MINI_EDITS[edit])
    reused_before = memo.reused
    kept = build_index(read_catalog(catalog, files=files), directory_urls, memo)
    # Compared as JSON, which also pins the order of every mapping.
    assert json.dumps(kept) == json.dumps(build_index(read_catalog(catalog), directory_urls))
    assert memo.reused > reused_before
