"""Stage 3: URLs and two-way relations."""

from __future__ import annotations

import posixpath

from conftest import MINI
from hypothesis import given
from hypothesis import strategies as st

from generator.link import message_anchor, relative
from generator.pipeline import read_catalog


def test_urls_are_lower_case_service_and_code() -> None:
    catalog = read_catalog(MINI)
    assert [p.url for p in catalog.pages] == [
        "maxcompute-api/odps-0410031/", "maxcompute-api/odps-0420095/",
        "oss/requesttimetooskewed/", "oss/invalidobjectname/",
    ]
    assert catalog.page("oss", "InvalidObjectName").path == "oss/invalidobjectname.md"


def test_a_relation_written_once_shows_on_both_pages() -> None:
    catalog = read_catalog(MINI)
    skew = catalog.page("oss", "RequestTimeTooSkewed")
    expired = catalog.page("maxcompute-api", "ODPS-0410031")
    assert [(l.service, l.code, l.why) for l in skew.related] == [
        ("maxcompute-api", "ODPS-0410031", "the same 15-minute limit on request time")]
    assert [(l.service, l.code, l.why) for l in expired.related] == [
        ("oss", "RequestTimeTooSkewed", "the same 15-minute limit on request time")]
    assert catalog.page("maxcompute-api", "ODPS-0420095").related == ()


def test_message_anchors_come_from_ids() -> None:
    entry = read_catalog(MINI).page("oss", "InvalidObjectName").entry
    assert [message_anchor(entry, m) for m in entry.messages] == ["message-empty", "message-too-long"]
    single = read_catalog(MINI).page("oss", "RequestTimeTooSkewed").entry
    assert message_anchor(single, single.messages[0]) == "message"


def test_renamed_codes_and_short_links_redirect_to_the_page() -> None:
    assert read_catalog(MINI).redirects == {
        "oss/invalidkeyname.md": "oss/invalidobjectname.md",
        "e/invalidkeyname.md": "oss/invalidobjectname.md",
        "e/invalidobjectname.md": "oss/invalidobjectname.md",
        "e/odps-0410031.md": "maxcompute-api/odps-0410031.md",
        "e/odps-0420095.md": "maxcompute-api/odps-0420095.md",
        "e/requesttimetooskewed.md": "oss/requesttimetooskewed.md",
    }


# Directories, then a file: a name is never both.
_DOCS_PATH = st.builds(lambda directories, name: "/".join([*directories, name]),
                       st.lists(st.sampled_from(["oss", "topics", "a", "b"]), max_size=3),
                       st.sampled_from(["index.md", "x.md"]))


@given(_DOCS_PATH, _DOCS_PATH)
def test_relative_links_agree_with_relpath(source: str, target: str) -> None:
    assert relative(source, target) == posixpath.relpath(target, posixpath.dirname(source) or ".")
