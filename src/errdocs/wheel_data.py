"""The data a wheel ships (read back by `bundled.py`): built from the catalog when the wheel is built, so
that an installed errdocs answers `lookup` and `explain` with no checkout and no catalog toolchain.
The index is written twice: as JSON, which any Python reads, and as the marshal of the Python building the
wheel (usually the one it is installed into), which `lookup` loads without a first-use cache.

`setup.py` calls `write_data` from its build step; the site address is fixed then (see site_address.py)."""

from __future__ import annotations

import json
from pathlib import Path

from .bundled import CODECS, marshal_name
from .explain_data import explain_record
from .pipeline import read_catalog
from .search_index import build_index

FILES = ("index.json", "explain.json", "site.json")
MARSHALLED = ("index",)  # explain is not on the hot path: its records are cached on first use


def write_data(catalog_dir: Path, out_dir: Path, site_url: str) -> None:
    """Write the search index, the explain records and the site address into `out_dir`, and this Python's
    marshal of the index."""
    catalog = read_catalog(catalog_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {"index.json": build_index(catalog),
            "explain.json": [explain_record(page) for page in catalog.pages],
            "site.json": {"site_url": site_url}}
    for name in FILES:
        text = json.dumps(data[name], ensure_ascii=False, separators=(",", ":")) + "\n"
        (out_dir / name).write_text(text, encoding="utf-8")
        kind = name.removesuffix(".json")
        if kind in MARSHALLED:  # what the JSON reads back as (lists, not tuples), so both files hold the same
            (out_dir / marshal_name(kind)).write_bytes(CODECS[kind][0](json.loads(text)))
