"""`mkdocs serve` with a catalog that does not build: every page is an error page listing the problems,
a crash of the generator is one internal error, and `mkdocs build` still fails as before."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import MINI, ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from errdocs.mkdocs_plugin import plugin as plugin_module

pytestmark = pytest.mark.site  # every test here builds a (small) site with MkDocs

SERVE_URL = "http://127.0.0.1:8000/"

# The mini catalog with a standalone entry that names a code with markup in it: two problems.
BREAK = ("  - code: oss/InvalidObjectName", "  - code: oss/<b>Invalid&Name")
PROBLEMS = [
    "catalog/oss.yaml:58:11: oss/InvalidObjectName has no topic, relation or standalone reason (add it to a "
    "topic or a relation in catalog/relations.yaml, or to 'standalone' with a reason)",
    "catalog/relations.yaml:25:11: standalone code 'oss/<b>Invalid&Name' does not exist (write it as "
    "<service-slug>/<code>, exactly as catalogued)",
]
ERROR_PAGE = (
    '<div class="errdocs-serve-error"><h1 id="errdocs-serve-error">Catalog has 2 problems</h1>'
    "<p>The site cannot be built from the catalog, so every page shows this until it is fixed; the page "
    "reloads when the catalog changes. <code>python -m errdocs validate</code> prints the same list.</p>"
    "<pre><code>catalog/oss.yaml:58:11: oss/InvalidObjectName has no topic, relation or standalone reason "
    "(add it to a topic or a relation in catalog/relations.yaml, or to &#x27;standalone&#x27; with a reason)"
    "&#10;catalog/relations.yaml:25:11: standalone code &#x27;oss/&lt;b&gt;Invalid&amp;Name&#x27; does not "
    "exist (write it as &lt;service-slug&gt;/&lt;code&gt;, exactly as catalogued)</code></pre></div>"
)
INTERNAL = "internal error: this is a bug in the generator, not in your catalog; please report it"


def make_project(tmp: Path) -> Path:
    """A copy of the site project with its own copy of the mini catalog (a real folder, as in a checkout)."""
    project = tmp / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "mkdocs.zh.yml", project / "mkdocs.zh.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(MINI, project / "catalog")
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def mkdocs_build(project: Path, site: Path, command: str) -> None:
    """Build in this process the way `mkdocs serve` (command "serve") or `mkdocs build` does."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        if command == "serve":
            config.site_url = SERVE_URL
            build(config, serve_url=SERVE_URL)
        else:
            build(config)
    finally:
        config.plugins.on_shutdown()


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    project = make_project(tmp_path)
    monkeypatch.chdir(project)  # problems name paths relative to the working directory, as `validate` does
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return project


def test_serving_a_broken_catalog_makes_every_page_an_error_page(project: Path, tmp_path: Path, capsys) -> None:
    edit(project / "catalog" / "relations.yaml", *BREAK)
    validate = subprocess.run([sys.executable, "-m", "errdocs", "--catalog", "catalog", "validate"],
                              cwd=project, capture_output=True, text=True, check=False)
    assert validate.stderr.splitlines() == [*PROBLEMS, "catalog has 2 problems"]

    mkdocs_build(project, tmp_path / "site", "serve")  # strict (mkdocs.yml), and no warning: it succeeds

    assert capsys.readouterr().err == "ERROR   -  errdocs: catalog has 2 problems:\n" + "\n".join(PROBLEMS) + "\n"
    built = pages(tmp_path / "site")
    assert sorted(built) == ["404.html", "about/index.html", "index.html", "reference/catalog-format/index.html",
                             "reference/errors-json/index.html"]
    for name, html in built.items():
        assert html.count(ERROR_PAGE) == 1, name
    assert "Material for MkDocs" in built["index.html"]  # the site's own look, nav and all
    # Any other path (a code page open in the browser) gets 404.html: the same page, and it reloads itself.
    assert built["404.html"].startswith("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                        "<title>catalog has 2 problems - errdocs</title>")
    assert 'get("/livereload/0/0", function (first) {' in built["404.html"]


def test_a_build_of_the_broken_catalog_still_fails(project: Path, tmp_path: Path, capsys, caplog) -> None:
    edit(project / "catalog" / "relations.yaml", *BREAK)
    mkdocs_build(project, tmp_path / "served", "serve")  # the plugin instance MkDocs keeps is reset after serve
    capsys.readouterr()
    with pytest.raises(Abort, match="^Aborted with a BuildError!$"):
        mkdocs_build(project, tmp_path / "site", "build")
    assert caplog.messages[-1] == "catalog has 2 problems:\n" + "\n".join(PROBLEMS)
    assert capsys.readouterr().err == ""
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_page_the_catalog_cannot_have_is_shown_while_serving_and_fails_a_build(project: Path, tmp_path: Path,
                                                                                   capsys, caplog) -> None:
    (project / "docs" / "reference").mkdir(exist_ok=True)
    (project / "docs" / "reference" / "catalog-format.md").write_text("# Mine\n", encoding="utf-8")
    message = "docs/reference/catalog-format.md would hide a generated page; remove it from docs/"

    mkdocs_build(project, tmp_path / "served", "serve")
    assert capsys.readouterr().err == f"ERROR   -  errdocs: the site cannot be built:\n{message}\n"
    built = pages(tmp_path / "served")
    assert "oss/index.html" in built  # the nav's generated pages are there, as error pages
    for name, html in built.items():
        assert html.count(
            '<div class="errdocs-serve-error"><h1 id="errdocs-serve-error">The site cannot be built</h1><p>The '
            "site's configuration (<code>mkdocs.yml</code>, <code>docs/</code>) "
            "and the catalog do not fit together, so every page shows this until it is fixed; the page reloads "
            "when the catalog or <code>mkdocs.yml</code> changes.</p>"
            f"<pre><code>{message}</code></pre></div>") == 1, name

    with pytest.raises(Abort, match="^Aborted with a BuildError!$"):
        mkdocs_build(project, tmp_path / "site", "build")
    assert caplog.messages[-1] == message


def line_of(text: str) -> int:
    source = Path(plugin_module.__file__).read_text(encoding="utf-8").splitlines()
    [number] = [n for n, line in enumerate(source, 1) if text in line]
    return number


@pytest.mark.parametrize(("function", "call", "event"), [
    ("site_tree", "tree = site_tree(", "_tree"),  # early: before any page exists
    ("services_table", "services_table(self.catalog, page.file.src_uri, self.config.language)", "filled"),  # while reading pages (the placeholder's filler)
])
def test_a_crash_while_serving_is_one_internal_error(project: Path, tmp_path: Path, capsys, monkeypatch,
                                                      function: str, call: str, event: str) -> None:
    def explode(*args, **kwargs):
        raise ZeroDivisionError("boom <b>")

    monkeypatch.setattr(plugin_module, function, explode)
    mkdocs_build(project, tmp_path / "site", "serve")

    where = f"errdocs/mkdocs_plugin/plugin.py:{line_of(call)}, in {event}"
    assert capsys.readouterr().err == f"ERROR   -  errdocs: {INTERNAL}:\nZeroDivisionError: boom <b> ({where})\n"
    built = pages(tmp_path / "site")
    assert "index.html" in built and "about/index.html" in built
    if function == "services_table":  # the generated pages exist, and show the error too
        assert "oss/requesttimetooskewed/index.html" in built
    for name, html in built.items():
        if "<title>Redirecting...</title>" in html:  # a renamed code's old URL: it leads to the error page
            continue
        assert html.count(
            '<div class="errdocs-serve-error"><h1 id="errdocs-serve-error">Internal error: this is a bug in the '
            "generator, not in your catalog; please report it</h1><p>The generator failed on this catalog: that "
            "is a bug in the generator, not in your catalog; please report it with the line below (<code>mkdocs "
            "serve -v</code> also prints its traceback). The page reloads when the catalog changes.</p><pre><code>ZeroDivisionError: boom &lt;b&gt; "
            f"({where})</code></pre></div>") == 1, name


# `mkdocs serve` itself, on a loopback port, for a bounded time.

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(url: str, wanted, deadline: float) -> tuple[int, str]:
    last: object = None
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if wanted(*last):
                return last
        except (urllib.error.URLError, OSError) as error:  # not listening yet, or still rebuilding
            last = error
        time.sleep(0.3)
    raise AssertionError(f"{url}: still {last!r:.300}")


@contextmanager
def mkdocs_serve(project: Path, log_file: Path) -> Iterator[str]:
    """`mkdocs serve` of `project` on a free loopback port; yields the site's URL and always kills the server."""
    port = free_port()
    with log_file.open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.kill()
            server.wait(timeout=30)


def test_mkdocs_serve_shows_the_problems_and_reloads_with_the_fix(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    relations = project / "catalog" / "relations.yaml"
    edit(relations, *BREAK)
    with mkdocs_serve(project, tmp_path / "serve.log") as root:
        deadline = time.monotonic() + 120
        status, home = wait_for(root, lambda status, body: status == 200, deadline)
        assert ERROR_PAGE in home and "livereload(" in home
        status, code_page = fetch(root + "oss/requesttimetooskewed/")
        assert status == 404 and ERROR_PAGE in code_page

        edit(relations, BREAK[1], BREAK[0])  # fixed: the code page is back
        status, code_page = wait_for(root + "oss/requesttimetooskewed/", lambda status, body: status == 200, deadline)
        assert "Client clock differs from OSS server time" in code_page and "errdocs-serve-error" not in code_page

        edit(project / "catalog" / "oss.yaml", "[403]", "[4030]")  # broken again: a different problem
        status, home = wait_for(root, lambda status, body: "errdocs-serve-error" in body, deadline)
        assert ("<pre><code>catalog/oss.yaml:19:19: &#x27;errors[0].http_status[0]&#x27;: input should be less "
                "than or equal to 599</code></pre>") in home
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in output
    assert re.findall(r"^ERROR.*$", output, flags=re.M) == [
        "ERROR   -  errdocs: catalog has 2 problems:",
        "ERROR   -  errdocs: catalog has 1 problem:",
    ]


@pytest.mark.browser
def test_a_code_page_open_in_the_browser_shows_the_problems_then_reloads_with_the_fix(tmp_path: Path, page) -> None:
    project = make_project(tmp_path)
    relations = project / "catalog" / "relations.yaml"
    edit(relations, *BREAK)
    with mkdocs_serve(project, tmp_path / "serve.log") as root:
        wait_for(root, lambda status, body: status == 200, time.monotonic() + 120)
        page.goto(root + "oss/requesttimetooskewed/")  # no such page in the broken build: the 404 error page
        assert page.locator("h1").text_content() == "Catalog has 2 problems"
        assert page.locator("pre").text_content() == "\n".join(PROBLEMS)
        page.wait_for_timeout(500)  # its script is waiting for the next build
        edit(relations, BREAK[1], BREAK[0])
        page.wait_for_function("!document.querySelector('.errdocs-serve-error')", timeout=60_000)
        page.wait_for_load_state()
        assert page.locator("h1").first.text_content().startswith("RequestTimeTooSkewed")


def test_mkdocs_serve_verbose_also_logs_the_crash_traceback(project: Path, tmp_path: Path, capsys, monkeypatch,
                                                             caplog) -> None:
    def explode(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(plugin_module, "site_tree", explode)
    caplog.set_level(logging.DEBUG, logger="mkdocs")  # what `mkdocs serve -v` sets
    mkdocs_build(project, tmp_path / "site", "serve")
    where = f"errdocs/mkdocs_plugin/plugin.py:{line_of('tree = site_tree(')}, in _tree"
    first, traceback = capsys.readouterr().err.split("\nERROR   -  ", 1)
    assert first == f"ERROR   -  errdocs: {INTERNAL}:\nZeroDivisionError: boom ({where})"
    assert traceback.startswith("Traceback (most recent call last):\n")
    assert traceback.endswith("in explode\n    raise ZeroDivisionError(\"boom\")\nZeroDivisionError: boom\n")
