"""The URL manifest: every published URL keeps working, and every new one gets listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from errdocs.cli import main
from errdocs.published import check, manifest_text, read_site

PAGE = '<html><body><h1 id="title">T</h1><h2 id="fix">Fix</h2><div class="m" id="message-a">m</div>' \
       '<h3 id="deep">d</h3></body></html>'
REDIRECT = ('<!doctype html><html><head><title>Redirecting...</title>'
            '<meta http-equiv="refresh" content="0; url={}"></head></html>')


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_pages_anchors_redirects_and_data_files_are_published(tmp_path: Path) -> None:
    site = read_site(write_site(tmp_path, {
        "index.html": PAGE, "oss/new/index.html": PAGE, "oss/old/index.html": REDIRECT.format("../new/"),
        "404.html": PAGE, "assets/x.html": PAGE, "errors.json": "{}", "errdocs-offline.zip": "zip",
    }))
    assert manifest_text(site).splitlines()[6:] == [
        "/", "/#fix", "/#message-a", "/errors.json", "/oss/new/", "/oss/new/#fix", "/oss/new/#message-a",
        "/oss/old/ -> /oss/new/",
    ]


def test_a_lost_page_or_anchor_and_an_unlisted_url_are_reported_at_their_lines(tmp_path: Path) -> None:
    manifest = "# header\n/\n/#fix\n/#gone\n/oss/removed/\n/oss/renamed/\n/oss/renamed/#message-a\n"
    site = read_site(write_site(tmp_path, {
        "index.html": PAGE, "oss/new/index.html": PAGE, "oss/renamed/index.html": REDIRECT.format("../new/"),
    }))
    assert [str(p) for p in check("published-urls.txt", manifest, site)] == [
        "published-urls.txt:4:1: /#gone lost its anchor (keep the heading or message id, or add <a id=\"gone\"></a>)",
        "published-urls.txt:5:1: /oss/removed/ is no longer published (a published URL must keep working: add a "
        "redirect (former_codes for a renamed code, redirect_maps in mkdocs.yml for a page))",
        "published-urls.txt:5:1: new URL /#message-a is not in the manifest (run `make urls` and commit the manifest)",
        "published-urls.txt:5:1: new URL /oss/new/ is not in the manifest (run `make urls` and commit the manifest)",
        "published-urls.txt:5:1: new URL /oss/new/#fix is not in the manifest (run `make urls` and commit the manifest)",
        "published-urls.txt:5:1: new URL /oss/new/#message-a is not in the manifest "
        "(run `make urls` and commit the manifest)",
    ]


def test_writing_the_manifest_keeps_old_lines_and_refuses_a_lost_url(tmp_path: Path, capsys) -> None:
    site = write_site(tmp_path / "site", {"index.html": PAGE, "oss/new/index.html": PAGE})
    manifest = tmp_path / "published-urls.txt"
    manifest.write_text("/\n/oss/old/\n")
    assert main(["urls", "--site", str(site), "--manifest", str(manifest), "--write"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{manifest}:2:1: /oss/old/ is no longer published (a published URL must keep working: add a redirect "
        "(former_codes for a renamed code, redirect_maps in mkdocs.yml for a page))",
        "1 URL problem",
    ]
    assert manifest.read_text() == "/\n/oss/old/\n"
    write_site(site, {"oss/old/index.html": REDIRECT.format("../new/")})
    assert main(["urls", "--site", str(site), "--manifest", str(manifest), "--write"]) == 0
    assert manifest.read_text().splitlines()[6:] == [
        "/", "/#fix", "/#message-a", "/oss/new/", "/oss/new/#fix", "/oss/new/#message-a", "/oss/old/ -> /oss/new/"]
    assert main(["urls", "--site", str(site), "--manifest", str(manifest)]) == 0


@pytest.mark.site
def test_the_site_keeps_every_url_of_the_checked_in_manifest(built_site: Path) -> None:
    manifest = ROOT / "published-urls.txt"
    problems = check("published-urls.txt", manifest.read_text(encoding="utf-8"), read_site(built_site))
    assert [str(p) for p in problems] == []


@pytest.mark.site
def test_the_manifest_lists_every_code_page_and_message_anchor(built_site: Path) -> None:
    lines = set((ROOT / "published-urls.txt").read_text(encoding="utf-8").splitlines())
    errors = json.loads((built_site / "errors.json").read_text())["errors"]
    assert len(errors) == 503
    for error in errors:
        assert f"/{error['path']}" in lines
        assert {f"/{error['path']}#{m['anchor']}" for m in error["messages"] + error["variants"]} <= lines
    assert "/e/odps-0420095/ -> /maxcompute-api/odps-0420095/" in lines
    assert "/errors.json" in lines
