"""Published URLs: canonical links, the sitemap, redirects, and the 404 page that finds a code's page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import MINI, PUBLISHED_AT, mkdocs_build, project_with_catalog

pytestmark = pytest.mark.site


def test_code_pages_name_their_canonical_published_url(built_site: Path) -> None:
    html = (built_site / "maxcompute-api" / "odps-0420095" / "index.html").read_text()
    assert f'<link rel="canonical" href="{PUBLISHED_AT}maxcompute-api/odps-0420095/">' in html


def test_sitemap_lists_every_page_at_its_published_url(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text()
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{PUBLISHED_AT}oss/requesttimetooskewed/" in urls
    assert f"{PUBLISHED_AT}topics/clock-skew/" in urls
    # The Chinese site under zh/ has its own sitemap (tests/test_site_languages.py).
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")
             if "Redirecting..." not in p.read_text() and not p.relative_to(built_site).as_posix().startswith("zh/")}
    assert {PUBLISHED_AT + (page + "/" if page != "." else "") for page in pages} == set(urls)


def test_404_page_loads_its_assets_from_the_site_root_whatever_the_path(built_site: Path) -> None:
    html = (built_site / "404.html").read_text()
    assert '<script src="/errdocs/assets/errdocs-not-found.js"></script>' in html
    assert 'src="/errdocs/assets/errdocs-search.js"' in html


def test_the_404_page_speaks_the_language_of_its_site(built_site: Path) -> None:
    english, chinese = ((built_site / folder / "404.html").read_text(encoding="utf-8") for folder in ("", "zh"))
    assert '<h1 id="errdocs-not-found-title">Page not found</h1>' in english
    assert '<noscript><p>Use the search box above, or the <a href="/errdocs/errors.json">list of every code</a>.' \
        in english
    assert '<h1 id="errdocs-not-found-title">页面不存在</h1>' in chinese
    assert '<noscript><p>请使用上方的搜索框，或查看<a href="/errdocs/zh/errors.json">全部错误码列表</a>。' in chinese


def test_every_code_has_a_short_link(built_site: Path) -> None:
    short = (built_site / "e" / "odps-0420095" / "index.html").read_text()
    assert 'location.href="../../maxcompute-api/odps-0420095/"+(anchor?"#"+anchor:"")' in short
    # MethodNotAllowed is a code of two services: its short link is the 404 page's choice.
    assert not (built_site / "e" / "methodnotallowed").exists()


def test_a_renamed_code_keeps_its_old_url_as_a_redirect(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    out = tmp_path / "site"
    result = mkdocs_build(project_with_catalog(tmp_path, catalog), out)
    assert result.returncode == 0, result.stderr
    old = (out / "oss" / "invalidkeyname" / "index.html").read_text()
    assert 'location.href="../invalidobjectname/"+(anchor?"#"+anchor:"")' in old
    assert (out / "e" / "invalidkeyname" / "index.html").is_file()
    # The Chinese site keeps the same old URLs, leading to its own page.
    assert old == (out / "zh" / "oss" / "invalidkeyname" / "index.html").read_text()
    assert (out / "zh" / "e" / "invalidkeyname" / "index.html").is_file()


def test_the_home_page_links_the_offline_archive_when_the_build_has_one(tmp_path: Path) -> None:
    project = project_with_catalog(tmp_path, MINI)
    without = mkdocs_build(project, tmp_path / "without")
    assert without.returncode == 0, without.stderr
    assert ("The offline archive is published with the hosted site (<code>make offline</code> builds it)."
            in (tmp_path / "without" / "index.html").read_text())
    (project / "errdocs-offline.zip").write_bytes(b"PK" + bytes(2_000_000))
    result = mkdocs_build(project, tmp_path / "with")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "with" / "index.html").read_text()
    assert '<a href="errdocs-offline.zip">Download the whole site for offline use</a> (zip, 2.0 MB)' in home
    assert (tmp_path / "with" / "errdocs-offline.zip").stat().st_size == 2_000_002
    # One archive holds both languages: the Chinese home page links the English site's copy.
    chinese = (tmp_path / "with" / "zh" / "index.html").read_text()
    assert '<a href="../errdocs-offline.zip">下载整个站点离线使用</a>（zip，2.0 MB）' in chinese
    assert not (tmp_path / "with" / "zh" / "errdocs-offline.zip").exists()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "expected"), [
    ("ODPS-0420095", "maxcompute-api/odps-0420095/"),
    ("odps-0420095/", "maxcompute-api/odps-0420095/"),
    ("CS.11004", "huawei-cs/cs.11004/"),
    ("oss/RequestTimeTooSkewed", "oss/requesttimetooskewed/"),
    ("OSS/REQUESTTIMETOOSKEWED/", "oss/requesttimetooskewed/"),
    ("e/ODPS-0420095", "maxcompute-api/odps-0420095/"),
    ("e/odps-0420095/", "maxcompute-api/odps-0420095/"),
    ("yuanrong/4115.html", "yuanrong/4115/"),
    ("maxcompute-tunnel/Local%20Error", "maxcompute-tunnel/local-error/"),
    ("maxcompute-tunnel/StatusConflict#message-session-expired",
     "maxcompute-tunnel/statusconflict/#message-session-expired"),
    ("huawei-cs/ODPS-0420095", "maxcompute-api/odps-0420095/"),
    ("Oss", "oss/"),
    ("oss/no-such-bucket", "oss/nosuchbucket/"),
    # The Chinese site's paths resolve to its own pages.
    ("zh/ODPS-0420095", "zh/maxcompute-api/odps-0420095/"),
    ("zh/oss/RequestTimeTooSkewed", "zh/oss/requesttimetooskewed/"),
    ("ZH/e/CS.11004", "zh/huawei-cs/cs.11004/"),
    ("zh/maxcompute-tunnel/StatusConflict#message-session-expired",
     "zh/maxcompute-tunnel/statusconflict/#message-session-expired"),
])
def test_a_code_like_path_reaches_the_canonical_page(page, site_url: str, path: str, expected: str) -> None:
    page.goto(site_url + path)
    page.wait_for_url(site_url + expected, timeout=10_000)
    assert page.locator("h1").first.text_content()


@pytest.mark.browser
def test_a_code_of_several_services_offers_each(page, site_url: str) -> None:
    page.goto(site_url + "MethodNotAllowed")
    choices = page.locator(".errdocs-not-found__list a")
    choices.first.wait_for()
    hrefs = sorted(choices.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert hrefs == ["/errdocs/maxcompute-tunnel/methodnotallowed/", "/errdocs/oss/methodnotallowed/"]
    assert page.title().startswith("errdocs")


@pytest.mark.browser
def test_a_path_naming_no_code_lists_likely_pages_and_a_search(page, site_url: str) -> None:
    page.goto(site_url + "oss/the-specified-bucket-does-not-exist")
    first = page.locator(".errdocs-not-found__list a").first
    first.wait_for()
    assert first.get_attribute("href") == "/errdocs/oss/nosuchbucket/"
    search = page.get_by_role("link", name="Search the site for “oss the specified bucket does not exist”")
    assert search.get_attribute("href") == "/errdocs/?q=oss%20the%20specified%20bucket%20does%20not%20exist"
    assert page.url == site_url + "oss/the-specified-bucket-does-not-exist"


@pytest.mark.browser
def test_a_path_under_the_chinese_site_gets_the_404_page_in_chinese(page, site_url: str) -> None:
    """GitHub Pages serves the English site's 404.html for every missing path, zh/ ones included."""
    page.goto(site_url + "zh/oss/the-specified-bucket-does-not-exist")
    first = page.locator(".errdocs-not-found__list a").first
    first.wait_for()
    assert first.get_attribute("href") == "/errdocs/zh/oss/nosuchbucket/"
    assert page.locator("#errdocs-not-found-title").text_content() == "页面不存在"
    box = page.locator("#errdocs-not-found")
    assert box.get_attribute("lang") == "zh" and box.inner_text().startswith("此地址下没有页面。\n")
    search = page.get_by_role("link", name="在本站搜索“oss the specified bucket does not exist”")
    assert search.get_attribute("href") == "/errdocs/zh/?q=oss%20the%20specified%20bucket%20does%20not%20exist"
    assert "，或从首页浏览各项服务。" in box.inner_text()
    page.goto(site_url + "zh/MethodNotAllowed")
    page.locator(".errdocs-not-found__list a").first.wait_for()
    assert box.inner_text().startswith("多个服务都有这个错误码。您要找的是哪一个？")
