"""The paste search's scripts: on a site in another language, its words and the codes' titles in a file of
their own, in the declared format, with the same words as labels.py in the English script."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import MINI, MINI_EDITS, ROOT, apply_edits

from errdocs.labels import LABELS
from errdocs.load import LoadedFiles
from errdocs.pipeline import read_catalog
from errdocs.render import site_tree
from errdocs.render_memo import RenderMemo
from errdocs.search import DETAILS, FOREIGN, ODPS_FAMILY, OTHER_CODE, S3_LIKE
from errdocs.search_index import build_index
from errdocs.search_script import SearchTranslation, search_index_script, search_translation_script

SCRIPT = re.compile(r"window\.errdocsSearchTranslation = (\{.*\});\n")


@pytest.fixture(scope="module")
def catalog():
    return read_catalog(MINI)


def test_the_chinese_script_holds_the_chinese_words_and_titles_in_the_declared_format(catalog) -> None:
    found = SCRIPT.fullmatch(search_translation_script(catalog, "zh"))
    assert found is not None
    translation = SearchTranslation.model_validate(json.loads(found.group(1)))
    assert translation.lang == "zh" and translation.labels == LABELS["zh"].search
    with_chinese = {f"{page.service.slug}/{page.entry.code}": page.entry.zh.title
                    for page in catalog.pages if page.entry.zh}
    assert translation.titles == with_chinese
    assert translation.titles["oss/RequestTimeTooSkewed"] == "客户端时间与 OSS 服务器时间相差超过 15 分钟"


def test_only_a_site_in_another_language_publishes_the_script(catalog) -> None:
    assert "assets/errdocs-search.zh.js" in site_tree(catalog, lang="zh")
    assert not any(path.startswith("assets/errdocs-search") for path in site_tree(catalog, lang="en"))


def test_the_english_words_of_the_site_script_are_those_of_labels_py() -> None:
    script = (ROOT / "docs" / "assets" / "errdocs-search.js").read_text(encoding="utf-8")
    english = re.search(r"\n  var ENGLISH = (\{.*?\});\n", script, re.S)
    assert english is not None
    assert json.loads(english.group(1)) == LABELS["en"].search.model_dump()


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_every_language_names_every_detail_and_other_product(lang: str) -> None:
    words = LABELS[lang].search
    assert set(words.details) == {name for name, _ in DETAILS} | {"object"}  # privilege comes with its object
    assert "{products}" in words.foreign and {"{minutes}", "{direction}"} <= set(re.findall(r"\{\w+\}", words.skew))
    if lang != "en":
        assert set(words.products) == {product for _, product in FOREIGN} | {ODPS_FAMILY, S3_LIKE, OTHER_CODE}


@pytest.mark.parametrize("edit", MINI_EDITS)
def test_a_serve_sessions_index_script_is_the_index_as_one_json_text(tmp_path, edit: str) -> None:
    """Written field by field, each kept while unchanged in a serve session: the same text as one json.dumps."""
    directory = tmp_path / "catalog"
    shutil.copytree(MINI, directory)
    files, memo = LoadedFiles(), RenderMemo()
    search_index_script(read_catalog(directory, files=files), memo=memo)
    apply_edits(directory, MINI_EDITS[edit])
    fresh = build_index(read_catalog(directory))
    assert (search_index_script(read_catalog(directory, files=files), memo=memo) ==
            "window.errdocsIndex = " + json.dumps(fresh, separators=(",", ":")) + ";\n")
