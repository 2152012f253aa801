"""A cold page fetches nothing of the search until the reader opens it, then only its own language's indexes.

assets/errdocs-search-on-open.js holds Material's index request and search worker until the search opens;
these tests check what Chromium actually requests, and that both searches still answer afterwards.
"""

from __future__ import annotations

import pytest
from search_assets import SEARCH_FILES

pytestmark = [pytest.mark.browser, pytest.mark.site]

SEARCH = "[data-md-component=search-query]"


def requested(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


@pytest.mark.parametrize(("folder", "query"), [("", "NoSuchKey"), ("zh/", "签名")])
def test_a_cold_page_fetches_the_search_only_when_opened_and_only_its_language(
        page, site_url, folder, query) -> None:
    urls = requested(page)
    page.goto(site_url + folder + "oss/nosuchkey/", wait_until="networkidle")
    assert [url for url in urls if SEARCH_FILES.search(url)] == []

    page.keyboard.press("s")  # Material's shortcut opens the search
    box = page.locator(SEARCH)
    box.wait_for(state="visible")
    box.press_sequentially(query)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=30_000)  # Material builds its index in the worker first: slow on a busy machine
    assert first.locator("a").first.get_attribute("href").startswith(site_url + folder)
    page.locator(".errdocs-best a").first.wait_for(timeout=5_000)  # the paste search answers too

    indexes = [url.removeprefix(site_url) for url in urls if "search_index" in url or "errdocs-index" in url]
    assert sorted(indexes) == [folder + "assets/errdocs-index.js", folder + "search/search_index.json"]
    assert site_url + folder + "assets/errdocs-search.js" in urls  # the paste search came with the opening
    assert {url.removeprefix(site_url).startswith("zh/") for url in urls if SEARCH_FILES.search(url)} == {folder == "zh/"}


def test_a_page_opened_from_a_search_result_still_highlights_the_words(page, site_url) -> None:
    page.goto(site_url + "oss/nosuchkey/?h=object")
    page.locator("article mark").first.wait_for(timeout=30_000)
    assert page.locator("article mark").first.inner_text().lower() == "object"
