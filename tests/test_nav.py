"""The generated nav lists index pages only, so a code page's sidebar does not grow with its service;
code and topic pages still open their tab and link their neighbours."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import MINI

from errdocs.mkdocs_plugin.nav import generated_nav, listed_paths
from errdocs.pipeline import read_catalog


def test_the_nav_lists_the_services_and_the_topics_index_but_no_code_or_topic_page() -> None:
    catalog = read_catalog(MINI)
    assert generated_nav(catalog) == [
        {"Services": ["services/index.md", {"MaxCompute API": "maxcompute-api/index.md"},
                      {"Alibaba Cloud OSS": "oss/index.md"}]},
        {"Topics": ["topics/index.md"]},
    ]
    assert listed_paths(catalog) == {"services/index.md", "maxcompute-api/index.md", "oss/index.md",
                                     "topics/index.md"}


def test_nav_labels_are_escaped() -> None:
    """Material prints nav labels unescaped; the schema refuses markup in names, and the nav escapes it anyway."""
    catalog = read_catalog(MINI)
    section = catalog.sections[0]
    hostile = dataclasses.replace(section, service=section.service.model_copy(update={"name": "<b>API</b> & co"}))
    nav = generated_nav(dataclasses.replace(catalog, sections=(hostile, *catalog.sections[1:])))
    assert nav[0]["Services"][1] == {"&lt;b&gt;API&lt;/b&gt; &amp; co": "maxcompute-api/index.md"}


class Sidebar(HTMLParser):
    """The hrefs of the primary sidebar's nav links, and the active tab."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # open <div>s inside the primary sidebar; 0 when outside it
        self.links: list[str] = []
        self.active_tab = ""
        self._in_active_tab = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "div" and (self.depth or "md-sidebar--primary" in classes):
            self.depth += 1
        if tag == "a" and self.depth and "md-nav__link" in classes:
            self.links.append(attributes["href"])
        if tag == "li" and "md-tabs__item--active" in classes:
            self._in_active_tab = True

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
        if tag == "li":
            self._in_active_tab = False

    def handle_data(self, data):
        if self._in_active_tab and data.strip():
            self.active_tab = data.strip()


def sidebar(site: Path, page: str) -> Sidebar:
    """The sidebar of the page at `page/` (a site path), its links resolved to site paths."""
    parser = Sidebar()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    parser.links = [posixpath.normpath(posixpath.join(page, link)) for link in parser.links
                    if not link.startswith("#")]  # the page's own table of contents
    return parser


@pytest.mark.site
def test_every_code_page_has_the_same_short_sidebar(built_site: Path) -> None:
    largest = sidebar(built_site, "huawei-cs/cs.11004")  # 159 codes in its service
    smallest = sidebar(built_site, "maxcompute-tunnel/statusconflict")  # 17
    assert largest.links == smallest.links == [
        ".", "services", "huawei-cs", "maxcompute-api", "maxcompute-tunnel", "oss", "yuanrong", "topics",
        "reference/catalog-format"]
    assert largest.active_tab == smallest.active_tab == "Services"


@pytest.mark.site
def test_code_and_topic_pages_link_their_neighbours(built_site: Path) -> None:
    def neighbours(page: str) -> list[tuple[str, str]]:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<link rel="(prev|next)" href="([^"]*)">', html)

    assert neighbours("huawei-cs/cs.11004") == [("prev", "../cs.11003/"), ("next", "../cs.11005/")]
    assert neighbours("huawei-cs/cs.10001") == [("next", "../cs.10002/")]  # the service's first code
    assert neighbours("topics/clock-skew") == [("next", "../expired-sessions-and-tokens/")]
    assert sidebar(built_site, "topics/clock-skew").active_tab == "Topics"
