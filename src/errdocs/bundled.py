"""The data `lookup`, `explain` and the Python API read: shipped in the wheel, or made from a checkout's
catalog; either way cached so that a lookup starts in well under a tenth of a second.

An installed errdocs has `data/` beside this file (written by `wheel_data.py` when the wheel is built):
the search index, the explain records and the address of the published site. A checkout has no
`data/`: there the same data is built from the catalog (seconds: reading and validating the YAML) and
cached under `$XDG_CACHE_HOME/errdocs`, keyed by the catalog's files and the modules that shape the data.
The caches are `marshal` files (Python's own fastest loader for plain data, three times faster than
JSON here), keyed by the Python version as well, since marshal's format may change between versions.
Nothing here imports the catalog toolchain unless a cache must be rebuilt."""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CHECKOUT_CATALOG = Path(__file__).resolve().parents[2] / "catalog"
CHECKOUT_MKDOCS = CHECKOUT_CATALOG.parent / "mkdocs.yml"
# What the data depends on, besides the catalog: a change to one of these modules rebuilds the caches.
SHAPING_MODULES = ("search.py", "search_index.py", "link.py", "model.py", "explain_data.py", "pages.py")


def installed() -> bool:
    """Whether this errdocs carries its own data (a wheel), rather than reading a checkout's catalog."""
    return (DATA / "index.json").is_file()


def default_catalog() -> Path | None:
    """The catalog `lookup` and `explain` read without `--catalog`: none when installed (the data is built
    in), the checkout's otherwise."""
    return None if installed() else CHECKOUT_CATALOG


def site_url() -> str:
    """Where the site is published, ending in `/`: fixed when the wheel was built; in a checkout, what
    mkdocs.yml declares (`ERRDOCS_SITE_URL`, or the local address of `make serve`)."""
    if installed():
        return json.loads((DATA / "site.json").read_text(encoding="utf-8"))["site_url"]
    from .site_address import declared_site_url

    return declared_site_url(CHECKOUT_MKDOCS)


def search_index(catalog_dir: Path | None = None) -> dict:
    """The search index: the installed one, or one built from `catalog_dir` (a checkout's catalog)."""
    from .search_index import INDEX_FORMAT

    def valid(index: object) -> bool:
        return isinstance(index, dict) and list(index) == list(INDEX_FORMAT) and index["version"] == _version()

    if catalog_dir is None:
        return _cached("index", [DATA / "index.json"], lambda: _read_json(DATA / "index.json"), valid)

    def build() -> dict:
        from .pipeline import read_catalog
        from .search_index import build_index

        return build_index(read_catalog(catalog_dir))

    return _cached("index", _catalog_files(catalog_dir), build, valid)


def explain_records(catalog_dir: Path | None = None) -> list[dict]:
    """One record per code page (explain_data.py): the installed ones, or those of `catalog_dir`."""
    def valid(records: object) -> bool:
        return isinstance(records, list) and all(isinstance(r, dict) and "code" in r for r in records)

    if catalog_dir is None:
        return _cached("explain", [DATA / "explain.json"], lambda: _read_json(DATA / "explain.json"), valid)

    def build() -> list[dict]:
        from .explain_data import explain_record
        from .pipeline import read_catalog

        return [explain_record(page) for page in read_catalog(catalog_dir).pages]

    return _cached("explain", _catalog_files(catalog_dir), build, valid)


def _version() -> int:
    from .search import VERSION

    return VERSION


def _read_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def _catalog_files(catalog_dir: Path) -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here / module for module in SHAPING_MODULES] + sorted(catalog_dir.glob("*.yaml"))


def _cached(kind: str, sources: list[Path], make: Callable[[], object], valid: Callable[[object], bool]):
    """`make()`, or its copy cached for exactly these source files and this Python. A checkout's files are
    told apart by content (an edit keeps the size); installed data, which only a reinstall changes, by its
    path, size and time, which spares reading a megabyte on every lookup."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {marshal.version}".encode())
    for path in sources:
        if path.parent == DATA:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        else:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "errdocs"
    cache = cache_dir / f"{kind}-{digest.hexdigest()[:32]}.marshal"
    collecting = gc.isenabled()
    gc.disable()  # collection passes while marshal builds a million small objects cost a third of the load
    try:
        data = marshal.loads(cache.read_bytes())
        if valid(data):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # a missing, corrupt or foreign cache is rebuilt and replaced
    finally:
        if collecting:
            gc.enable()
    data = make()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(data))
        partial.replace(cache)
    except OSError:
        pass  # a read-only home only costs speed
    return data
