"""The paste search's index as a script the site loads."""

from __future__ import annotations

import json

from .link import Catalog


def search_index_script(catalog: Catalog, directory_urls: bool = True) -> str:
    """The search index as a script, so that it loads from `file://` too, where fetch() is refused."""
    from .search_index import build_index

    index = build_index(catalog, directory_urls=directory_urls)
    return "window.errdocsIndex = " + json.dumps(index, separators=(",", ":")) + ";\n"
