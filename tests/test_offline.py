"""The offline archive: opened from disk (file://), in English and in Chinese (zh/), the search box is there,
pasted errors find their page, the language switch leads to the same page, and no page reaches the network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from errdocs.pipeline import read_catalog

pytestmark = [pytest.mark.browser, pytest.mark.site]

SHIM = ROOT / ".cache" / "iframe-worker" / "package" / "shim" / "index.js"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    assert SHIM.is_file(), "the iframe-worker shim is missing: `make test` and `make offline` fetch it"
    out = tmp_path_factory.mktemp("offline") / "site-offline"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "errdocs", "site", "--config", "mkdocs.offline.yml",
                             "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("root", ["", "zh/"])
def test_offline_site_uses_html_files_and_no_cdn(offline_site: Path, root: str) -> None:
    assert (offline_site / root / "oss" / "requesttimetooskewed.html").is_file()
    assert (offline_site / root / "search" / "search_index.js").is_file()  # Material's index as a script
    html = (offline_site / root / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "fonts.googleapis" not in html
    assert 'src="assets/vendor/iframe-worker-shim.js"' in html
    assert (offline_site / root / "assets" / "vendor" / "iframe-worker-shim.js").is_file()
    code = (offline_site / root / "oss" / "requesttimetooskewed.html").read_text(encoding="utf-8")
    assert f'<html lang="{root.rstrip("/") or "en"}"' in code
    # The switch leads to the other language's file; the head's hreflang alternates are left out (below).
    assert 'href="../../oss/requesttimetooskewed.html" hreflang="en"' in code if root else \
        'href="../zh/oss/requesttimetooskewed.html" hreflang="zh"' in code
    assert '<link rel="alternate" href=' not in code


# An OSS error body as the service sends it (RequestId and times made up).
SKEWED = ("<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current "
          "time is too large.</Message><RequestId>5C3D9175B6FC201293AD4890</RequestId><HostId>b.oss-cn-hangzhou."
          "aliyuncs.com</HostId><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestTime>"
          "2024-05-01T10:00:00.000Z</RequestTime><ServerTime>2024-05-01T10:20:00.000Z</ServerTime></Error>")


def network_requests(page) -> list[str]:
    """Every request the page makes that is not to a file of the archive."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if not request.url.startswith("file:") else None)
    return requests


def test_search_works_from_file_url(browser, offline_site: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests = network_requests(page)
    page.goto((offline_site / "index.html").as_uri())
    page.keyboard.press("s")
    box = page.locator("[data-md-component=search-query]")
    box.wait_for(state="visible")
    box.fill("oss2.exceptions.NoSuchKey: {'status': 404, 'details': {'Code': 'NoSuchKey'}}")
    best = page.locator(".errdocs-best a").first
    best.wait_for(timeout=5_000)
    assert best.get_attribute("href") == "./oss/nosuchkey.html"
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)  # Material's own search, via the shim
    best.click()
    page.wait_for_url("**/oss/nosuchkey.html")
    assert page.locator("h1").inner_text().removesuffix("¶") == "NoSuchKey"
    assert errors == [] and requests == []
    page.close()


def test_chinese_search_and_the_language_switch_work_from_file_url(browser, offline_site: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests = network_requests(page)
    page.goto((offline_site / "zh" / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "zh"
    page.keyboard.press("s")
    box = page.locator("[data-md-component=search-query]")
    box.wait_for(state="visible")
    # Material's prose search, in Chinese: words segmented by jieba when the index was built.
    box.fill("时钟偏差")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    found = [link.get_attribute("href") for link in page.locator(".md-search-result__item a").all()]
    assert any(href.split("?")[0].endswith("/zh/topics/clock-skew.html") for href in found), found
    # The paste search answers on the Chinese pages too, with the Chinese page.
    box.fill(SKEWED)
    best = page.locator(".errdocs-best__item--answer a")
    best.wait_for(timeout=5_000)
    assert best.get_attribute("href") == "./oss/requesttimetooskewed.html"
    title = read_catalog(ROOT / "catalog").page("oss", "RequestTimeTooSkewed").entry.zh.title
    assert page.locator(".errdocs-best__item--answer .errdocs-best__title").inner_text() == title  # in Chinese
    best.click()
    page.wait_for_url("**/zh/oss/requesttimetooskewed.html")
    assert page.locator("h2#how-to-fix-it").inner_text().startswith("如何解决")
    # The language switch: the same page in English, and back.
    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    page.wait_for_url((offline_site / "oss" / "requesttimetooskewed.html").as_uri())
    assert page.locator("h2#how-to-fix-it").inner_text().startswith("How to fix it")
    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh']").click()
    page.wait_for_url((offline_site / "zh" / "oss" / "requesttimetooskewed.html").as_uri())
    assert errors == [] and requests == []
    page.close()
