"""The command line: a thin layer over the pipeline. Bad data is a user error, never a traceback."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .link import Catalog, CodePage
from .model import code_slug
from .pipeline import build, read_catalog
from .problems import CatalogError
from .render import terminal_page

DEFAULT_CATALOG = Path(__file__).resolve().parent.parent / "catalog"

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_INTERNAL = 0, 1, 2, 3, 70


def find_code(catalog: Catalog, query: str) -> list[CodePage]:
    """Pages whose code matches `query` in any letter case, optionally written `<service>/<code>`."""
    service, _, code = query.strip().rpartition("/")
    wanted = code_slug(code)
    return [page for page in catalog.pages
            if page.slug == wanted and (not service or page.service.slug == service.lower())]


def _validate(args: argparse.Namespace) -> int:
    catalog = read_catalog(args.catalog)
    print(f"catalog OK: {len(catalog.pages)} codes in {len(catalog.sections)} services")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    catalog = build(args.catalog, args.out)
    print(f"wrote {len(catalog.pages)} code pages to {args.out}")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
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


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator", description="errdocs catalog tools")
    main.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalog directory (default: %(default)s)")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the whole catalog and report every problem").set_defaults(run=_validate)
    build_cmd = commands.add_parser("build", help="write the generated Markdown tree without MkDocs")
    build_cmd.add_argument("--out", type=Path, required=True, help="output directory (replaced atomically)")
    build_cmd.set_defaults(run=_build)
    explain = commands.add_parser("explain", help="print a code's page in the terminal")
    explain.add_argument("code", help="a code such as ODPS-0420095, cs.11004 or oss/NoSuchKey")
    explain.set_defaults(run=_explain)
    return main


def main(argv: list[str] | None = None) -> int:
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
