"""The two MkDocs projects compared: the errdocs site, and the same pages as plain hand-written Markdown.

The plain project holds exactly the Markdown the generator produces (`errdocs.render.site_tree`, as
`python -m errdocs build` writes it), in both languages, the hand-written pages with the services table
already filled in, and the same configs (`mkdocs.yml` and `mkdocs.zh.yml`: theme, features, extensions,
strictness) with the same nav and the same redirects spelled out, but without the errdocs plugin: what
MkDocs + Material cost for these pages, with no generator at all.
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


def expanded_config(project: Path, config_file: str) -> tuple[list, dict, dict]:
    """The nav, the redirect maps and the `extra` values the errdocs plugin hands to MkDocs for this project's
    config: generated nav sections, renamed codes and `e/<code>/` short links, the language switch (the home
    page's; the plugin sets each page's own), the sitemap's languages and the 404 page's words."""
    from mkdocs.config import load_config

    config = load_config(str(project / config_file))
    config.plugins.on_config(config)
    # on_config also starts building the other languages' sites (translation.py): end that build, or it runs
    # beside the benchmark's first timed build.
    config.plugins.on_shutdown()
    return config.nav, dict(config.plugins["redirects"].config["redirect_maps"]), dict(config.extra)


# The plain project's config and docs folder of each language.
LANGUAGE_PROJECTS = {"en": ("mkdocs.yml", "docs"), "zh": ("mkdocs.zh.yml", "docs-zh")}


def plain_project(where: Path, errdocs: Path) -> Path:
    """The errdocs project's pages in both languages as ordinary Markdown files, built by MkDocs + Material
    without the plugin: `mkdocs.yml` (English, docs/) and `mkdocs.zh.yml` (Chinese, docs-zh/), which
    bench/build_speed.py builds side by side, as the errdocs plugin builds its two languages (each into a site
    folder of its own: MkDocs empties its site folder first, so the English build would delete a zh/ in it)."""
    from mkdocs.utils.yaml import yaml_load

    from errdocs.labels import LABELS
    from errdocs.link import language_root
    from errdocs.mkdocs_plugin.plugin import PLACEHOLDER, offline_download
    from errdocs.pipeline import read_catalog
    from errdocs.render import services_table, site_tree

    project = where / "plain"
    # Not the sidebar memo's override: it needs the plugin (src/errdocs/mkdocs_plugin/sidebar.py), and the plain
    # build renders Material's own nav for every page, as any MkDocs site of these pages would.
    shutil.copytree(errdocs / "overrides", project / "overrides", ignore=lambda folder, names:
                    ["nav.html"] if Path(folder).name == "partials" else [])
    catalog = read_catalog(errdocs / "catalog", history=True)
    for lang, (config_file, docs_dir) in LANGUAGE_PROJECTS.items():
        with open(errdocs / config_file, encoding="utf-8") as source:
            config = yaml_load(source)  # MkDocs' own loader: it resolves `!ENV` and INHERIT
        docs = project / docs_dir
        hand_written = errdocs / config["docs_dir"]
        for path in hand_written.rglob("*"):
            relative = path.relative_to(hand_written)
            if path.is_file() and not (lang == "en" and relative.parts[0] == "zh"):
                target = docs / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                if path.suffix == ".md":
                    def filled(found, page=relative.as_posix()):
                        return (services_table(catalog, page, lang) if found.group(1) == "services"
                                else offline_download(None, "", LABELS[lang]))
                    target.write_text(PLACEHOLDER.sub(filled, path.read_text(encoding="utf-8")), encoding="utf-8")
                else:
                    shutil.copy(path, target)
        site_url = config.get("site_url") or ""
        tree = site_tree(catalog, site_url=language_root(site_url, lang) if lang != "en" else site_url,
                         repo_url=config.get("repo_url") or "", lang=lang)
        for path, content in tree.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        nav, redirects, extra = expanded_config(errdocs, config_file)
        config["extra"] = extra
        # The same site by hand: the same nav and the same redirects, without the plugin.
        config.pop("INHERIT", None)
        config["docs_dir"], config["exclude_docs"] = docs_dir, ""
        config["plugins"] = [{"redirects": {"redirect_maps": redirects}} if isinstance(p, dict) and "redirects" in p
                             else p for p in config["plugins"] if not (isinstance(p, dict) and "errdocs" in p)]
        config["nav"] = nav
        # Code and topic pages are out of the nav, as the plugin marks them; here by directory, which is cheap
        # to match (a pattern per page would make MkDocs match every file against thousands of patterns).
        config["not_in_nav"] = ("\n".join(f"/{section.service.slug}/" for section in catalog.sections)
                                + "\n/topics/\n")
        (project / config_file).write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                           encoding="utf-8")
    return project
