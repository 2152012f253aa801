"""The data `lookup`, `explain` and the Python API read: shipped in the wheel, or made from a checkout's
catalog, and loaded so that a lookup answers in well under a tenth of a second, interpreter start included.

An installed errdocs has `data/` beside this file (written by `wheel_data.py` when the wheel is built):
the search index, the explain records and the address of the published site, as JSON, and the index as
a `marshal` file (Python's own fastest loader for plain data, three times faster than JSON here) for the
Python that built the wheel, named by its cache tag, since marshal's format may change between versions.
Data with no marshal for this Python is read from the JSON once and cached, as marshal, under
`$XDG_CACHE_HOME/errdocs`. A checkout has no `data/`: there the same data is built from the catalog
(seconds: reading and validating the YAML) and cached there too, keyed by the catalog's files and the
modules that shape the data. In the index's marshal, each value of the three postings tables is a marshal
of its own, decoded when the matcher reads it (`Postings`): a lookup reads a few dozen of their 10,000
keys, and the tables hold most of the index's objects, so loading is three times faster. The lookup path
imports neither pathlib nor hashlib (milliseconds each): the installed data is found with os.path, and
the catalog toolchain is imported only to rebuild a cache."""

from __future__ import annotations

import gc
import marshal
import os
import sys
from collections.abc import Mapping

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on the lookup path
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

HERE = os.path.dirname(os.path.realpath(__file__))
DATA = os.path.join(HERE, "data")
# What the data depends on, besides the catalog: a change to one of these modules rebuilds the caches.
SHAPING_MODULES = ("search.py", "search_index.py", "chinese_cuts.py", "link.py", "model.py", "explain_data.py",
                   "pages.py")
CACHE_FORMAT = 2  # raised when CODECS change, so that no cache of an older layout is read
# Caches of each kind kept, the most recently used: a checkout makes a new one for every edit of its catalog
# (1.4 MB for the index), and nothing else removes the old ones (180 of them here after a day of work). Four
# leave room for a checkout, a worktree or two and an installed errdocs on one machine.
KEPT_CACHES = 4
# The index's tables of which a lookup reads only the keys of its words (`Postings`).
POSTINGS = ("prose", "near", "message_postings")


class Postings(Mapping):
    """A postings table whose values are kept as marshal bytes and decoded when read."""

    __slots__ = ("_raw",)

    def __init__(self, raw: dict) -> None:
        self._raw = raw

    def __getitem__(self, key: str) -> object:
        return self._decode(self._raw[key])

    def get(self, key: str, default: object = None) -> object:
        raw = self._raw.get(key)
        return default if raw is None else self._decode(raw)

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    @staticmethod
    def _decode(raw: bytes) -> object:
        try:
            return marshal.loads(raw)
        except EOFError as error:  # a truncated value: the same error as any other corrupt one
            raise ValueError(f"corrupt postings: {error}") from error


def index_marshal(index: dict) -> bytes:
    """The index as marshal, each value of its postings tables a marshal of its own (read by `Postings`)."""
    return marshal.dumps({name: {key: marshal.dumps(value) for key, value in table.items()} if name in POSTINGS
                          else table for name, table in index.items()})


def _index_from_marshal(data: object) -> object:
    """The index of `index_marshal`, its postings tables wrapped in `Postings`; anything else as it is."""
    if isinstance(data, dict) and all(isinstance(data.get(name), dict) for name in POSTINGS):
        return {name: Postings(table) if name in POSTINGS else table for name, table in data.items()}
    return data


# How each kind of data is written as marshal, and read back.
CODECS = {"index": (index_marshal, _index_from_marshal), "explain": (marshal.dumps, lambda data: data)}


def marshal_name(kind: str) -> str:
    """The file name of the installed data `kind` (index, explain) as this Python's marshal."""
    return f"{kind}-{sys.implementation.cache_tag}-m{marshal.version}.marshal"


def installed() -> bool:
    """Whether this errdocs carries its own data (a wheel), rather than reading a checkout's catalog."""
    return os.path.isfile(os.path.join(DATA, "index.json"))


def checkout_catalog() -> Path:
    """The catalog of the checkout this module sits in (src/errdocs/ → catalog/), whether or not it exists."""
    from pathlib import Path

    return Path(HERE).parents[1] / "catalog"


def default_catalog() -> Path | None:
    """The catalog `lookup` and `explain` read without `--catalog`: none when installed (the data is built
    in), the checkout's otherwise."""
    return None if installed() else checkout_catalog()


def site_url() -> str:
    """Where the site is published, ending in `/`: fixed when the wheel was built; in a checkout, what
    mkdocs.yml declares (`ERRDOCS_SITE_URL`, or the local address of `make serve`)."""
    if installed():
        return _read_json(os.path.join(DATA, "site.json"))["site_url"]
    from .site_address import declared_site_url

    return declared_site_url(checkout_catalog().parent / "mkdocs.yml")


def search_index(catalog_dir: Path | None = None) -> dict:
    """The search index: the installed one, or one built from `catalog_dir` (a checkout's catalog)."""
    from .search_index import INDEX_FORMAT

    def valid(index: object) -> bool:
        return isinstance(index, dict) and list(index) == list(INDEX_FORMAT) and index["version"] == _version()

    if catalog_dir is None:
        return _installed_data("index", valid)

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
        return _installed_data("explain", valid)

    def build() -> list[dict]:
        from .explain_data import explain_record
        from .pipeline import read_catalog

        return [explain_record(page) for page in read_catalog(catalog_dir).pages]

    return _cached("explain", _catalog_files(catalog_dir), build, valid)


def _version() -> int:
    from .search import VERSION

    return VERSION


def _read_json(path: str) -> object:
    import json

    with open(path, encoding="utf-8") as file:
        return json.load(file)


def _catalog_files(catalog_dir: Path) -> list[str]:
    return [os.path.join(HERE, module) for module in SHAPING_MODULES] + \
        [str(path) for path in sorted(catalog_dir.glob("*.yaml"))]


def _load_marshal(path: str, kind: str, valid: Callable[[object], bool]) -> object | None:
    """The data `kind` in a marshal file, or None if it is missing, corrupt or not what `valid` expects."""
    collecting = gc.isenabled()
    gc.disable()  # collection passes while marshal builds many small objects would cost a third of the load
    try:
        with open(path, "rb") as file:
            data = CODECS[kind][1](marshal.loads(file.read()))
        return data if valid(data) else None
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()


def _installed_data(kind: str, valid: Callable[[object], bool]):
    """The wheel's data `kind`: its marshal for this Python if it has one, or else its JSON (cached)."""
    data = _load_marshal(os.path.join(DATA, marshal_name(kind)), kind, valid)
    if data is not None:
        return data
    source = os.path.join(DATA, f"{kind}.json")
    return _cached(kind, [source], lambda: _read_json(source), valid)


def cache_dir() -> str:
    """Where errdocs keeps what it can make again (this data, chinese_cuts.py's cuts): `$XDG_CACHE_HOME/errdocs`,
    else `~/.cache/errdocs`."""
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "errdocs")


def _cached(kind: str, sources: list[str], make: Callable[[], object], valid: Callable[[object], bool]):
    """`make()`, or its copy cached for exactly these source files and this Python. A checkout's files are
    told apart by content (an edit keeps the size); installed data, which only a reinstall changes, by its
    path, size and time, which spares reading a megabyte on every lookup."""
    import hashlib

    digest = hashlib.sha256(f"{sys.version_info[:2]} {marshal.version} {CACHE_FORMAT}".encode())
    for path in sources:
        if os.path.dirname(path) == DATA:
            stat = os.stat(path)
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        else:
            with open(path, "rb") as file:
                digest.update(os.path.basename(path).encode() + b"\0" + file.read() + b"\0")
    cache = os.path.join(cache_dir(), f"{kind}-{digest.hexdigest()[:32]}.marshal")
    data = _load_marshal(cache, kind, valid)  # a missing, corrupt or foreign cache is rebuilt and replaced
    if data is not None:
        try:
            os.utime(cache)  # used now: the last to go when old caches are removed
        except OSError:
            pass
        return data
    data = make()
    try:
        os.makedirs(cache_dir(), exist_ok=True)
        partial = f"{cache[:-len('.marshal')]}.{os.getpid()}.tmp"
        with open(partial, "wb") as file:
            file.write(CODECS[kind][0](data))
        os.replace(partial, cache)
    except OSError:
        pass  # a read-only home only costs speed
    remove_old_caches(cache_dir(), f"{kind}-", ".marshal")
    return data


def remove_old_caches(directory: str, prefix: str, suffix: str) -> None:
    """All but the KEPT_CACHES most recently used cache files named `prefix…suffix` in `directory` go (another
    process may be removing them too)."""
    ages = []
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(suffix):
            try:
                ages.append((os.stat(os.path.join(directory, name)).st_mtime_ns, name))
            except OSError:
                continue
    for _, name in sorted(ages, reverse=True)[KEPT_CACHES:]:
        try:
            os.remove(os.path.join(directory, name))
        except OSError:
            pass
