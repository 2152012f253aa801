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
    Published beside the English pages when it exists (another language's site links to that copy); the home
    page's `<!-- errdocs:offline -->` links to it."""

    language = c.Choice(("en", "zh"), default="en")
    """The language of this site (link.LANGUAGES): its generated pages' words, its nav and where it is
    published (`site_url` followed by the language's folder, `zh/`)."""

    translations = c.Type(dict, default={})
    """The same site in other languages, `language: config file` (relative to mkdocs.yml): each is built,
    after this one, into its language's folder of this site (`zh/`), so `mkdocs build`, `mkdocs serve` and
    `errdocs site` publish every language together."""
