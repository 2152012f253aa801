"""What a person sees, in Debian's Chromium driven by Playwright, on the real built site."""

from __future__ import annotations

import re

import pytest
from conftest import PUBLISHED_AT, REPOSITORY_AT
from playwright.sync_api import expect

from errdocs.labels import LABELS

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
    assert rows.count() == 136  # 46 documented, 87 from the troubleshooting pages, 2 from EC pages, SecurityTokenExpired
    count = page.locator(".errdocs-filter-count")
    expect(count).to_have_text("136 codes")
    assert count.get_attribute("role") == "status"  # a polite live region: screen readers hear the new count
    page.locator(".errdocs-filter").fill("skewed")
    visible = page.locator(".errdocs-codes tbody tr:visible")
    assert visible.count() == 1
    assert visible.first.locator("td").first.inner_text() == "RequestTimeTooSkewed"
    expect(count).to_have_text("1 of 136 codes")
    page.locator(".errdocs-filter").fill("no such words")
    assert page.locator(".errdocs-codes tbody tr:visible").count() == 0
    expect(count).to_have_text("No codes match \u201cno such words\u201d (0 of 136).")
    page.locator(".errdocs-filter").fill("")
    expect(count).to_have_text("136 codes")
    header = page.locator(".errdocs-codes th", has_text="HTTP status")
    header.click()
    # tablesort: the header cell keeps its column-header role and carries the sort order itself.
    assert (header.get_attribute("role"), header.get_attribute("aria-sort")) == ("columnheader", "ascending")
    statuses = [int(s) for s in page.locator(".errdocs-codes tbody tr td:nth-child(2)").all_inner_texts()]
    assert statuses == sorted(statuses)
    header.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    statuses = [int(s) for s in page.locator(".errdocs-codes tbody tr td:nth-child(2)").all_inner_texts()]
    assert statuses == sorted(statuses, reverse=True)


LAPTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "390px"])
@pytest.mark.parametrize(("path", "first_try"), [
    ("oss/requesttimetooskewed/", "Check the client clock with date -u"),  # one message
    ("maxcompute-tunnel/statusconflict/", "Create a new upload or download session"),  # four, with notes
])
def test_the_first_thing_to_try_is_on_the_first_screen(browser, site_url, viewport, path, first_try) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path)
    box = page.locator(".errdocs-first-try")
    assert box.inner_text().startswith("First thing to try: " + first_try)
    bottom = box.bounding_box()["y"] + box.bounding_box()["height"]
    assert bottom <= viewport["height"], f"the first thing to try ends {bottom:.0f} px down"
    # The message stays under the title, where people recognise their error; the fix comes before the causes.
    heading_y = {h: page.locator(f"h2#{h}").bounding_box()["y"] for h in ("how-to-fix-it", "likely-causes")}
    assert page.locator("h1").bounding_box()["y"] < page.locator(".errdocs-message").first.bounding_box()["y"]
    assert heading_y["how-to-fix-it"] < heading_y["likely-causes"]
    context.close()


def test_a_service_page_fits_a_phone(browser, site_url) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "huawei-cs/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing scrolls sideways
    row = page.locator(".errdocs-codes tbody tr", has_text="CS.11004")
    for cell in row.locator("td").all():
        box = cell.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    code, status, message = (row.locator(f"td:nth-child({n})").bounding_box() for n in (1, 2, 3))
    assert code["y"] == status["y"] < message["y"]  # code and status on a line, the message folded under them
    # The filter is outside the table's scrolling box and wholly on screen.
    assert page.locator(".md-typeset__scrollwrap .errdocs-filter").count() == 0
    box = page.locator(".errdocs-filter").bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    page.locator(".errdocs-filter").fill("job name")
    shown = page.locator(".errdocs-codes tbody tr:visible").count()
    assert 0 < shown < 159
    expect(page.locator(".errdocs-filter-count")).to_have_text(f"{shown} of 159 codes")
    context.close()


def test_copy_link_buttons_are_left_off_paper(page, site_url) -> None:
    page.goto(site_url + "oss/requesttimetooskewed/")
    assert page.locator(".errdocs-copy-link").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".errdocs-copy-link").first.is_visible()


def test_a_code_page_links_its_official_document_and_a_prefilled_issue(page, site_url) -> None:
    page.goto(site_url + "oss/requesttimetooskewed/")
    source = page.locator("#source ~ p a", has_text="Alibaba Cloud OSS error codes")
    assert source.get_attribute("href") == "https://www.alibabacloud.com/help/doc-detail/32005.htm"
    report = page.locator(".errdocs-report a")
    assert report.inner_text() == "Report a problem with this page"
    href = report.get_attribute("href")
    assert href.startswith(REPOSITORY_AT + "/issues/new?title=oss%2FRequestTimeTooSkewed%3A%20&body=Page%3A%20")
    assert "errdocs.test%2Ferrdocs%2Foss%2Frequesttimetooskewed%2F" in href


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


def test_the_chinese_site_filters_sorts_and_copies_in_chinese(browser, site_url) -> None:
    """errdocs.js writes what the page gives it (labels.py): on /zh/, Chinese words, and the Chinese HTTP status
    header still sorts as numbers."""
    words = LABELS["zh"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "zh/oss/")
    field, count = page.locator(".errdocs-filter"), page.locator(".errdocs-filter-count")
    expect(count).to_have_text("共 136 个错误码")
    assert (field.get_attribute("placeholder"), field.get_attribute("aria-label")) == (
        words.filter_placeholder, words.filter_label)
    field.fill("skewed")
    expect(count).to_have_text("显示 1 个，共 136 个错误码")
    field.fill("no such words")
    expect(count).to_have_text("没有与“no such words”匹配的错误码（共 136 个）。")
    field.fill("")
    page.locator(".errdocs-codes th", has_text=words.http_status).click()
    statuses = [int(s) for s in page.locator(".errdocs-codes tbody tr td:nth-child(2)").all_inner_texts()]
    assert statuses == sorted(statuses) and statuses[0] < statuses[-1]
    assert page.locator(".md-search").get_attribute("aria-label") == "查找"  # Material's Chinese for "search"
    page.goto(site_url + "zh/maxcompute-tunnel/statusconflict/")
    button = page.locator(".errdocs-page-link .errdocs-copy-link")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == PUBLISHED_AT + "zh/maxcompute-tunnel/statusconflict/"
    expect(button).to_have_text("链接已复制")
    expect(button).to_have_text(words.copy_link, timeout=5_000)
    context.close()


def test_a_code_page_says_when_its_entry_last_changed(page, site_url) -> None:
    page.goto(site_url + "oss/nosuchkey/")
    changed = page.locator(".errdocs-facts time")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", changed.get_attribute("datetime"))
    assert page.locator(".errdocs-facts li", has=page.locator("time")).inner_text() == f"Last changed: {changed.text_content()}"


def test_the_language_switch_opens_the_same_page_in_chinese_and_back(page, site_url) -> None:
    page.goto(site_url + "oss/requesttimetooskewed/#how-to-fix-it")
    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh']").click()
    page.wait_for_url("**/zh/oss/requesttimetooskewed/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("h2#how-to-fix-it").inner_text().startswith("如何解决")
    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    page.wait_for_url(site_url + "oss/requesttimetooskewed/")
    assert page.locator("h2#how-to-fix-it").inner_text().startswith("How to fix it")
