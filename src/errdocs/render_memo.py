"""What rendering made from each page in the previous build of a `make serve` session, for the next build to reuse.

After an edit, the generator renders again only what reads something the edit changed: each rendered part
(a page's Markdown, its record of `errors.json`, its share of the paste index) is kept with the value it was
computed from, and reused while the new build's value is equal (`==`) to the kept one. The values are code
pages, topic pages and service sections (link.py): frozen dataclasses of frozen pydantic models, strings,
numbers, dates and tuples, whose equality compares every field a renderer can read, and whose fields have
one type each (no 1 == 1.0 == True between renderings); and plain data made from them (the paste index's
fields and word lists: strings, ints, and floats that are never -0.0, each in a place of one type). So an
equal value renders to the same text, and the reuse is exact. Unchanged catalog files give the very same model objects again (load.LoadedFiles), so
comparing an unchanged page is mostly identity checks; an edited file's pages are compared field by field.

Kept only within one serve session (the plugin makes one in on_startup): a memo kept across sessions would
also have to prove that the code which rendered it has not changed since.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

Rendered = TypeVar("Rendered")


class RenderMemo:
    """Rendered parts by what they are (`kind`, `name`), each with the value it was rendered from."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, Hashable], tuple[object, object]] = {}
        self.reused = self.rendered = 0

    def get(self, kind: str, name: Hashable, source: object, render: Callable[[], Rendered]) -> Rendered:
        """`render()`, or what it returned in an earlier build from a `source` equal to this one."""
        kept = self._kept.get((kind, name))
        if kept is not None and kept[0] == source:
            self.reused += 1
            return kept[1]  # type: ignore[return-value]
        self.rendered += 1
        result = render()
        self._kept[(kind, name)] = (source, result)
        return result


def remembered(memo: RenderMemo | None, kind: str, name: Hashable, source: object,
               render: Callable[[], Rendered]) -> Rendered:
    """`render()` through `memo`, or simply `render()` without one (a one-off build)."""
    return render() if memo is None else memo.get(kind, name, source, render)
