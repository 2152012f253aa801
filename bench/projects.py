"""The two MkDocs projects compared: the errdocs site, and the same pages as plain hand-written Markdown.

The plain project holds exactly the Markdown the generator produces (`errdocs.pipeline.build`, as
`python -m errdocs build` writes it), the hand-written pages with the services table already filled
in, and the same `mkdocs.yml` (theme, features, extensions, strictness) with the same nav and the same
redirects spelled out, but without the errdocs plugin: what MkDocs + Material cost for these pages, with
no generator at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def errdocs_project(where: Path, catalog: Path) -> Path:
    """A copy of the site project (mkdocs.yml, docs/, overrides/) whose catalog directory is `catalog`."""
    project = where / "errdocs"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "mkdocs.zh.yml", project / "mkdocs.zh.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "catalog").symlink_to(catalog.resolve(), target_is_directory=True)
    return project


def expanded_config(project: Path) -> tuple[list, dict]:
    """The nav and the redirect maps the errdocs plugin hands to MkDocs for this project: generated nav
    sections, renamed codes and `e/<code>/` short links included."""
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_config(config)
    return config.nav, dict(config.plugins["redirects"].config["redirect_maps"])


def plain_project(where: Path, errdocs: Path) -> Path:
    """The errdocs project's pages as ordinary Markdown files, built by MkDocs + Material without the plugin."""
    from mkdocs.utils.yaml import yaml_load

    from errdocs.mkdocs_plugin.plugin import SERVICES_PLACEHOLDER
    from errdocs.pipeline import build
    from errdocs.render import services_table

    project = where / "plain"
    docs = project / "docs"
    shutil.copytree(errdocs / "overrides", project / "overrides")
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
    with open(errdocs / "mkdocs.yml", encoding="utf-8") as source:
        config = yaml_load(source)  # MkDocs' own loader: it resolves `!ENV`
    nav, redirects = expanded_config(errdocs)
    # The same site by hand: the same nav and the same redirects, without the plugin.
    config["plugins"] = [{"redirects": {"redirect_maps": redirects}} if isinstance(p, dict) and "redirects" in p
                         else p for p in config["plugins"] if not (isinstance(p, dict) and "errdocs" in p)]
    config["nav"] = nav
    # Code and topic pages are out of the nav, as the plugin marks them; here by directory, which is cheap
    # to match (a pattern per page would make MkDocs match every file against thousands of patterns).
    config["not_in_nav"] = "\n".join(f"/{section.service.slug}/" for section in catalog.sections) + "\n/topics/\n"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")
    return project
