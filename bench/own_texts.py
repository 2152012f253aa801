"""The catalog's own texts inside common log frames, and cut off: do they still find their own page?

Run from the repository root after `make setup`:

    .venv/bin/python bench/own_texts.py

A robustness check of the matcher, not a quality figure (the texts are the catalog's own; quality is measured on
real pastes, bench/search_quality.py). Each documented message and printed variant that finds its own page when
pasted alone is pasted again inside four frames a log or a trace puts around an error (a log line that says
"request failed:", a Python traceback, a Java stack, a line with a request id), and, if it has 40 characters or
more, cut off after a half, 60% and three quarters of it, as a log cut short or a title is (a template also filled in
first, `{name}`, `%s` and `xxxx` written as a value, as a program prints it), and, if it has a
character beyond ASCII or a quote, inside a JSON body as Python's json writes it (`\\u8bf7`, `\\"`). A text that then
loses its page shows evidence that outweighs it: the frames found `request failed: %v`, a variant of two common
words that outweighed the specific text beside it (session 17, `message_information`); the cut-off texts, that a
piece of a message counted for less than a short message written whole; the JSON bodies, that escapes were read
as written (27 of the 40 texts with Chinese lost their page until session 17); the filled templates cut off, that
a template's first parts written in order were no literal text (283 of 1,377 lost their page until session 18,
155 after), nor the start of the next part where the paste is cut off (88 of 1,377 since session 19).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from errdocs.pipeline import read_catalog  # noqa: E402
from errdocs.search import PLACEHOLDER, match  # noqa: E402
from errdocs.search_index import build_index  # noqa: E402

FRAMES = (
    "2024-05-12 10:21:33.512 ERROR [main] c.e.app.Worker - request failed: {text}",
    'Traceback (most recent call last):\n  File "app.py", line 12, in <module>\n    main()\nException: {text}',
    "{text}\n\tat com.example.App.run(App.java:42)\n\tat com.example.App.main(App.java:10)",
    "error: {text} (request id: 5A44D439888183B3BCB9F742)",
)

CUT_AT = (0.5, 0.6, 0.75)
# The value written where a template has a placeholder (search.PLACEHOLDER: `{0}`, `{name}`, `%s`, `xxxx`).
VALUE = "demo_42"


def top(index: dict, text: str) -> str | None:
    matches = match(index, text)["matches"]
    return f"{matches[0]['service']}/{matches[0]['code']}" if matches else None


def lost_when_cut(index: dict, text: str, own: str) -> int:
    """Of the text cut off at each share of CUT_AT, how many no longer find `own` first."""
    return sum(top(index, text[:int(len(text) * share)]) != own for share in CUT_AT)


def main() -> None:
    catalog = read_catalog(ROOT / "catalog")
    index = build_index(catalog)
    alone = lost = tried = cut_lost = cut_tried = json_lost = json_tried = filled_lost = filled_tried = 0
    taken_by: Counter[str] = Counter()
    for page in catalog.pages:
        own = f"{page.service.slug}/{page.entry.code}"
        for text in [m.text for m in page.entry.messages] + [v.text for v in page.entry.variants]:
            if top(index, text) != own:
                alone += 1
                continue
            for frame in FRAMES:
                tried += 1
                found = top(index, frame.format(text=text))
                if found != own:
                    lost += 1
                    taken_by[str(found)] += 1
            if len(text) >= 40:
                cut_tried += len(CUT_AT)
                cut_lost += lost_when_cut(index, text, own)
            filled = PLACEHOLDER.sub(VALUE, text)
            if filled != text and len(filled) >= 40:
                filled_tried += len(CUT_AT)
                filled_lost += lost_when_cut(index, filled, own)
            if not text.isascii() or '"' in text:
                json_tried += 1
                json_lost += top(index, json.dumps({"code": "E", "message": text})) != own
    print(f"Texts that do not find their own page alone (shared by two codes, mostly): {alone}")
    print(f"Framed texts that lose their page: {lost} of {tried} ({lost / tried:.1%})")
    print("Most often taken by: " + ", ".join(f"{code} {count}" for code, count in taken_by.most_common(5)))
    print(f"Cut-off texts that lose their page: {cut_lost} of {cut_tried} ({cut_lost / cut_tried:.1%})")
    print(f"Filled templates cut off that lose their page: {filled_lost} of {filled_tried} "
          f"({filled_lost / filled_tried:.1%})")
    print(f"Texts in a JSON body that lose their page: {json_lost} of {json_tried}")


if __name__ == "__main__":
    main()
