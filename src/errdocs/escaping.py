"""Catalog text as Markdown and HTML that shows it literally.

Catalog text reaches the page as text, never as markup: messages go into fenced code blocks or escaped
`<code>`, and our prose is escaped except for `backtick` code spans, the one piece of Markdown the
catalog format allows.
"""

from __future__ import annotations

import functools
import html
import re

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# Exactly the characters Python-Markdown (with the tables extension) lets a backslash escape;
# escaping any other character would leave the backslash visible.
_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}[]()#+-.!|"})


def escape_plain(text: str) -> str:
    """Text with no Markdown at all: HTML and Markdown characters escaped."""
    return html.escape(text, quote=False).translate(_MARKDOWN_ESCAPES)


@functools.lru_cache(maxsize=1 << 16)  # titles and reasons recur on every page that links to them
def prose(text: str) -> str:
    """Our explanation text as inline Markdown: literal, except `code spans`."""
    out, position = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(escape_plain(text[position:match.start()]))
        out.append(inline_code(match.group(2)))
        position = match.end()
    out.append(escape_plain(text[position:]))
    return " ".join("".join(out).split("\n"))


def inline_code(text: str) -> str:
    """A Markdown code span that shows `text` literally, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def html_code(text: str, lang: str = "") -> str:
    """Inline `<code>` for table cells: escaped, and safe from the table's `|` splitting; `lang` marks its
    language where it differs from the page's."""
    opening = f'<code lang="{lang}">' if lang else "<code>"
    return opening + html.escape(text).replace("|", "&#124;").replace("\n", " ") + "</code>"


def code_block(text: str) -> str:
    """A fenced block that shows `text` exactly, with a fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
