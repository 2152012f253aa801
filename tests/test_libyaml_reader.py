"""The fast libyaml reader gives exactly what the round-trip reader gives, or leaves the file to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errdocs import libyaml_reader
from errdocs.yaml_source import Positions, _plain, catalog_yaml

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("catalog/*.yaml"), *ROOT.glob("tests/fixtures/*/*.yaml")])
FIXTURE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("tests/fixtures/*/*.yaml"))]


def both(text: str) -> tuple[tuple, tuple]:
    slow_positions, fast_positions = Positions("x.yaml"), Positions("x.yaml")
    slow = _plain(catalog_yaml().load(text), (), slow_positions)
    fast = libyaml_reader.read(text, fast_positions)
    return (slow, slow_positions.values, slow_positions.keys), (fast, fast_positions.values, fast_positions.keys)


@pytest.mark.skipif(not libyaml_reader.AVAILABLE, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_files_read_the_same_with_the_same_positions(path: Path) -> None:
    slow, fast = both(path.read_text(encoding="utf-8"))
    assert fast == slow


@pytest.mark.skipif(not libyaml_reader.AVAILABLE, reason="PyYAML without libyaml")
def test_scalars_read_as_yaml_1_2() -> None:
    text = ("a: 404\nb: '404'\nc: null\nd: ~\ne: on\nf: no\ng: |\n  block\nh: >-\n  folded\n  text\n"
            "i: [1, two, 'three']\nj: -7\nk: 1_000x\nl: true\nm: False\n")
    slow, fast = both(text)
    assert fast == slow
    assert fast[0]["e"] == "on" and fast[0]["a"] == 404 and fast[0]["c"] is None
    assert fast[0]["l"] is True and fast[0]["m"] is False


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",             # anchors and aliases
    "a: !!str 404\n",               # an explicit tag
    "a: 1\na: 2\n",                 # a duplicate key: ruamel reports it
    "<<: {a: 1}\n",                 # a merge key
    "a: 1.5\n", "a: 0o17\n", "a: 2024-05-01\n", "a: 017\n",  # YAML 1.2 non-strings (booleans are read)
    "%YAML 1.1\n---\na: yes\n",     # a version directive
    "a: [unclosed\n",               # a syntax error: ruamel reports it
    "",                             # an empty file
    "a:\n",                         # an empty value, placed differently by the two
])
def test_anything_else_is_left_to_the_round_trip_reader(text: str) -> None:
    with pytest.raises(libyaml_reader.Unsupported):
        libyaml_reader.read(text, Positions("x.yaml"))


@pytest.mark.skipif(not libyaml_reader.AVAILABLE, reason="PyYAML without libyaml")
def test_the_structure_check_sees_every_event_even_of_a_file_left_to_ruamel() -> None:
    seen: list[str] = []
    with pytest.raises(libyaml_reader.Unsupported):  # 1.5 is a YAML 1.2 float
        libyaml_reader.read("a: 1.5\nb: &y [2]\n", Positions("x.yaml"), lambda event: not seen.append(type(event).__name__))
    assert seen == ["StreamStartEvent", "DocumentStartEvent", "MappingStartEvent", "ScalarEvent", "ScalarEvent",
                    "ScalarEvent", "SequenceStartEvent", "ScalarEvent", "SequenceEndEvent", "MappingEndEvent",
                    "DocumentEndEvent", "StreamEndEvent"]


@pytest.mark.skipif(not libyaml_reader.AVAILABLE, reason="PyYAML without libyaml")
def test_the_structure_check_can_end_the_pass() -> None:
    seen: list[str] = []
    with pytest.raises(libyaml_reader.Unsupported):
        libyaml_reader.read("a: [[1]]\n", Positions("x.yaml"), lambda event: not seen.append(event) and len(seen) < 4)
    assert len(seen) == 4


PIECES = ("&a ", "*a", "!!str ", "<<: ", "- ", "[", "]", "{", "}", ": ", "\n", "  ", "'", '"', "~", "null", "yes",
          "1.5", "%YAML 1.2\n", "---\n", "? ", "|\n  ", ">-\n  ", "#", ",", "-1", "true", "a: b\n")


@pytest.mark.skipif(not libyaml_reader.AVAILABLE, reason="PyYAML without libyaml")
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_what_the_fast_reader_reads_the_round_trip_reader_reads_the_same(data) -> None:
    """Pieces of the fixture catalogs with YAML syntax put in: read the same way, or left to ruamel."""
    text = data.draw(st.sampled_from(FIXTURE_TEXTS))
    start = data.draw(st.integers(0, len(text) - 1))
    text = text[start:start + data.draw(st.integers(20, 1500))]
    for piece, at in data.draw(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(0, len(text))), max_size=3)):
        text = text[:at] + piece + text[at:]
    try:
        fast = (libyaml_reader.read(text, positions := Positions("x.yaml")), positions.values, positions.keys)
    except libyaml_reader.Unsupported:
        return
    slow_positions = Positions("x.yaml")
    assert fast == (_plain(catalog_yaml().load(text), (), slow_positions), slow_positions.values, slow_positions.keys)
