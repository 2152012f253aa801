"""The built site has no broken internal link or anchor, and relations show on both sides."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import PREFIX, ROOT

from errdocs.pipeline import read_catalog

pytestmark = pytest.mark.site


class LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and not (tag == "link" and attributes.get("rel") == "canonical"):
                self.links.append(attributes[name])


def parse_site(site: Path) -> dict[str, LinksAndIds]:
    pages = {}
    for path in site.rglob("*.html"):
        parser = LinksAndIds()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def broken_links(site: Path) -> list[str]:
    """Every internal href/src that names a missing file, or an anchor missing from its page."""
    pages = parse_site(site)
    broken = []
    for source, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            path = unquote(parts.path)
            if not path:
                target = source
            elif path.startswith(PREFIX):  # site-absolute, as MkDocs writes them on 404.html
                target = posixpath.normpath(path.removeprefix(PREFIX) or ".")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
            if path.endswith("/") or (site / target).is_dir():
                target = posixpath.join(target, "index.html") if target != "." else "index.html"
            if not (site / target).is_file():
                broken.append(f"{source}: {link} (no file {target})")
            elif parts.fragment and target.endswith(".html") and parts.fragment not in pages[target].ids:
                broken.append(f"{source}: {link} (no anchor #{parts.fragment} in {target})")
    return broken


def test_no_internal_link_or_anchor_is_broken(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_the_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">X</h2><a href="#x">ok</a><a href="../b/">gone</a>'
                                               '<a href="#y">no anchor</a><a href="https://example.com/">out</a>')
    assert broken_links(tmp_path) == ["a/index.html: ../b/ (no file b/index.html)",
                                      "a/index.html: #y (no anchor #y in a/index.html)"]


def test_clock_skew_topic_links_every_member_and_each_links_back(built_site: Path) -> None:
    catalog = read_catalog(ROOT / "catalog")
    topic = next(t for t in catalog.topics if t.topic.slug == "clock-skew")
    members = {(m.service, m.code) for m in topic.members}
    assert {("maxcompute-tunnel", "Unauthorized"), ("oss", "RequestTimeTooSkewed"),
            ("maxcompute-api", "ODPS-0410031")} <= members
    tunnel = next(m for m in topic.members if m.service == "maxcompute-tunnel")
    assert tunnel.anchor == "message-signature-time-expired"
    pages = parse_site(built_site)
    topic_page = pages["topics/clock-skew/index.html"]
    for member in topic.members:
        target = f"../../{member.path.removesuffix('.md')}/"
        assert target + (f"#{member.anchor}" if member.anchor else "") in topic_page.links, member.code
        page = pages[member.path.removesuffix(".md") + "/index.html"]
        assert "../../topics/clock-skew/" in page.links, member.code


def test_every_relation_shows_on_both_pages() -> None:
    catalog = read_catalog(ROOT / "catalog")
    shown = defaultdict(set)
    for page in catalog.pages:
        for link in page.related:
            shown[(page.service.slug, page.entry.code)].add((link.service, link.code))
    for one, others in shown.items():
        for other in others:
            assert one in shown[other], (one, other)
    assert sum(len(v) for v in shown.values()) % 2 == 0
