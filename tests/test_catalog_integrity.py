"""The real catalog against the five source documents: nothing dropped, nothing altered."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest

import seeds
from errdocs.link import Catalog
from errdocs.link import documented as document_of
from errdocs.pipeline import read_catalog
from errdocs.yaml_source import catalog_yaml

CATALOG = Path(__file__).resolve().parents[1] / "catalog"

# The counts the seeds README states; the parsers must agree with them, and so must the catalog.
EXPECTED = {
    "maxcompute-tunnel": (17, 23),
    "maxcompute-api": (46, 47),
    "huawei-cs": (159, 159),
    "oss": (46, 51),
    "yuanrong": (109, 109),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return read_catalog(CATALOG)


def entries(catalog: Catalog, service: str) -> dict:
    return {p.entry.code: p.entry for p in catalog.pages if p.service.slug == service}


def test_all_377_documented_codes_have_an_entry(catalog: Catalog) -> None:
    assert sum(document_of(page) for page in catalog.pages) == 377
    assert {s.service.slug for s in catalog.sections} == set(EXPECTED)


@pytest.mark.parametrize("service", sorted(EXPECTED))
def test_document_parsers_find_the_stated_counts(service: str) -> None:
    documented = seeds.DOCUMENTS[service]()
    assert (len({d.code for d in documented}), len(documented)) == EXPECTED[service]


@pytest.mark.parametrize("service", sorted(EXPECTED))
def test_catalog_has_exactly_the_documented_codes_and_cites_code_for_the_others(catalog: Catalog, service: str) -> None:
    """A code the document lists cites the document; any other code cites the repository file defining it."""
    documented = {d.code for d in seeds.DOCUMENTS[service]()}
    pages = [p for p in catalog.pages if p.service.slug == service]
    assert {p.entry.code for p in pages if document_of(p)} == documented
    for page in pages:
        if not document_of(page):
            assert page.entry.code not in documented and page.entry.provenance.path, page.entry.code


@pytest.mark.parametrize("service", ["maxcompute-tunnel", "maxcompute-api", "yuanrong"])
def test_every_documented_message_is_in_the_catalog_verbatim(catalog: Catalog, service: str) -> None:
    catalogued = {code: [m.text for m in entry.messages] for code, entry in entries(catalog, service).items()}
    for documented in seeds.DOCUMENTS[service]():
        assert documented.text in catalogued[documented.code], documented


def test_oss_rows_start_with_a_catalogued_message(catalog: Catalog) -> None:
    """OSS rows run message, cause and solution together: each row must begin with one of its code's messages."""
    oss = entries(catalog, "oss")
    used = defaultdict(set)
    for row in seeds.oss():
        matches = [m.text for m in oss[row.code].messages if row.text.startswith(m.text)]
        assert matches, row
        used[row.code].add(max(matches, key=len))
        assert row.http_status == oss[row.code].http_status, row.code
    assert sum(len(texts) for texts in used.values()) == 51


def test_cs_messages_and_statuses_match_the_document(catalog: Catalog) -> None:
    cs = entries(catalog, "huawei-cs")
    for row in seeds.huawei_cs():
        entry = cs[row.code]
        assert entry.http_status == row.http_status, row.code
        for message in entry.messages:
            assert message.text in row.text, row.code


def test_odps_facts_match_the_document(catalog: Catalog) -> None:
    api = entries(catalog, "maxcompute-api")
    for row in seeds.maxcompute_api():
        entry = api[row.code]
        assert entry.module == row.module, row.code
        assert set(row.http_status) <= set(entry.http_status), row.code
        assert entry.severity == int(row.code[-1]), row.code
        if row.severity_column != entry.severity:
            assert entry.provenance.note and "everity" in entry.provenance.note, row.code


def test_yuanrong_sdk_and_rest_codes_are_kept_apart(catalog: Catalog) -> None:
    yuanrong = entries(catalog, "yuanrong")
    for row in seeds.yuanrong():
        assert yuanrong[row.code].group == row.group, row.code


@pytest.mark.parametrize("service", sorted(EXPECTED))
def test_every_message_is_a_substring_of_its_document(catalog: Catalog, service: str) -> None:
    section = next(s for s in catalog.sections if s.service.slug == service)
    texts = {source.id: (seeds.SEEDS / source.file).read_text(encoding="utf-8")
             for source in section.service.sources if source.is_document}
    for page in section.pages:
        if not document_of(page):
            continue
        for message in page.entry.messages:
            assert message.text in texts[page.entry.provenance.source], (page.entry.code, message.text)


def test_explanations_are_not_copied_from_the_document(catalog: Catalog) -> None:
    """Our words: no cause or fix step may reproduce a whole sentence of eight or more words from the source."""
    full = {sec.service.slug: "\n".join((seeds.SEEDS / s.file).read_text(encoding="utf-8")
                                        for s in sec.service.sources if s.is_document)
            for sec in catalog.sections}
    copied = []
    for page in catalog.pages:
        entry = page.entry
        for sentence in (entry.meaning, *entry.causes, *entry.fix, entry.first_try or ""):
            for part in sentence.split(". "):
                words = part.strip().rstrip(".")
                if len(words.split()) >= 8 and words in full[page.service.slug]:
                    copied.append((page.entry.code, words))
    assert copied == []


@pytest.mark.parametrize("path", sorted(CATALOG.glob("*.yaml")), ids=lambda p: p.name)
def test_catalog_files_round_trip_byte_for_byte(path: Path) -> None:
    """Load and dump with the catalog's ruamel settings: same bytes, so rewriting tools lose nothing."""
    import io

    from errdocs.load import catalog_yaml

    text = path.read_text(encoding="utf-8")
    out = io.StringIO()
    catalog_yaml().dump(catalog_yaml().load(text), out)
    assert out.getvalue() == text


def test_the_catalog_has_chinese_so_validation_requires_it_everywhere(catalog: Catalog) -> None:
    """validate.py requires every service, code, topic, member and reason to have its Chinese words, with a
    Chinese cause or step for every English one, once any of them has Chinese: the catalog read above passed."""
    assert all(section.service.zh for section in catalog.sections)


def chinese_texts(catalog: Catalog) -> list[tuple[str, str, str]]:
    """(where, English, Chinese) for every explanation the Chinese site shows in Chinese: each code's meaning,
    causes and fix steps, its notes on messages, printed variants and provenance, each topic's fix steps and member
    notes, and each relation's reason."""
    texts = []
    for page in catalog.pages:
        entry, zh, where = page.entry, page.entry.zh, f"{page.service.slug}/{page.entry.code}"
        texts += [(where, english, chinese) for english, chinese in
                  ((entry.meaning, zh.meaning), *zip(entry.causes, zh.causes), *zip(entry.fix, zh.fix))]
        texts += [(where, noted.note, noted.zh.note) for noted in (*entry.messages, *entry.variants, entry.provenance)
                  if noted.note]
        texts += [(f"{where} <-> {link.service}/{link.code}", link.why, link.why_zh) for link in page.related
                  if (page.service.slug, page.entry.code) < (link.service, link.code)]
    for topic in catalog.topics:
        where = f"topics/{topic.topic.slug}"
        texts += [(where, english, chinese) for english, chinese in zip(topic.topic.fix, topic.topic.zh.fix)]
        texts += [(f"{where}: {link.service}/{link.code}", link.why, link.why_zh) for link in topic.members]
    return texts


def test_every_code_has_english_search_terms_that_are_not_its_messages(catalog: Catalog) -> None:
    """Our words for what people type (2 to 8 words each), never a message the entry already matches."""
    problems = []
    for page in catalog.pages:
        entry = page.entry
        texts = [m.text.lower() for m in entry.messages] + [v.text.lower() for v in entry.variants]
        if not 3 <= len(entry.terms) <= 8:
            problems.append(f"{page.service.slug}/{entry.code}: {len(entry.terms)} terms")
        problems += [f"{page.service.slug}/{entry.code}: {term!r}" for term in entry.terms
                     if not 2 <= len(term.split()) <= 8 or any(term.lower() in text for text in texts)]
    assert problems == []


def test_the_chinese_texts_keep_the_english_code_spans(catalog: Catalog) -> None:
    """The Chinese text says what the English says, step for step (validation checks the counts), with the same
    commands and names in backticks (messages are not translated)."""
    problems = [f"{where}: the code spans differ between {english[:40]!r} and {chinese[:20]!r}"
                for where, english, chinese in chinese_texts(catalog)
                if set(re.findall(r"`[^`]+`", english)) != set(re.findall(r"`[^`]+`", chinese))]
    assert problems == []


def test_every_document_links_to_its_official_page_but_the_one_whose_address_is_unknown(catalog: Catalog) -> None:
    """The openYuanrong document's page could not be established (no address in the seeds, none found that
    shows the same text), so it stays unlinked rather than linked to a guess."""
    unlinked = {source.id for section in catalog.sections for source in section.service.sources
                if source.is_document and source.url is None}
    assert unlinked == {"yuanrong-error-codes"}


def test_every_code_has_a_first_thing_to_try(catalog: Catalog) -> None:
    """Retired codes too: whoever still meets one needs the first step as much as anyone."""
    missing = [f"{p.service.slug}/{p.entry.code}" for p in catalog.pages if p.entry.first_try is None]
    assert missing == []


# Organisations whose repositories are the services' own SDKs, servers and tools.
# The vendors' own organisations (AlibabaCloudDocs: Alibaba Cloud's documentation, as published on GitHub).
VENDORS = ("aliyun/", "ali-sdk/", "alibaba/", "AlibabaCloudDocs/", "openyuanrong/", "openeuler-mirror/",
           "huaweicloud/")


def cited(catalog: Catalog, kind: str = "repository"):
    """Every (page, citation, text) whose source is a repository (or, with kind "pages", the vendor's web pages):
    printed variants, aliases, added codes."""
    for page in catalog.pages:
        sources = {s.id: s for s in page.service.sources}
        entry = page.entry
        items = [(v, v.text) for v in entry.variants] + [(a, a.name) for a in entry.aliases]
        if not sources[entry.provenance.source].is_document:
            items += [(entry.provenance, m.text) for m in entry.messages]
        for citation, text in items:
            source = sources[citation.source]
            if getattr(source, kind):
                yield page, source, citation, text


def test_printed_texts_aliases_and_added_codes_cite_a_vendor_repository_file(catalog: Catalog) -> None:
    problems = [(p.entry.code, s.repository, c.path) for p, s, c, _ in cited(catalog)
                if not s.repository.startswith(VENDORS) or not c.path or "." not in c.path.rsplit("/", 1)[-1]]
    assert problems == []
    assert sum(len(p.entry.variants) for p in catalog.pages) >= 1000


# The vendors' own documentation sites, where a page source may point.
VENDOR_PAGES = ("https://help.aliyun.com/", "https://www.alibabacloud.com/help/", "https://support.huaweicloud.com/")


def test_texts_cited_from_web_pages_cite_a_vendors_documentation_page(catalog: Catalog) -> None:
    pages = list(cited(catalog, "pages"))
    assert [(p.entry.code, c.path) for p, s, c, _ in pages
            if not s.pages.startswith(VENDOR_PAGES) or not c.path] == []
    assert len(pages) >= 10


SOURCES = os.environ.get("ERRDOCS_SOURCES", "")


@pytest.mark.skipif(not SOURCES, reason="set ERRDOCS_SOURCES to a folder of bare clones named owner+name/repo")
def test_cited_texts_are_in_the_files_they_cite() -> None:
    """With the repositories at hand, each literal part of every cited text is in its file (joined string
    literals and escapes allowed for), so a text cannot be reworded by accident. CI has no network, so this
    runs where the clones are; the catalog's texts were checked this way when they were added."""
    import subprocess

    catalog = read_catalog(CATALOG)
    files: dict[tuple[str, str], str] = {}
    missing = []
    for page, source, citation, text in cited(catalog):
        key = (source.repository, citation.path)
        if key not in files:
            git = Path(SOURCES) / source.repository.replace("/", "+") / "repo"
            raw = subprocess.run(["git", f"--git-dir={git}", "show", f"HEAD:{citation.path}"], capture_output=True)
            content = raw.stdout.decode("utf-8", "replace")
            joined = re.sub(r'(["\'])\s*\+?\s*(?:\\\s*)?\n?\s*\1', "", content)
            unescaped = [re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)
                         .replace('\\"', '"').replace("\\'", "'").replace("\\n", "\n") for s in (content, joined)]
            files[key] = "\n".join([content, joined, *unescaped])
        name_part = re.split(r"\.|::", text)[-1]
        parts = re.split(r"\{[^{}]*\}", text)
        if not all(len(p.strip()) < 3 or p.strip() in files[key] for p in parts) and name_part not in files[key] \
                and not text.endswith("Error"):
            missing.append((page.entry.code, text[:60], citation.path))
    assert missing == []


GLOSSARY = CATALOG.parent / "glossary" / "zh.yaml"


def test_the_chinese_texts_use_the_glossarys_terms(catalog: Catalog) -> None:
    """Wherever an English explanation (a code's meaning, cause or fix step, a topic's fix step or member note, a
    relation's reason, a note) uses a glossary term (code spans, quoted messages, paths such as a repository's name
    and dotted names such as `Table.read()` left out), its Chinese counterpart uses one of the term's accepted
    Chinese words (glossary/zh.yaml)."""
    terms = [(re.compile(rf"\b(?:{t['en']})(?:e?s)?\b", re.IGNORECASE), tuple(t["zh"]))
             for t in catalog_yaml().load(GLOSSARY.read_text(encoding="utf-8"))["terms"]]
    problems = []
    for where, english, chinese in chinese_texts(catalog):
        words = re.sub(r'`[^`]*`|"[^"]*"|\S+/\S+|\S+\.\w\S*', "", english)
        problems += [f"{where}: {english[:50]!r} has {rx.pattern!r}, not {accepted[0]}" for rx, accepted in terms
                     if rx.search(words) and not any(w.lower() in chinese.lower() for w in accepted)]
    assert problems == []
