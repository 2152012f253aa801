"""Where the site is published, as mkdocs.yml declares it: the one declaration that the site build, the
wheel build (which fixes it into the installed data) and a checkout's `lookup` and `explain` all read.

mkdocs.yml says `site_url: !ENV [ERRDOCS_SITE_URL, "<local address>"]`: CI sets the variable to the
Pages address. This reads the file the way MkDocs resolves that tag (the first variable set, else the
last item), without importing MkDocs."""

from __future__ import annotations

import os
from pathlib import Path


def declared_site_url(mkdocs_yml: Path) -> str:
    """The site address, ending in `/`."""
    import yaml

    class Loader(yaml.SafeLoader):
        """Reads only what this needs: other tags (`!!python/name:` for Material's extensions) become None."""

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        names = [loader.construct_scalar(item) for item in node.value] if isinstance(node, yaml.SequenceNode) \
            else [loader.construct_scalar(node)]
        default = names.pop() if len(names) > 1 else None
        return next((os.environ[name] for name in names if os.environ.get(name)), default)

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - a SafeLoader
    url = str(config.get("site_url") or "")
    return url if url.endswith("/") else url + "/"
