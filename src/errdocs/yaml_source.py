"""Stage 1a: read one catalog file as YAML, safely, keeping where every value stands.

A catalog file is text a person edits by hand, and sometimes text nobody meant to be there. Before any
YAML is built, this module makes sure the file is a regular file of bounded size, valid UTF-8, without
control, line-separator or bidirectional characters (each reported where it stands), and that its YAML
uses no explicit tags, anchors, aliases or merge keys and nests no deeper than a catalog needs. That
check judges libyaml's event stream as libyaml_reader builds the data from it, in one pass that needs no
recursion and never expands an alias, so a "billion laughs" file, a file nested fifty thousand levels
deep or `/dev/zero` is refused in moments; its verdict comes before any data is returned.

Decisions: merge keys (`<<:`), anchors and aliases are refused rather than supported: a catalog is read
by people, one entry at a time, so each value is written out where it applies. CR and CRLF line ends
become LF, as editors show them. Line and column count LF only, as editors do.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from . import libyaml_reader
from .problems import CatalogError, Problem

Loc = tuple[str | int, ...]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 20
MAX_PROBLEMS = 20  # per file: past that, one more line says how many were left out
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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


def catalog_yaml() -> YAML:
    """The one ruamel configuration for catalog files: loading and dumping with it gives back the same bytes,
    so tools that rewrite the catalog keep its comments, order, quoting and line breaks."""
    yaml_rt = YAML(typ="rt")
    yaml_rt.preserve_quotes = True
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    yaml_rt.width = 110
    return yaml_rt


def _where(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character, counting LF only."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def read_bytes(path: Path, display: str) -> bytes:
    """The file's bytes, if it is a regular file (directly or through a symlink) of bounded size."""
    def refuse(message: str, hint: str) -> CatalogError:
        return CatalogError([Problem(display, 1, 1, message, hint)])

    try:
        info = path.stat()
    except FileNotFoundError:
        raise refuse("the file is a symbolic link to nothing", "point the link at a catalog file or remove it") \
            from None
    except OSError as error:
        raise refuse(f"the file cannot be read ({error.strerror})", "check its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise refuse("this is a directory, not a catalog file", "rename it: names ending in .yaml are catalog files")
    if not stat.S_ISREG(info.st_mode):
        raise refuse("this is not a regular file (a device, pipe or socket)", "catalog files are plain text files")
    if info.st_size > MAX_BYTES:
        raise refuse(f"the file has {info.st_size:,} bytes, more than the {MAX_BYTES:,} a catalog file may have",
                     "split the service or remove what does not belong")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise refuse(f"the file cannot be read ({error.strerror})", "check its permissions") from None
    if len(raw) > MAX_BYTES:
        raise refuse(f"the file has more than the {MAX_BYTES:,} bytes a catalog file may have",
                     "split the service or remove what does not belong")
    return raw


def decode(raw: bytes, display: str) -> str:
    """UTF-8 text with LF line ends, or a located problem for every character a catalog may not hold."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise CatalogError(
            [Problem(display, line, column, f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                     "save the file as UTF-8")]
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems = []
    for found in FORBIDDEN.finditer(text):
        if len(problems) == MAX_PROBLEMS:
            problems.append(Problem(display, *_where(text, found.start()), "more such characters follow", ""))
            break
        char = found.group(0)
        name = f"U+{ord(char):04X}"
        line, column = _where(text, found.start())
        if char in "\u2028\u2029":
            message, hint = f"line separator {name} in the file", f"write it as \\u{ord(char):04x} in a double-quoted string"
        elif "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
            message, hint = (f"bidirectional control character {name} in the file (it makes text read differently "
                             "from what it is)", "remove it")
        else:
            message, hint = f"control character {name} in the file", f"remove it, or write it as \\x{ord(char):02x} in a double-quoted string" if ord(char) < 0x100 else "remove it"
        problems.append(Problem(display, line, column, message, hint))
    if problems:
        raise CatalogError(problems)
    return text


class StructureCheck:
    """Refuse explicit tags, anchors, aliases, merge keys and deep nesting, judging libyaml's events one by one
    as libyaml_reader reads them (one pass over the file for both).

    A syntax error ends the events quietly: the round-trip reader reports it with its usual message."""

    def __init__(self, text: str, display: str) -> None:
        self.text, self.display = text, display
        self.problems: list[Problem] = []
        self.depth = 0
        self.expect_key: list[bool | None] = []  # per open collection: whether a mapping's next node is a key
        self.reported: set[str] = set()

    def add(self, event: Any, kind: str, message: str, hint: str) -> None:
        """Each kind once: a billion-laughs file has thousands of aliases, and the first one says it all."""
        if kind not in self.reported:
            self.reported.add(kind)
            self.problems.append(Problem(self.display, *_where(self.text, event.start_mark.index), message, hint))

    def see(self, event: Any) -> bool:
        """Judge one event; False once the file nests too deep to read on."""
        kind = type(event)
        if kind is yaml.AliasEvent:
            self.add(event, "alias", f"YAML alias (*{event.anchor}) in the catalog", "write the value out where it applies")
        elif kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None:
                self.add(event, "anchor", f"YAML anchor (&{event.anchor}) in the catalog",
                         "write the value out where it applies")
            if event.tag is not None:  # libyaml gives a tag only where one is written
                self.add(event, "tag", f"YAML tag {event.tag} in the catalog",
                         "remove the tag: write the value as plain text")
            expect_key = self.expect_key
            if kind is yaml.ScalarEvent:
                if expect_key and expect_key[-1] and event.value == "<<" and not event.style:
                    self.add(event, "merge", "YAML merge key (<<) in the catalog",
                             "write the merged fields out in the entry")
                if expect_key and expect_key[-1] is not None:
                    expect_key[-1] = not expect_key[-1]
            else:
                if expect_key and expect_key[-1] is not None:
                    expect_key[-1] = not expect_key[-1]
                self.depth += 1
                expect_key.append(True if kind is yaml.MappingStartEvent else None)
                if self.depth > MAX_DEPTH:
                    self.add(event, "depth", f"nesting deeper than {MAX_DEPTH} levels",
                             "a catalog entry needs a few levels; check the indentation")
                    return False
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.depth -= 1
            self.expect_key.pop()
        return True

    def verdict(self) -> None:
        if self.problems:
            raise CatalogError(self.problems)


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


_YAML_HINTS = {
    "found character '\\t'": "indent with spaces, not tabs",
    "found duplicate key": "remove or rename one of the two keys",
    "could not find expected ':'": "check the quoting and indentation of this line",
    "mapping values are not allowed here": "quote a value that contains ': '",
}


def read_yaml(path: Path, display: str, data: bytes | None = None) -> tuple[Any, Positions]:
    """Parse one YAML file (or `data`, its bytes already read) into plain data and positions, or raise a
    located CatalogError.

    libyaml reads it when it can be sure to read it as ruamel would (libyaml_reader.py); ruamel reads the
    rest and reports every syntax error, with the line and column people know from it."""
    text = decode(read_bytes(path, display) if data is None else data, display)
    check = StructureCheck(text, display)
    positions = Positions(display)
    try:
        document, fast = libyaml_reader.read(text, positions, check.see), True
    except libyaml_reader.Unsupported:
        fast = False
    check.verdict()
    if fast:
        return document, positions
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
