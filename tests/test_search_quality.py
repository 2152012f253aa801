"""Paste search quality: the real pastes' test half gives the figures; the synthetic fixtures guard regressions.

The browser test does the same in Chromium, and tests/test_search_parity.py shows the site's matcher gives
the CLI's answers, so these figures hold for both."""

from __future__ import annotations

import hashlib
import json
import math
import subprocess
import sys

from conftest import ROOT
from search_quality import outcomes_of, pastes, real_pastes, report

from errdocs.pipeline import read_catalog
from errdocs.search_index import build_index
from errdocs.site_address import declared_site_url

# What the test half reached when these floors were set (bench/RESULTS.md has the run: 242/266 first, 251/266 top
# three; 249/274 and 259/274 since session 11's pastes; 298/326 and 310/326 since session 16's; 318/351 and 334/351
# since session 17's; 336/367 and 351/367 with session 18's pastes, 338/366 and 353/366 after its audit and catalog
# rows; 340/369 and 356/369 with session 19's, 341/371 and 357/371 with its last ones), minus two pastes so that a
# catalog edit may move one. The goal (issue #14) is 95% first, 98% top three and at most 2% of look-alikes
# confident; these floors are what is met today. They go down only when the catalog grows and its new pages take near
# ties (74 OSS codes in session 8: 209 -> 205 first), and the README says so. Look-alikes: 2/228 confident (0.9%)
# since session 10 (a printed request-hash HostId, other stores' hosts, other Alibaba Cloud APIs' SDKs and hosts name
# the product), 3/255 (1.2%) with session 11's, 3/287 (1.0%) with session 16's, 3/365 (0.8%) with session 17's, 3/436
# (0.7%) with session 18's, 3/479 (0.6%) with session 19's; the ceiling is the goal again.
REAL_FIRST, REAL_TOP3, REAL_LOOKALIKES_CONFIDENT = 0.91, 0.95, 0.02
# The Chinese pastes of the test half (questions and log lines with Chinese in them), on their own: what they meet
# (82/92 first, 86/92 top three; 97/110 and 104/110 since session 16's pastes; 101/117 and 110/117 since session
# 17's; 108/121 and 117/121 since session 18's; 109/122 and 118/122 since session 19's), less two pastes (0.85 in
# session 17, down from 0.87 because its seven new Chinese test pastes landed first four times, the matcher unchanged
# on the others). Their goal (issue #17), the English pastes' rate, is held form by form below (README).
CHINESE_FIRST, CHINESE_TOP3 = 0.87, 0.95
# The Chinese look-alikes of the test half are 87: one paste is 1.1% of them, so their ceiling is a count. None
# is claimed today; a ceiling of none would fail on the first near miss: one is allowed.
CHINESE_LOOKALIKES_CONFIDENT = 1
# A Chinese shortfall this unlikely between two sets with one common rate fails the suite: the sets are a few
# dozen and a few hundred pastes, so only a gap this clear says the Chinese reader is served worse.
SAME_RATE_LEVEL = 0.05


def test_fixture_set_is_broad_and_points_at_real_codes() -> None:
    catalog = read_catalog(ROOT / "catalog")
    known = {f"{p.service.slug}/{p.entry.code}" for p in catalog.pages}
    items = pastes()
    assert len(items) >= 150
    assert all(p.expect in known for p in items if p.expect)
    assert len({p.expect for p in items if p.expect}) >= 100
    assert {p.expect.split("/")[0] for p in items if p.expect} == {s.service.slug for s in catalog.sections}
    assert sum(1 for p in items if not p.expect) >= 10


def test_real_pastes_are_many_sourced_and_split_once() -> None:
    catalog = read_catalog(ROOT / "catalog")
    services = {s.service.slug for s in catalog.sections}
    items = real_pastes()
    ours = [p for p in items if p.expect]
    assert len(ours) >= 300 and len(items) - len(ours) >= 50
    assert all(p.source.startswith(("https://", "http://")) or ": " in p.source for p in items)
    assert all(p.expect.split("/")[0] in services for p in ours)
    assert all(p.product for p in items if not p.expect)
    assert {p.split for p in items} == {"dev", "test"}
    assert 0.4 <= sum(p.split == "test" for p in items) / len(items) <= 0.6
    assert {p.expect.split("/")[0] for p in ours} == services
    assert len({p.kind for p in ours}) >= 10 and sum(p.kind == "question-zh" for p in ours) >= 20
    assert len({" ".join(p.text.split()) for p in items}) == len(items)


def test_each_paste_keeps_the_half_its_hash_gave_it() -> None:
    """The split was drawn once: even first byte of the text's SHA-256, dev; odd, test. Nobody moves a paste."""
    moved = [p.text[:60] for p in real_pastes()
             if p.split != ("dev" if hashlib.sha256(p.text.encode("utf-8")).digest()[0] % 2 == 0 else "test")]
    assert moved == []


def test_no_real_paste_comes_from_a_file_the_catalog_copies_from() -> None:
    """A paste taken from a file (or a vendor's page) the catalog cites would measure the catalog against itself."""
    catalog = read_catalog(ROOT / "catalog")
    cited = set()
    for page in catalog.pages:
        entry = page.entry
        for citation in (*entry.variants, *entry.aliases, entry.provenance):
            source = page.service.source(citation.source)
            if source.repository and citation.path:
                cited.add(f"{source.repository}: {citation.path}")
            elif source.pages and citation.path:
                cited.add(source.link(citation.path))
    from_files = [p.source for p in real_pastes() if ": " in p.source and not p.source.startswith("http")]
    assert len(from_files) >= 100
    assert [p.source for p in real_pastes() if p.source in cited] == []


def test_real_pastes_test_half_lands_first() -> None:
    """The number that counts: real pastes nobody wrote for this project, the half never tuned on."""
    index = build_index(read_catalog(ROOT / "catalog"))
    figures = report("CLI lookup, real pastes (test half)", outcomes_of(index, real_pastes("test")), misses=False)
    assert figures["first"] >= REAL_FIRST
    assert figures["top3"] >= REAL_TOP3
    assert figures["lookalikes_confident_share"] <= REAL_LOOKALIKES_CONFIDENT


def test_chinese_real_pastes_are_scored_on_their_own() -> None:
    """Chinese questions and log lines (the test half's pastes with Chinese in them), reported and held on their
    own, so that the Chinese reader's figure cannot hide in the whole set's."""
    index = build_index(read_catalog(ROOT / "catalog"))
    chinese = [p for p in real_pastes("test") if p.language == "zh"]
    assert len([p for p in chinese if p.expect]) >= 40
    figures = report("CLI lookup, real Chinese pastes (test half)", outcomes_of(index, chinese), misses=False)
    assert figures["first"] >= CHINESE_FIRST
    assert figures["top3"] >= CHINESE_TOP3
    assert figures["lookalikes_confident"] <= CHINESE_LOOKALIKES_CONFIDENT


def shortfall_by_form_p_value(strata: list[tuple[tuple[int, int], tuple[int, int]]]) -> float:
    """One-sided Cochran-Mantel-Haenszel test over strata of ((Chinese hits, misses), (English hits, misses)):
    the chance of the Chinese pastes doing this badly or worse, against the English ones of the same form, if
    both languages landed first at one common rate within each form (normal approximation, no continuity
    correction). A stratum with one language only says nothing of the difference and counts for nothing."""
    shortfall = variance = 0.0
    for (zh_hits, zh_misses), (en_hits, en_misses) in strata:
        zh, en = zh_hits + zh_misses, en_hits + en_misses
        total, hits = zh + en, zh_hits + en_hits
        if zh and en:
            shortfall += zh_hits - zh * hits / total
            variance += zh * en * hits * (total - hits) / (total * total * (total - 1))
    if variance == 0:
        return 1.0
    return 0.5 * math.erfc(-shortfall / math.sqrt(variance) / math.sqrt(2))


def test_shortfall_by_form_p_value_is_the_mantel_haenszel_test() -> None:
    # One stratum, Chinese 2 of 4, English 6 of 6: expected Chinese hits 4 * 8 / 10 = 3.2, variance
    # 4 * 6 * 8 * 2 / (10 * 10 * 9) = 0.42667, z = -1.2 / 0.65320 = -1.83712, lower tail 0.03310.
    assert round(shortfall_by_form_p_value([((2, 2), (6, 0))]), 5) == 0.0331
    # A second stratum where Chinese does better takes the shortfall back: z = 0.
    assert shortfall_by_form_p_value([((2, 2), (6, 0)), ((6, 0), (2, 2))]) == 0.5
    assert shortfall_by_form_p_value([((5, 1), (0, 0)), ((3, 0), (4, 0))]) == 1.0


def test_chinese_pastes_land_first_as_often_as_english_ones_of_their_form() -> None:
    """Issue #17's goal: the Chinese pastes land first at the English pastes' rate. Compared form by form
    (questions with questions, printed errors with printed errors), because the forms differ in how often they
    land first whatever the language, and Chinese pastes are mostly questions (102 of 122 in the test half,
    against 26 of 249 English ones): the pooled rates compare forms, not languages. The test half's figures
    give p = 0.81 (the Chinese pastes a little ahead of the English ones of their form), the dev half's 0.18.
    (Until session 17 a second test held the pooled rates too; with session 17's pastes, mostly English printed
    errors, the pooled gap reached p = 0.043 while each form's Chinese pastes still led, so it measured the mix
    of forms and was removed.)"""
    index = build_index(read_catalog(ROOT / "catalog"))
    ours = [o for o in outcomes_of(index, real_pastes("test")) if o.paste.expect]
    strata = [tuple((sum(o.first for o in ours if (o.paste.form, o.paste.language) == (form, language)),
                     sum(not o.first for o in ours if (o.paste.form, o.paste.language) == (form, language)))
                    for language in ("zh", "en")) for form in ("question", "printed")]
    assert all(sum(zh) >= 15 and sum(en) >= 15 for zh, en in strata), strata
    assert shortfall_by_form_p_value(strata) >= SAME_RATE_LEVEL, strata


def test_fixture_pastes_still_land_first() -> None:
    """The synthetic fixtures (built around the catalog's own texts): a regression check, not a quality figure."""
    index = build_index(read_catalog(ROOT / "catalog"))
    figures = report("CLI lookup, synthetic fixtures", outcomes_of(index, pastes()))
    assert figures["first"] >= 0.95
    assert figures["top3"] >= 0.99
    assert figures["lookalikes_confident"] == 0


def test_lookup_json_from_stdin() -> None:
    paste = ("com.aliyun.odps.tunnel.TunnelException: RequestId=20261122103045a1b2c3d4e5, "
             "ErrorCode=InvalidRowRange, ErrorMessage=The specified row range is not valid\n"
             "\tat com.aliyun.odps.tunnel.TableTunnel$DownloadSession.openRecordReader(TableTunnel.java:1003)\n")
    result = subprocess.run([sys.executable, "-m", "errdocs", "lookup", "--json"], input=paste, cwd=ROOT,
                            capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    assert data["confident"] is True and data["foreign"] == []
    first = data["matches"][0]
    assert (first["service"], first["code"], first["url"]) == (
        "maxcompute-tunnel", "InvalidRowRange",
        f"{declared_site_url(ROOT / 'mkdocs.yml')}maxcompute-tunnel/invalidrowrange/")
    assert first["matched"].startswith("ErrorCode=InvalidRowRange")
    assert data["details"] == {"request_id": "20261122103045a1b2c3d4e5"}

