"""Property tests: any text, any bytes, any size: lookup answers, in the shape it promises, without crashing."""

from __future__ import annotations

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errdocs.pipeline import read_catalog
from errdocs.search import details, match
from errdocs.search_index import build_index

INDEX = build_index(read_catalog(ROOT / "catalog"))
FRAGMENTS = st.sampled_from(["ErrorCode=", "<Code>", "</Code>", "ODPS-04", "CS.", "x-oss-err: ", "x-oss-ec: ",
                             "privilege '", "' on {", "code: ", "RequestId=", "(a+)+", "\\", "\n", "\x00", "{0}",
                             "NoSuchKey", "Local Error", "<RequestTime>", "</ServerTime>", "4115", "ERR_"])
PASTES = st.one_of(st.text(max_size=2_000), st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=200)
                   .map("".join), st.binary(max_size=2_000).map(lambda b: b.decode("utf-8", errors="replace")))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PASTES)
def test_lookup_never_fails_on_any_text(text: str) -> None:
    result = match(INDEX, text)
    matches, confident = result["matches"], result["confident"]
    assert isinstance(confident, bool) and len(matches) <= 5 and isinstance(result["foreign"], list)
    for m in matches:
        assert set(m) == {"service", "code", "url", "title", "score", "matched", "reasons"} and m["score"] > 0
    assert not confident or matches
    assert set(details(text)) <= {"request_id", "ec", "privilege", "object", "request_time", "server_time"}


@pytest.mark.parametrize("size", [1_000_000, 3_000_000])
def test_huge_pastes_are_cut_not_choked_on(size: int) -> None:
    matches = match(INDEX, ("ErrorCode=NoSuchKey " + "x" * 1000 + "\n") * (size // 1020))["matches"]
    assert matches[0]["code"] == "NoSuchKey"
