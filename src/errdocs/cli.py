"""The command line: a thin layer over the pipeline. Bad data is a user error, never a traceback.

Every print is safe on any stdout (main() makes stdout and stderr escape what they cannot encode), and
`build` and `site` refuse an `--out` whose replacement would destroy sources, in one line:
`error: --out <path>: <why> (<how to fix>)`, exit 1, nothing touched (rule in pipeline.check_out_dir).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from typing import TYPE_CHECKING

from .problems import CatalogError

if TYPE_CHECKING:
    from .link import Catalog, CodePage

DEFAULT_CATALOG = Path(__file__).resolve().parents[2] / "catalog"

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_INTERNAL = 0, 1, 2, 3, 70


def find_code(catalog: "Catalog", query: str) -> "list[CodePage]":
    """Pages whose code (or former code) matches `query` in any letter case, optionally `<service>/<code>`."""
    from .model import code_slug

    service, _, code = query.strip().rpartition("/")
    wanted = code_slug(code)
    return [page for page in catalog.pages
            if wanted in (page.slug, *page.former_slugs)
            and (not service or page.service.slug == service.lower())]


# The pipeline (pydantic, ruamel) is imported inside the commands that need it, so that
# `lookup` with a warm index cache starts in a fraction of a second.


def _validate(args: argparse.Namespace) -> int:
    from .pipeline import read_catalog
    catalog = read_catalog(args.catalog)
    print(f"catalog OK: {len(catalog.pages)} codes in {len(catalog.sections)} services")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from .pipeline import OutputPathError, build
    try:
        catalog = build(args.catalog, args.out)
    except OutputPathError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA
    print(f"wrote {len(catalog.pages)} code pages to {args.out}")
    return EXIT_OK


def _site(args: argparse.Namespace) -> int:
    import logging

    from mkdocs.exceptions import MkDocsException

    from .mkdocs_plugin.site_build import build_site
    from .pipeline import OutputPathError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    try:
        build_site(args.config, args.out)
    except OutputPathError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA
    except MkDocsException as error:
        print(f"error: the site was not built, {args.out} is unchanged: {error}", file=sys.stderr)
        return EXIT_DATA
    print(f"built the site into {args.out}")
    return EXIT_OK


def _urls(args: argparse.Namespace) -> int:
    from .published import check, lost, manifest_text, read_site

    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} holds no built site (run `make build` first)", file=sys.stderr)
        return EXIT_USAGE
    site = read_site(args.site)
    manifest = args.manifest.read_text(encoding="utf-8") if args.manifest.is_file() else ""
    if not manifest and not args.write:
        print(f"error: no manifest at {args.manifest} (create it with --write)", file=sys.stderr)
        return EXIT_USAGE
    # Writing adds new URLs only: one the site lost is reported, never dropped from the manifest.
    problems = (lost if args.write else check)(str(args.manifest), manifest, site)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} URL problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        return EXIT_DATA
    if args.write:
        args.manifest.write_text(manifest_text(site, manifest), encoding="utf-8")
        print(f"{args.manifest}: {len(site.urls())} URLs published, none lost")
    else:
        print(f"{args.manifest}: every published URL still works")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from .pipeline import read_catalog
    from .render import terminal_page
    catalog = read_catalog(args.catalog)
    pages = find_code(catalog, args.code)
    if not pages:
        print(f"error: no code '{args.code}' in the catalog (try the site search, or `<service>/<code>`)",
              file=sys.stderr)
        return EXIT_NOT_FOUND
    if len(pages) > 1:
        print(f"'{args.code}' is a code of {len(pages)} services; showing all "
              f"(name one as `<service>/<code>`)\n")
    print("\n".join(terminal_page(page) for page in pages), end="")
    return EXIT_OK


def _lookup(args: argparse.Namespace) -> int:
    text = args.text if args.text is not None else sys.stdin.buffer.read().decode("utf-8", errors="replace")
    from .search import cached_index, details, match

    def catalog():  # only when the cached index is stale: the catalog toolchain takes a third of a second to import
        from .pipeline import read_catalog

        return read_catalog(args.catalog)

    index = cached_index(args.catalog, catalog)
    try:
        result = match(index, text, limit=args.limit)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        # A cache file of the right version but the wrong shape (edited, truncated by hand): answer from a
        # fresh index instead; a matcher bug fails again here and is reported as one.
        from .search_index import build_index

        result = match(build_index(catalog()), text, limit=args.limit)
    matches, confident = result["matches"], result["confident"]
    if args.json:
        print(json.dumps({"matches": [{k: m[k] for k in ("service", "code", "url", "score", "matched")}
                                      for m in matches],
                          "confident": confident, "foreign": result["foreign"], "details": details(text)},
                         ensure_ascii=False))
        return EXIT_OK if matches else EXIT_NOT_FOUND
    if not matches:
        print("no match: nothing in the catalog looks like this error", file=sys.stderr)
        return EXIT_NOT_FOUND
    print("Best match:" if confident else "Possible matches (not confident):")
    if result["foreign"]:
        print(f"  (the paste names {', '.join(result['foreign'])}: the error may come from there)")
    for m in matches:
        print(f"  {m['service']}/{m['code']}  {m['title']}\n      {args.base_url}{m['url']}  (score {m['score']})")
        if m is matches[0] and m["matched"]:
            print(f"      matched: {m['matched'][:200]}")
    for name, value in details(text).items():
        print(f"{name.replace('_', ' ').capitalize()}: {value}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m errdocs", description="errdocs catalog tools")
    main.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalog directory (default: %(default)s)")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the whole catalog and report every problem").set_defaults(run=_validate)
    build_cmd = commands.add_parser("build", help="write the generated Markdown tree without MkDocs")
    build_cmd.add_argument("--out", type=Path, required=True, help="output directory (replaced atomically)")
    build_cmd.set_defaults(run=_build)
    site = commands.add_parser("site", help="mkdocs build --strict into --out, replacing it only on success")
    site.add_argument("--out", type=Path, default=Path("site"), help="site directory (default: %(default)s)")
    site.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration file")
    site.set_defaults(run=_site)
    urls = commands.add_parser("urls", help="check a built site against the URL manifest, or rewrite it")
    urls.add_argument("--site", type=Path, default=Path("site"), help="built site (default: %(default)s)")
    urls.add_argument("--manifest", type=Path, default=Path("published-urls.txt"),
                      help="the checked-in URL manifest (default: %(default)s)")
    urls.add_argument("--write", action="store_true",
                      help="add the site's new URLs to the manifest; refused if it lost any")
    urls.set_defaults(run=_urls)
    explain = commands.add_parser("explain", help="print a code's page in the terminal")
    explain.add_argument("code", help="a code such as ODPS-0420095, cs.11004 or oss/NoSuchKey")
    explain.set_defaults(run=_explain)
    lookup = commands.add_parser("lookup", help="find the page of a pasted error (text, or stdin)")
    lookup.add_argument("text", nargs="?", help="the pasted error; read from stdin when omitted")
    lookup.add_argument("--json", action="store_true", help="print {matches, confident, details} as JSON")
    lookup.add_argument("--limit", type=int, default=5, help="how many matches at most (default: %(default)s)")
    lookup.add_argument("--base-url", default="", help="prefix for printed URLs, e.g. the hosted site's address")
    lookup.set_defaults(run=_lookup)
    return main


def safe_output() -> None:
    """Whatever a paste holds (invalid UTF-8 read as U+FFFD, surrogates from argv), it prints on any
    stdout: characters the stream cannot encode are written as backslash escapes instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to print to anyway
                pass


def main(argv: list[str] | None = None) -> int:
    safe_output()
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except CatalogError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"catalog has {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return EXIT_DATA
    except Exception:  # noqa: BLE001 - anything else is our bug, shown as such
        traceback.print_exc()
        print("internal error: this is a bug in the generator, not in your catalog; please report it",
              file=sys.stderr)
        return EXIT_INTERNAL
