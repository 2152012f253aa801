"""The fast way to read a catalog file: libyaml's C parser, giving exactly what the round-trip reader gives.

ruamel's round-trip reader (load.py) is pure Python and takes seconds for the catalog; it was most of the
generator's share of a build. libyaml parses the same file in a small fraction of that and keeps the line
and column of every node. What it cannot promise to read the same way (anchors, explicit tags, merge keys,
duplicate keys, `%YAML` directives, empty values, plain scalars that YAML 1.2 reads as something other
than a string, a decimal integer or null, and every syntax error) is left to ruamel by raising
`Unsupported`, so problems are reported exactly as before and no file is read two ways.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

if TYPE_CHECKING:
    from .load import Loc, Positions

AVAILABLE = bool(getattr(yaml, "__with_libyaml__", False))
STR, INT, NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
MAP, SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
DIRECTIVE = re.compile(r"^%", re.M)


class Unsupported(Exception):
    """The file needs the round-trip reader to be read exactly as before."""


class _Resolvers:
    """The implicit tag each YAML version gives a plain scalar: 1.1 is what libyaml's loader applied (so a
    different tag means an explicit one), 1.2 is what the round-trip reader applies."""

    def __init__(self) -> None:
        self.yaml_11 = yaml.resolver.Resolver()
        self.yaml_12 = VersionedResolver(version=(1, 2))
        self.cache: dict[str, Any] = {}
        # First characters of the plain scalars either version may read as other than a string (yes, on,
        # true, null, numbers, dates, `<<`…): text starting otherwise, most of it, skips both resolvers.
        self.maybe_not_str = {first for first in self.yaml_11.yaml_implicit_resolvers if first}
        self.maybe_not_str |= {first for first in self.yaml_12.versioned_resolver if first}

    def value(self, node: ScalarNode) -> Any:
        if node.style:  # quoted or block scalar (a plain one has no style): always a string
            if node.tag != STR:
                raise Unsupported
            return node.value
        text = node.value
        if not text:  # an empty value: libyaml places it on the next token, ruamel after the colon
            raise Unsupported
        if text[0] not in self.maybe_not_str:
            if node.tag != STR:
                raise Unsupported
            return text
        if node.tag != self.yaml_11.resolve(ScalarNode, text, (True, False)):
            raise Unsupported
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


def read(text: str, positions: "Positions") -> Any:
    """Plain data of one YAML document, filling `positions` as load.py's round-trip reader does."""
    if not AVAILABLE or DIRECTIVE.search(text):
        raise Unsupported
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        raise Unsupported from None
    if root is None:
        raise Unsupported
    return _plain(root, (), positions, _Resolvers(), set())


def _plain(node: Any, loc: "Loc", positions: "Positions", resolvers: _Resolvers, seen: set[int]) -> Any:
    if id(node) in seen:  # an alias: the same node object again
        raise Unsupported
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        return resolvers.value(node)
    if isinstance(node, MappingNode):
        if node.tag != MAP:
            raise Unsupported
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.value == "<<":
                raise Unsupported
            key = resolvers.value(key_node)
            if key in result:
                raise Unsupported
            child = loc + (key,)
            positions.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            positions.values[child] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            result[key] = _plain(value_node, child, positions, resolvers, seen)
        return result
    if isinstance(node, SequenceNode):
        if node.tag != SEQ:
            raise Unsupported
        items = []
        for index, item in enumerate(node.value):
            child = loc + (index,)
            positions.values[child] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_plain(item, child, positions, resolvers, seen))
        return items
    raise Unsupported
