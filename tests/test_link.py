"""Stage 3: URLs and two-way relations."""

from __future__ import annotations

import posixpath
import shutil

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


# Where each same-slug code of the next test is cited from, in OSS and in a second service: (source, citation).
_LIST = ("oss-error-codes", "section: HTTP status code 500")  # the service's official list: rank 0
_PAGES = ("oss-docs", "path: 'Troubleshooting/HTTP 503 status code.md'")  # its other official pages: rank 1
_SDK = ("aliyun-oss-java-sdk", "path: 'src/main/java/com/aliyun/oss/OSSErrorCode.java'")  # code only: rank 2
_SHARED_SLUGS = {  # code: (where OSS cites it, where the other service cites it)
    "MethodNotAllowed": (_LIST, _LIST), "IncompleteBody": (_PAGES, _PAGES), "Throttled": (_SDK, _SDK),
    "InternalError": (_LIST, _PAGES), "ServiceUnavailable": (_PAGES, _SDK), "NoSuchUpload": (_SDK, _LIST),
}
_SOURCES = """\
    - id: oss-error-codes
      title: 'Alibaba Cloud OSS error codes'
      file: 003_dd87769f1b50447f.txt
    - id: oss-docs
      title: 'Alibaba Cloud OSS documentation'
      repository: 'AlibabaCloudDocs/oss'
      official_pages: true
    - id: aliyun-oss-java-sdk
      title: 'Alibaba Cloud OSS SDK for Java'
      repository: 'aliyun/aliyun-oss-java-sdk'
"""


def _shared_slug_entry(code: str, cited: tuple[str, str]) -> str:
    return f"""\
  - code: {code}
    title: {code} for the short-link test
    zh: {{title: 短链接测试, terms: [短链接], meaning: 测试。, causes: [测试。], fix: [测试。]}}
    messages: [{{text: '{code} (a made-up message).'}}]
    meaning: A code of a slug two services share.
    causes: [Either.]
    fix: [Either.]
    provenance: {{source: {cited[0]}, {cited[1]}}}
"""


def test_a_short_link_goes_to_the_one_code_of_its_slug_with_the_most_official_source(catalog_dir) -> None:
    oss = (MINI / "oss.yaml").read_text(encoding="utf-8")
    oss = oss[:oss.index("    - id: oss-error-codes")] + _SOURCES + oss[oss.index("errors:"):]
    other = oss.replace("slug: oss", "slug: oss-mirror").replace("name: Alibaba Cloud OSS", "name: OSS mirror")
    other = other[:other.index("errors:")]
    relations = (MINI / "relations.yaml").read_text(encoding="utf-8")
    for code, (in_oss, in_other) in _SHARED_SLUGS.items():
        oss += _shared_slug_entry(code, in_oss)
        other += ("" if "errors:" in other else "errors:\n") + _shared_slug_entry(code, in_other)
        relations += "".join(f"  - code: {service}/{code}\n    why: Test.\n    zh: {{why: 测试。}}\n"
                             for service in ("oss", "oss-mirror"))
    catalog = read_catalog(catalog_dir({"oss.yaml": oss, "oss-mirror.yaml": other, "relations.yaml": relations,
                                        "maxcompute-api.yaml": (MINI / "maxcompute-api.yaml").read_text()}))
    short = {path: target for path, target in catalog.redirects.items()
             if path.removeprefix("e/").removesuffix(".md") in {code.lower() for code in _SHARED_SLUGS}}
    # Two of the best rank (MethodNotAllowed, IncompleteBody, Throttled) leave the slug to the 404 page.
    assert short == {
        "e/internalerror.md": "oss/internalerror.md",
        "e/serviceunavailable.md": "oss/serviceunavailable.md",
        "e/nosuchupload.md": "oss-mirror/nosuchupload.md",
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


def test_a_relink_reuses_every_equal_page_of_the_previous_catalog_and_equals_a_fresh_link(tmp_path) -> None:
    shutil.copytree(MINI, tmp_path / "catalog")
    oss = tmp_path / "catalog" / "oss.yaml"
    first = read_catalog(tmp_path / "catalog")
    again = read_catalog(tmp_path / "catalog", previous=first)
    assert all(new is old for new, old in zip(again.pages, first.pages, strict=True))
    assert all(new is old for new, old in zip(again.topics, first.topics, strict=True))
    assert all(new is old for new, old in zip(again.sections, first.sections, strict=True))

    old_title = "Client clock differs from OSS server time by more than 15 minutes"
    oss.write_text(oss.read_text(encoding="utf-8").replace(old_title, "Edited title"), encoding="utf-8")
    edited = read_catalog(tmp_path / "catalog", previous=again)
    assert edited == read_catalog(tmp_path / "catalog")
    assert [page.path for page in edited.pages] == [page.path for page in first.pages]
    # The edited page, the page of its direct relation and the topic that lists it are new; the rest is kept.
    new = {page.path for page in edited.pages if page is not again.by_path[page.path]}
    assert new == {"oss/requesttimetooskewed.md", "maxcompute-api/odps-0410031.md"}
    assert edited.topics[0] is not again.topics[0]
    assert edited.page("maxcompute-api", "ODPS-0410031").related[0].title == "Edited title"
    assert edited.topics[0].members[0].title == "Edited title"
