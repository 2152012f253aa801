"""Stage 3: URLs and two-way relations."""

from __future__ import annotations

import posixpath

import pytest
from conftest import MINI, ROOT
from hypothesis import given
from hypothesis import strategies as st

from errdocs.link import (RESERVED_SLUGS, first_segment, hand_written_segments, message_anchor, relative,
                            reserved_slugs, slug_collision, url_namespace)
from errdocs.pipeline import read_catalog
from errdocs.published import DATA_FILES
from errdocs.render import site_tree


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


def test_every_generated_path_starts_with_a_declared_segment_or_a_service_slug() -> None:
    catalog = read_catalog(MINI)
    slugs = {section.service.slug for section in catalog.sections}
    namespace = url_namespace()
    paths = [*site_tree(catalog), *catalog.redirects, *(p.url for p in catalog.pages)]
    undeclared = {path for path in paths if first_segment(path) not in namespace and first_segment(path) not in slugs}
    assert undeclared == set()
    assert not slugs & set(namespace)
    # The data files the URL manifest promises are declared too.
    assert set(DATA_FILES) <= set(namespace)


def test_the_hand_written_pages_are_read_from_the_docs_directory(tmp_path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    (tmp_path / "robots.txt").write_text("", encoding="utf-8")
    (tmp_path / ".hidden").write_text("", encoding="utf-8")
    assert hand_written_segments(tmp_path) == {
        "faq": "the hand-written file " + tmp_path.name + "/faq.md",
        "guide": "the hand-written folder " + tmp_path.name + "/guide",
        "robots.txt": "the hand-written file " + tmp_path.name + "/robots.txt",
    }
    assert {"index", "about", "assets"} <= reserved_slugs()  # the project's own docs/


def test_a_slug_that_collides_with_the_site_is_named_with_what_it_hides() -> None:
    assert slug_collision("about") == "the hand-written file docs/about.md"
    assert slug_collision("index") == "the hand-written file docs/index.md"
    assert slug_collision("assets") == "the site's styles and scripts (assets/)"
    assert slug_collision("errors.json") == "the machine-readable catalog (errors.json)"
    assert slug_collision("search") == "Material's search index (search/)"
    assert slug_collision("e") == "the short links (e/<code>/)"
    assert slug_collision("sitemap.xml") == "the sitemap (sitemap.xml)"
    assert slug_collision("404.html") == "the not-found page (404.html)"
    assert slug_collision("oss") is None
    assert RESERVED_SLUGS < reserved_slugs()


@pytest.mark.site
def test_a_built_site_publishes_nothing_at_its_root_that_is_not_declared(built_site) -> None:
    slugs = {section.service.slug for section in read_catalog(ROOT / "catalog").sections}
    top = {first_segment(item.name) if item.is_dir() else item.name for item in built_site.iterdir()}
    top = {"index" if name == "index.html" else name for name in top}
    assert top - slugs - set(url_namespace()) == set()
