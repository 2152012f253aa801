"""The command line: a thin layer over the pipeline. Bad data is a user error, never a traceback.

Every print is safe on any stdout (main() makes stdout and stderr escape what they cannot encode), and
`build` and `site` refuse an `--out` whose replacement would destroy sources, in one line:
`error: --out <path>: <why> (<how to fix>)`, exit 1, nothing touched (rule in pipeline.check_out_dir).

`lookup` is the hot path: it imports the matcher and the data loader (bundled.py) and nothing else, so an
answer from an installed or cached index takes well under a tenth of a second (bench/lookup_speed.py).
argparse (with the gettext, locale and shutil it loads), json and pathlib are imported only where used, and
a plain `lookup` command line is read without argparse (`_plain_lookup`): together about 20 ms here.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on the lookup path
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_INTERNAL = 0, 1, 2, 3, 70
EXIT_CODES = (
    (EXIT_OK, "done; lookup and explain found something"),
    (EXIT_DATA, "the catalog has problems, or an --out was refused (nothing written)"),
    (EXIT_USAGE, "bad arguments, or a maintainer command without the site toolchain or a catalog"),
    (EXIT_NOT_FOUND, "lookup matched nothing, or explain knows no such code"),
    (EXIT_INTERNAL, "internal error: a bug in errdocs (please report it)"),
)
# (command, what it does): user commands first, maintainer commands apart.
USER_COMMANDS = (
    ("lookup", "find the page of a pasted error (the text as an argument, or pasted on stdin)"),
    ("explain", "print a code's page: a code, any alias (exception, enum, error name) or a former code"),
)
MAINTAINER_COMMANDS = (
    ("validate", "check the whole catalog and report every problem"),
    ("build", "write the generated Markdown tree without MkDocs"),
    ("site", "mkdocs build --strict into --out, replacing it only on success"),
    ("urls", "check a built site against the URL manifest, or rewrite it"),
)
TOOLCHAIN = "needs the catalog and site toolchain: pip install 'errdocs[site]'"


# Top-level modules of the `site` extra: a command that needs one on an install without it says so.
TOOLCHAIN_MODULES = frozenset({"pydantic", "pydantic_core", "ruamel", "yaml", "regex", "mkdocs", "material",
                               "mkdocs_redirects", "jinja2", "markdown", "pymdownx"})


class NoCatalog(Exception):
    """A maintainer command on an installed errdocs, which carries built data but no catalog."""


def _catalog(args: argparse.Namespace) -> Path:
    """The catalog a maintainer command reads: --catalog, or the checkout's."""
    from .bundled import checkout_catalog

    catalog = args.catalog or checkout_catalog()
    if not catalog.is_dir():
        raise NoCatalog(f"error: no catalog at {catalog} (pass --catalog DIR, the catalog/ of an errdocs checkout)")
    return catalog


# The pipeline (pydantic, ruamel) is imported inside the commands that need it, so that
# `lookup` never imports it.


def _validate(args: argparse.Namespace) -> int:
    catalog_dir = _catalog(args)
    from .pipeline import read_catalog
    catalog = read_catalog(catalog_dir)
    print(f"catalog OK: {len(catalog.pages)} codes in {len(catalog.sections)} services")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    catalog_dir = _catalog(args)
    from .pipeline import OutputPathError, build
    try:
        catalog = build(catalog_dir, args.out)
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
    from .bundled import explain_records, site_url
    from .terminal import find_records, plain_page, show_pages

    records = find_records(explain_records(_data_catalog(args)), args.code)
    if not records:
        print(f"error: no code '{args.code}' in the catalog (try `errdocs lookup`, the site search, or "
              f"`<service>/<code>`)", file=sys.stderr)
        return EXIT_NOT_FOUND
    base = args.base_url or site_url()
    if args.json:
        import json

        print(json.dumps([{**record, "url": f"{base}{record['url']}",
                           "topics": [[title, f"{base}{url}", siblings] for title, url, siblings in record["topics"]]}
                          for record in records], ensure_ascii=False, indent=1))
        return EXIT_OK
    heading = (f"'{args.code}' names a code of {len(records)} services; showing all "
               f"(name one as `<service>/<code>`)" if len(records) > 1 else "")
    if sys.stdout.isatty():
        show_pages(records, base, heading)
    else:
        print((heading + "\n\n" if heading else "") + "\n".join(plain_page(record, base) for record in records),
              end="")
    return EXIT_OK


def _data_catalog(args: argparse.Namespace) -> Path | None:
    """The catalog `lookup` and `explain` read: --catalog, or none (the installed data, or the checkout's)."""
    from .bundled import default_catalog

    return args.catalog or default_catalog()


PASTE_HINT = ("Paste the error text, then press Ctrl-D on an empty line (Ctrl-Z then Enter on Windows).\n"
              "Or pass it as an argument: errdocs lookup 'ODPS-0420095: Access Denied ...'")


def _lookup(args: argparse.Namespace) -> int:
    if args.text is None and sys.stdin.isatty():
        print(PASTE_HINT, file=sys.stderr)
    text = args.text if args.text is not None else sys.stdin.buffer.read().decode("utf-8", errors="replace")
    from .bundled import search_index, site_url
    from .search import details, match

    catalog = _data_catalog(args)
    try:
        result = match(search_index(catalog), text, limit=args.limit)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        # A cache file of the right version but the wrong shape (edited, truncated by hand): answer from a
        # fresh index instead; a matcher bug fails again here and is reported as one.
        from .pipeline import read_catalog
        from .search_index import build_index

        if catalog is None:
            raise
        result = match(build_index(read_catalog(catalog)), text, limit=args.limit)
    matches, confident = result["matches"], result["confident"]
    base = args.base_url or site_url()
    if args.json:
        import json

        print(json.dumps({"matches": [{"service": m["service"], "code": m["code"], "title": m["title"],
                                       "url": f"{base}{m['url']}", "score": m["score"], "matched": m["matched"]}
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
        print(f"  {m['service']}/{m['code']}  {m['title']}\n      {base}{m['url']}  (score {m['score']})")
        if m is matches[0] and m["matched"]:
            print(f"      matched: {m['matched'][:200]}")
    for name, value in details(text).items():
        print(f"{name.replace('_', ' ').capitalize()}: {value}")
    return EXIT_OK


def _help_epilog() -> str:
    def rows(pairs) -> list[str]:
        return [f"  {name:<9} {what}" for name, what in pairs]

    return "\n".join(["commands:", *rows(USER_COMMANDS), "",
                      "maintainer commands (a checkout's catalog and errdocs[site]):", *rows(MAINTAINER_COMMANDS), "",
                      "exit codes:", *rows((str(code), what) for code, what in EXIT_CODES), "",
                      "`errdocs <command> --help` describes a command."])


def parser() -> argparse.ArgumentParser:
    import argparse
    from pathlib import Path

    class Version(argparse.Action):
        """--version, reading the installed version only when asked (importlib.metadata costs import time)."""

        def __call__(self, parser, namespace, values, option_string=None) -> None:
            from importlib.metadata import PackageNotFoundError, version

            try:
                number = version("errdocs")
            except PackageNotFoundError:
                number = "unknown (not installed)"
            print(f"errdocs {number}")
            parser.exit()

    main = argparse.ArgumentParser(
        prog="errdocs", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_help_epilog(),
        description="Find the page of a cloud SDK error, offline: paste what your program printed into\n"
                    "`errdocs lookup`, read a code's page with `errdocs explain`.")
    main.add_argument("--version", action=Version, nargs=0, help="print the version and exit")
    main.add_argument("--catalog", type=Path, default=None,
                      help="catalog directory (default: the installed data, or the checkout's catalog/)")
    commands = main.add_subparsers(dest="command", required=True, metavar="<command>")
    what = dict(USER_COMMANDS + MAINTAINER_COMMANDS)

    lookup = commands.add_parser("lookup", description=what["lookup"])
    lookup.add_argument("text", nargs="?", help="the pasted error; read from stdin when omitted")
    lookup.add_argument("--json", action="store_true", help="print {matches, confident, foreign, details} as JSON")
    lookup.add_argument("--limit", type=int, default=5, help="how many matches at most (default: %(default)s)")
    lookup.add_argument("--base-url", default="", help="site address for the printed URLs (default: the "
                        "published site)")
    lookup.set_defaults(run=_lookup)
    explain = commands.add_parser("explain", description=what["explain"])
    explain.add_argument("code", help="e.g. ODPS-0420095, cs.11004, oss/NoSuchKey, JOB_NAME_EXIST")
    explain.add_argument("--json", action="store_true", help="print the page's record(s) as JSON")
    explain.add_argument("--base-url", default="", help="site address for the printed URLs (default: the "
                         "published site)")
    explain.set_defaults(run=_explain)

    commands.add_parser("validate", description=what["validate"]).set_defaults(run=_validate)
    build_cmd = commands.add_parser("build", description=what["build"])
    build_cmd.add_argument("--out", type=Path, required=True, help="output directory (replaced atomically)")
    build_cmd.set_defaults(run=_build)
    site = commands.add_parser("site", description=what["site"])
    site.add_argument("--out", type=Path, default=Path("site"), help="site directory (default: %(default)s)")
    site.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration file")
    site.set_defaults(run=_site)
    urls = commands.add_parser("urls", description=what["urls"])
    urls.add_argument("--site", type=Path, default=Path("site"), help="built site (default: %(default)s)")
    urls.add_argument("--manifest", type=Path, default=Path("published-urls.txt"),
                      help="the checked-in URL manifest (default: %(default)s)")
    urls.add_argument("--write", action="store_true",
                      help="add the site's new URLs to the manifest; refused if it lost any")
    urls.set_defaults(run=_urls)
    return main


def _plain_lookup(argv: list[str]) -> object | None:
    """The arguments of a plain `lookup` command line, read without argparse, or None for anything else.

    Plain: `lookup`, then `--json`, `--limit DIGITS`, `--base-url VALUE` and at most one text, in any order,
    no value or text starting with `-`. argparse gives exactly the same namespace for these (pinned by
    tests/test_cli.py); everything else, `--help` and every mistake included, goes to argparse."""
    from types import SimpleNamespace

    if not argv or argv[0] != "lookup":
        return None
    args = SimpleNamespace(version=None, catalog=None, command="lookup", text=None, json=False, limit=5,
                           base_url="", run=_lookup)
    rest = iter(argv[1:])
    for word in rest:
        if word == "--json":
            args.json = True
        elif word in ("--limit", "--base-url"):
            value = next(rest, "-")
            if value.startswith("-") or (word == "--limit" and not (value.isascii() and value.isdigit())):
                return None
            if word == "--limit":
                args.limit = int(value)
            else:
                args.base_url = value
        elif word.startswith("-") or args.text is not None:
            return None
        else:
            args.text = word
    return args


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
    """Run a command; without `argv`, the process's own (the `errdocs` script, `python -m errdocs`)."""
    safe_output()
    args = _plain_lookup(sys.argv[1:] if argv is None else argv) or parser().parse_args(argv)
    if argv is None and args.command == "lookup":
        import gc

        # The process ends after one match: collection passes over the index just loaded (while matching,
        # and at exit) would cost about as much as the match itself.
        gc.disable()
    try:
        return args.run(args)
    except BrokenPipeError:  # `errdocs explain X | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return EXIT_OK
    except NoCatalog as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in TOOLCHAIN_MODULES:
            return _internal_error()
        print(f"error: `errdocs {args.command}` {TOOLCHAIN} (missing: {error.name})", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - bad catalog data is the user's; anything else is our bug
        from .problems import CatalogError

        if not isinstance(error, CatalogError):
            return _internal_error()
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"catalog has {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return EXIT_DATA


def _internal_error() -> int:
    import traceback

    traceback.print_exc()
    print("internal error: this is a bug in the generator, not in your catalog; please report it",
          file=sys.stderr)
    return EXIT_INTERNAL
