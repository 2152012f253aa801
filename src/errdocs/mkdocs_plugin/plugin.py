"""React to MkDocs events: read the catalog once per build, add the generated files, extend the nav.

No page is written to `docs/`: files are handed to MkDocs in memory
(`File.generated`), so generated pages can never be committed by accident.

Under `mkdocs serve` (`on_startup(command="serve")`), a catalog that does not build makes every page an
error page instead of failing the build (serve_errors.py); `mkdocs build` fails as before.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..labels import LABELS, Labels
from ..link import LANGUAGE_NAMES, LANGUAGES, Catalog, from_language, language_root
from ..load import LoadedFiles
from ..pipeline import collector_paused, read_catalog
from ..problems import CatalogError
from ..render import PASTE_INDEX, services_table, site_tree
from ..render_memo import RenderMemo
from ..validate import CheckedFiles
from .config import ErrdocsConfig
from .incremental import (CompiledTemplates, GeneratedFile, Kept, Memory, always_modified, exact_dirty_builds, file_keys,
                          layout)
from .nav import attach, generated_nav, listed_paths, nav_paths, neighbours
from .serve_errors import Failure, page_html, report, standalone_html
from .sidebar import install as install_shared_sidebar
from .translation import SHARED_PASTE_INDEX, Translation, shared_index

# The contract with hand-written pages: `<!-- errdocs:<name> -->` is replaced by what the catalog and the
# build know; any other `errdocs:` comment is a typo and stops the build.
PLACEHOLDERS = ("services", "offline")
PLACEHOLDER = re.compile(r"<!--\s*errdocs:([A-Za-z0-9_-]*)\s*-->")
# Material's hreflang alternates in a page's head (its base.html), written from `extra.alternate`.
HEAD_ALTERNATE = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
log = logging.getLogger("mkdocs.plugins.errdocs")


class ErrdocsPlugin(BasePlugin[ErrdocsConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.catalog_dir: Path | None = None
        self.archive: File | None = None
        # The offline archive's link on the home page; another language's site links the English site's copy.
        self.archive_href = ""
        # Serving: a catalog that does not build gives error pages (`failure`) rather than a failed build.
        self.serving = False
        self.failure: Failure | None = None
        self.added_redirects: list[str] = []
        # The English site's address (mkdocs.yml's site_url); this site's is its language's folder of it.
        self.site_url = ""
        # `mkdocs serve --dirty`: build again only the generated files an edit changed (incremental.py).
        self.incremental = False
        self.memory = Memory()
        self.templates = CompiledTemplates()
        # While serving, the catalog files as last loaded: a rebuild loads only those an edit changed.
        self.loaded_files: LoadedFiles | None = None
        # While serving, what the generator rendered last: a rebuild renders only what an edit changed.
        self.rendered: RenderMemo | None = None
        # While serving, the verdicts of the rules within each file, and the catalog the last build linked: a
        # rebuild checks again only the files an edit changed, and reuses the linked pages that are equal.
        self.checked: CheckedFiles | None = None
        self.linked: Catalog | None = None
        self.layout: str | None = None
        # Whether this dirty build has the previous one's layout (incremental.layout): then its site is in place.
        self.same_layout = False
        self.keys: dict[str, str] = {}
        self.page_urls: list[str] = []
        self.search_built: dict[str, list[dict]] = {}
        self.search_mark = 0
        # The other languages' sites (translation.py): while serving, workers that live as long as the session.
        self.translations: dict[str, Translation] = {}
        # The paste index this build generated, which it writes into the other languages' sites.
        self.paste_index = ""
        # This build's navigation, for the sidebar its code and topic pages share (sidebar.py).
        self.navigation: Navigation | None = None

    # Defining on_startup also makes MkDocs keep this instance across the rebuilds of `mkdocs serve`:
    # every build starts in on_config, which resets what the previous one left.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        self.memory, self.templates = Memory(), CompiledTemplates()
        self.loaded_files = LoadedFiles() if self.serving else None
        self.rendered = RenderMemo() if self.serving else None
        self.checked, self.linked = (CheckedFiles() if self.serving else None), None
        if self.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(exact_dirty_builds)

    def on_shutdown(self) -> None:
        for translation in self.translations.values():
            translation.stop()
        self.translations = {}
        self.serving = self.incremental = False
        self.loaded_files = self.rendered = self.checked = self.linked = None
        logging.getLogger("mkdocs.commands.build").removeFilter(exact_dirty_builds)

    def _fail(self, error: Exception) -> None:
        """While serving, turn the rest of this build into error pages; otherwise fail it as always."""
        if not self.serving:
            if isinstance(error, CatalogError):
                count = len(error.problems)
                raise PluginError(f"catalog has {count} problem{'s' if count != 1 else ''}:\n{error}") from None
            raise error
        self.failure = (Failure.of_catalog(error) if isinstance(error, CatalogError)
                        else Failure.of_config(error) if isinstance(error, PluginError)
                        else Failure.of_crash(error))
        report(self.failure)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.catalog, self.failure, self.added_redirects, self.paste_index = None, None, [], ""
        self.layout, self.keys, self.page_urls, self.search_built = None, {}, [], {}
        self.same_layout = False
        # Material's search segments Chinese with jieba, whose logger (set to DEBUG when jieba is imported, with
        # its own stderr handler) reports its dictionary loading on every build; only its warnings matter.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        # absolute() rather than resolve(): problems name the path the writer knows, not a symlink's target.
        self.catalog_dir = (Path(config.config_file_path).parent / self.config.catalog).absolute()
        try:
            self._set_language(config)
            self._theme_words(config)
            # The other languages' sites start first: they build while this one reads the catalog.
            for lang, config_file in self.config.translations.items():
                self._translation(config, lang, config_file).start()
            catalog = read_catalog(self.catalog_dir, history=True, files=self.loaded_files, checked=self.checked,
                                   previous=self.linked)
            if self.serving:
                self.linked = catalog
            nav = config.nav
            if nav is not None:
                # The contract with mkdocs.yml: its first `nav_after` entries come before the services.
                position = self.config.nav_after
                if not 0 <= position <= len(nav):
                    raise PluginError(f"the errdocs plugin's nav_after is {position}, but mkdocs.yml's nav has "
                                      f"{len(nav)} entries; set it between 0 and {len(nav)}")
                nav = [*nav[:position], *generated_nav(catalog, self.config.language), *nav[position:]]
            self._add_redirects(config, catalog)
        except Exception as error:  # noqa: BLE001 - the catalog's problems, a refusal or our bug: see _fail
            self._remove_redirects(config)
            self._fail(error)
            return config
        self.catalog, config.nav = catalog, nav
        return config

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the site is published in: English, this build's and those it builds after it."""
        return tuple(dict.fromkeys(("en", self.config.language, *self.config.translations)))

    def _set_language(self, config: MkDocsConfig) -> None:
        """Publish this build at its language's folder of the site, and give Material's language switch
        (`extra.alternate`) the other languages' home pages until a page gives its own (on_page_context)."""
        unknown = sorted(set(self.config.translations) - set(LANGUAGES))
        if unknown:
            raise PluginError(f"the errdocs plugin's translations name {unknown[0]}, which is not one of the "
                              f"site's languages ({', '.join(LANGUAGES)})")
        self.site_url = config.site_url or ""
        if self.config.language != "en" and self.site_url:
            config.site_url = language_root(self.site_url, self.config.language)
        # The 404 page's words: this build's, and each language's by its folder, for the path a reader asked for.
        words = {lang: {"lang": lang, **LABELS[lang].not_found} for lang in self.languages}
        config.extra["errdocs_not_found"] = {"page": words[self.config.language],
                                             "roots": {LANGUAGES[lang]: words[lang] for lang in self.languages}}
        if len(self.languages) > 1:
            config.extra["alternate"] = self.alternates("")
            # The sitemap's alternates (where each language's site is published) and the 404 page's roots.
            config.extra["errdocs_languages"] = [{"lang": lang, "url": language_root(self.site_url, lang),
                                                  "root": LANGUAGES[lang]} for lang in self.languages]

    def _theme_words(self, config: MkDocsConfig) -> None:
        """The words mkdocs.yml gives the theme (the palette toggles' names, the headings' permalink title), in
        this site's language: every site inherits mkdocs.yml, whose lists a translation's config cannot amend."""
        words = LABELS[self.config.language]
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = words.permalink
        palette = config.theme.get("palette") or []
        for option in palette if isinstance(palette, list) else [palette]:
            if option.get("toggle"):
                option["toggle"]["name"] = words.light_mode if option.get("scheme") == "slate" else words.dark_mode

    def alternates(self, page_url: str) -> list[dict[str, str]]:
        """The page at `page_url` in every language: `link`, its published address (the page head's
        `hreflang` links), and `href`, the same page from this one (the language switch, also on a copy
        opened from disk)."""
        up = "../" * page_url.count("/")
        here = self.config.language
        return [{"name": LANGUAGE_NAMES[lang], "lang": lang, "link": language_root(self.site_url, lang) + page_url,
                 "href": (up + from_language(here, lang) + page_url) or "./"} for lang in self.languages]

    def _add_redirects(self, config: MkDocsConfig, catalog: Catalog) -> None:
        """Hand renamed codes and `e/<code>/` short links to mkdocs-redirects, beside the hand-written ones."""
        if not catalog.redirects:
            return
        redirects = config.plugins.get("redirects")
        if redirects is None:
            raise PluginError("the catalog needs redirects (renamed codes, e/<code>/ links): add the 'redirects' "
                              "plugin to the config's plugins")
        maps = redirects.config["redirect_maps"]
        for old, new in catalog.redirects.items():
            if maps.get(old, new) != new:
                raise PluginError(f"redirect_maps sends {old} to {maps[old]}, but the catalog sends it to {new}; "
                                  "remove it from redirect_maps")
            if old not in maps:
                self.added_redirects.append(old)
            maps[old] = new

    def _remove_redirects(self, config: MkDocsConfig) -> None:
        """A build that failed after on_config has no generated pages for the catalog's redirects to reach."""
        redirects = config.plugins.get("redirects")
        for old in self.added_redirects if redirects is not None else ():
            redirects.config["redirect_maps"].pop(old, None)
        self.added_redirects = []

    # Run before other plugins (redirects, search) look at the file list.
    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        base = Path(config.config_file_path).parent
        self.archive, self.archive_href = None, ""
        if self.failure is None:
            try:
                self._add_assets(files, config, base)
                tree = self._tree(files, config)
            except Exception as error:  # noqa: BLE001 - a refusal or our bug: see _fail
                self._fail(error)
        if self.failure is not None:
            self._remove_redirects(config)
            # The nav's generated pages (and hand-written ones it names) still need a page: the error page.
            for path in nav_paths(config.nav or []):
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=page_html(self.failure)))
            self._plan(files, config, {})
            return files
        listed = listed_paths(self.catalog)
        for path, content in tree.items():
            # Code and topic pages are reached from their index pages, not listed in the nav (nav.py).
            inclusion = (InclusionLevel.NOT_IN_NAV if path.endswith(".md") and path not in listed
                         else InclusionLevel.UNDEFINED)
            files.append(GeneratedFile.generated(config, path, content=content, inclusion=inclusion))
        self._plan(files, config, tree)
        return files

    def _translation(self, config: MkDocsConfig, lang: str, config_file: str) -> Translation:
        """The site in `lang` (its own MkDocs config: theme language, search, hand-written pages), built into
        its folder of this site (its own pages, search index and sitemap, published under `zh/`), by the
        same worker as the previous build while serving."""
        path = Path(config.config_file_path).parent / config_file
        if not path.is_file():
            raise PluginError(f"the errdocs plugin's translations name {config_file} for {lang}, which does not "
                              "exist beside the config")
        translation = Translation(LANGUAGE_NAMES[lang], path, Path(config.site_dir) / LANGUAGES[lang],
                                  strict=bool(config.strict), serving=self.serving, dirty=self.incremental,
                                  index=shared_index(self.catalog_dir, config.use_directory_urls))
        kept = self.translations.get(lang)
        if kept is None or vars(kept) | {"process": None, "pending": False} != vars(translation):
            if kept is not None:
                kept.stop()
            self.translations[lang] = kept = translation
        return kept

    def _plan(self, files: Files, config: MkDocsConfig, tree: dict[str, str]) -> None:
        """In a dirty serve build, mark which generated files changed since the previous build (incremental.py);
        after a failure, everything is built again."""
        if not self.incremental:
            return
        generated = {file.src_uri for file in files if isinstance(file, GeneratedFile)}
        for file in files.documentation_pages():
            if file.src_uri not in generated:
                always_modified(file)
        if self.failure is None:
            self.layout = layout(config, files)
            self.keys = file_keys(tree, neighbours(self.catalog), self.memory.texts)
        self.same_layout = self.layout is not None and self.layout == self.memory.layout
        others = {LANGUAGES[lang].strip("/") for lang in self.config.translations}
        changed = self.memory.changed(self.layout, self.keys, config.site_dir, others)
        for file in files:
            if isinstance(file, GeneratedFile):
                file.changed = file.src_uri in changed

    def _add_assets(self, files: Files, config: MkDocsConfig, base: Path) -> None:
        """The configured assets (each checked to exist first) and the offline archive, if built."""
        assets = {site_path: (base / local).absolute() for site_path, local in self.config.assets.items()}
        for site_path, source in assets.items():
            if not source.is_file():
                raise PluginError(f"asset {site_path}: {self.config.assets[site_path]} does not exist (the "
                                  "Makefile's target that builds this site fetches it)")
        for site_path, source in assets.items():
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
        if self.config.offline_archive:
            archive = (base / self.config.offline_archive).absolute()
            if archive.is_file():
                self.archive = File.generated(config, archive.name, abs_src_path=str(archive))
                # Published once, by the English site: the others link to it.
                self.archive_href = from_language(self.config.language, "en") + archive.name
                if self.config.language == "en":
                    files.append(self.archive)

    def _tree(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """The generated files, none of which a hand-written file may hide."""
        assert self.catalog is not None and self.catalog_dir is not None
        shared = os.environ.get(SHARED_PASTE_INDEX)
        if shared is not None:
            self._check_shared_index(json.loads(shared), config)
        with collector_paused():  # rendering keeps every page alive: the collector's passes over them find nothing
            tree = site_tree(self.catalog, directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                             repo_url=config.repo_url or "", lang=self.config.language, memo=self.rendered,
                             paste_index=shared is None)
        self.paste_index = tree.get(PASTE_INDEX, "")
        for path in tree:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} would hide a generated page; remove it from docs/")
        return tree

    def _check_shared_index(self, shared: dict[str, str], config: MkDocsConfig) -> None:
        """A translation gets its site's paste index (translation.py): the index of its own catalog and URLs."""
        assert self.catalog_dir is not None
        own = shared_index(self.catalog_dir, config.use_directory_urls)
        name = Path(config.config_file_path).name
        if own["catalog"] != shared["catalog"]:
            raise PluginError(f"{name} is built as a translation of a site whose catalog is {shared['catalog']}, "
                              f"but its errdocs plugin reads {own['catalog']}; give both the same catalog")
        if own["urls"] != shared["urls"]:
            raise PluginError(f"{name} is built as a translation of a site with {shared['urls']}, but has "
                              f"{own['urls']}; give both the same use_directory_urls (or both Material's "
                              "offline plugin)")

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.navigation = nav
        if self.catalog is not None and self.failure is None:
            try:
                attach(nav, self.catalog, files)
                self._date_pages(files)
            except Exception as error:  # noqa: BLE001 - our bug: reported by _fail
                self._fail(error)
        if self.incremental:
            pages = [file.page for file in files.documentation_pages() if file.page is not None]
            self.page_urls = [page.url for page in pages]
            for page in pages:
                if not page.file.is_modified():
                    self.memory.restore(page)
        return nav

    def _date_pages(self, files: Files) -> None:
        """Each code page's date, the sitemap's <lastmod>: set here, not when the page is read, so that a page
        a dirty build does not read again has it too."""
        assert self.catalog is not None
        for path, code_page in self.catalog.by_path.items():
            file = files.get_file_from_path(path)
            if code_page.changed is not None and file is not None and file.page is not None:
                file.page.update_date = code_page.changed.isoformat()

    # Before other plugins render templates with the environment.
    @event_priority(100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.serving:
            env.bytecode_cache = self.templates  # each rebuild of the session compiles only edited templates
        install_shared_sidebar(env, self.navigation)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.failure is None:
            try:
                return self._page_markdown(markdown, page)
            except Exception as error:  # noqa: BLE001 - our bug: reported by _fail
                self._fail(error)
        assert self.failure is not None
        return page_html(self.failure)  # no links: nothing for strict mode to warn about

    # Before the search plugin indexes the page. Pages read before a failure found late (a crash in
    # on_page_markdown) already have their real content: every page gets the error page here.
    @event_priority(100)
    def _on_page_context_first(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.failure is not None:
            page.content, page.toc = page_html(self.failure), get_toc([])
        elif len(self.languages) > 1:
            # Material reads the switch and the head's alternates from the config as each page renders.
            config.extra["alternate"] = self.alternates(page.url)
        search = self._search(config)
        self.search_mark = len(search.search_index.entries) if search is not None else 0
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """A copy read from disk (`.html` pages: the offline archive) drops the head's hreflang alternates,
        which only search engines read: Material fetches a sitemap beside each, which from an unpacked archive
        would reach the published site on every page. The language switch stays."""
        if config.use_directory_urls or len(self.languages) < 2:
            return output
        return HEAD_ALTERNATE.sub("", output)

    # After the search plugin: what it indexed for this page, kept for the builds that skip the page.
    @event_priority(-100)
    def _on_page_context_last(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.incremental:
            search = self._search(config)
            entries = search.search_index.entries[self.search_mark:] if search is not None else []
            self.search_built[page.url] = entries
            self.memory.pages[page.url] = Kept(page.title, page.meta, entries)
        return context

    on_page_context = CombinedEvent(_on_page_context_first, _on_page_context_last)

    @staticmethod
    def _search(config: MkDocsConfig):
        """Material's search plugin, if the site uses it."""
        search = config.plugins.get("material/search")
        return search if getattr(search, "search_index", None) is not None else None

    # Before the search plugin writes its index: in a dirty build, the entries of every page in order, the
    # kept ones of pages not built again (Material's own dirty merge would keep only one page's new entries).
    @event_priority(100)
    def _on_post_build_first(self, *, config: MkDocsConfig) -> None:
        if not self.incremental:
            return
        search = self._search(config)
        if search is not None:
            search.search_index.entries = self.memory.search_entries(self.page_urls, self.search_built)
            search.search_index_prev = None
        self._skip_written_redirects(config)
        self.memory.layout = self.layout if self.failure is None else None
        self.memory.keys, self.memory.built = self.keys, True

    def _skip_written_redirects(self, config: MkDocsConfig) -> None:
        """mkdocs-redirects writes every redirect page after every build (thousands: a renamed code's old page and
        each code's `e/<code>/` link). A redirect page is made of its old path, its target's URL and the config; when
        this dirty build has the previous one's layout (config, files, URL style: incremental.layout) and the same
        redirects, each page it would write is already in the site, byte for byte, so it is given none to write
        (the plugin takes them from its `redirects` in on_post_build, after setting them in on_files)."""
        redirects = config.plugins.get("redirects")
        maps = dict(redirects.config["redirect_maps"]) if redirects is not None else None
        if (self.same_layout and self.failure is None and maps == self.memory.redirects
                and isinstance(getattr(redirects, "redirects", None), dict)):
            redirects.redirects = {}
        self.memory.redirects = maps if self.failure is None else None

    def _on_post_build_last(self, *, config: MkDocsConfig) -> None:
        if self.failure is not None:
            # No other language either: its pages would not show the problem. Its next build starts afresh.
            self._settle_translations()
            for translation in self.translations.values():
                translation.stop()
                shutil.rmtree(translation.site_dir, ignore_errors=True)
            # The live-reload server sends 404.html for a path with no page: a code page open in the browser.
            (Path(config.site_dir) / "404.html").write_text(standalone_html(self.failure), encoding="utf-8")
            return
        for translation in self.translations.values():
            for line in translation.finish({PASTE_INDEX: self.paste_index}):
                log.warning("%s: %s", translation.config_file.name, line)

    def on_build_error(self, *, error: Exception) -> None:
        self._settle_translations()

    def _settle_translations(self) -> None:
        """This build failed: a one-off build of another language is ended; a worker's build is waited for
        (its outcome no longer matters), so that its next answer is to the next build."""
        for translation in self.translations.values():
            if not translation.serving:
                translation.stop()
                continue
            try:
                translation.finish({})
            except PluginError:
                pass

    on_post_build = CombinedEvent(_on_post_build_first, _on_post_build_last)

    def _page_markdown(self, markdown: str, page: Page) -> str:
        unknown = sorted({name for name in PLACEHOLDER.findall(markdown) if name not in PLACEHOLDERS})
        if unknown:
            raise PluginError(f"docs/{page.file.src_uri}: unknown placeholder <!-- errdocs:{unknown[0]} --> "
                              f"(known: {', '.join(PLACEHOLDERS)})")

        def filled(found: re.Match) -> str:
            if found.group(1) == "services":
                return (services_table(self.catalog, page.file.src_uri, self.config.language)
                        if self.catalog else "")
            return offline_download(self.archive, self.archive_href, LABELS[self.config.language])

        return PLACEHOLDER.sub(filled, markdown)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.catalog_dir is not None:
            server.watch(str(self.catalog_dir))
        return server


def offline_download(archive: File | None, href: str, words: Labels) -> str:
    """The home page's paragraph on the offline archive: a link when the site publishes one."""
    if archive is None:
        return words.offline_unbuilt
    size = Path(archive.abs_src_path).stat().st_size / 1_000_000
    return words.offline_download.format(href=href, size=f"{size:.1f}")
