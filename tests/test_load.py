"""Stage 1: YAML problems and schema problems, each pinned with its file:line:column message."""

from __future__ import annotations

import pytest
from conftest import VALID
from pydantic import ValidationError

from errdocs.load import LoadedFiles, load_catalog
from errdocs.problems import CatalogError


def problems(directory) -> list[str]:
    """What reading the directory found; loading goes on past them (validate.py raises them all)."""
    return [str(p) for p in sorted(load_catalog(directory, root=directory.parent).problems)]


def test_valid_file_loads_into_frozen_models(catalog_dir) -> None:
    (loaded,) = load_catalog(catalog_dir({"oss.yaml": VALID})).services
    entry = loaded.model.errors[0]
    assert entry.code == "NoSuchKey"
    assert entry.http_status == (404,)
    with pytest.raises(ValidationError, match="Instance is frozen"):
        entry.code = "Other"  # type: ignore[misc]


def test_unknown_field_is_reported_at_its_key_with_a_suggestion(catalog_dir) -> None:
    text = VALID.replace("    messages:\n", "    mesages:\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:11:5: missing required field 'errors[0].messages' (add 'messages:': "
        "Every documented message, verbatim (from the source named in `provenance`).)",
        "catalog/oss.yaml:14:5: unknown field 'errors[0].mesages' (did you mean 'messages'?)",
    ]


def test_wrong_types_and_values_name_the_field(catalog_dir) -> None:
    text = VALID.replace("http_status: [404]", "http_status: [404, 999, abc]")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:13:24: 'errors[0].http_status[1]': input should be less than or equal to 599",
        "catalog/oss.yaml:13:29: 'errors[0].http_status[2]': input should be a valid integer, "
        "unable to parse string as an integer",
    ]


def test_every_problem_of_every_file_is_reported_at_once(catalog_dir) -> None:
    bad_title = VALID.replace("    title: The object does not exist\n", "")
    bad_slug = VALID.replace("slug: oss", "slug: Bad_Slug")
    found = problems(catalog_dir({"oss.yaml": bad_title, "other.yaml": bad_slug}))
    assert found == [
        "catalog/oss.yaml:11:5: missing required field 'errors[0].title' (add 'title:': One line in our "
        "words saying what went wrong (sentence case, no final period).)",
        "catalog/other.yaml:2:9: 'service.slug': string should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' "
        "(URL segment of the service: `/<slug>/<code-slug>/`)",
    ]


def test_yaml_syntax_error_has_a_position(catalog_dir) -> None:
    text = VALID.replace("title: The object does not exist", "title: [unclosed")
    (problem,) = problems(catalog_dir({"oss.yaml": text}))
    assert problem == ("catalog/oss.yaml:13:16: YAML syntax error: while parsing a flow sequence "
                       "expected ',' or ']', but got ':' (fix the YAML syntax)")


def test_tab_indentation_is_named(catalog_dir) -> None:
    text = VALID.replace("    title: The object", "\ttitle: The object")
    (problem,) = problems(catalog_dir({"oss.yaml": text}))
    assert problem.startswith("catalog/oss.yaml:12:")
    assert problem.endswith("(indent with spaces, not tabs)")


def test_duplicate_key_is_named(catalog_dir) -> None:
    text = VALID.replace("    title: The object does not exist\n",
                         "    title: The object does not exist\n    title: Again\n")
    (problem,) = problems(catalog_dir({"oss.yaml": text}))
    assert problem.startswith("catalog/oss.yaml:13:5: YAML syntax error: ")
    assert 'found duplicate key "title"' in problem
    assert problem.endswith("(remove or rename one of the two keys)")


def test_non_utf8_file_names_the_byte(catalog_dir) -> None:
    raw = VALID.replace("Object storage.", "Object st\u00f6rage.").encode("latin-1")
    assert problems(catalog_dir({"oss.yaml": raw})) == [
        "catalog/oss.yaml:4:25: file is not valid UTF-8 (byte 0xf6) (save the file as UTF-8)"
    ]


def test_empty_catalog_directory(tmp_path) -> None:
    (tmp_path / "catalog").mkdir()
    with pytest.raises(CatalogError) as caught:  # nothing to read at all: the one problem that stops loading
        load_catalog(tmp_path / "catalog")
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'catalog'}:1:1: no catalog files found (add <service>.yaml files)"]


def test_a_first_try_longer_than_a_line_is_refused_at_its_value(catalog_dir) -> None:
    text = VALID.replace("    fix:\n", f"    first_try: {'Check the key. ' * 11}\n    fix:\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:19:16: 'errors[0].first_try': string should have at most 160 characters (Our words: "
        "the one thing to try first, as a short imperative line (at most 160 characters) taken from `fix` and "
        "`causes`; shown beside the facts at the top of the page. Every code of the real catalog has one (the "
        "integrity tests check it))",
    ]


def test_a_misspelled_chinese_service_field_is_reported_at_its_key(catalog_dir) -> None:
    text = VALID.replace("  description: Object storage.\n",
                        "  description: Object storage.\n  zh:\n    descripton: 对象存储。\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:6:5: missing required field 'service.zh.description' (add 'description:': "
        "What the service is, in Chinese, our words.)",
        "catalog/oss.yaml:6:5: unknown field 'service.zh.descripton' (did you mean 'description'?)",
    ]


def test_a_serve_session_loads_again_only_the_files_an_edit_changed(catalog_dir) -> None:
    files = LoadedFiles()
    directory = catalog_dir({"oss.yaml": VALID, "other.yaml": VALID.replace("slug: oss", "slug: other")})
    first = load_catalog(directory, root=directory.parent, session=files).services
    (directory / "oss.yaml").write_text(VALID.replace("The object does not exist", "The key is not there"))
    second = load_catalog(directory, root=directory.parent, session=files).services
    assert [a is b for a, b in zip(first, second)] == [False, True]  # other.yaml sorts after oss.yaml
    assert second[0] == load_catalog(directory, root=directory.parent).services[0]
    assert second[0].model.errors[0].title == "The key is not there"


def test_a_serve_session_loads_the_relations_file_again_only_when_it_changed(catalog_dir) -> None:
    files = LoadedFiles()
    relations = "relations:\n  - a: oss/NoSuchKey\n    b: other/NoSuchKey\n    why: Same key.\n"
    directory = catalog_dir({"oss.yaml": VALID, "relations.yaml": relations})
    first = load_catalog(directory, root=directory.parent, session=files).relations
    assert load_catalog(directory, root=directory.parent, session=files).relations is first
    (directory / "relations.yaml").write_text(relations.replace("Same key.", "The same key."))
    second = load_catalog(directory, root=directory.parent, session=files).relations
    assert second is not first and second == load_catalog(directory, root=directory.parent).relations
    assert second.model.relations[0].why == "The same key."
    (directory / "relations.yaml").unlink()
    assert load_catalog(directory, root=directory.parent, session=files).relations.model.relations == ()


def test_a_file_that_does_not_load_is_reported_on_every_build_of_a_session(catalog_dir) -> None:
    files = LoadedFiles()
    directory = catalog_dir({"oss.yaml": VALID.replace("http_status: [404]", "http_status: [999]")})
    expected = ["catalog/oss.yaml:13:19: 'errors[0].http_status[0]': input should be less than or equal to 599"]
    for _ in range(2):
        assert [str(p) for p in load_catalog(directory, root=directory.parent, session=files).problems] == expected
