"""`mkdocs serve` with a catalog that does not build: every page shows why, instead of a hanging browser.

MkDocs' live-reload server keeps answering page requests only once a build has succeeded: a build that
raises leaves every page load waiting until the next good build. So while serving, the plugin catches the
catalog's problems (and any unexpected exception of the generator, which is our bug) and lets MkDocs
build a site whose every page is this error page; the catalog directory stays watched, so the fix is
picked up and the browser reloads. A `mkdocs build` never gets here: it fails as it always did.

The problems are the lines `python -m errdocs validate` prints (`file:line:column: what (how to fix)`),
HTML-escaped. A crash is reported as one internal error, with the exception and the generator's line
it came from, not a traceback. The log line goes to a logger outside `mkdocs.*`, so that strict mode,
which aborts on any warning MkDocs' loggers record, does not turn the error page back into a failed build.
"""

from __future__ import annotations

import html
import logging
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..problems import CatalogError

INTERNAL_ERROR = "internal error: this is a bug in the generator, not in your catalog; please report it"

PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Failure:
    """Why this build shows the error page: a heading, the lines to show under it and what they mean
    (HTML)."""

    heading: str
    lines: tuple[str, ...]
    explain: str
    detail: str = ""  # a crash's traceback, logged only with `mkdocs serve -v`

    @classmethod
    def of_catalog(cls, error: CatalogError) -> Failure:
        count = len(error.problems)
        return cls(f"catalog has {count} problem{'s' if count != 1 else ''}",
                   tuple(str(problem) for problem in error.problems),
                   "The site cannot be built from the catalog, so every page shows this until it is fixed; "
                   "the page reloads when the catalog changes. <code>python -m errdocs validate</code> "
                   "prints the same list.")

    @classmethod
    def of_config(cls, error: Exception) -> Failure:
        """The plugin's own refusals: the site's configuration and the catalog do not fit together."""
        return cls("the site cannot be built", (str(error),),
                   "The site's configuration (<code>mkdocs.yml</code>, <code>docs/</code>) and the catalog do "
                   "not fit together, so every page shows this until it is fixed; the page reloads when the "
                   "catalog or <code>mkdocs.yml</code> changes.")

    @classmethod
    def of_crash(cls, error: BaseException) -> Failure:
        return cls(INTERNAL_ERROR, (f"{type(error).__name__}: {error} ({crash_site(error)})",),
                   "The generator failed on this catalog: that is a bug in the generator, not in your catalog; "
                   "please report it with the line below (<code>mkdocs serve -v</code> also prints its "
                   "traceback). The page reloads when the catalog changes.",
                   "".join(traceback.format_exception(error)).rstrip())

    def log_text(self) -> str:
        return "\n".join([f"errdocs: {self.heading}:", *self.lines])


def crash_site(error: BaseException) -> str:
    """The innermost line of the generator the exception went through (the last frame if none)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if Path(frame.filename).resolve().is_relative_to(PACKAGE)]
    if not (ours or frames):
        return "no traceback"
    frame = (ours or frames)[-1]
    path = Path(frame.filename).resolve()
    shown = path.relative_to(PACKAGE.parent).as_posix() if path.is_relative_to(PACKAGE) else frame.filename
    return f"{shown}:{frame.lineno}, in {frame.name}"


class _Stderr(logging.StreamHandler):
    """Writes to the current sys.stderr (a test's capture, the terminal of `mkdocs serve`)."""

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _logger() -> logging.Logger:
    logger = logging.getLogger("errdocs.serve")
    if not logger.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))  # MkDocs' look, uncoloured
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return logger


def report(failure: Failure) -> None:
    logger = _logger()
    logger.error("%s", failure.log_text())
    if failure.detail and logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):  # `mkdocs serve -v`
        logger.error("%s", failure.detail)


def _text(line: str) -> str:
    """HTML-escaped, with control and other invisible characters shown as escapes (newlines kept)."""
    def visible(c: str) -> str:
        if c.isprintable() or c in "\t\n":
            return c
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return html.escape("".join(visible(c) for c in line)).replace("\n", "&#10;")


def page_html(failure: Failure) -> str:
    """The error page's content, the same in every page (and valid as a raw HTML block of Markdown)."""
    # One Markdown line: newlines inside <pre> are character references, so no blank line can end the block.
    listing = "&#10;".join(_text(line) for line in failure.lines)
    return (f'<div class="errdocs-serve-error">'
            f'<h1 id="errdocs-serve-error">{_text(failure.heading[:1].upper() + failure.heading[1:])}</h1>'
            f"<p>{failure.explain}</p><pre><code>{listing}</code></pre></div>\n")


# The 404 page is sent by MkDocs' server without its live-reload script: this one asks the server for its
# current build (an epoch that answers at once), then waits for a newer build and reloads.
_RELOAD = """\
(function () {
  function get(url, done) {
    var request = new XMLHttpRequest();
    request.onloadend = function () { done(request); };
    request.open("GET", url);
    request.send();
  }
  get("/livereload/0/0", function (first) {
    var epoch = parseInt(first.responseText, 10);
    if (!(epoch > 0)) return;
    (function poll() {
      get("/livereload/" + epoch + "/0", function (request) {
        if (parseInt(request.responseText, 10) > epoch) location.reload();
        else setTimeout(poll, request.status === 200 ? 0 : 3000);
      });
    })();
  });
})();
"""


def standalone_html(failure: Failure) -> str:
    """The error page as a document of its own: served for any path the broken build has no page for."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_text(failure.heading)} - errdocs</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
            "pre{white-space:pre-wrap;background:#f3f3f3;padding:1rem}</style></head>\n"
            f"<body>\n{page_html(failure)}<script>\n{_RELOAD}</script>\n</body></html>\n")
