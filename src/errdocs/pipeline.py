"""The stages in order, and writing a generated tree so that a failure leaves the old one intact.

An output directory is replaced whole, so it is checked first (check_out_dir): never the project, its
parents, the home directory, `/`, a source folder or anything inside one, and an existing non-empty folder
only when it looks like an earlier output of the same kind. The new tree is written beside it and swapped
in with one atomic exchange where Linux offers renameat2, else with two renames that the next build
completes if a kill falls between them; each build first removes what killed builds left beside it.
"""

from __future__ import annotations

import ctypes
import errno
import gc
import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .history import last_changed
from .link import Catalog, link
from .load import LoadedFiles, load_catalog
from .render import site_tree
from .validate import CheckedFiles, validate


def read_catalog(catalog_dir: Path, history: bool = False, files: LoadedFiles | None = None,
                 checked: CheckedFiles | None = None, previous: Catalog | None = None) -> Catalog:
    """Load, validate and link a catalog directory; raises CatalogError listing every problem.

    With `history`, pages know when their entry last changed (git blame: a site build wants it,
    a lookup does not). What a serve session kept from its previous build: `files`, the files it loaded,
    which it need not load again; `checked`, the verdicts of the rules within each file (validate.py);
    `previous`, the catalog it linked, whose pages are reused where equal (link.py)."""
    with collector_paused():
        loaded = load_catalog(catalog_dir, session=files)
        validate(loaded, checked)
        return link(loaded, last_changed(catalog_dir, loaded) if history else None, previous)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading a catalog allocates millions of small objects that all stay alive, and no garbage cycles:
    the cyclic collector's repeated passes over them doubled the load time of a 10,000-code catalog."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class OutputPathError(Exception):
    """An output directory that must not be replaced; str() is `--out <path>: <why> (<how to fix>)`."""


# Folders of a project that hold sources: an output path may be none of them, nor inside one.
SOURCE_DIRS = ("catalog", "docs", "src", "tests", "bench", "overrides", ".git", ".github")
CODE_ROOT = Path(__file__).resolve().parents[2]
# What an earlier output holds at its top, by kind: an existing non-empty directory without these is refused.
OUTPUT_MARKERS = {"site": ("index.html", "sitemap.xml"), "build": ("errors.json", "errors.schema.json")}
EXAMPLE_OUT = {"site": "site", "build": "build"}


def check_out_dir(out_dir: Path, kind: str, project: Path | None = None,
                  sources: "dict[Path, str] | None" = None) -> None:
    """Refuse an output path whose replacement would destroy something other than an earlier output.

    Refused: the project root (`project`, the folder holding the catalog or mkdocs.yml) and this code's
    checkout, any of their parents, the home directory and its parents, `/`; any source folder of either
    (SOURCE_DIRS, plus `sources`: the catalog and docs_dir actually used) or anything inside one, anything
    inside a `.git`, and a folder holding a `.git`; a file; and an existing non-empty folder that does
    not look like an earlier output of this `kind` (a site has index.html and sitemap.xml at its top, a
    Markdown build errors.json and errors.schema.json). Nothing is touched."""
    target = out_dir.resolve()
    fix = f"choose a new or empty directory, e.g. --out {EXAMPLE_OUT[kind]}"

    def refuse(why: str, how: str = fix) -> None:
        raise OutputPathError(f"--out {out_dir}: {why} ({how})")

    named = {path.resolve(): what for path, what in (sources or {}).items()}
    for root in (*([project.resolve()] if project is not None else []), CODE_ROOT):
        for name in SOURCE_DIRS:
            named.setdefault(root / name, f"the {name} directory, which holds sources")
    roots = {project.resolve(): "the project root"} if project is not None else {}
    roots.setdefault(CODE_ROOT, "the project root")
    roots.setdefault(Path.home().resolve(), "the home directory")
    roots.setdefault(Path("/"), "the filesystem root")
    for root, what in roots.items():
        if target == root:
            refuse(f"is {what}")
    for root, what in roots.items():
        if target in root.parents:
            refuse(f"is a parent of {what}")
    for path, what in named.items():
        if target == path:
            refuse(f"is {what}")
    for path, what in named.items():
        if path in target.parents:
            refuse(f"is inside {what}")
    for path, what in named.items():
        if target in path.parents and path.exists():
            refuse(f"holds {what}")
    if ".git" in target.parts:
        refuse("is inside a .git directory")
    if target.exists() and not target.is_dir():
        refuse("is not a directory", "remove it, or choose another path")
    if (target / ".git").exists():
        refuse("holds a git checkout (.git)")
    if target.is_dir() and any(target.iterdir()):
        markers = OUTPUT_MARKERS[kind]
        if not all((target / marker).is_file() for marker in markers):
            earlier = "site" if kind == "site" else "Markdown build"
            refuse(f"is a non-empty directory without {' and '.join(markers)}, so not an earlier {earlier}",
                   f"empty it, or {fix}")


# Beside an output `<dir>`, a build uses `.<dir>.staging-<pid>-<random>` for the tree it writes and, where
# the kernel cannot exchange two directories, `.<dir>.retired-<pid>-<random>` for the previous tree while
# the new one is renamed in. Both names are ignored by git (.gitignore); a later build removes those
# of processes that no longer run, and puts a retired tree back if the output itself is missing.
def _leftover_pattern(out_dir: Path) -> "re.Pattern[str]":
    return re.compile(rf"\.{re.escape(out_dir.name)}\.(staging|retired|trash)-(\d+)-[a-z0-9_]+|"
                      rf"\.{re.escape(out_dir.name)}\.old-(\d+)")


def _leftovers(out_dir: Path) -> "list[tuple[Path, str]]":
    """Our own staging, retired and trash folders beside `out_dir` whose process is gone, with their kind."""
    pattern = _leftover_pattern(out_dir)
    found = []
    try:
        entries = list(out_dir.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        matched = pattern.fullmatch(entry.name)
        if matched is None or entry.is_symlink() or not entry.is_dir():
            continue
        pid = int(matched.group(2) or matched.group(3))
        if pid != os.getpid() and _running(pid):
            continue
        found.append((entry, matched.group(1) or "retired"))
    return found


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def recover_retired(out_dir: Path) -> None:
    """A build killed between the two renames left the output missing and the old tree retired: put it back."""
    if os.path.lexists(out_dir):
        return
    retired = sorted((path for path, kind in _leftovers(out_dir) if kind == "retired"),
                     key=lambda path: path.stat().st_mtime)
    if retired:
        os.rename(retired[-1], out_dir)


def clean_leftovers(out_dir: Path) -> None:
    """Remove what killed builds left beside `out_dir` (only our own names, of processes no longer running)."""
    for path, _ in _leftovers(out_dir):
        shutil.rmtree(path, ignore_errors=True)


def prepare_out_dir(out_dir: Path, kind: str, project: Path | None = None,
                    sources: "dict[Path, str] | None" = None) -> Path:
    """Check `out_dir` (raising OutputPathError), recover and clean after killed builds; the resolved path."""
    check_out_dir(out_dir, kind, project, sources)
    target = out_dir.resolve()
    recover_retired(target)
    clean_leftovers(target)
    return target


def write_tree(files: dict[str, str], out_dir: Path, *, project: Path | None = None,
               sources: "dict[Path, str] | None" = None) -> None:
    """Write `files` under `out_dir`, replacing it only once everything is written.

    `out_dir` is checked first (check_out_dir: never a project, a source folder or a folder that is not
    an earlier Markdown build), with `project` the folder holding the catalog."""
    out_dir = prepare_out_dir(out_dir, "build", project, sources)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(out_dir)
    try:
        for relative_path, text in files.items():
            target = staging / relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        replace_dir(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def staging_name(out_dir: Path, kind: str = "staging") -> Path:
    """A fresh path beside `out_dir` in our naming pattern (see _leftover_pattern), not yet created."""
    return out_dir.with_name(f".{out_dir.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def staging_dir(out_dir: Path, staging: Path | None = None) -> Path:
    """An empty directory beside `out_dir` (or at `staging`), with ordinary permissions."""
    staging = staging or staging_name(out_dir)
    umask = os.umask(0)
    os.umask(umask)
    staging.mkdir(mode=0o777 & ~umask)
    return staging


RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _libc_renameat2():  # noqa: ANN202 - a ctypes function, or None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2 = _libc_renameat2() if sys.platform.startswith("linux") else None


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(error, os.strerror(error), str(a), None, str(b))


def replace_dir(new: Path, old: Path) -> None:
    """Put `new` in the place of `old` so that `old` holds the whole old or the whole new tree at any moment.

    Where the kernel can, the two are exchanged in one step and the old tree (now under the staging name)
    is deleted. Elsewhere it takes two renames: old to `.<name>.retired-…`, new to old; a kill between
    them leaves the output missing, and the next build puts the retired tree back (recover_retired).
    Deleting goes through a `trash` name, so a retired name only ever holds a complete tree."""
    if not os.path.lexists(old):
        os.rename(new, old)
    elif exchange(new, old):
        shutil.rmtree(new, ignore_errors=True)
    else:
        retired = staging_name(old, "retired")
        os.rename(old, retired)
        os.rename(new, old)
        trash = staging_name(old, "trash")
        os.rename(retired, trash)
        shutil.rmtree(trash, ignore_errors=True)


def build(catalog_dir: Path, out_dir: Path) -> Catalog:
    """Generate the Markdown tree without MkDocs; `out_dir` is checked before the catalog is read."""
    project = catalog_dir.resolve().parent
    sources = {catalog_dir.resolve(): "the catalog directory, which holds sources"}
    prepare_out_dir(out_dir, "build", project, sources)
    catalog = read_catalog(catalog_dir, history=True)
    write_tree(site_tree(catalog), out_dir, project=project, sources=sources)
    return catalog
