"""The two MkDocs projects compared: the errdocs site, and the same pages as plain hand-written Markdown.

The plain project holds exactly the Markdown the generator produces (`generator.pipeline.build`, as
`python -m generator build` writes it), the hand-written pages with the services table already filled
in, and the same `mkdocs.yml` (theme, features, extensions, strictness) with the same nav spelled out,
but without the errdocs plugin: what MkDocs + Material cost for these pages, with no generator at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def errdocs_project(where: Path, catalog: Path, nav_section_size: int = 0) -> Path:
    """A copy of the site project (mkdocs.yml, docs/) whose catalog directory is `catalog`, with the plugin's
    `nav_section_size` option set when it is not 0."""
    project = where / "errdocs"
    project.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if nav_section_size:
        plugin = "  - errdocs:\n      catalog: catalog\n"
        assert plugin in config, "mkdocs.yml no longer configures the errdocs plugin as expected"
        config = config.replace(plugin, f"{plugin}      nav_section_size: {nav_section_size}\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "catalog").symlink_to(catalog.resolve(), target_is_directory=True)
    return project


def expanded_nav(project: Path) -> list:
    """The nav the errdocs plugin hands to MkDocs for this project, generated sections included."""
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_config(config)
    return config.nav


def plain_project(where: Path, errdocs: Path) -> Path:
    """The errdocs project's pages as ordinary Markdown files, built by MkDocs + Material without the plugin."""
    from generator.mkdocs_plugin.plugin import SERVICES_PLACEHOLDER
    from generator.pipeline import build
    from generator.render import services_table

    project = where / "plain"
    docs = project / "docs"
    catalog = build(errdocs / "catalog", docs)
    for path in (errdocs / "docs").rglob("*"):
        if path.is_file():
            target = docs / path.relative_to(errdocs / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_bytes()
            if path.suffix == ".md" and SERVICES_PLACEHOLDER.encode() in text:
                table = services_table(catalog, str(path.relative_to(errdocs / "docs")))
                text = text.replace(SERVICES_PLACEHOLDER.encode(), table.encode())
            target.write_bytes(text)
    config = yaml.safe_load((errdocs / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "errdocs" in p)]
    config["nav"] = expanded_nav(errdocs)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")
    return project
