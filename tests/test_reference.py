"""The reference pages are derived from the models: every model the roots reach has its section."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from errdocs import model
from errdocs.reference import PAGES, ROOTS, catalog_format, errors_json_reference, sections


def reachable(root: type[BaseModel]) -> set[str]:
    """Every model name a root nests, as pydantic's own JSON Schema lists them (independent of the walk)."""
    return {root.__name__, *root.model_json_schema().get("$defs", {})}


@pytest.mark.parametrize("reference_page", sorted(ROOTS))
def test_every_model_reachable_from_the_roots_has_a_section(reference_page: str) -> None:
    documented = {section.model.__name__ for root in ROOTS[reference_page] for section in sections(root)}
    assert documented == set().union(*(reachable(root) for root in ROOTS[reference_page]))
    text = PAGES[reference_page]()
    for root in ROOTS[reference_page]:
        for section in sections(root):
            for name in section.model.model_fields:
                assert f"| `{name}` |" in text, (section.model.__name__, name)


def test_catalog_format_sections_follow_the_files_fields_depth_first() -> None:
    headings = re.findall(r"^## (.*)$", catalog_format(), re.M)
    assert headings == [
        "`service`", "`service.sources[]`", "`service.groups[]`", "`service.groups[].zh`", "`service.operations[]`",
        "`service.zh`", "`errors[]`", "`errors[].messages[]`",
        "`errors[].messages[].zh`, `errors[].variants[].zh`, `errors[].provenance.zh`",
        "`errors[].variants[]`", "`errors[].provenance`", "`errors[].aliases[]`",
        "`errors[].zh`", "`errors[].related[]`", "`errors[].related[].zh`", "`errors[].retired`", "`relations.yaml`",
        "`relations.yaml: topics[]`", "`relations.yaml: topics[].members[]`", "`relations.yaml: topics[].members[].zh`",
        "`relations.yaml: topics[].zh`", "`relations.yaml: relations[]`",
        "`relations.yaml: relations[].zh`, `relations.yaml: standalone[].zh`", "`relations.yaml: standalone[]`"]


def test_a_section_a_path_joined_keeps_its_published_anchor() -> None:
    """Variants' Chinese notes joined the messages' and provenance's section: its heading's anchor changed, and
    the one published before stays beside it (published-urls.txt)."""
    text = catalog_format()
    heading = "## `errors[].messages[].zh`, `errors[].variants[].zh`, `errors[].provenance.zh`\n"
    assert heading + '\n<a id="errorsmessageszh-errorsprovenancezh"></a>\n' in text


def test_errors_json_sections_keep_their_published_headings() -> None:
    text = errors_json_reference()
    assert re.findall(r"^## (.*)$", text, re.M) == [
        "Each entry of `errors`", "Each entry of `messages`", "Each entry of `placeholders`", "Each entry of `variants`",
        "The source of a variant or alias", "Each entry of `alias_details`"]
    # The root's own fields come first, under the introduction.
    assert "| `version` | yes | Format version; bumped only on incompatible changes \\(2: `url` became absolute, " \
           "the relative one is `path`\\)\\. |" in text
    assert "| `errors` | yes | Described in its own section below\\. |" in text


def test_a_new_nested_model_gets_a_section_without_being_listed() -> None:
    class Extra(model.Frozen):
        """A model nobody listed."""

        note: str

    class Root(model.Frozen):
        items: tuple[model.Message, ...]
        extra: Extra | None = None
        more: tuple[Extra, ...] = ()

    assert [(s.model.__name__, s.paths) for s in sections(Root)] == [
        ("Root", ("",)), ("Message", ("items[]",)), ("NoteChinese", ("items[].zh",)), ("Extra", ("extra", "more[]"))]
