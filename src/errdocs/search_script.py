"""The paste search's scripts the site loads: its index, and on a site in another language, its words."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

from .chinese_cuts import CUTS
from .labels import LABELS, SearchLabels
from .link import Catalog
from .render_memo import RenderMemo, remembered


def search_index_script(catalog: Catalog, directory_urls: bool = True, memo: RenderMemo | None = None) -> str:
    """The search index as a script, so that it loads from `file://` too, where fetch() is refused (`memo`: see
    search_index.build_index)."""
    from .search_index import build_index

    index = build_index(catalog, directory_urls=directory_urls, memo=memo)
    CUTS.save()  # the Chinese cuts this index made, for the next build (chinese_cuts.py)
    # json.dumps(index, separators=(",", ":")) field by field, so that a serve session encodes again only the
    # fields an edit changed (comparing a field with the kept one is far cheaper than encoding it); the prose
    # weights, the largest field, term by term, since an edit changes the weights of a few terms only.
    fields = (json.dumps(name) + ":" + (_prose_json(value, memo) if name == "prose" else remembered(
              memo, "paste index JSON", name, value, lambda value=value: json.dumps(value, separators=(",", ":"))))
              for name, value in index.items())
    return "window.errdocsIndex = {" + ",".join(fields) + "};\n"


def _prose_json(prose: dict[str, list[int]], memo: RenderMemo | None) -> str:
    """json.dumps(prose, separators=(",", ":")), each term's weights encoded again only when they changed."""
    terms = (json.dumps(term) + ":" + remembered(memo, "paste index prose JSON", term, weights,
                                                 lambda weights=weights: json.dumps(weights, separators=(",", ":")))
             for term, weights in prose.items())
    return "{" + ",".join(terms) + "}"


class SearchTranslation(BaseModel):
    """`assets/errdocs-search.<lang>.js` of a site in another language than English (`zh/`): what the paste
    search shows there instead of its English words and titles. A file of its own, loaded with the index on
    that site only, so that the index, which every page of every language loads, does not grow."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lang: str = Field(description="The site's language (link.LANGUAGES).")
    labels: SearchLabels
    titles: dict[str, str] = Field(description="`service/code` -> the code's title in this language, for the "
                                   "codes that have one (the others keep their English title).")


def search_translation(catalog: Catalog, lang: str) -> SearchTranslation:
    from .pages import explained

    titles = {}
    for page in catalog.pages:
        title = explained(page.entry, lang).title
        if title != page.entry.title:
            titles[f"{page.service.slug}/{page.entry.code}"] = title
    return SearchTranslation(lang=lang, labels=LABELS[lang].search, titles=titles)


def search_translation_script(catalog: Catalog, lang: str) -> str:
    """The paste search's words and titles in `lang` as a script (it loads from `file://` too)."""
    data = search_translation(catalog, lang).model_dump(mode="json")
    return "window.errdocsSearchTranslation = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"
