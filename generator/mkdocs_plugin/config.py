"""Options of the `errdocs` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ErrdocsConfig(Config):
    catalog = c.Type(str, default="catalog")
    """Catalog directory, relative to mkdocs.yml."""

    nav_after = c.Type(int, default=1)
    """How many entries of the configured `nav` come before the generated service sections."""
