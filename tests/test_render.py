"""Stage 4: pure rendering; catalog text must reach the page as text."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from conftest import MINI, MINI_EDITS, ROOT, apply_edits

from errdocs.labels import LABELS
from errdocs.link import Catalog
from errdocs.load import LoadedFiles, load_catalog
from errdocs.pipeline import read_catalog
from errdocs.problems import CatalogError
from errdocs.errors_json import _dumped, exported, exported_source, pattern, placeholders
from errdocs.model import Message, Source
from errdocs.pages import citation, source_title
from errdocs.render import (PASTE_INDEX, code_block, code_page, errors_json, inline_code, prose, service_index,
                            services_index, site_tree, topic_page)
from errdocs.render_memo import RenderMemo
from errdocs.validate import validate

HOSTILE = "<script>alert(1)</script> <Error><Code>X</Code></Error> {{ x }} | a | *b* _c_ [d](e) &amp; `f` ```g"


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "md_in_html", "pymdownx.superfences"])


def test_prose_escapes_markup_but_keeps_code_spans() -> None:
    html = to_html(prose("Run `show partitions <t>;` then *check* <b>it</b> & [x](y)"))
    assert html == ("<p>Run <code>show partitions &lt;t&gt;;</code> then *check* &lt;b&gt;it&lt;/b&gt; "
                    "&amp; [x](y)</p>")


def test_hostile_text_in_prose_renders_literally() -> None:
    html = to_html(prose("note: <script>alert(1)</script> {{ x }} | *b* &amp;"))
    assert "<script>" not in html and "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;amp;" in html


def test_code_block_shows_any_message_exactly() -> None:
    html = to_html(code_block(HOSTILE))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;Error&gt;&lt;Code&gt;X&lt;/Code&gt;&lt;/Error&gt;" in html
    assert "```g" in html and "{{ x }}" in html and "&amp;amp;" in html


def test_inline_code_survives_backticks() -> None:
    assert inline_code("a`b") == "`` a`b ``"
    assert to_html(inline_code("a`b")) == "<p><code>a`b</code></p>"


def test_code_page_puts_the_message_then_the_first_thing_to_try_and_the_fix_before_the_explanation() -> None:
    page = read_catalog(MINI).page("maxcompute-api", "ODPS-0420095")
    text = site_tree(read_catalog(MINI))[page.path]
    order = ["# ODPS\\-0420095", "**You lack a privilege on the object**", "## Message",
             "```text\nODPS-0420095: Access Denied\n```",
             "**First thing to try:** Ask the project owner to grant the privilege named in the message\\.",
             "**HTTP status:** 403", "**Module:** Worker\\-Request handler", "**Severity:** 5 of 5",
             "## How to fix it", "## What it means", "## Likely causes", "## Related errors", "## Source"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_with_several_messages_the_first_thing_to_try_comes_before_them() -> None:
    """Each message with its note would push the first step off the first screen."""
    entry = read_catalog(MINI).page("maxcompute-api", "ODPS-0420095").entry
    several = entry.model_copy(update={"messages": (Message(text="A", id="a"), Message(text="B", id="b"))})
    page = dataclasses.replace(read_catalog(MINI).page("maxcompute-api", "ODPS-0420095"), entry=several)
    text = code_page(page)
    assert text.index("**First thing to try:**") < text.index("## Messages") < text.index("## How to fix it")


def test_a_code_page_without_a_first_thing_to_try_shows_the_facts_alone() -> None:
    catalog = read_catalog(MINI)
    text = site_tree(catalog)[catalog.page("oss", "InvalidObjectName").path]
    assert "First thing to try" not in text
    assert '<div class="errdocs-top" markdown>\n<div class="errdocs-facts" markdown>' in text


def test_report_link_opens_a_prefilled_issue_in_the_repository() -> None:
    catalog = read_catalog(MINI)
    page = catalog.page("oss", "RequestTimeTooSkewed")
    text = code_page(page, "https://errdocs.test/", "https://github.com/o/errdocs/")
    assert ('<a href="https://github.com/o/errdocs/issues/new?title=oss%2FRequestTimeTooSkewed%3A%20&amp;'
            'body=Page%3A%20https%3A%2F%2Ferrdocs.test%2Foss%2Frequesttimetooskewed%2F%0A%0AWhat%20is%20wrong') in text
    assert "issues/new" not in code_page(page, "https://errdocs.test/")


def test_the_source_links_the_official_document_when_the_catalog_gives_its_address() -> None:
    catalog = read_catalog(MINI)
    page = catalog.page("oss", "RequestTimeTooSkewed")
    source = page.service.sources[0]
    linked = dataclasses.replace(page, service=page.service.model_copy(update={"sources": (
        source.model_copy(update={"url": "https://docs.example/oss-errors"}), *page.service.sources[1:])}))
    assert "copied from [*Alibaba Cloud OSS error codes*](https://docs.example/oss-errors)" in code_page(linked)
    assert "copied from *Alibaba Cloud OSS error codes*" in code_page(page)


def test_a_text_cited_from_the_vendors_pages_links_its_page() -> None:
    catalog = read_catalog(MINI)
    page = catalog.page("oss", "RequestTimeTooSkewed")
    pages = Source(id="aliyun-oss-java-sdk", title="OSS error pages", pages="https://docs.example/oss/")
    sources = tuple(pages if s.id == "aliyun-oss-java-sdk" else s for s in page.service.sources)
    service = page.service.model_copy(update={"sources": sources})
    variant = page.entry.variants[0].model_copy(update={"path": "user-guide/0017-00000804"})
    assert citation(service, variant) == ("[OSS error pages: user\\-guide/0017\\-00000804]"
                                         "(https://docs.example/oss/user-guide/0017-00000804)")
    assert exported_source(service, variant).model_dump() == {
        "title": "OSS error pages", "section": None, "repository": None, "path": "user-guide/0017-00000804",
        "page": "https://docs.example/oss/user-guide/0017-00000804"}
    assert source_title(pages) == "[*OSS error pages*](https://docs.example/oss/)"


@pytest.mark.parametrize("address", ["", "https://e.test/errdocs"])
def test_errors_json_written_record_by_record_is_the_exported_model_as_indented_json(address: str) -> None:
    for catalog in (read_catalog(MINI), Catalog(sections=(), topics=(), by_code={})):
        whole = json.dumps(exported(catalog, address).model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
        assert errors_json(catalog, address) == errors_json(catalog, address, RenderMemo()) == whole


MINI_RECORD = exported(read_catalog(MINI)).errors[0]


@given(text=st.text(), status=st.integers(min_value=0, max_value=2**53), severity=st.none() | st.integers())
def test_a_records_json_is_what_pythons_encoder_writes_for_any_text_and_number(text: str, status: int,
                                                                                severity: int | None) -> None:
    """errors.json is written by pydantic's serializer: the same text as json.dumps, control characters, quotes,
    line separators and characters beyond the BMP included."""
    record = MINI_RECORD.model_copy(update={"code": text, "title": text + "\u2028\x7f\x00\"", "first_try": text,
                                       "http_status": (status,), "severity": severity, "aliases": (text, "🙂")})
    expected = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=1).replace("\n", "\n  ")
    assert _dumped(record, 2) == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("edit", MINI_EDITS)
def test_a_serve_sessions_rendering_after_an_edit_is_a_fresh_rendering(tmp_path, edit: str, lang: str) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    files, memo = LoadedFiles(), RenderMemo()
    options = {"site_url": "https://e.test/errdocs/", "repo_url": "https://git.test/errdocs", "lang": lang}
    site_tree(read_catalog(catalog, files=files), memo=memo, **options)
    apply_edits(catalog, MINI_EDITS[edit])
    rendered_before = memo.rendered
    assert site_tree(read_catalog(catalog, files=files), memo=memo, **options) == site_tree(read_catalog(catalog),
                                                                                           **options)
    assert memo.reused > 0 and memo.rendered > rendered_before


def test_errors_json_lists_every_code_with_url_and_messages() -> None:
    data = json.loads(errors_json(read_catalog(MINI), "https://e.test/errdocs"))
    assert (data["version"], data["site_url"]) == (2, "https://e.test/errdocs/")
    first = {key: value for key, value in data["errors"][2].items()
             if key not in ("variants", "aliases", "alias_details")}  # see the next test
    assert first == {
        "service": "oss", "service_name": "Alibaba Cloud OSS", "code": "RequestTimeTooSkewed",
        "url": "https://e.test/errdocs/oss/requesttimetooskewed/", "path": "oss/requesttimetooskewed/",
        "title": "Client clock differs from OSS server time by more than 15 minutes", "first_try": None,
        "http_status": [403],
        "messages": [{"text": "The difference between the request time and the current time is too large.",
                      "anchor": "message", "url": "https://e.test/errdocs/oss/requesttimetooskewed/#message",
                      "placeholders": [],
                      "pattern": r"The\s+difference\s+between\s+the\s+request\s+time\s+and\s+the\s+current\s+"
                                 r"time\s+is\s+too\s+large\."}],
        "module": None, "severity": None, "group": None, "documented": True, "related": ["maxcompute-api/ODPS-0410031"], "topics": ["clock-skew"], "retired": False, "former_codes": [],
        "source": "Alibaba Cloud OSS error codes, HTTP status code 403",
    }
    assert [e["code"] for e in data["errors"]] == ["ODPS-0410031", "ODPS-0420095", "RequestTimeTooSkewed",
                                                  "InvalidObjectName"]


def test_site_tree_has_one_page_per_code_and_an_index_per_service() -> None:
    files = site_tree(read_catalog(MINI))
    assert sorted(files) == sorted([
        "services/index.md", "maxcompute-api/index.md", "maxcompute-api/odps-0410031.md", "maxcompute-api/odps-0420095.md",
        "oss/index.md", "oss/invalidobjectname.md", "oss/requesttimetooskewed.md",
        "reference/catalog-format.md", "reference/errors-json.md", "errors.json", "errors.schema.json",
        "assets/errdocs-index.js", "topics/index.md", "topics/clock-skew.md",
    ])


def test_a_translation_gets_the_paste_index_from_its_site_which_is_the_same_in_every_language() -> None:
    catalog = read_catalog(MINI)
    english, chinese = site_tree(catalog), site_tree(catalog, lang="zh")
    assert english[PASTE_INDEX] == chinese[PASTE_INDEX]
    assert site_tree(catalog, lang="zh", paste_index=False) == {path: text for path, text in chinese.items()
                                                                if path != PASTE_INDEX}


def test_code_page_shows_direct_relations_and_topic_siblings() -> None:
    catalog = read_catalog(MINI)
    text = site_tree(catalog)["maxcompute-api/odps-0410031.md"]
    related = text[text.index("## Related errors"):text.index("## Source")]
    assert related == (
        "## Related errors { #related-errors data-search-exclude }\n\n"
        "- [RequestTimeTooSkewed](../oss/requesttimetooskewed.md) · Alibaba Cloud OSS: Client clock differs from "
        "OSS server time by more than 15 minutes\\. the same 15\\-minute limit on request time\n\n"
        "### Clock skew beyond 15 minutes { data-search-exclude }\n\n"
        "Signed requests carry a time; too far from the server's clock, they are refused\\. "
        "[The whole family](../topics/clock-skew.md) (2 errors).\n\n")


def test_standalone_codes_say_why_nothing_is_related() -> None:
    text = site_tree(read_catalog(MINI))["oss/invalidobjectname.md"]
    assert ("## Related errors { #related-errors data-search-exclude }\n\nNo other error is related to InvalidObjectName. "
            "Only this code in the mini catalog is about object names\\.\n") in text


def test_topic_page_lists_every_member_with_its_difference() -> None:
    text = site_tree(read_catalog(MINI))["topics/clock-skew.md"]
    assert "## The 2 errors of this family {#members}\n" in text
    assert ("| [ODPS\\-0410031](../maxcompute-api/odps-0410031.md) | MaxCompute API "
            "| Authentication request expired; HTTP 400\\. |") in text
    assert "1. Sync the clock with NTP\\.\n" in text


def test_the_services_page_links_each_service_with_its_number_of_codes() -> None:
    rows = [line for line in services_index(read_catalog(MINI)).splitlines() if line.startswith("| [")]
    assert rows == ["| [MaxCompute API](../maxcompute-api/index.md) | 2 | The MaxCompute REST API\\. |",
                    "| [Alibaba Cloud OSS](../oss/index.md) | 2 | Object storage\\. |"]


def test_printed_variants_follow_the_explanation_with_their_source() -> None:
    catalog = read_catalog(MINI)
    text = site_tree(catalog)[catalog.page("oss", "RequestTimeTooSkewed").path]
    order = ["## Message {#messages}", "## Likely causes", "## Also printed as {#also-printed-as}",
             'id="variant-skewed-sdk"',
             "<code>Request time {time} is too skewed</code>",
             "Printed by the SDK, [aliyun/aliyun\\-oss\\-java\\-sdk: src/main/java/com/aliyun/oss/Example\\.java]"
             "(https://github.com/aliyun/aliyun-oss-java-sdk/blob/HEAD/src/main/java/com/aliyun/oss/Example.java)",
             "A made\\-up SDK text, for the tests\\.", "## Related errors", "## Source"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "- `OSSErrorCode.REQUEST_TIME_TOO_SKEWED` (enum): [aliyun/aliyun\\-oss\\-java\\-sdk: " in text


def test_errors_json_tells_documented_messages_from_printed_variants() -> None:
    data = json.loads(errors_json(read_catalog(MINI)))
    entry = next(e for e in data["errors"] if e["code"] == "RequestTimeTooSkewed")
    assert entry["variants"] == [{
        "text": "Request time {time} is too skewed", "anchor": "variant-skewed-sdk", "origin": "sdk",
        "template": True, "lang": "en",
        "source": {"title": "Alibaba Cloud OSS SDK for Java", "section": None,
                   "repository": "aliyun/aliyun-oss-java-sdk", "path": "src/main/java/com/aliyun/oss/Example.java",
                   "page": None},
        "url": "oss/requesttimetooskewed/#variant-skewed-sdk",
        "placeholders": [{"start": 13, "end": 19, "text": "{time}"}],
        "pattern": r"Request\s+time\s+(.+?)\s+is\s+too\s+skewed"}]
    assert [a["kind"] for a in entry["alias_details"]] == ["enum", "detail_code"]
    assert entry["documented"] is True


@pytest.mark.parametrize(("text", "marked", "filled"), [
    ("Request time {time} is too skewed", ["{time}"], "Request time 2024-01-01T00:00:00Z is too skewed"),
    ("Table xxx not found (%s).", ["xxx", "%s"], "Table  dev.t1 not found (in [proj])."),
    ("The bucket XXXX is $ [a]|b/c", ["XXXX"], "The bucket my-bucket is $ [a]|b/c"),
])
def test_errors_json_marks_placeholders_and_gives_a_pattern_that_finds_the_filled_in_text(
        text: str, marked: list[str], filled: str) -> None:
    assert [(text[p.start:p.end], p.text) for p in placeholders(text)] == [(m, m) for m in marked]
    assert re.search(pattern(text), f"log: {filled} (request 1)")
    assert not re.search(pattern(text), text.replace(" ", "_"))


def test_markup_in_a_topic_title_is_a_catalog_problem(tmp_path) -> None:
    """A topic title becomes a page title, which the theme prints unescaped: the schema refuses markup."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    relations = catalog / "relations.yaml"
    relations.write_text(relations.read_text(encoding="utf-8").replace(
        "title: Clock skew beyond 15 minutes", "title: <img src=x onerror=alert(1)>"), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        validate(load_catalog(catalog, root=tmp_path))
    assert [str(p) for p in caught.value.problems] == [
        "catalog/relations.yaml:3:12: 'topics[0].title': string should match pattern '^[^<>&\\\"`]+$' "
        "(Name of the family, in our words; it becomes the page's title and a heading (no `<`, `>`, `&`, "
        "quotes or backticks))"]


def test_page_titles_are_escaped_where_rendered() -> None:
    """Defence in depth, for a catalog that skipped validation: the front-matter title is escaped too."""
    catalog = read_catalog(MINI)
    topic = catalog.topics[0]
    hostile = dataclasses.replace(topic, topic=topic.topic.model_copy(update={"title": "<img src=x onerror=alert(1)>"}))
    text = topic_page(hostile)
    assert text.startswith('---\ntitle: "&lt;img src=x onerror=alert(1)&gt;"\n')
    assert "<img" not in text


def headings(text: str) -> list[str]:
    """The anchors of a page's second-level headings, as Python-Markdown with `toc` gives them."""
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"])
    return re.findall(r'<h2\b[^>]*\sid="([^"]+)"', html)


def test_a_chinese_code_page_has_the_catalogs_chinese_words_the_messages_as_printed_and_the_same_anchors() -> None:
    catalog = read_catalog(MINI)
    page = catalog.page("oss", "RequestTimeTooSkewed")
    english, chinese = code_page(page), code_page(page, lang="zh")
    assert "**客户端时间与 OSS 服务器时间相差超过 15 分钟**" in chinese
    assert "## 如何解决 {#how-to-fix-it}" in chinese and "## 可能的原因 {#likely-causes}" in chinese
    assert "```text\nThe difference between the request time and the current time is too large.\n```" in chinese
    assert "How to fix it" not in chinese and "First thing to try" not in chinese
    assert headings(chinese) == headings(english)
    assert "how-to-fix-it" in headings(english) and "related-errors" in headings(english)


def test_a_code_without_chinese_explanations_keeps_its_english_ones_on_the_chinese_site() -> None:
    """Validation requires Chinese everywhere once a catalog has any; rendering still copes without it."""
    page = read_catalog(MINI).page("oss", "InvalidObjectName")
    page = dataclasses.replace(page, entry=page.entry.model_copy(update={"zh": None}))
    chinese = code_page(page, lang="zh")
    assert page.entry.meaning.split()[0] in chinese and "## 含义 {#what-it-means}" in chinese


def test_the_chinese_topic_page_shows_the_chinese_fix_and_member_notes_under_the_same_anchors() -> None:
    catalog = read_catalog(MINI)
    english, chinese = topic_page(catalog.topics[0]), topic_page(catalog.topics[0], lang="zh")
    assert "## 共同的解决方法 {#shared-fix}\n\n1. 用 NTP 同步时钟。\n" in chinese
    assert ('| [ODPS\\-0410031](../maxcompute-api/odps-0410031.md){ lang=en } | <span lang="en">MaxCompute API</span> '
            "| 认证请求已过期；HTTP 400。 |"
            in chinese)
    assert "| 15 分钟；HTTP 403。 |" in chinese
    assert "NTP." not in chinese and "Authentication request expired" not in chinese and "HTTP 403\\." not in chinese
    assert headings(chinese) == headings(english) == ["shared-fix", "members"]


def test_chinese_code_pages_give_the_chinese_reasons_of_relations_topic_members_and_standalone_codes() -> None:
    catalog = read_catalog(MINI)
    page = catalog.page("maxcompute-api", "ODPS-0410031")
    assert ('- [RequestTimeTooSkewed](../oss/requesttimetooskewed.md){ lang=en } · <span lang="en">Alibaba Cloud OSS'
            "</span>: 客户端时间与 OSS 服务器时间"
            "相差超过 15 分钟。对请求时间有同样的 15 分钟限制\n") in code_page(page, lang="zh")
    # Without the direct relation, the topic lists the other member with its note.
    alone = code_page(dataclasses.replace(page, related=()), lang="zh")
    assert ('- [RequestTimeTooSkewed](../oss/requesttimetooskewed.md){ lang=en } · <span lang="en">Alibaba Cloud OSS'
            "</span>: 15 分钟；HTTP 403。\n") in alone
    standalone = code_page(catalog.page("oss", "InvalidObjectName"), lang="zh")
    assert "没有与 InvalidObjectName 相关的其他错误。 迷你目录中只有这个错误码与对象名称有关。\n" in standalone
    assert "mini catalog" not in standalone and "mini catalog" in code_page(catalog.page("oss", "InvalidObjectName"))


def test_the_chinese_site_shows_the_catalogs_chinese_service_descriptions_and_topic_texts() -> None:
    """Service names stay as the vendor writes them; a service or topic without Chinese keeps its English."""
    catalog = read_catalog(MINI)
    chinese = site_tree(catalog, lang="zh")
    assert "对象存储。" in chinese["oss/index.md"] and "Object storage." not in chinese["oss/index.md"]
    assert "对象存储。" in chinese["services/index.md"]
    topic = chinese["topics/clock-skew.md"]
    assert "# 时间相差超过 15 分钟\n" in topic and "**签名请求带有时间，与服务端时钟相差太大时被拒绝。**" in topic
    assert "两个服务都对请求时间签名" in topic and "Clock skew" not in topic
    assert "[时间相差超过 15 分钟]" in chinese["topics/index.md"]
    assert "### 时间相差超过 15 分钟" in code_page(catalog.page("oss", "RequestTimeTooSkewed"), lang="zh")
    assert "Object storage." in site_tree(catalog)["oss/index.md"]


def test_every_generated_page_exists_in_both_languages_with_the_same_headings() -> None:
    catalog = read_catalog(MINI)
    english, chinese = site_tree(catalog), site_tree(catalog, lang="zh")
    # Besides, the Chinese site has the paste search's Chinese words (tests/test_search_script.py).
    assert english.keys() == chinese.keys() - {"assets/errdocs-search.zh.js"}
    for path, text in english.items():
        if path.endswith(".md"):
            assert headings(chinese[path]) == headings(text), path
    assert "# 服务" in chinese["services/index.md"] and "# 主题" in chinese["topics/index.md"]


def test_chinese_code_pages_give_the_chinese_notes_and_mark_what_stays_english() -> None:
    """Message, variant and provenance notes in Chinese; what stays English (messages, codes, aliases, service
    names, the sources' titles and sections) carries lang="en", and nothing of it on the English page."""
    catalog = read_catalog(MINI)
    named = catalog.page("oss", "InvalidObjectName")
    english, chinese = code_page(named), code_page(named, lang="zh")
    assert "键长 1024 字节或以上。" in chinese and "The key is 1024 bytes" not in chinese
    assert "注：第二条消息在文档中所在的行只有错误码和消息。" in chinese and "row of the document" not in chinese
    assert "The key is 1024 bytes" in english and "row of the document" in english
    assert "# InvalidObjectName { lang=en }\n" in chinese
    assert '<div lang="en" markdown>\n\n```text\nThe Object name can not be empty.\n```\n\n</div>' in chinese
    assert '章节 *<span lang="en">HTTP status code 400</span>*' in chinese
    skewed = code_page(catalog.page("oss", "RequestTimeTooSkewed"), lang="zh")
    assert " 为测试编写的 SDK 文本。</small>" in skewed
    assert "made\\-up SDK text" not in skewed
    # A note not yet written in Chinese (a catalog without Chinese) shows in English, marked as English.
    page = catalog.page("oss", "RequestTimeTooSkewed")
    untranslated = page.entry.model_copy(update={"variants": tuple(
        v.model_copy(update={"zh": None}) for v in page.entry.variants)})
    shown = code_page(dataclasses.replace(page, entry=untranslated), lang="zh")
    assert ' <span lang="en">A made\\-up SDK text, for the tests\\.</span></small>' in shown
    assert "A made\\-up SDK text, for the tests\\.</small>" in code_page(catalog.page("oss", "RequestTimeTooSkewed"))
    assert '`OSSErrorCode.REQUEST_TIME_TOO_SKEWED`{ lang=en } (<span lang="en">enum</span>)' in skewed
    assert '[<span lang="en">Alibaba Cloud OSS</span>](index.md)' in skewed
    assert "lang=" not in english and "lang=" not in code_page(catalog.page("oss", "RequestTimeTooSkewed"))


SCRIPT_WORDS = ("filter_placeholder", "filter_label", "codes_count", "codes_shown", "codes_none", "http_status")


def test_the_pages_give_the_scripts_words_in_their_language() -> None:
    """docs/assets/errdocs.js writes the filter's placeholder, name and count and the copy button's confirmation:
    the service page's table block and every copy button carry these words from labels.py, in the page's language,
    and the script has none of its own."""
    catalog = read_catalog(MINI)
    section = next(s for s in catalog.sections if s.service.slug == "oss")
    for lang, words in LABELS.items():
        service = to_html(service_index(section, lang=lang))
        block = re.search(r'<div class="errdocs-codes"[^>]*>', service).group(0)
        for field in SCRIPT_WORDS:
            assert f'data-{field.replace("_", "-")}="{html.escape(getattr(words, field))}"' in block, (lang, field)
        page = to_html(code_page(catalog.page("oss", "InvalidObjectName"), lang=lang))
        buttons = re.findall(r'<button [^>]*class="errdocs-copy-link"[^>]*>', page)
        assert len(buttons) == 3 and all(f'data-link-copied="{words.link_copied}"' in b for b in buttons), lang
    assert 'data-codes-none="没有与“{query}”匹配的错误码（共 {total} 个）。"' in service_index(section, lang="zh")
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", (ROOT / "docs" / "assets" / "errdocs.js").read_text(encoding="utf-8"),
                    flags=re.S)  # its code, without the comments that name the labels
    english = [getattr(LABELS["en"], field) for field in (*SCRIPT_WORDS, "link_copied", "copy_link")]
    assert [text for text in english if text in script or text.split(" {")[0] in script] == []
