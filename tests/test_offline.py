"""The offline archive: opened from disk (file://), the search box is there and pasted errors find their page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

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


def test_offline_site_uses_html_files_and_no_cdn(offline_site: Path) -> None:
    assert (offline_site / "oss" / "requesttimetooskewed.html").is_file()
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "fonts.googleapis" not in html
    assert 'src="assets/vendor/iframe-worker-shim.js"' in html


def test_search_works_from_file_url(browser, offline_site: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
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
    assert errors == []
    page.close()
