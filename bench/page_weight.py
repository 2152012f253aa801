"""What a browser fetches for one code page with an empty cache, and how much of it is the page's own.

Two code pages of different services are opened, each in a fresh browser context (no cache), from a
local server; every response body is counted as served (raw) and as gzip would send it (level 6, what
common static hosts use for text). What both pages fetch is the shared part (theme, scripts, styles),
cached after the first page; the rest belongs to the page itself.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from local_site import CHROMIUM, CHROMIUM_ARGS, served

COMPRESSED = (".html", ".js", ".css", ".json", ".svg", "/")


@dataclass(frozen=True)
class Weight:
    total_raw: int
    total_gzip: int
    own_raw: int
    own_gzip: int
    requests: int
    own_urls: tuple[str, ...]


def _sizes(url: str, body: bytes) -> tuple[int, int]:
    path = url.split("?")[0].split("#")[0]
    packed = len(gzip.compress(body, 6)) if path.endswith(COMPRESSED) else len(body)
    return len(body), packed


def page_weight(site: Path, pages: tuple[str, str]) -> Weight:
    """Bytes fetched for `pages[0]` (site-relative URL) with a cold cache; `pages[1]` tells shared from own."""
    from playwright.sync_api import sync_playwright

    fetched: list[dict[str, tuple[int, int]]] = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_url in pages:
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(base + page_url, wait_until="networkidle")
            sizes = {}
            for response in responses:
                if response.status == 200:
                    sizes[response.url.removeprefix(base)] = _sizes(response.url, response.body())
            fetched.append(sizes)
            context.close()
        browser.close()
    first, second = fetched
    own = [url for url in first if url not in second]
    return Weight(total_raw=sum(raw for raw, _ in first.values()), total_gzip=sum(gz for _, gz in first.values()),
                  own_raw=sum(first[url][0] for url in own), own_gzip=sum(first[url][1] for url in own),
                  requests=len(first), own_urls=tuple(own))
