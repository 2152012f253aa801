"""Stage 1: read catalog YAML with ruamel, keep where every value stands, build the typed model.

A writer editing the catalog in a hurry needs every problem at once with the
line to jump to, so nothing here stops at the first error: each file is read,
every schema violation is turned into a `Problem` carrying file:line:column,
and only then is a `CatalogError` raised.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from . import libyaml_reader
from .model import RelationsFile, ServiceFile
from .problems import CatalogError, Problem

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Positions:
    """Where each value of one YAML file stands, keyed by its path in the data (1-based)."""

    path: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, loc: Loc) -> tuple[int, int]:
        """Position of the value at `loc`, or of the nearest enclosing value that exists."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return (1, 1)

    def of_key(self, loc: Loc) -> tuple[int, int]:
        """Position of the key naming `loc` (for unknown keys), else of its value."""
        return self.keys.get(loc) or self.of_value(loc)

    def problem(self, loc: Loc, message: str, hint: str = "", *, at_key: bool = False) -> Problem:
        line, column = self.of_key(loc) if at_key else self.of_value(loc)
        return Problem(self.path, line, column, message, hint)


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
    """Everything read from a catalog directory, not yet checked across files."""

    services: tuple[LoadedFile, ...]
    relations: LoadedRelations


RELATIONS_FILE = "relations.yaml"


def _plain(node: Any, loc: Loc, positions: Positions) -> Any:
    """Turn ruamel's round-trip nodes into plain data, recording positions on the way."""
    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            child = loc + (key,)
            k_line, k_col = node.lc.key(key)
            v_line, v_col = node.lc.value(key)
            positions.keys[child] = (k_line + 1, k_col + 1)
            positions.values[child] = (v_line + 1, v_col + 1)
            result[key] = _plain(value, child, positions)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = loc + (index,)
            i_line, i_col = node.lc.item(index)
            positions.values[child] = (i_line + 1, i_col + 1)
            items.append(_plain(value, child, positions))
        return items
    return node


def catalog_yaml() -> YAML:
    """The one ruamel configuration for catalog files: loading and dumping with it gives back the same bytes,
    so tools that rewrite the catalog keep its comments, order, quoting and line breaks."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 110
    return yaml


def _decode(raw: bytes, display: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise CatalogError(
            [Problem(display, line, column, f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                     "save the file as UTF-8")]
        ) from None


_YAML_HINTS = {
    "found character '\\t'": "indent with spaces, not tabs",
    "found duplicate key": "remove or rename one of the two keys",
    "could not find expected ':'": "check the quoting and indentation of this line",
    "mapping values are not allowed here": "quote a value that contains ': '",
}


def read_yaml(path: Path, display: str) -> tuple[Any, Positions]:
    """Parse one YAML file into plain data and positions, or raise a located CatalogError.

    libyaml reads it when it can be sure to read it as ruamel would (libyaml_reader.py); ruamel reads the
    rest and reports every syntax error, with the line and column people know from it."""
    text = _decode(path.read_bytes(), display)
    try:
        positions = Positions(display)
        return libyaml_reader.read(text, positions), positions
    except libyaml_reader.Unsupported:
        positions = Positions(display)
    try:
        document = catalog_yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(str(part) for part in (error.context, error.problem) if part)
        hint = next((h for k, h in _YAML_HINTS.items() if k in what), "fix the YAML syntax")
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise CatalogError([Problem(display, line, column, f"YAML syntax error: {what}", hint)]) from None
    return _plain(document, (), positions), positions


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


def _load_model(path: Path, display: str, root: type[BaseModel], shape_hint: str) -> tuple[Any, Positions]:
    data, positions = read_yaml(path, display)
    if not isinstance(data, dict):
        raise CatalogError([Problem(display, 1, 1, "the file must be a mapping", shape_hint)])
    try:
        return root.model_validate(data), positions
    except ValidationError as error:
        raise CatalogError(_schema_problems(error, positions, root)) from None


def load_file(path: Path, display: str) -> LoadedFile:
    """Load and type-check one service file; every schema problem is reported at once."""
    return LoadedFile(*_load_model(path, display, ServiceFile, "start the file with 'service:' and 'errors:'"))


def load_relations(path: Path, display: str) -> LoadedRelations:
    """Load the shared topics and relations file (absent means none)."""
    if not path.exists():
        return LoadedRelations(RelationsFile(), Positions(display))
    return LoadedRelations(*_load_model(path, display, RelationsFile, "use 'topics:' and 'relations:' lists"))


def load_catalog(catalog_dir: Path, root: Path | None = None) -> LoadedCatalog:
    """Load every service file and the relations file of a catalog directory, collecting problems across files."""
    root = root or catalog_dir.parent

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    files = sorted(p for p in catalog_dir.glob("*.yaml") if p.name != RELATIONS_FILE)
    if not files:
        raise CatalogError([Problem(str(catalog_dir), 1, 1, "no catalog files found", "add <service>.yaml files")])
    loaded, problems = [], []
    for path in files:
        try:
            loaded.append(load_file(path, shown(path)))
        except CatalogError as error:
            problems.extend(error.problems)
    relations = None
    try:
        relations = load_relations(catalog_dir / RELATIONS_FILE, shown(catalog_dir / RELATIONS_FILE))
    except CatalogError as error:
        problems.extend(error.problems)
    if problems:
        raise CatalogError(problems)
    return LoadedCatalog(tuple(loaded), relations)
