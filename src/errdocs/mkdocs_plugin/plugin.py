"""React to MkDocs events: read the catalog once per build, add the generated files, extend the nav.

No page is written to `docs/`: files are handed to MkDocs in memory
(`File.generated`), so generated pages can never be committed by accident.

Under `mkdocs serve` (`on_startup(command="serve")`), a catalog that does not build makes every page an
error page instead of failing the build (serve_errors.py); `mkdocs build` fails as before.
"""

from __future__ import annotations

import re

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..link import Catalog
from ..pipeline import read_catalog
from ..problems import CatalogError
from ..render import services_table, site_tree
from .config import ErrdocsConfig
from .nav import attach, generated_nav, listed_paths, nav_paths
from .serve_errors import Failure, page_html, report, standalone_html

# The contract with hand-written pages: `<!-- errdocs:<name> -->` is replaced by what the catalog and the
# build know; any other `errdocs:` comment is a typo and stops the build.
PLACEHOLDERS = ("services", "offline")
PLACEHOLDER = re.compile(r"<!--\s*errdocs:([A-Za-z0-9_-]*)\s*-->")


class ErrdocsPlugin(BasePlugin[ErrdocsConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.catalog_dir: Path | None = None
        self.archive: File | None = None
        # Serving: a catalog that does not build gives error pages (`failure`) rather than a failed build.
        self.serving = False
        self.failure: Failure | None = None
        self.added_redirects: list[str] = []

    # Defining on_startup also makes MkDocs keep this instance across the rebuilds of `mkdocs serve`:
    # every build starts in on_config, which resets what the previous one left.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        self.serving = False

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
        self.catalog, self.failure, self.added_redirects = None, None, []
        # absolute() rather than resolve(): problems name the path the writer knows, not a symlink's target.
        self.catalog_dir = (Path(config.config_file_path).parent / self.config.catalog).absolute()
        try:
            catalog = read_catalog(self.catalog_dir, history=True)
            nav = config.nav
            if nav is not None:
                # The contract with mkdocs.yml: its first `nav_after` entries come before the services.
                position = self.config.nav_after
                if not 0 <= position <= len(nav):
                    raise PluginError(f"the errdocs plugin's nav_after is {position}, but mkdocs.yml's nav has "
                                      f"{len(nav)} entries; set it between 0 and {len(nav)}")
                nav = [*nav[:position], *generated_nav(catalog), *nav[position:]]
            self._add_redirects(config, catalog)
        except Exception as error:  # noqa: BLE001 - the catalog's problems, a refusal or our bug: see _fail
            self._remove_redirects(config)
            self._fail(error)
            return config
        self.catalog, config.nav = catalog, nav
        return config

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
        self.archive = None
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
            return files
        listed = listed_paths(self.catalog)
        for path, content in tree.items():
            # Code and topic pages are reached from their index pages, not listed in the nav (nav.py).
            inclusion = (InclusionLevel.NOT_IN_NAV if path.endswith(".md") and path not in listed
                         else InclusionLevel.UNDEFINED)
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

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
                files.append(self.archive)

    def _tree(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """The generated files, none of which a hand-written file may hide."""
        assert self.catalog is not None
        tree = site_tree(self.catalog, directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                         repo_url=config.repo_url or "")
        for path in tree:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} would hide a generated page; remove it from docs/")
        return tree

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.catalog is not None and self.failure is None:
            try:
                attach(nav, self.catalog, files)
            except Exception as error:  # noqa: BLE001 - our bug: reported by _fail
                self._fail(error)
        return nav

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
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.failure is not None:
            page.content, page.toc = page_html(self.failure), get_toc([])
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.failure is not None:
            # The live-reload server sends 404.html for a path with no page: a code page open in the browser.
            (Path(config.site_dir) / "404.html").write_text(standalone_html(self.failure), encoding="utf-8")

    def _page_markdown(self, markdown: str, page: Page) -> str:
        unknown = sorted({name for name in PLACEHOLDER.findall(markdown) if name not in PLACEHOLDERS})
        if unknown:
            raise PluginError(f"docs/{page.file.src_uri}: unknown placeholder <!-- errdocs:{unknown[0]} --> "
                              f"(known: {', '.join(PLACEHOLDERS)})")

        def filled(found: re.Match) -> str:
            if found.group(1) == "services":
                return services_table(self.catalog, page.file.src_uri) if self.catalog else ""
            return offline_download(self.archive, page)

        markdown = PLACEHOLDER.sub(filled, markdown)
        code_page = self.catalog.by_path.get(page.file.src_uri) if self.catalog else None
        if code_page is not None and code_page.changed is not None:
            page.update_date = code_page.changed.isoformat()  # the sitemap's <lastmod>
        return markdown

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.catalog_dir is not None:
            server.watch(str(self.catalog_dir))
        return server


def offline_download(archive: File | None, page: Page) -> str:
    """The home page's paragraph on the offline archive: a link when this build publishes one."""
    if archive is None:
        return "The offline archive is published with the hosted site (`make offline` builds it)."
    size = Path(archive.abs_src_path).stat().st_size / 1_000_000
    return (f"[Download the whole site for offline use]({archive.src_uri}) (zip, {size:.1f} MB): unpack it and "
            "open `index.html`; search, pasted errors included, works from disk with no network.")
