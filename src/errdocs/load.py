"""Stage 1b: build the typed model of each catalog file, turning schema errors into located problems.

A writer editing the catalog in a hurry needs every problem at once with the line to jump to, so nothing
here stops at the first error: every file of the directory is read (yaml_source.py) and checked against
the schema, every violation becomes a `Problem` carrying file:line:column, and the files that loaded are
kept beside the problems so that the rules across files (validate.py) still run on them.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .model import RelationsFile, ServiceFile
from .problems import CatalogError, Problem
from .yaml_source import Loc, Positions, catalog_yaml, read_bytes, read_yaml

__all__ = ["Loc", "Positions", "catalog_yaml", "read_yaml", "load_catalog", "LoadedCatalog", "LoadedFile"]

@dataclass(frozen=True)
class LoadedFile:
    """One service file: its model and where each of its values stands."""

    model: ServiceFile
    positions: Positions


@dataclass(frozen=True)
class LoadedRelations:
    """The shared relations file: topics and direct relations, with positions."""

    model: RelationsFile
    positions: Positions


@dataclass(frozen=True)
class LoadedCatalog:
    """Everything read from a catalog directory, not yet checked across files.

    `problems` are those found while reading; `broken` names the service files (by the slug their name
    gives) that could not be loaded, so that checks across files do not report references into them."""

    services: tuple[LoadedFile, ...]
    relations: LoadedRelations
    problems: tuple[Problem, ...] = ()
    broken: frozenset[str] = frozenset()
    relations_broken: bool = False


RELATIONS_FILE = "relations.yaml"


def _field_type(model: type[BaseModel], loc: Loc) -> Any:
    """The annotation found by walking `loc` through nested models and tuples (None if unknown)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated so that the model or tuple inside shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _schema_problems(error: ValidationError, positions: Positions, root: type[BaseModel]) -> list[Problem]:
    problems = []
    items = error.errors(include_url=False)
    for item in items:
        loc = tuple(item["loc"])
        # pydantic also calls a list "too short" when its only item failed; that item's own error says it all.
        if item["type"] == "too_short" and any(tuple(o["loc"])[: len(loc)] == loc and o is not item for o in items):
            continue
        name = _dotted(loc)
        kind = item["type"]
        if kind == "extra_forbidden":
            parent = _field_type(root, loc[:-1])
            allowed = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
            problems.append(positions.problem(loc, f"unknown field '{name}'", hint, at_key=True))
        elif kind == "missing":
            parent = _field_type(root, loc[:-1])
            description = ""
            if isinstance(parent, type) and issubclass(parent, BaseModel):
                description = parent.model_fields[str(loc[-1])].description or ""
            problems.append(
                positions.problem(loc[:-1], f"missing required field '{name}'",
                                  f"add '{loc[-1]}:'" + (f": {description}" if description else ""))
            )
        else:
            field_type = _field_type(root, loc[:-1])
            description = ""
            if isinstance(field_type, type) and issubclass(field_type, BaseModel) and loc[-1] in field_type.model_fields:
                description = field_type.model_fields[str(loc[-1])].description or ""
            message = item["msg"][0].lower() + item["msg"][1:]
            problems.append(positions.problem(loc, f"'{name}': {message}", description.rstrip(".")))
    return problems


def _load_model(path: Path, display: str, root: type[BaseModel], shape_hint: str,
                content: bytes | None = None) -> tuple[Any, Positions]:
    data, positions = read_yaml(path, display, content)
    if not isinstance(data, dict):
        raise CatalogError([Problem(display, 1, 1, "the file must be a mapping", shape_hint)])
    try:
        return root.model_validate(data), positions
    except ValidationError as error:
        raise CatalogError(_schema_problems(error, positions, root)) from None


def load_file(path: Path, display: str, content: bytes | None = None) -> LoadedFile:
    """Load and type-check one service file (`content`: its bytes, if already read); every schema problem is
    reported at once."""
    return LoadedFile(*_load_model(path, display, ServiceFile, "start the file with 'service:' and 'errors:'",
                                   content))


Loaded = TypeVar("Loaded")


class LoadedFiles:
    """The catalog files a `mkdocs serve` session loaded last, each with a digest of its bytes and the name it
    was shown by: a rebuild loads again only the files an edit changed (loading is a function of the bytes, and
    what it returns is never changed afterwards). A file that does not load is not kept."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[str, Any]] = {}

    def load(self, path: Path, display: str, loader: Callable[[Path, str, bytes], Loaded] = load_file) -> Loaded:
        """`loader`'s file at `path` (a service file unless told), loaded again only if its bytes changed."""
        content = read_bytes(path, display)
        key = hashlib.blake2b(display.encode("utf-8") + b"\0" + content, digest_size=16).hexdigest()
        kept = self._files.get(path)
        if kept is None or kept[0] != key:
            kept = self._files[path] = (key, loader(path, display, content))
        return kept[1]


def load_relations(path: Path, display: str, content: bytes | None = None) -> LoadedRelations:
    """Load the shared topics and relations file (absent means none; `content`: its bytes, if already read)."""
    if content is None and not os.path.lexists(path):
        return LoadedRelations(RelationsFile(), Positions(display))
    return LoadedRelations(*_load_model(path, display, RelationsFile, "use 'topics:' and 'relations:' lists",
                                        content))


def load_catalog(catalog_dir: Path, root: Path | None = None,
                 session: LoadedFiles | None = None) -> LoadedCatalog:
    """Load every service file and the relations file of a catalog directory, collecting problems across files
    (`session`: what the previous build of a serve session loaded).

    Problems do not stop the loading: the files that loaded are returned with them (validate.py raises)."""
    root = root or catalog_dir.parent

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    problems: list[Problem] = []
    try:
        names = sorted(os.listdir(catalog_dir))
    except OSError as error:
        raise CatalogError([Problem(str(catalog_dir), 1, 1, f"the catalog directory cannot be read "
                                    f"({error.strerror})", "run from the project root, or pass --catalog")]) from None
    files = []
    for name in names:
        path = catalog_dir / name
        if name.endswith(".yaml") and not name.startswith("."):
            if name != RELATIONS_FILE:
                files.append(path)
        elif name.lower().endswith((".yaml", ".yml")) and not name.startswith("."):
            wanted = name.rsplit(".", 1)[0] + ".yaml"
            problems.append(Problem(shown(path), 1, 1, f"'{name}' is not read: catalog files end in '.yaml'",
                                    f"rename it to {wanted}"))
    if not files and not problems:
        raise CatalogError([Problem(str(catalog_dir), 1, 1, "no catalog files found", "add <service>.yaml files")])
    loaded, broken = [], set()
    for path in files:
        try:
            loaded.append(session.load(path, shown(path)) if session else load_file(path, shown(path)))
        except CatalogError as error:
            problems.extend(error.problems)
            broken.add(path.stem)
    relations, relations_broken = LoadedRelations(RelationsFile(), Positions(shown(catalog_dir / RELATIONS_FILE))), False
    try:
        path = catalog_dir / RELATIONS_FILE
        relations = (session.load(path, shown(path), load_relations) if session and os.path.lexists(path)
                     else load_relations(path, shown(path)))
    except CatalogError as error:
        problems.extend(error.problems)
        relations_broken = True
    return LoadedCatalog(tuple(loaded), relations, tuple(problems), frozenset(broken), relations_broken)
