"""The URL manifest: every page and anchor a built site publishes, and what a change would break.

Runbooks link to these URLs, so once published a URL must keep working: it stays a page, or becomes a
redirect to one. `published-urls.txt` lists them all and is checked in; a build that drops a listed URL
without a redirect, or publishes one not yet listed, is reported line by line like catalog problems.
Anchors listed: messages and printed variants of code pages (`#message-…`, `#variant-…`) and the second-level headings of every
page (the sections a runbook points at); deeper headings follow the content and are not promised.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .link import LANGUAGES
from .problems import Problem

MANIFEST_HEADER = """\
# Every URL the site has published, from the site root; checked by tests/test_published.py.
# Never delete a line: a published URL must keep working. To rename a code, add its old code to the
# entry's `former_codes` (its URL then redirects, shown here as `old -> new`); to move a hand-written
# page, add it to the redirects plugin's `redirect_maps` in mkdocs.yml. Keep a removed heading's anchor
# with `<a id="…"></a>` and a message's anchor by keeping its `id`. After such a change, or to list new
# pages, run `make urls` and commit the result.
"""
REDIRECT_TITLE = "<title>Redirecting...</title>"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
# Published files that are not pages; downloads such as the offline archive are not promised.
DATA_FILES = ("errors.json", "errors.schema.json", "sitemap.xml")


# Start tags with an id; the site is MkDocs' own output, so attributes are always double-quoted.
ELEMENT_ID = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\sid="([^"]+)"')


def anchors(html: str) -> frozenset[str]:
    """The ids of second-level headings, documented messages, printed variants and kept anchors (`<a id>`)."""
    return frozenset(element_id for tag, element_id in ELEMENT_ID.findall(html)
                     if tag in ("h2", "a") or element_id.startswith(("message", "variant-")))


@dataclass(frozen=True)
class Published:
    """What one built site serves: pages with their anchors, redirects, and data files."""

    pages: dict[str, frozenset[str]]
    redirects: dict[str, str]
    files: frozenset[str]

    def urls(self) -> dict[str, str | None]:
        """Every URL, mapped to its redirect target (None for pages, anchors and files)."""
        found: dict[str, str | None] = dict.fromkeys(self.files)
        for page, anchors in self.pages.items():
            found[page] = None
            found.update(dict.fromkeys((f"{page}#{anchor}" for anchor in anchors)))
        found.update(self.redirects)
        return found


def page_url(site_dir: Path, html_file: Path) -> str:
    """The URL of a built HTML file relative to the site root: `oss/nosuchkey/`, or `` for the home page."""
    relative = html_file.relative_to(site_dir).as_posix()
    return relative.removesuffix("index.html") if relative.endswith("index.html") else relative


def read_site(site_dir: Path) -> Published:
    """Scan a built site directory (`directory_urls` on: pages are `…/index.html`)."""
    pages, redirects = {}, {}
    # Each language's site (link.LANGUAGES) has its own not-found page, styles and search index.
    unpromised = tuple(f"{root}{part}" for root in LANGUAGES.values() for part in ("assets/", "search/"))
    not_found = {f"{root}404.html" for root in LANGUAGES.values()}
    for html_file in sorted(site_dir.rglob("*.html")):
        url = page_url(site_dir, html_file)
        if url in not_found or url.startswith(unpromised):
            continue
        text = html_file.read_text(encoding="utf-8")
        refresh = REFRESH.search(text) if REDIRECT_TITLE in text else None
        if refresh:
            redirects[url] = _resolve_relative(url, refresh.group(1))
            continue
        pages[url] = anchors(text)
    files = frozenset(root + name for root in LANGUAGES.values() for name in DATA_FILES
                      if (site_dir / root / name).is_file())
    return Published(pages, redirects, files)


def _resolve_relative(url: str, href: str) -> str:
    """`href` as written on the page at `url`, made relative to the site root (`` for the home page)."""
    path, hash_mark, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(url, path))
    target = "" if target == "." else target + "/" if path.endswith("/") else target
    return target + hash_mark + fragment


def manifest_text(site: Published, previous: str = "") -> str:
    """The manifest of `site`, keeping every line of the `previous` one (a published URL is never dropped)."""
    urls = {url: target for _, url, target in read_manifest(previous)}
    urls.update(site.urls())
    lines = [f"/{url} -> /{target}" if target is not None else f"/{url}" for url, target in sorted(urls.items())]
    return MANIFEST_HEADER + "\n".join(lines) + "\n"


def read_manifest(text: str) -> list[tuple[int, str, str | None]]:
    """(line number, URL, redirect target or None) for every line that is not a comment."""
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url, _, target = line.partition(" -> ")
        entries.append((number, url.removeprefix("/"), target.removeprefix("/") if target else None))
    return entries


def _resolves(site: Published, url: str) -> bool:
    """Whether `url` (with its anchor, if any) still leads somewhere, following redirects."""
    page, _, anchor = url.partition("#")
    for _ in range(10):
        if page in site.redirects:
            page, _, moved_anchor = site.redirects[page].partition("#")
            anchor = anchor or moved_anchor
            continue
        if page in site.files:
            return not anchor
        return page in site.pages and (not anchor or anchor in site.pages[page])
    return False


def check(manifest_path: str, manifest: str, site: Published) -> list[Problem]:
    """Everything the built site breaks or leaves out of the manifest, as located problems."""
    return sorted(lost(manifest_path, manifest, site) + unlisted(manifest_path, manifest, site))


def lost(manifest_path: str, manifest: str, site: Published) -> list[Problem]:
    """Listed URLs the site no longer serves, or no longer redirects."""
    problems = []
    for number, url, _ in read_manifest(manifest):
        shown = "/" + url
        if not _resolves(site, url):
            page, _, anchor = url.partition("#")
            if anchor and _resolves(site, page):
                problems.append(Problem(manifest_path, number, 1, f"{shown} lost its anchor",
                                        "keep the heading or message id, or add <a id=\"" + anchor + "\"></a>"))
            else:
                problems.append(Problem(manifest_path, number, 1, f"{shown} is no longer published",
                                        "a published URL must keep working: add a redirect (former_codes for "
                                        "a renamed code, redirect_maps in mkdocs.yml for a page)"))
    return problems


def unlisted(manifest_path: str, manifest: str, site: Published) -> list[Problem]:
    """URLs the site serves that the manifest does not list yet."""
    problems, entries = [], sorted((url, number) for number, url, _ in read_manifest(manifest))
    listed = {url for url, _ in entries}
    end = max((number for _, number in entries), default=0) + 1
    for url, target in sorted(site.urls().items()):
        if url not in listed:
            # Reported at the line it would sort before, where `make urls` will put it.
            after = bisect.bisect(entries, (url, 0))
            line = entries[after][1] if after < len(entries) else end
            kind = f"redirect to /{target}" if target is not None else "URL"
            problems.append(Problem(manifest_path, line, 1, f"new {kind} /{url} is not in the manifest",
                                    "run `make urls` and commit the manifest"))
    return sorted(problems)
