"""The built site: every catalog entry has its page and its errors.json record; text stays text."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PUBLISHED_AT, ROOT, mkdocs_build, project_with_catalog

from errdocs.pipeline import read_catalog

pytestmark = pytest.mark.site


class PreText(HTMLParser):
    """Collects the text of every <pre> block and whether any <script> has inline code."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.depth = 0
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.depth += 1
            self.blocks.append("")
        if tag == "script" and not dict(attrs).get("src"):
            self._in_script = True
            self.inline_scripts.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self.depth -= 1
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self.depth:
            self.blocks[-1] += data
        if self._in_script:
            self.inline_scripts[-1] += data


def pre_blocks(html: str) -> list[str]:
    parser = PreText()
    parser.feed(html)
    return [block.rstrip("\n") for block in parser.blocks]


def test_every_entry_has_a_page_and_an_errors_json_record(built_site: Path) -> None:
    catalog = read_catalog(ROOT / "catalog")
    records = json.loads((built_site / "errors.json").read_text(encoding="utf-8"))["errors"]
    assert len(records) == len(catalog.pages) == 503
    assert {(r["service"], r["code"]) for r in records} == {(p.service.slug, p.entry.code) for p in catalog.pages}
    for record in records:
        page = built_site / record["path"] / "index.html"
        html = page.read_text(encoding="utf-8")
        blocks = pre_blocks(html)
        for message in record["messages"]:
            assert message["text"] in blocks, (record["path"], message["text"])
            assert f'id="{message["anchor"]}"' in html


def test_urls_follow_the_documented_examples(built_site: Path) -> None:
    for url in ("oss/requesttimetooskewed/", "maxcompute-api/odps-0420095/", "huawei-cs/cs.11004/",
                "yuanrong/4115/", "maxcompute-tunnel/local-error/"):
        assert (built_site / url / "index.html").is_file(), url
    every = [p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")]
    assert all(path == path.lower() for path in every)


def test_service_pages_list_every_code(built_site: Path) -> None:
    catalog = read_catalog(ROOT / "catalog")
    for section in catalog.sections:
        html = (built_site / section.service.slug / "index.html").read_text(encoding="utf-8")
        for page in section.pages:
            assert f'href="{page.slug}/"' in html, page.url


def test_home_page_lists_the_services(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for slug in ("maxcompute-tunnel", "maxcompute-api", "oss", "huawei-cs", "yuanrong"):
        assert f'href="{slug}/"' in html
    assert "errdocs:services" not in html


def test_hostile_catalog_builds_to_safe_html(tmp_path: Path) -> None:
    catalog = ROOT / "tests" / "fixtures" / "hostile"
    project = project_with_catalog(tmp_path, catalog)
    result = mkdocs_build(project, tmp_path / "site")
    assert (result.returncode, result.stderr) == (0, "")
    html = (tmp_path / "site" / "oss" / "scripttag" / "index.html").read_text(encoding="utf-8")
    entry = read_catalog(catalog).page("oss", "ScriptTag").entry
    blocks = pre_blocks(html)
    for message in entry.messages:
        assert message.text in blocks
    for forbidden in ("<script>alert", "<img src=x", "<iframe>", "<b>bold", "<i>italic", 'href="javascript:alert',
                      "<em>c</em>", "<strong>not bold", "<section>"):
        assert forbidden not in html, forbidden
    for shown in ("&lt;img src=x onerror=alert(1)&gt;", "&lt;iframe&gt;&lt;/iframe&gt;", "**not bold**",
                  "&amp;lt;already escaped&amp;gt;", "{% raw %}", "<code>echo \"&lt;ok&gt;\"</code>"):
        assert shown in html, shown
    parser = PreText()
    parser.feed(html)
    assert all("alert" not in script for script in parser.inline_scripts)


def test_material_search_indexes_what_a_code_page_says_but_not_its_related_errors(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sections = {doc["location"] for doc in index["docs"] if doc["location"].startswith("oss/requesttimetooskewed/")}
    assert sections == {"oss/requesttimetooskewed/", "oss/requesttimetooskewed/#messages",
                        "oss/requesttimetooskewed/#what-it-means", "oss/requesttimetooskewed/#likely-causes",
                        "oss/requesttimetooskewed/#how-to-fix-it"}
    page = (built_site / "oss" / "requesttimetooskewed" / "index.html").read_text(encoding="utf-8")
    assert '<h2 data-search-exclude id="related-errors">' in page


def test_copy_link_buttons_stay_out_of_material_search(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["location"] for doc in index["docs"] if "Copy link" in doc["text"] or "Copy link" in doc["title"]] == []


def test_pages_have_a_real_title_and_link_preview_tags(built_site: Path) -> None:
    html = (built_site / "oss" / "requesttimetooskewed" / "index.html").read_text(encoding="utf-8")
    title = "RequestTimeTooSkewed · Alibaba Cloud OSS"
    description = "Client clock differs from OSS server time by more than 15 minutes"
    assert f"<title>{title} - errdocs · cloud SDK error codes explained</title>" in html
    for tag in (f'<meta property="og:title" content="{title}">',
                f'<meta property="og:description" content="{description}">',
                f'<meta property="og:url" content="{PUBLISHED_AT}oss/requesttimetooskewed/">',
                '<meta name="twitter:card" content="summary">',
                f'<meta name="twitter:title" content="{title}">',
                f'<meta name="twitter:description" content="{description}">'):
        assert tag in html, tag
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<title>errdocs · cloud SDK error codes explained</title>" in home
    assert '<meta property="og:title" content="errdocs · cloud SDK error codes explained">' in home


def test_the_feedback_widget_stays_hidden_and_no_analytics_loads_when_none_is_configured(built_site: Path) -> None:
    html = (built_site / "oss" / "requesttimetooskewed" / "index.html").read_text(encoding="utf-8")
    assert '<form class="md-feedback" name="feedback" hidden>' in html
    assert "Was this page helpful?" in html
    assert "googletagmanager" not in html and "__md_analytics" not in html
