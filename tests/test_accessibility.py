"""axe-core (from npm, `make test` fetches it into .cache) audits the real site in Chromium: no serious or
critical violation on the kinds of page a reader meets, in the light and the dark scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.site]

AXE = ROOT / ".cache" / "axe-core" / "package" / "axe.min.js"


def open_home(page, site_url):
    page.goto(site_url)


def open_service(page, site_url):
    """Sorted and filtered: the header cell that carries aria-sort must stay a column header."""
    page.goto(site_url + "oss/")
    page.locator(".errdocs-codes th", has_text="HTTP status").click()
    page.locator(".errdocs-filter").fill("request")


def open_phone_service(page, site_url):
    page.goto(site_url + "huawei-cs/")
    page.locator(".errdocs-filter").fill("job")


def open_code(page, site_url):
    """Four messages with notes, printed variants with their sources, topics."""
    page.goto(site_url + "maxcompute-tunnel/statusconflict/")


def open_topic(page, site_url):
    page.goto(site_url + "topics/")
    page.locator("article a").first.click()
    page.wait_for_load_state()


def open_search_results(page, site_url):
    """Material's results with the best-match block above them."""
    page.goto(site_url + "?q=RequestTimeTooSkewed")
    page.locator(".errdocs-best__item").first.wait_for(timeout=30_000)
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)


def open_not_found(page, site_url):
    page.goto(site_url + "no/such/page/")
    page.locator("#errdocs-not-found a").first.wait_for(timeout=30_000)


PAGES = [open_home, open_service, open_code, open_topic, open_search_results, open_not_found]


def serious_violations(browser, site_url, open_page, scheme: str, viewport: dict) -> list[str]:
    assert AXE.is_file(), "axe-core is missing: `make test` fetches it from the npm registry"
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    open_page(page, site_url)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document)).violations
        .filter(v => v.impact === "serious" || v.impact === "critical")
        .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(" ")).slice(0, 5).join("; ")})`)""")
    context.close()
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("open_page", PAGES, ids=lambda f: f.__name__.removeprefix("open_"))
def test_no_serious_or_critical_violation(browser, site_url, open_page, scheme) -> None:
    assert serious_violations(browser, site_url, open_page, scheme, {"width": 1280, "height": 800}) == []


@pytest.mark.parametrize("open_page", [open_phone_service, open_code], ids=lambda f: f.__name__.removeprefix("open_"))
def test_no_serious_or_critical_violation_on_a_phone(browser, site_url, open_page) -> None:
    """The phone layout folds table rows into cards and stacks the first screen: audited as well."""
    assert serious_violations(browser, site_url, open_page, "light", {"width": 390, "height": 844}) == []
