"""What a person sees, in Debian's Chromium driven by Playwright, on the real built site."""

from __future__ import annotations

import re

import pytest
from conftest import PUBLISHED_AT
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.site]

def heading(page) -> str:
    """The page's H1 as read, without the permalink sign that toc adds to it."""
    return page.locator("h1").inner_text().removesuffix("¶")


def test_code_page_shows_code_status_and_message_above_the_fold(page, site_url) -> None:
    page.goto(site_url + "oss/requesttimetooskewed/")
    assert heading(page) == "RequestTimeTooSkewed"
    facts = page.locator(".errdocs-facts")
    assert "HTTP status: 403" in facts.inner_text()
    message = page.locator("#message pre code")
    assert message.inner_text().strip() == "The difference between the request time and the current time is too large."
    assert message.bounding_box()["y"] < 900


def test_copy_button_copies_the_message_exactly(browser, site_url) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "maxcompute-tunnel/statusconflict/")
    block = page.locator("#message-session-expired")
    block.hover()
    block.locator("button[title='Copy to clipboard']").click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == (
        "ErrorCode=StatusConflict, ErrorMessage=The upload|download session is expired")
    context.close()


def test_message_with_markup_characters_is_shown_as_written(page, site_url) -> None:
    page.goto(site_url + "oss/invalidaccesskeyid/")
    texts = page.locator(".errdocs-message pre code").all_inner_texts()
    assert ("The OSS Access Key Id contains non-acceptable characters, which accepts only alphanumeric "
            "characters[0-9a-zA-Z] and several special characters[. _=]") in [t.strip() for t in texts]


def test_a_message_anchor_scrolls_to_that_variant(page, site_url) -> None:
    page.goto(site_url + "maxcompute-tunnel/statusconflict/#message-session-expired")
    target = page.locator("#message-session-expired")
    assert "The upload|download session is expired" in target.inner_text()
    box = target.bounding_box()
    assert 0 <= box["y"] < 300


def test_service_table_filters_and_sorts(page, site_url) -> None:
    page.goto(site_url + "oss/")
    rows = page.locator(".errdocs-codes tbody tr")
    assert rows.count() == 47  # 46 documented codes and SecurityTokenExpired from the sources
    page.locator(".errdocs-filter").fill("skewed")
    visible = page.locator(".errdocs-codes tbody tr:visible")
    assert visible.count() == 1
    assert visible.first.locator("td").first.inner_text() == "RequestTimeTooSkewed"
    page.locator(".errdocs-filter").fill("")
    page.locator(".errdocs-codes th", has_text="HTTP status").click()
    statuses = [int(s) for s in page.locator(".errdocs-codes tbody tr td:nth-child(2)").all_inner_texts()]
    assert statuses == sorted(statuses)
    page.locator(".errdocs-codes th", has_text="HTTP status").click()
    statuses = [int(s) for s in page.locator(".errdocs-codes tbody tr td:nth-child(2)").all_inner_texts()]
    assert statuses == sorted(statuses, reverse=True)


def test_navigation_goes_from_service_to_code(page, site_url) -> None:
    page.goto(site_url)
    page.locator("article a", has_text="Huawei Cloud Stream Service").click()
    page.wait_for_url("**/huawei-cs/")
    page.locator(".errdocs-codes a", has_text="CS.11004").click()
    page.wait_for_url("**/huawei-cs/cs.11004/")
    assert heading(page) == "CS.11004"
    assert "JOB_NAME_EXIST" in page.locator(".errdocs-facts").inner_text()


def test_dark_palette_toggle(page, site_url) -> None:
    page.goto(site_url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Switch to dark mode']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_home_search_form_opens_the_search_with_results(page, site_url) -> None:
    page.goto(site_url)
    page.locator("#errdocs-q").fill("RequestTimeTooSkewed")
    page.locator("form.errdocs-search button").click()
    page.wait_for_url("**/?q=RequestTimeTooSkewed")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=30_000)  # Material builds its search index in a worker first: slow on a busy machine
    assert "/oss/requesttimetooskewed/" in first.locator("a").first.get_attribute("href")


def test_copy_link_copies_the_published_address_of_the_page_and_of_a_message(browser, site_url) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "maxcompute-tunnel/statusconflict/")
    page.locator(".errdocs-page-link .errdocs-copy-link").click()
    assert page.evaluate("navigator.clipboard.readText()") == PUBLISHED_AT + "maxcompute-tunnel/statusconflict/"
    expect(page.locator(".errdocs-page-link .errdocs-copy-link")).to_have_text("Link copied")
    page.locator("#message-session-expired .errdocs-copy-link").click()
    assert page.evaluate("navigator.clipboard.readText()") == (
        PUBLISHED_AT + "maxcompute-tunnel/statusconflict/#message-session-expired")
    context.close()


def test_a_code_page_says_when_its_entry_last_changed(page, site_url) -> None:
    page.goto(site_url + "oss/nosuchkey/")
    changed = page.locator(".errdocs-facts time")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", changed.get_attribute("datetime"))
    assert page.locator(".errdocs-facts li", has=page.locator("time")).inner_text() == f"Last changed: {changed.text_content()}"
