"""The reference pages, derived from the models themselves: *Catalog format* (the YAML files) and
*errors.json* (the export).

Each page walks the models nested in its roots' fields (`ServiceFile`, `RelationsFile`, `ExportedCatalog`),
so a model added to the schema gets its section without anyone listing it here.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from . import model
from .escaping import inline_code, prose
from .pages import front_matter


@dataclass(frozen=True)
class Section:
    """One model on a reference page, with every path it is reached by (`errors[].messages[]`)."""

    model: type[BaseModel]
    paths: tuple[str, ...]


def _nested(annotation: typing.Any) -> Iterator[tuple[type[BaseModel], bool]]:
    """The models a field's type holds, each with whether it is a list of them (`tuple[Model, ...]`)."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, False
    elif origin is tuple:
        for argument in typing.get_args(annotation):
            for found, _ in _nested(argument):
                yield found, True
    elif origin in (typing.Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            yield from _nested(argument)


def sections(root: type[BaseModel]) -> list[Section]:
    """Every model reachable from `root`'s fields, depth first in field order, `root` first (path "")."""
    paths: dict[type[BaseModel], list[str]] = {}

    def walk(cls: type[BaseModel], path: str) -> None:
        seen = cls in paths
        paths.setdefault(cls, []).append(path)
        if seen:
            return
        for name, info in cls.model_fields.items():
            for found, many in _nested(info.annotation):
                child = f"{path}.{name}" if path else name
                walk(found, child + ("[]" if many else ""))

    walk(root, "")
    return [Section(cls, tuple(found)) for cls, found in paths.items()]


def _fields_table(cls: type[BaseModel]) -> str:
    rows = ["| Field | Required | Meaning |", "| --- | --- | --- |"]
    for name, info in cls.model_fields.items():
        required = "yes" if info.is_required() else "no"
        meaning = info.description or ("Described in its own section below." if any(_nested(info.annotation)) else "")
        rows.append(f"| {inline_code(name)} | {required} | {prose(meaning)} |")
    return "\n".join(rows) + "\n"


# A section's heading lists every path to its model, so its anchor changes when a path joins; the anchors it had
# before stay (published-urls.txt), by model.
FORMER_ANCHORS = {model.NoteChinese: ("errorsmessageszh-errorsprovenancezh",)}


def _model_sections(root: type[BaseModel], heading) -> list[str]:
    """The root's own fields (under the page's introduction), then a section per nested model."""
    parts = [_fields_table(root)]
    for section in sections(root)[1:]:
        parts.append(f"## {heading(section)}\n")
        parts += [f'<a id="{anchor}"></a>\n' for anchor in FORMER_ANCHORS.get(section.model, ())]
        parts.append(prose((section.model.__doc__ or "").strip()) + "\n")
        parts.append(_fields_table(section.model))
    return parts


def catalog_format() -> str:
    """Reference page for catalog writers, derived from the schema's own models and descriptions."""
    parts = [front_matter(title="Catalog format", description="Fields of catalog/<service>.yaml")]
    parts.append("# Catalog format\n")
    parts.append("Each service is one file, `catalog/<service-slug>.yaml`, with a `service` mapping and an "
                 "`errors` list. This page is generated from the schema the build validates against, so it "
                 "is always current. Unknown fields are rejected.\n")
    parts += _model_sections(model.ServiceFile, lambda s: ", ".join(inline_code(p) for p in s.paths))
    parts.append(f"## {inline_code('relations.yaml')}\n")
    parts.append(prose((model.RelationsFile.__doc__ or "").strip()) + "\n")
    parts += _model_sections(model.RelationsFile,
                             lambda s: ", ".join(inline_code(f"relations.yaml: {p}") for p in s.paths))
    return "\n".join(parts)


def _export_heading(section: Section) -> str:
    """`## Each entry of `messages``, or, for a model under plain fields, `The source of a variant or alias`."""
    if all(path.endswith("[]") for path in section.paths):
        names = sorted({path[:-2].rsplit(".", 1)[-1].rstrip("[]") for path in section.paths})
        return "Each entry of " + " or ".join(f"`{name}`" for name in names)
    field = section.paths[0].rsplit(".", 1)[-1]
    owners = [_singular(path.rsplit(".", 1)[0].rsplit(".", 1)[-1].rstrip("[]")) for path in section.paths]
    article = "an" if owners[0][0] in "aeiou" else "a"
    return f"The {field} of {article} {' or '.join(owners)}"


def _singular(field: str) -> str:
    """`variants` -> `variant`, `alias_details` -> `alias`: how the reference names one entry of a list."""
    word = field.split("_")[0]
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "as")) else word


def errors_json_reference() -> str:
    """Reference page for readers of `errors.json`, derived from the export models."""
    parts = [front_matter(title="errors.json", description="The machine-readable catalog")]
    parts.append("# `errors.json`\n")
    parts.append("The site publishes every code at [`errors.json`](../errors.json), with its JSON Schema at "
                 "[`errors.schema.json`](../errors.schema.json). It is a public interface: fields are only "
                 "added, and `version` changes if one is ever removed or changes meaning. Each `url` is "
                 "absolute, on `site_url` (the address the site was built for); `path` is the page relative to "
                 "the site root. URLs stay valid forever. Each message and variant carries its `placeholders` "
                 "and a `pattern` that finds it, filled in, in a log.\n")
    parts += _model_sections(model.ExportedCatalog, _export_heading)
    return "\n".join(parts)


# The models each reference page documents, from its roots; tests check that none is left out.
ROOTS = {"reference/catalog-format.md": (model.ServiceFile, model.RelationsFile),
         "reference/errors-json.md": (model.ExportedCatalog,)}
PAGES = {"reference/catalog-format.md": catalog_format, "reference/errors-json.md": errors_json_reference}
