"""Options of the `errdocs` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ErrdocsConfig(Config):
    catalog = c.Type(str, default="catalog")
    """Catalog directory, relative to mkdocs.yml."""

    nav_after = c.Type(int, default=1)
    """How many entries of the configured `nav` come before the generated service sections."""

    assets = c.Type(dict, default={})
    """Files to publish as they are, `site path: local path` (local paths relative to mkdocs.yml), such as
    a vendored script that must be served from the site itself."""

    offline_archive = c.Type(str, default="")
    """The downloadable offline site (`make offline` makes `errdocs-offline.zip`), relative to mkdocs.yml.
    Published beside the pages when it exists; the home page's `<!-- errdocs:offline -->` links to it."""
