"""The fast way to read a catalog file: libyaml's C parser, giving exactly what the round-trip reader gives.

ruamel's round-trip reader (load.py) is pure Python and takes seconds for the catalog; it was most of the
generator's share of a build. libyaml parses the same file in a small fraction of that, and its events
carry the line and column of every node. The data is built from those events in the same pass that the
structure check of yaml_source.py judges them (composing libyaml's nodes as well took a second parse and
twice the time: 24 s against 9 s for a 10,000-code catalog). What this reader cannot promise to read the
same way (anchors, explicit tags, merge keys, duplicate keys, `%YAML` directives, empty values, plain
scalars that YAML 1.2 reads as something other than a string, a decimal integer or null, and every syntax
error) is left to ruamel by raising `Unsupported`, so problems are reported exactly as before and no file
is read two ways.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

import yaml
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver

if TYPE_CHECKING:
    from .load import Loc, Positions

AVAILABLE = bool(getattr(yaml, "__with_libyaml__", False))
STR, INT, NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
DIRECTIVE = re.compile(r"^%", re.M)


class Unsupported(Exception):
    """The file needs the round-trip reader to be read exactly as before."""


class _Resolvers:
    """The implicit tag YAML 1.2 gives a plain scalar, as the round-trip reader applies it. Explicit tags never
    get here: the structure check refuses them."""

    def __init__(self) -> None:
        self.yaml_12 = VersionedResolver(version=(1, 2))
        self.cache: dict[str, Any] = {}
        # First characters of the plain scalars YAML 1.2 may read as other than a string (true, null,
        # numbers, `<<`…): text starting otherwise, most of it, skips the resolver.
        self.maybe_not_str = {first for first in self.yaml_12.versioned_resolver if first}

    def value(self, event: yaml.ScalarEvent) -> Any:
        if event.tag is not None:
            raise Unsupported
        if event.style:  # quoted or block scalar (a plain one has no style): always a string
            return event.value
        text = event.value
        if not text:  # an empty value: libyaml places it on the next token, ruamel after the colon
            raise Unsupported
        if text[0] not in self.maybe_not_str:
            return text
        if text not in self.cache:
            tag = self.yaml_12.resolve(RuamelScalarNode, text, (True, False))
            if tag == STR:
                self.cache[text] = text
            elif tag == INT and DECIMAL.fullmatch(text):
                self.cache[text] = int(text)
            elif tag == NULL:
                self.cache[text] = None
            elif tag == BOOL and text.lower() in ("true", "false"):  # `template: true`; `yes` is 1.1 only
                self.cache[text] = text.lower() == "true"
            else:
                raise Unsupported
        return self.cache[text]


class _Missing:
    """No key yet (a mapping waiting for its next key), or no document yet."""


MISSING = _Missing()


def read(text: str, positions: "Positions", see: Callable[[yaml.Event], bool] = lambda event: True) -> Any:
    """Plain data of one YAML document, filling `positions` as load.py's round-trip reader does.

    One pass over libyaml's events builds the data and shows every event to `see` (the structure check of
    yaml_source.py), which returns False to stop the scan; a syntax error stops it quietly. The events are
    shown to the end even once the file is known to be left to ruamel, so that `see` judges all of it."""
    if not AVAILABLE:
        raise Unsupported
    building = not DIRECTIVE.search(text)
    resolvers = _Resolvers()
    root: Any = MISSING
    # Open collections, innermost last: [the collection, its path, for a mapping the key read before its value].
    stack: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if not see(event):
                building = False
                break
            if building:
                try:
                    placed = _step(event, stack, positions, resolvers)
                except Unsupported:
                    building = False
                    continue
                if placed is not MISSING:
                    building = root is MISSING  # a second document is left to ruamel
                    root = placed
    except yaml.YAMLError:
        building = False
    if not building or root is MISSING:
        raise Unsupported
    return root


def _step(event: yaml.Event, stack: list[list[Any]], positions: "Positions", resolvers: _Resolvers) -> Any:
    """Place one event's node into the collection open on top of `stack`; a document's root is returned."""
    kind = type(event)
    if kind is yaml.ScalarEvent:
        value: Any = resolvers.value(event)
        opened = False
    elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
        if event.tag is not None:
            raise Unsupported
        value, opened = ({} if kind is yaml.MappingStartEvent else []), True
    elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
        stack.pop()
        return MISSING
    elif kind is yaml.AliasEvent:
        raise Unsupported
    else:  # the stream's and documents' starts and ends
        return MISSING
    mark = event.start_mark
    loc: Loc = ()
    root = not stack
    if not root:
        frame = stack[-1]
        container, parent, key = frame
        if type(container) is dict:
            if key is MISSING:  # this node is a key
                if opened or value == "<<" or value in container:
                    raise Unsupported
                frame[2] = (value, mark)
                return MISSING
            name, key_mark = key
            loc = parent + (name,)
            positions.keys[loc] = (key_mark.line + 1, key_mark.column + 1)
            container[name] = value
            frame[2] = MISSING
        else:
            loc = parent + (len(container),)
            container.append(value)
        positions.values[loc] = (mark.line + 1, mark.column + 1)
    if opened:
        stack.append([value, loc, MISSING])
    return value if root else MISSING
