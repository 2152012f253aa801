from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
MINI = ROOT / "tests" / "fixtures" / "mini"

# A complete, valid service file; tests change one thing in it and pin the message.
VALID = """\
service:
  slug: oss
  name: Alibaba Cloud OSS
  description: Object storage.
  code_pattern: '^[A-Z][A-Za-z]+$'
  sources:
    - id: oss-error-codes
      title: OSS error codes
      file: 003.txt
errors:
  - code: NoSuchKey
    title: The object does not exist
    http_status: [404]
    messages:
      - text: The specified key does not exist.
    meaning: No object has this key.
    causes:
      - A typo in the key.
    fix:
      - List the bucket.
    provenance:
      source: oss-error-codes
      section: HTTP status code 404
"""

# Edits of the mini catalog after which what a serve session keeps must give what a fresh build gives: each is
# the (file, old text, new text) replacements of one save.
MINI_EDITS = {
    "a title that a related page shows": [("oss.yaml", "title: Client clock differs from OSS server time",
                                           "title: Client clock is far from OSS server time")],
    "a Chinese title only": [("oss.yaml", "title: 对象名称为空或过长", "title: 对象名称不可用")],
    "a message": [("oss.yaml", "'The Object name can not be empty.'", "'The object name is empty.'")],
    "a renamed code": [(name, "InvalidObjectName", "InvalidObjectNames") for name in ("oss.yaml", "relations.yaml")],
    "a topic member's difference": [("relations.yaml", "difference: 15 minutes; HTTP 403.",
                                     "difference: Fifteen minutes; HTTP 403.")],
    # A term another service's entry has instead of one of as many words: the prose lengths stay, the document
    # frequencies change, and so do the weights of the entries that have those words and were not edited.
    "a search term another entry has": [("oss.yaml", "terms: ['时间不同步', '时钟偏差']",
                                         "terms: ['时间不同步', '认证过期']")],
}


def apply_edits(catalog: Path, edits: list[tuple[str, str, str]]) -> None:
    """Make one of MINI_EDITS in a copy of the mini catalog."""
    for name, old, new in edits:
        text = (catalog / name).read_text(encoding="utf-8")
        assert old in text
        (catalog / name).write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def catalog_dir(tmp_path: Path):
    """Write service files into a fresh catalog directory: `catalog_dir({"oss.yaml": text})`."""

    def write(files: dict[str, str | bytes]) -> Path:
        directory = tmp_path / "catalog"
        directory.mkdir(exist_ok=True)
        for name, content in files.items():
            path = directory / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return directory

    return write


# The tests' site is published under a sub-path, as a GitHub Pages project site is.
PUBLISHED_AT = "https://errdocs.test/errdocs/"
PREFIX = "/errdocs/"
# The repository "Report a problem with this page" opens an issue in (mkdocs.yml's repo_url).
REPOSITORY_AT = "https://github.com/errdocs-test/errdocs"


def mkdocs_build(project: Path, out: Path, launcher: tuple[str, ...] = ("-m", "mkdocs")) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project directory into `out`, as a person would run it (`launcher`: the
    interpreter's arguments that start MkDocs' command line)."""
    if RUNNING and RUNNING[-1].get_closest_marker("site") is None:
        raise pytest.UsageError(f"{RUNNING[-1].nodeid} builds a site with MkDocs without @pytest.mark.site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ERRDOCS_SITE_URL": PUBLISHED_AT, "ERRDOCS_REPO_URL": REPOSITORY_AT}
    return subprocess.run([sys.executable, *launcher, "build", "--strict", "-q", "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, check=False)


def project_with_catalog(tmp: Path, catalog: Path) -> Path:
    """A copy of the site project (mkdocs.yml, docs/) whose catalog is `catalog`."""
    project = tmp / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "mkdocs.zh.yml", project / "mkdocs.zh.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "catalog").symlink_to(catalog, target_is_directory=True)
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return out


def pytest_terminal_summary(terminalreporter) -> None:
    """The quality reports of tests/search_quality.py, when a test used it. Looked up, not imported: with
    bench/ on sys.path (test_bench_synthetic), `import search_quality` would find the benchmark of that name."""
    module = sys.modules.get("search_quality")
    if module is None or Path(module.__file__ or "").resolve().parent != TESTS:
        return
    for text in module.REPORTS:
        terminalreporter.write_line(text)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium keeps reaching for Google's hosts, which this network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site the way GitHub Pages serves a project site: under a prefix, 404.html for what is missing."""

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(PREFIX):
            self.path = "/" + self.path[len(PREFIX):]
            local = Path(self.translate_path(self.path))
            if local.is_dir() and not path.endswith("/") and (local / "index.html").is_file():
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return None
            if local.is_file() or (local.is_dir() and (local / "index.html").is_file()):
                return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def serve(directory: Path):
    """Serve `directory` like GitHub Pages on a loopback port; returns (server, URL of the site root)."""
    handler = functools.partial(PagesHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    """The built site served on a loopback port for the browser tests."""
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []




# `pytest -m "not browser and not site"` is the fast suite only if every test that builds the whole site or
# drives Chromium says so: a test that uses these fixtures without the marker is refused at collection.
HEAVY_FIXTURES = {"built_site": "site", "site_url": "site", "browser": "browser", "page": "browser"}


def pytest_collection_modifyitems(config, items) -> None:
    unmarked = [f"{item.nodeid} uses the {fixture} fixture without @pytest.mark.{marker}"
                for item in items for fixture, marker in HEAVY_FIXTURES.items()
                if fixture in getattr(item, "fixturenames", ()) and item.get_closest_marker(marker) is None]
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))


RUNNING: list[pytest.Item] = []  # the test being run, for checks made inside helpers such as mkdocs_build


@pytest.fixture(autouse=True)
def _running_test(request):
    RUNNING.append(request.node)
    yield
    RUNNING.pop()
