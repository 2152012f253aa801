"""React to MkDocs events: read the catalog once per build, add the generated files, extend the nav.

No page is written to `docs/`: files are handed to MkDocs in memory
(`File.generated`), so generated pages can never be committed by accident.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..link import Catalog
from ..pipeline import read_catalog
from ..problems import CatalogError
from ..render import services_table, site_tree
from .config import ErrdocsConfig
from .nav import attach, generated_nav, listed_paths

SERVICES_PLACEHOLDER = "<!-- errdocs:services -->"
OFFLINE_PLACEHOLDER = "<!-- errdocs:offline -->"


class ErrdocsPlugin(BasePlugin[ErrdocsConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.catalog_dir: Path | None = None
        self.archive: File | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # absolute() rather than resolve(): problems name the path the writer knows, not a symlink's target.
        self.catalog_dir = (Path(config.config_file_path).parent / self.config.catalog).absolute()
        try:
            self.catalog = read_catalog(self.catalog_dir, history=True)
        except CatalogError as error:
            count = len(error.problems)
            raise PluginError(f"catalog has {count} problem{'s' if count != 1 else ''}:\n{error}") from None
        if config.nav is not None:
            generated = generated_nav(self.catalog)
            position = self.config.nav_after
            config.nav = [*config.nav[:position], *generated, *config.nav[position:]]
        self._add_redirects(config)
        return config

    def _add_redirects(self, config: MkDocsConfig) -> None:
        """Hand renamed codes and `e/<code>/` short links to mkdocs-redirects, beside the hand-written ones."""
        assert self.catalog is not None
        if not self.catalog.redirects:
            return
        redirects = config.plugins.get("redirects")
        if redirects is None:
            raise PluginError("the catalog needs redirects (renamed codes, e/<code>/ links): add the 'redirects' "
                              "plugin to the config's plugins")
        maps = redirects.config["redirect_maps"]
        for old, new in self.catalog.redirects.items():
            if maps.get(old, new) != new:
                raise PluginError(f"redirect_maps sends {old} to {maps[old]}, but the catalog sends it to {new}; "
                                  "remove it from redirect_maps")
            maps[old] = new

    # Run before other plugins (redirects, search) look at the file list.
    @event_priority(100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        base = Path(config.config_file_path).parent
        for site_path, local in self.config.assets.items():
            source = (base / local).absolute()
            if not source.is_file():
                raise PluginError(f"asset {site_path}: {local} does not exist (the Makefile's target that "
                                  "builds this site fetches it)")
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
        self.archive = None
        if self.config.offline_archive:
            archive = (base / self.config.offline_archive).absolute()
            if archive.is_file():
                self.archive = File.generated(config, archive.name, abs_src_path=str(archive))
                files.append(self.archive)
        listed = listed_paths(self.catalog)
        for path, content in site_tree(self.catalog, directory_urls=config.use_directory_urls,
                                          site_url=config.site_url or "").items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} would hide a generated page; remove it from docs/")
            # Code and topic pages are reached from their index pages, not listed in the nav (nav.py).
            inclusion = (InclusionLevel.NOT_IN_NAV if path.endswith(".md") and path not in listed
                         else InclusionLevel.UNDEFINED)
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.catalog is not None:
            attach(nav, self.catalog, files)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if SERVICES_PLACEHOLDER in markdown and self.catalog is not None:
            markdown = markdown.replace(SERVICES_PLACEHOLDER, services_table(self.catalog, page.file.src_uri))
        if OFFLINE_PLACEHOLDER in markdown:
            markdown = markdown.replace(OFFLINE_PLACEHOLDER, offline_download(self.archive, page))
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
