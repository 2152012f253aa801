"""The built site in both languages: the Chinese site mirrors every English page under zh/, with the same
anchors, its own language attribute, labels and search, a switch to the same page, and hreflang alternates."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import PUBLISHED_AT, ROOT

from errdocs.link import LANGUAGES
from errdocs.model import Variant
from errdocs.pages import SIBLINGS_SHOWN, heading_anchor
from errdocs.pipeline import read_catalog
from errdocs.published import read_site

pytestmark = pytest.mark.site

SWITCH = re.compile(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link">')
HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([a-z]+)">')


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def test_every_english_page_has_a_chinese_page_with_the_same_anchors(built_site: Path) -> None:
    published = read_site(built_site)
    english = {url: anchors for url, anchors in published.pages.items() if not url.startswith("zh/")}
    chinese = {url.removeprefix("zh/"): anchors for url, anchors in published.pages.items() if url.startswith("zh/")}
    assert len(english) > 400
    assert chinese == english


def test_chinese_pages_are_marked_chinese_with_materials_chinese_labels(built_site: Path) -> None:
    for url in ("", "about/", "oss/requesttimetooskewed/", "services/", "topics/", "huawei-cs/"):
        chinese = page_file(built_site / "zh", url).read_text(encoding="utf-8")
        english = page_file(built_site, url).read_text(encoding="utf-8")
        assert '<html lang="zh"' in chinese and '<html lang="en"' in english, url
        assert 'placeholder="搜索"' in chinese and 'placeholder="Search"' in english, url
    code = (built_site / "zh/oss/requesttimetooskewed/index.html").read_text(encoding="utf-8")
    assert "如何解决" in code and "How to fix it" not in code
    assert "The difference between the request time and the current time is too large." in code


@pytest.mark.parametrize("url", ["", "about/", "oss/requesttimetooskewed/", "topics/clock-skew/",
                                 "maxcompute-api/", "reference/errors-json/"])
def test_the_language_switch_and_the_head_alternates_name_the_same_page(built_site: Path, url: str) -> None:
    for lang, root in LANGUAGES.items():
        here = root + url
        text = page_file(built_site, here).read_text(encoding="utf-8")
        switch = dict((other, href) for href, other in SWITCH.findall(text))
        head = dict((other, href) for href, other in HEAD_ALTERNATE.findall(text))
        assert switch.keys() == head.keys() == LANGUAGES.keys(), here
        for other, other_root in LANGUAGES.items():
            assert urljoin(PUBLISHED_AT + here, switch[other]) == PUBLISHED_AT + other_root + url, (here, other)
            assert head[other] == PUBLISHED_AT + other_root + url, (here, other)


def test_each_sitemap_gives_every_page_in_both_languages(built_site: Path) -> None:
    for root in LANGUAGES.values():
        sitemap = (built_site / root / "sitemap.xml").read_text(encoding="utf-8")
        locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert f"{PUBLISHED_AT}{root}oss/requesttimetooskewed/" in locations
        for lang, other in LANGUAGES.items():
            assert (f'<xhtml:link rel="alternate" hreflang="{lang}" '
                    f'href="{PUBLISHED_AT}{other}oss/requesttimetooskewed/"/>') in sitemap
        assert sitemap.count("<xhtml:link") == len(LANGUAGES) * len(locations)


def test_each_language_has_its_own_search_index_and_short_links(built_site: Path) -> None:
    english, chinese = (json.loads((built_site / root / "search/search_index.json").read_text(encoding="utf-8"))
                        for root in LANGUAGES.values())
    assert english["config"]["lang"] == ["en"] and chinese["config"]["lang"] == ["zh"]
    assert not any("如何解决" in doc["title"].replace("\u200b", "") for doc in english["docs"])
    assert any(doc["location"] == "oss/requesttimetooskewed/#how-to-fix-it" and "如何\u200b解决" in doc["title"]
               for doc in chinese["docs"]), "Chinese words segmented by jieba (zero-width spaces between them)"
    redirect = (built_site / "zh/e/requesttimetooskewed/index.html").read_text(encoding="utf-8")
    assert 'url=../../oss/requesttimetooskewed/"' in redirect


def test_the_chinese_site_has_the_english_sites_paste_index_byte_for_byte(built_site: Path) -> None:
    english, chinese = (built_site / root / "assets/errdocs-index.js" for root in LANGUAGES.values())
    assert chinese.read_bytes() == english.read_bytes()


def test_chinese_service_and_topic_pages_show_the_catalogs_chinese_words(built_site: Path) -> None:
    catalog = read_catalog(ROOT / "catalog")
    for topic in catalog.topics:
        text = (built_site / "zh" / "topics" / topic.topic.slug / "index.html").read_text(encoding="utf-8")
        assert f">{topic.topic.zh.title}<" in text and topic.topic.zh.summary in text, topic.topic.slug
        assert topic.topic.explanation.split(".")[0] not in text, topic.topic.slug
    for section in catalog.sections:
        text = (built_site / "zh" / section.service.slug / "index.html").read_text(encoding="utf-8")
        assert section.service.description.split(".")[0] not in text, section.service.slug
        assert section.service.zh.description[:12] in text, section.service.slug


def opening(text: str, length: int) -> str:
    """A piece of a catalog text as it reads on a built page: its first run of at least four characters that
    markup leaves as they are."""
    runs = [run.strip() for run in re.split(r"`[^`]*`|[\"'<>&*_\[\]\\]", text) if len(run.strip()) >= 4]
    return runs[0][:length]


def test_chinese_topic_and_code_pages_show_the_chinese_fix_member_notes_and_reasons(built_site: Path) -> None:
    catalog = read_catalog(ROOT / "catalog")
    for topic in catalog.topics:
        text = (built_site / "zh" / "topics" / topic.topic.slug / "index.html").read_text(encoding="utf-8")
        for english, chinese in zip(topic.topic.fix, topic.topic.zh.fix):
            assert opening(chinese, 12) in text and opening(english, 30) not in text, (topic.topic.slug, chinese)
        for member in topic.members:
            assert opening(member.why_zh, 12) in text, (topic.topic.slug, member.code)
    shown = 0
    for page in catalog.pages:
        text = (built_site / "zh" / page.path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        siblings = [link for topic in page.topics for link in page.siblings(topic)[:SIBLINGS_SHOWN]]
        for link in (*page.related, *siblings):
            assert opening(link.why_zh, 12) in text, (page.path, link.code)
            shown += 1
    assert shown > 1000


def english_words(note: str) -> str:
    """The longest run of four or more plain lower-case English words in a note, which its Chinese cannot hold
    (the quoted texts, code spans, paths and names it keeps, such as `PartitionSpec(String)`, left out), or ""
    when the note has none (a shorter run may be in a printed text on the page too)."""
    plain = re.sub(r'"[^"]*"|`[^`]*`|\S*[/.(_A-Z0-9]\S*', "|", note)
    runs = re.findall(r"[a-z]+(?:[ ,;:'-]+[a-z]+){3,}", plain)
    return max(runs, key=len, default="")


def test_chinese_pages_show_the_chinese_notes_and_mark_what_stays_english(built_site: Path) -> None:
    """Group headings and the notes on messages, printed variants and provenance in Chinese, and the messages, as
    printed, marked lang="en" on every Chinese code page."""
    catalog = read_catalog(ROOT / "catalog")
    groups = 0
    for section in catalog.sections:
        text = (built_site / "zh" / section.service.slug / "index.html").read_text(encoding="utf-8")
        for group in section.service.groups:
            assert f'id="{heading_anchor(group.title)}">{group.zh.title}<' in text, group.id
            groups += 1
    notes = variant_notes = checked = messages = 0
    for page in catalog.pages:
        entry = page.entry
        text = (built_site / "zh" / page.path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        for noted in (*entry.messages, *entry.variants, entry.provenance):
            if noted.note:
                assert opening(noted.zh.note, 12) in text, (page.path, noted.zh.note)
                english = english_words(noted.note)
                assert not english or english not in text, (page.path, noted.note)
                checked += bool(english)
                if isinstance(noted, Variant):
                    variant_notes += 1
                else:
                    notes += 1
        messages += text.count('<div lang="en">\n<div class="highlight">')
        assert text.count('<div lang="en">\n<div class="highlight">') == len(entry.messages), page.path
    assert groups == 2 and notes == 128 and variant_notes > 1000 and messages >= len(catalog.pages)
    assert checked > 0.8 * (notes + variant_notes)


ATTRIBUTE_WORDS = re.compile(r'(?:title|aria-label|placeholder)="[^"]*"')
CHANGED = re.compile(r'<strong>最后更新：</strong><time datetime="(\d{4}-\d{2}-\d{2})" title="[^"]+">\1</time>')


def test_every_chinese_page_is_chinese_in_the_themes_words_and_its_dates(built_site: Path) -> None:
    """Every page of zh/ is marked Chinese and has no title, label or placeholder of the English site:
    Material's own words in Chinese, and those mkdocs.yml gives the theme (palette toggles, permalinks:
    labels.py). A code page's last change is a day as the vendors' Chinese documents write it (2024-05-10)."""
    def pages(root: Path, chinese: bool) -> dict[Path, str]:
        found = {path: path.read_text(encoding="utf-8") for path in root.rglob("*.html")
                 if (path.relative_to(root).parts[0] == "zh") == chinese}
        return {path: text for path, text in found.items() if "Redirecting..." not in text}

    chinese = pages(built_site, chinese=True)
    english_words = {word for text in pages(built_site, chinese=False).values()
                     for word in ATTRIBUTE_WORDS.findall(text)}
    assert len(chinese) > 400 and 'placeholder="Search"' in english_words
    dated = 0
    for path, text in chinese.items():
        assert '<html lang="zh"' in text, path
        assert 'placeholder="搜索"' in text, path
        leaked = set(ATTRIBUTE_WORDS.findall(text)) & english_words
        assert not leaked, (path, leaked)
        if "<time " in text:
            assert CHANGED.search(text), path
            dated += 1
    assert dated == len(read_catalog(ROOT / "catalog").pages)
