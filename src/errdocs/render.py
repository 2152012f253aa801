"""Stage 4: the linked catalog to the text of every generated file, by path; the single entry point of
rendering, which the pipeline and the MkDocs plugin call.

Each kind of output has its own module of pure functions:

- `escaping`: catalog text as Markdown and HTML that shows it literally;
- `pages`: the Markdown of code pages, topic pages and the lists of services and topics;
- `reference`: the reference pages, derived from the models;
- `errors_json`: `errors.json` and its JSON Schema;
- `search_script`: the paste search's index as a script, and its words in another language.

(`explain` renders a code's page from the records of `explain_data.py`, in `terminal.py`.)

The names below are re-exported so that `from errdocs.render import …` keeps working.
"""

from __future__ import annotations

from .errors_json import errors_json, errors_schema, exported, exported_source
from .escaping import code_block, html_code, inline_code, prose
from .link import SERVICES_INDEX, TOPICS_INDEX, Catalog
from .pages import (ORIGIN_LABELS, SEARCH_EXCLUDE, citation, code_page, copy_link_button, service_index,
                    services_index, services_table, topic_page, topics_index)
from .reference import PAGES as REFERENCE_PAGES
from .reference import catalog_format, errors_json_reference
from .render_memo import RenderMemo, remembered
from .search_script import search_index_script, search_translation_script

# The paste search's index: the same file in every language's site (it holds every language's search terms).
PASTE_INDEX = "assets/errdocs-index.js"

__all__ = [
    "ORIGIN_LABELS", "PASTE_INDEX", "SEARCH_EXCLUDE", "catalog_format", "citation", "code_block", "code_page",
    "copy_link_button", "errors_json", "errors_json_reference", "errors_schema", "exported", "exported_source",
    "html_code", "inline_code", "prose", "search_index_script", "search_translation_script", "service_index",
    "services_index", "services_table", "site_tree", "topic_page", "topics_index",
]


def site_tree(catalog: Catalog, directory_urls: bool = True, site_url: str = "", repo_url: str = "",
              lang: str = "en", memo: RenderMemo | None = None, paste_index: bool = True) -> dict[str, str]:
    """Every generated file of the site, by its path under the docs root.

    `directory_urls` is False for the offline build, whose pages are `oss/nosuchkey.html` files;
    `site_url` is where the site is published, for the links readers copy; `repo_url` is the project's
    repository, where code pages open a prefilled issue; `lang` the language of this site (link.LANGUAGES):
    each language's site has the same files at the same paths. `memo`: what the previous build of a serve
    session rendered, reused where what it was rendered from is unchanged (render_memo.py). `paste_index`
    False leaves out the paste search's index, the same in every language, for a build that gets it from the
    build of another language (the errdocs plugin's translations)."""
    files = {page.path: remembered(memo, "code page", page.path, (page, site_url, repo_url, lang),
                                   lambda page=page: code_page(page, site_url, repo_url, lang))
             for page in catalog.pages}
    files[SERVICES_INDEX] = services_index(catalog, lang)
    files.update({section.path: remembered(memo, "service page", section.path, (section, lang),
                                           lambda section=section: service_index(section, lang))
                  for section in catalog.sections})
    if catalog.topics:
        files[TOPICS_INDEX] = topics_index(catalog, lang)
        files.update({topic.path: remembered(memo, "topic page", topic.path, (topic, lang),
                                             lambda topic=topic: topic_page(topic, lang))
                      for topic in catalog.topics})
    files.update({path: page() for path, page in REFERENCE_PAGES.items()})
    files["errors.json"] = errors_json(catalog, site_url, memo)
    # Looked up here at call time, so that bench/build_once.py can time it by replacing `render.search_index_script`.
    if paste_index:
        files[PASTE_INDEX] = search_index_script(catalog, directory_urls, memo)
    if lang != "en":
        files[f"assets/errdocs-search.{lang}.js"] = search_translation_script(catalog, lang)
    files["errors.schema.json"] = errors_schema()
    return files
