"""Build again only what an edit changed, while serving with `mkdocs serve --dirty` (as `make serve` does).

MkDocs' dirty build skips every page whose file says it is unmodified; a file generated in memory has no
modification time, so MkDocs calls it modified every time and the whole site is built after any edit.
Here a generated file knows (`GeneratedFile.changed`): `Memory` keeps, from one build of a serve session
to the next, what each generated file's output depends on, and a file is built again only when that
changed. For a page that is its own Markdown and its neighbours' titles, which its footer shows
(nav.neighbours); an edited title thus also rebuilds the service page, the topic pages and the related
codes that show it, since their Markdown shows it. Everything every page shows (the configuration, the
hand-written pages and the theme's overrides, the nav, the set of files) makes one `layout` fingerprint:
when it changes, everything is built again and what pages that are gone left in the site is deleted.
Hand-written pages are always built: there are few, and they show what the catalog says (the services table).

What other pages and Material take from a page that is not built again is kept too: its title and
metadata (footers and the nav show them), and its entries in Material's search index, which Material's own
dirty mode cannot merge for more than one page (it keeps the previous index and replaces one page's entries).
tests/test_incremental.py builds a site, edits the catalog, rebuilds it this way and compares it file for file
with a full build of the edited catalog.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# A page's title as MkDocs takes it: its front matter's, else its first heading.
TITLE = re.compile(r"^title: .*$|^# .*$", re.M)
INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", re.M)


class GeneratedFile(File):
    """A file generated in memory that says whether its output must be written again in a dirty build."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def always_modified(file: File) -> None:
    """A hand-written page shows what the catalog says: a dirty build builds it every time."""
    file.is_modified = lambda: True  # type: ignore[method-assign]


def exact_dirty_builds(record: logging.LogRecord) -> bool:
    """A logging filter for MkDocs' build logger: drop its warning that a dirty build is inaccurate, which this
    module makes exact (and which would abort every build of a strict site)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def digest(*parts: str | bytes) -> str:
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        hashed.update(part.encode("utf-8") if isinstance(part, str) else part)
        hashed.update(b"\0")
    return hashed.hexdigest()


def file_keys(tree: dict[str, str], neighbours: dict[str, tuple[str | None, str | None]],
              kept: dict[str, tuple[str, str, str]] | None = None) -> dict[str, str]:
    """For every generated file, a digest of what its output depends on besides the layout: its text and
    the titles of its neighbours (or their whole text, if a neighbour has no title).

    `kept`: each file's text with its title and the digest of it, from the previous build of a serve session
    (updated here). A text the generator reused is the very same string (render_memo.py), so its title and
    digest are taken again without reading it; any other text is read."""
    kept = {} if kept is None else kept
    texts: dict[str, tuple[str, str]] = {}
    for path, content in tree.items():
        known = kept.get(path)
        if known is None or known[0] is not content:
            found = TITLE.search(content)
            known = kept[path] = (content, found.group(0) if found else content, digest(content))
        texts[path] = known[1], known[2]
    for gone in kept.keys() - tree.keys():
        del kept[gone]

    def title(path: str | None) -> str:
        return "" if path is None else texts[path][0]

    return {path: digest(texts[path][1], *(title(near) for near in neighbours.get(path, (None, None))))
            for path in tree}


def layout(config: MkDocsConfig, files: Files) -> str:
    """A digest of what every page shows: the config files, the hand-written pages and theme overrides
    (their sizes and modification times), the nav, the site's address and the set of files."""
    config_file = Path(config.config_file_path)
    sources = [config_file]
    inherited = INHERIT.search(config_file.read_text(encoding="utf-8"))
    if inherited:
        sources.append(config_file.parent / inherited.group(1).strip())
    parts: list[str | bytes] = [path.read_bytes() for path in sources if path.is_file()]
    for folder in (config.docs_dir, config.theme.custom_dir):
        for root, _, names in os.walk(folder or ()):
            for name in sorted(names):
                stat = os.stat(os.path.join(root, name))
                parts.append(f"{os.path.join(root, name)} {stat.st_size} {stat.st_mtime_ns}")
    parts += [repr(config.nav), config.site_url or "", str(config.use_directory_urls)]
    parts += sorted(file.src_uri for file in files)
    return digest(*parts)


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per serve session. MkDocs makes a new Jinja environment for every
    build, which compiles every template it renders again (about half a second a build); Jinja compares each
    template's source checksum with the cached code's before using it, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Kept:
    """What a built page leaves for the builds that do not build it again."""

    title: str | None
    meta: dict
    search_entries: list[dict]


@dataclass
class Memory:
    """What the previous build of this serve session built, for the next one to compare with."""

    layout: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    pages: dict[str, Kept] = field(default_factory=dict)
    built: bool = False
    # The redirects (mkdocs-redirects' map) whose pages the previous build left in the site.
    redirects: dict[str, str] | None = None
    # Each generated file's text, title and digest (file_keys).
    texts: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def changed(self, new_layout: str | None, keys: dict[str, str], site_dir: str, keep: set[str]) -> set[str]:
        """The generated files to build again. All of them when the layout changed or is unknown (after a
        failure); then what earlier builds wrote is deleted first, but for the folders in `keep` (the other
        languages' sites), since a dirty build never empties the site and pages may be gone."""
        if new_layout is not None and new_layout == self.layout:
            return {path for path, key in keys.items() if self.keys.get(path) != key}
        if self.built:
            for entry in os.scandir(site_dir):
                if entry.name in keep:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
        self.pages.clear()
        return set(keys)

    def restore(self, page: Page) -> None:
        """Give a page that is not built again what other pages show of it."""
        kept = self.pages.get(page.url)
        if kept is not None:
            page.title, page.meta = kept.title, kept.meta

    def search_entries(self, page_urls: list[str], built: dict[str, list[dict]]) -> list[dict]:
        """Material's search entries in page order, as a full build makes them: this build's for the pages it
        built, the kept ones for the others."""
        entries: list[dict] = []
        for url in page_urls:
            if url in built:
                entries += built[url]
            elif url in self.pages:
                entries += self.pages[url].search_entries
        return entries
