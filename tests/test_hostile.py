"""Hostile and odd catalogs: each is read correctly or refused with `file:line:column: what (how)`, quickly,
in bounded memory, with every problem of every file in one run. One case per class of trouble."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, VALID

from errdocs.load import load_catalog
from errdocs.problems import CatalogError
from errdocs.validate import validate

ENTRY = VALID[VALID.index("  - code: NoSuchKey"):]


def problems(directory: Path) -> list[str]:
    started = time.monotonic()
    try:
        validate(load_catalog(directory, root=directory.parent))
        found = []
    except CatalogError as error:
        found = [str(p) for p in error.problems]
    assert time.monotonic() - started < 5, "a hostile catalog must be answered within seconds"
    return found


def with_message(text: str) -> str:
    """The valid file, with its message written as given (raw YAML after `- text: `)."""
    return VALID.replace("      - text: The specified key does not exist.", "      - text: " + text)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(with_message('"nul \\0 byte"'), [
        "catalog/oss.yaml:15:15: 'errors[0].messages[0].text': value error, contains the control character "
        "U+0000; remove it (The message exactly as the source prints it: typos, placeholders such as `{0}` or "
        "`xxxx`, and punctuation included)"], id="nul-escaped"),
    pytest.param(with_message('"one\\u2028two"'), [], id="line-separator-escaped-is-fine"),
    pytest.param(with_message("nul \x00 byte"), [
        "catalog/oss.yaml:15:19: control character U+0000 in the file (remove it, or write it as \\x00 in a "
        "double-quoted string)"], id="nul"),
    pytest.param(with_message("red \x1b[31m text"), [
        "catalog/oss.yaml:15:19: control character U+001B in the file (remove it, or write it as \\x1b in a "
        "double-quoted string)"], id="ansi-escape"),
    pytest.param(with_message("abc \u202e evil"), [
        "catalog/oss.yaml:15:19: bidirectional control character U+202E in the file (it makes text read "
        "differently from what it is) (remove it)"], id="bidi-override"),
    pytest.param(with_message("one\u2028two"), [
        "catalog/oss.yaml:15:18: line separator U+2028 in the file (write it as \\u2028 in a double-quoted "
        "string)"], id="line-separator"),
    pytest.param(with_message("one\x85two"), [
        "catalog/oss.yaml:15:18: control character U+0085 in the file (remove it, or write it as \\x85 in a "
        "double-quoted string)"], id="next-line"),
    pytest.param(with_message("!!python/object/apply:os.system ['true']"), [
        "catalog/oss.yaml:15:15: YAML tag tag:yaml.org,2002:python/object/apply:os.system in the catalog "
        "(remove the tag: write the value as plain text)"], id="python-tag"),
    pytest.param(with_message("!custom text"), [
        "catalog/oss.yaml:15:15: YAML tag !custom in the catalog (remove the tag: write the value as plain "
        "text)"], id="local-tag"),
    pytest.param(VALID.replace("    meaning: No object has this key.\n",
                               "    meaning: &m No object has this key.\n    title2: *m\n"), [
        "catalog/oss.yaml:16:14: YAML anchor (&m) in the catalog (write the value out where it applies)",
        "catalog/oss.yaml:17:13: YAML alias (*m) in the catalog (write the value out where it applies)"],
        id="anchor-and-alias"),
    pytest.param(VALID.replace("    provenance:\n", "    <<: {meaning: x}\n    provenance:\n"), [
        "catalog/oss.yaml:21:5: YAML merge key (<<) in the catalog (write the merged fields out in the entry)"],
        id="merge-key"),
    pytest.param("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)), [
        "catalog/oss.yaml:1:4: YAML anchor (&a) in the catalog (write the value out where it applies)",
        "catalog/oss.yaml:2:8: YAML alias (*a) in the catalog (write the value out where it applies)"],
        id="billion-laughs"),
    pytest.param("a: " + "[" * 1000 + "]" * 1000 + "\n", [
        "catalog/oss.yaml:1:23: nesting deeper than 20 levels (a catalog entry needs a few levels; check the "
        "indentation)"], id="deep-1000"),
    pytest.param("a: " + "[" * 50_000 + "]" * 50_000 + "\n", [
        "catalog/oss.yaml:1:23: nesting deeper than 20 levels (a catalog entry needs a few levels; check the "
        "indentation)"], id="deep-50000"),
    pytest.param(VALID.replace("  code_pattern: '^[A-Z][A-Za-z]+$'", "  code_pattern: '^(a|a)*$'")
                 .replace("code: NoSuchKey", "code: " + "a" * 40 + "b"), [
        "catalog/oss.yaml:5:17: code_pattern takes more than 0.2 s to match '" + "a" * 40 + "b' (avoid nested "
        "repetition such as (a+)+)"], id="catastrophic-pattern"),
    pytest.param(VALID + "    retired: {since: yesterday, reason: Gone.}\n", [
        "catalog/oss.yaml:24:22: 'errors[0].retired.since': value error, must be a real date written YYYY-MM-DD "
        "(Date (YYYY-MM-DD, quoted or not) the code was retired)"], id="retired-not-a-date"),
    pytest.param(VALID + "    retired: {since: '2026-02-30', reason: Gone.}\n", [
        "catalog/oss.yaml:24:22: 'errors[0].retired.since': value error, must be a real date written YYYY-MM-DD "
        "(Date (YYYY-MM-DD, quoted or not) the code was retired)"], id="retired-impossible-day"),
    pytest.param(VALID + "    retired: {since: 2026-11-01, reason: Gone.}\n", [], id="retired-unquoted-date"),
    pytest.param(VALID.replace("\n", "\r"), [], id="old-mac-line-ends"),
    pytest.param(VALID.replace("\n", "\r\n"), [], id="crlf-line-ends"),
])
def test_a_hostile_file_is_read_or_refused_with_its_position(catalog_dir, text: str, expected: list[str]) -> None:
    assert problems(catalog_dir({"oss.yaml": text})) == expected


def test_files_that_are_not_regular_files_are_refused(catalog_dir) -> None:
    directory = catalog_dir({"oss.yaml": VALID})
    (directory / "dangling.yaml").symlink_to(directory / "nowhere.yaml")
    (directory / "folder.yaml").mkdir()
    (directory / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(directory / "fifo.yaml")
    (directory / "big.yaml").write_bytes(b"# " + b"x" * (16 * 1024 * 1024) + b"\n")
    assert problems(directory) == [
        "catalog/big.yaml:1:1: the file has 16,777,219 bytes, more than the 16,777,216 a catalog file may have "
        "(split the service or remove what does not belong)",
        "catalog/dangling.yaml:1:1: the file is a symbolic link to nothing (point the link at a catalog file or "
        "remove it)",
        "catalog/fifo.yaml:1:1: this is not a regular file (a device, pipe or socket) (catalog files are plain "
        "text files)",
        "catalog/folder.yaml:1:1: this is a directory, not a catalog file (rename it: names ending in .yaml are "
        "catalog files)",
        "catalog/zero.yaml:1:1: this is not a regular file (a device, pipe or socket) (catalog files are plain "
        "text files)",
    ]


def test_files_with_another_ending_are_named_not_ignored(catalog_dir) -> None:
    directory = catalog_dir({"oss.yaml": VALID})
    (directory / "cs.yml").write_text(VALID, encoding="utf-8")
    (directory / "Tunnel.YAML").write_text(VALID, encoding="utf-8")
    (directory / "notes.txt").write_text("not a catalog file\n", encoding="utf-8")
    assert problems(directory) == [
        "catalog/Tunnel.YAML:1:1: 'Tunnel.YAML' is not read: catalog files end in '.yaml' (rename it to "
        "Tunnel.yaml)",
        "catalog/cs.yml:1:1: 'cs.yml' is not read: catalog files end in '.yaml' (rename it to cs.yaml)",
    ]


def test_every_problem_of_every_file_in_one_run(catalog_dir) -> None:
    """A syntax error in one file, a schema problem in another and rule problems in a third: all reported,
    with no 'does not exist' for references into the files that could not be read."""
    broken = VALID.replace("http_status: [404]", "http_status: [404")
    schema = VALID.replace("slug: oss", "slug: cs").replace("    title: The object does not exist\n", "")
    rules = (VALID.replace("slug: oss", "slug: tunnel").replace("code: NoSuchKey", "code: no_such_key")
             + "    related:\n      - {code: oss/NoSuchKey, why: W.}\n      - {code: cs/NoSuchKey, why: W.}\n"
             "      - {code: tunnel/Missing, why: W.}\n")
    assert problems(catalog_dir({"oss.yaml": broken, "cs.yaml": schema, "tunnel.yaml": rules})) == [
        "catalog/cs.yaml:11:5: missing required field 'errors[0].title' (add 'title:': One line in our words "
        "saying what went wrong (sentence case, no final period).)",
        "catalog/oss.yaml:14:13: YAML syntax error: while parsing a flow sequence expected ',' or ']', but got "
        "':' (fix the YAML syntax)",
        "catalog/tunnel.yaml:11:11: code 'no_such_key' does not match the shape of tunnel codes (codes here "
        "match ^[A-Z][A-Za-z]+$)",
        "catalog/tunnel.yaml:27:16: related code 'tunnel/Missing' does not exist (write it as "
        "<service-slug>/<code>, exactly as catalogued)",
    ]


def test_the_cli_reports_a_hostile_catalog_without_a_traceback(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "oss.yaml").write_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "errdocs", "--catalog", str(catalog), "validate"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        "catalog/oss.yaml:1:23: nesting deeper than 20 levels (a catalog entry needs a few levels; check "
        "the indentation)",
        "catalog has 1 problem",
    ]
