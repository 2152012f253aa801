"""Paste search in the real browser: the site's layer on Material's search box, over the fixture set."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from conftest import ROOT
from search_quality import Outcome, real_pastes, report
from test_search_quality import REAL_FIRST, REAL_LOOKALIKES_CONFIDENT, REAL_TOP3

from errdocs.labels import LABELS
from errdocs.pipeline import read_catalog
from errdocs.search import details, match
from errdocs.search_index import build_index

pytestmark = [pytest.mark.browser, pytest.mark.site]

SEARCH = "[data-md-component=search-query]"


def open_search(page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("s")  # Material's shortcut opens the search
    page.locator(SEARCH).wait_for(state="visible")


def pasted(text: str) -> str:
    """What a one-line search box holds after a paste: Chromium turns each line break into a space."""
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def paste_with_mouse(page, text: str) -> None:
    """What a right-click paste does: the value changes and an input event fires, with no key at all."""
    page.locator(SEARCH).evaluate(
        "(el, text) => { el.value = text;"
        " el.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true})); }", pasted(text))


def first_results(page) -> list[str]:
    links = page.locator(".errdocs-best a")
    links.first.wait_for(timeout=5_000)
    return [href.split("/", 1)[1] if href.startswith("./") else href for href in
            [links.nth(i).get_attribute("href") for i in range(links.count())]]


def test_real_pastes_land_first_in_the_browser(page, site_url) -> None:
    """The test half of the real pastes, pasted into Material's search box as a person would (the line
    breaks a one-line box turns into spaces), read back from the best-match block."""
    catalog = read_catalog(ROOT / "catalog")
    urls = {p.url: f"{p.service.slug}/{p.entry.code}" for p in catalog.pages}
    open_search(page, site_url)
    outcomes = []
    for paste in real_pastes("test"):
        paste_with_mouse(page, paste.text)
        page.wait_for_function("(t) => document.querySelector('.errdocs-best') && "
                               "document.querySelector('[data-md-component=search-query]').value === t",
                               arg=pasted(paste.text), timeout=5_000)
        block = page.locator(".errdocs-best")
        hrefs = [] if block.is_hidden() else [
            a.get_attribute("href") for a in block.locator("a").all()]
        ranked = [urls.get(h.removeprefix("./").split("#")[0], h) for h in hrefs]
        confident = (not block.is_hidden()) and block.locator(".errdocs-best__meta").inner_text().startswith("Best")
        outcomes.append(Outcome(paste, ranked, confident))
    figures = report("Browser search, real pastes (test half)", outcomes, misses=False)
    assert figures["first"] >= REAL_FIRST
    assert figures["top3"] >= REAL_TOP3
    assert figures["lookalikes_confident_share"] <= REAL_LOOKALIKES_CONFIDENT


def test_chromium_and_cli_rank_alike(page, site_url) -> None:
    """The fast suite compares the two matchers under Node; this checks Chromium's engine gives the same."""
    index = build_index(read_catalog(ROOT / "catalog"))
    open_search(page, site_url)
    page.wait_for_function("() => window.errdocsSearch")  # the paste search loads when the search opens
    page.evaluate("() => window.errdocsSearch.loadIndex()")
    texts = [p.text for p in real_pastes()]
    in_browser = page.evaluate(
        "(texts) => texts.map(t => { const r = window.errdocsSearch.match(window.errdocsIndex, t, 5);"
        " r.matches.forEach(m => { delete m.serviceName; }); return r; })", texts)
    for text, browser_result in zip(texts, in_browser, strict=True):
        assert browser_result == match(index, text), text[:200]
    assert page.evaluate("(texts) => texts.map(t => window.errdocsSearch.details(t))", texts) == [
        details(text) for text in texts]


def test_a_q_link_opens_the_search_with_the_best_match(page, site_url) -> None:
    page.goto(site_url + "?q=" + quote("ErrorCode=StatusConflict, ErrorMessage=The download session is expired"))
    assert first_results(page)[0].endswith("maxcompute-tunnel/statusconflict/#message-download-session-expired")


def test_a_field_like_query_still_finds_the_page(page, site_url) -> None:
    """Material alone rejects `word:` queries; the layer above it still answers."""
    open_search(page, site_url)
    page.locator(SEARCH).fill("x-oss-ec: 0003-00000001 ODPS-0420111: Not found the project")
    assert first_results(page)[0].endswith("maxcompute-api/odps-0420111/")


def test_hostile_paste_injects_no_markup(page, site_url) -> None:
    open_search(page, site_url)
    hostile = ('<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> NoSuchKey '
               "RequestId: <b>AAAAAAAAAAAAAAAA</b>" + "(a+)+" * 2000)
    paste_with_mouse(page, hostile)
    first_results(page)
    assert page.evaluate("() => window.pwned") is None
    assert page.locator(".errdocs-best img, .errdocs-best script, .errdocs-best b").count() == 0
    # A megabyte of log, then binary junk. (Chromium itself needs minutes just to lay out a box holding
    # a megabyte of control characters and replacement glyphs, search or no search, so the junk is 30 KB.)
    paste_with_mouse(page, "\tat com.example.Worker.run(Worker.java:42) NoSuchKey\n" * 20_000)
    assert first_results(page)[0].endswith("oss/nosuchkey/")
    paste_with_mouse(page, "\x00\x01\ufffd\x7f" * 7_500)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.pwned") is None


def test_on_the_chinese_site_the_best_match_block_is_in_chinese(page, site_url) -> None:
    words, catalog = LABELS["zh"].search, read_catalog(ROOT / "catalog")
    open_search(page, site_url + "zh/")
    paste_with_mouse(page, "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request "
                     "time and the current time is too large.</Message><RequestId>5C3D9175B6FC201293AD4890"
                     "</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId><RequestTime>2024-05-01T10:00:00.000Z"
                     "</RequestTime><ServerTime>2024-05-01T10:20:00.000Z</ServerTime></Error>")
    block = page.locator(".errdocs-best")
    answer = block.locator(".errdocs-best__item--answer")
    answer.wait_for(timeout=5_000)
    assert block.get_attribute("aria-label") == words.best
    assert block.locator(".errdocs-best__meta").inner_text() == words.best
    assert answer.locator("a").get_attribute("href") == "./oss/requesttimetooskewed/"  # the Chinese page
    assert (answer.locator(".errdocs-best__title").inner_text()
            == catalog.page("oss", "RequestTimeTooSkewed").entry.zh.title)
    assert block.locator("dt").all_inner_texts() == ["请求 ID", "请求时间", "服务端时间", "时钟偏差"]
    assert block.locator("dd").last.inner_text() == "20.0 分钟（客户端时钟慢于服务端）"
    # A paste from another product: only possible matches, and the note says so in Chinese.
    paste_with_mouse(page, "botocore.exceptions.ClientError: An error occurred (NoSuchKey) when calling the "
                     "GetObject operation: The specified key does not exist.")
    page.wait_for_function("() => document.querySelector('.errdocs-best__foreign')")
    assert block.locator(".errdocs-best__meta").inner_text() == words.possible
    assert block.locator(".errdocs-best__foreign").inner_text() == words.foreign.format(products="Amazon S3")
    assert block.locator(".errdocs-best__title").first.inner_text() == catalog.page("oss", "NoSuchKey").entry.zh.title
