"""A serve session's memo of rendered parts: reused exactly while what they were rendered from is equal."""

from __future__ import annotations

from errdocs.render_memo import RenderMemo, remembered


def test_a_part_is_rendered_again_only_when_what_it_was_rendered_from_changed() -> None:
    memo, calls = RenderMemo(), []

    def render(text: str):
        return lambda: calls.append(text) or text.upper()

    assert memo.get("page", "a.md", ("title", 1), render("one")) == "ONE"
    # Equal, not identical: a rebuild makes new objects of the same values.
    assert memo.get("page", "a.md", tuple(["title", 1]), render("two")) == "ONE"
    assert memo.get("page", "a.md", ("title", 2), render("three")) == "THREE"
    assert memo.get("page", "a.md", ("title", 1), render("four")) == "FOUR"  # only the last source is kept
    # Another name, or another kind of part, never shares a kept part.
    assert memo.get("page", "b.md", ("title", 1), render("five")) == "FIVE"
    assert memo.get("record", "a.md", ("title", 1), render("six")) == "SIX"
    assert calls == ["one", "three", "four", "five", "six"]
    assert (memo.reused, memo.rendered) == (1, 5)


def test_without_a_memo_every_part_is_rendered() -> None:
    calls = []
    for _ in range(2):
        assert remembered(None, "page", "a.md", "same", lambda: calls.append(1) or "text") == "text"
    assert calls == [1, 1]
