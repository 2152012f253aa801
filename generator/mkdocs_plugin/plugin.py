"""React to MkDocs events: read the catalog once per build, add the generated files, extend the nav.

No page is written to `docs/`: files are handed to MkDocs in memory
(`File.generated`), so generated pages can never be committed by accident.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..link import Catalog
from ..pipeline import read_catalog
from ..problems import CatalogError
from ..render import services_table, site_tree
from .config import ErrdocsConfig
from .nav import generated_nav

SERVICES_PLACEHOLDER = "<!-- errdocs:services -->"


class ErrdocsPlugin(BasePlugin[ErrdocsConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.catalog_dir: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # absolute() rather than resolve(): problems name the path the writer knows, not a symlink's target.
        self.catalog_dir = (Path(config.config_file_path).parent / self.config.catalog).absolute()
        try:
            self.catalog = read_catalog(self.catalog_dir)
        except CatalogError as error:
            count = len(error.problems)
            raise PluginError(f"catalog has {count} problem{'s' if count != 1 else ''}:\n{error}") from None
        if config.nav is not None:
            generated = generated_nav(self.catalog, self.config.nav_section_size)
            position = self.config.nav_after
            config.nav = [*config.nav[:position], *generated, *config.nav[position:]]
        return config

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
        for path, content in site_tree(self.catalog, directory_urls=config.use_directory_urls).items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} would hide a generated page; remove it from docs/")
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if SERVICES_PLACEHOLDER in markdown and self.catalog is not None:
            markdown = markdown.replace(SERVICES_PLACEHOLDER, services_table(self.catalog, page.file.src_uri))
        return markdown

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.catalog_dir is not None:
            server.watch(str(self.catalog_dir))
        return server
