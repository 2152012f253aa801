"""The command line: exit codes, messages, a build that never leaves a half-written tree, output that
prints on any stdout, and a lookup that a corrupt index cache does not break."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys

import pytest
from conftest import MINI, ROOT, VALID

from errdocs import bundled
from errdocs.cli import EXIT_CODES, _plain_lookup, main, parser
from errdocs.site_address import declared_site_url
from errdocs.search import VERSION


def test_validate_ok(capsys) -> None:
    assert main(["--catalog", str(MINI), "validate"]) == 0
    assert capsys.readouterr().out == "catalog OK: 4 codes in 2 services\n"


def test_validate_reports_every_problem_and_exits_1(catalog_dir, capsys, monkeypatch) -> None:
    directory = catalog_dir({"oss.yaml": VALID.replace("title: The object", "titel: The object")
                                          .replace("[404]", "[4040]")})
    monkeypatch.chdir(directory.parent)
    assert main(["--catalog", "catalog", "validate"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "catalog/oss.yaml:11:5: missing required field 'errors[0].title' (add 'title:': One line in our words "
        "saying what went wrong (sentence case, no final period).)",
        "catalog/oss.yaml:12:5: unknown field 'errors[0].titel' (did you mean 'title'?)",
        "catalog/oss.yaml:13:19: 'errors[0].http_status[0]': input should be less than or equal to 599",
        "catalog has 3 problems",
    ]


def test_explain_finds_a_code_in_any_case_and_prints_its_absolute_url(capsys) -> None:
    assert main(["--catalog", str(MINI), "explain", "odps-0420095"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ODPS-0420095 (MaxCompute API)\nYou lack a privilege on the object\n")
    assert "    ODPS-0420095: Access Denied\n" in out
    assert out.endswith(f"Page: {declared_site_url(ROOT / 'mkdocs.yml')}maxcompute-api/odps-0420095/\n")
    assert main(["--catalog", str(MINI), "explain", "odps-0420095", "--base-url", "https://mirror.test/e/"]) == 0
    assert capsys.readouterr().out.endswith("Page: https://mirror.test/e/maxcompute-api/odps-0420095/\n")


@pytest.mark.parametrize("name", ["OSSErrorCode.REQUEST_TIME_TOO_SKEWED", "ossErrorCode.request_time_too_skewed",
                                  "0002-00000504", "oss/0002-00000504"])
def test_explain_accepts_any_alias(capsys, name: str) -> None:
    assert main(["--catalog", str(MINI), "explain", name]) == 0
    assert capsys.readouterr().out.startswith("RequestTimeTooSkewed (Alibaba Cloud OSS)\n")


def test_explain_json_is_the_record_with_absolute_urls(capsys) -> None:
    assert main(["--catalog", str(MINI), "explain", "InvalidKeyName", "--json", "--base-url", "https://e.test/"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert (record["code"], record["url"], record["former_codes"]) == (
        "InvalidObjectName", "https://e.test/oss/invalidobjectname/", ["InvalidKeyName"])


def test_explain_with_service_prefix_and_unknown_code(capsys) -> None:
    assert main(["--catalog", str(MINI), "explain", "oss/RequestTimeTooSkewed"]) == 0
    assert "  - maxcompute-api/ODPS-0410031: the same 15-minute limit on request time" in capsys.readouterr().out
    assert main(["--catalog", str(MINI), "explain", "NoSuchThing"]) == 3
    assert capsys.readouterr().err == (
        "error: no code 'NoSuchThing' in the catalog (try `errdocs lookup`, the site search, or "
        "`<service>/<code>`)\n")


def test_build_writes_the_tree_and_a_failed_build_keeps_the_old_one(catalog_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["--catalog", str(MINI), "build", "--out", str(out)]) == 0
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "oss/requesttimetooskewed.md" in before
    broken = catalog_dir({"oss.yaml": "errors: [\n"})
    assert main(["--catalog", str(broken), "build", "--out", str(out)]) == 1
    after = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_python_dash_m_errdocs_runs_without_importing_mkdocs() -> None:
    script = ("import sys, runpy; sys.argv = ['errdocs', '--catalog', %r, 'validate'];\n"
              "try:\n    runpy.run_module('errdocs', run_name='__main__')\n"
              "except SystemExit as exit:\n    print('mkdocs' in sys.modules, exit.code)" % str(MINI))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.stdout == "catalog OK: 4 codes in 2 services\nFalse 0\n"


def test_explain_finds_a_renamed_code_by_its_former_code(capsys) -> None:
    assert main(["--catalog", str(MINI), "explain", "oss/invalidkeyname"]) == 0
    assert capsys.readouterr().out.startswith("InvalidObjectName (Alibaba Cloud OSS)\n")


PASTE = ("ODPS-0420095: Access Denied - You have NO privilege 'odps:CreateInstance' on "
         "{acs:odps:*:projects/d\xffev\xc3\xa9}\n").encode("latin-1")


def test_lookup_prints_a_paste_with_invalid_utf8_on_a_strict_ascii_stdout(tmp_path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii:strict", "XDG_CACHE_HOME": str(tmp_path)}
    for extra in ([], ["--json"]):
        result = subprocess.run([sys.executable, "-m", "errdocs", "--catalog", str(MINI), "lookup", *extra],
                                input=PASTE, cwd=ROOT, env=env, capture_output=True, check=False)
        assert (result.returncode, result.stderr) == (0, b"")
        assert b"acs:odps:*:projects/d\\ufffdev\\xe9" in result.stdout
    printed = subprocess.run([sys.executable, "-m", "errdocs", "--catalog", str(MINI), "lookup", "--json",
                              os.fsdecode(PASTE.rstrip())], cwd=ROOT, env={**env, "PYTHONIOENCODING": "utf-8"},
                             capture_output=True, check=False)
    assert (printed.returncode, printed.stderr) == (0, b"")
    assert "projects/d\\udcffev\u00e9".encode() in printed.stdout


@pytest.mark.parametrize("cache", [marshal.dumps({}), marshal.dumps([]), b"not marshal", marshal.dumps({"version": VERSION}),
                                   marshal.dumps({"version": VERSION, "entries": 1}), b"\xff\xfe"])
def test_lookup_survives_a_corrupt_index_cache(tmp_path, monkeypatch, capsys, cache) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["--catalog", str(MINI), "lookup", "RequestTimeTooSkewed"]) == 0
    first = capsys.readouterr()
    files = list((tmp_path / "errdocs").glob("index-*.marshal"))
    assert len(files) == 1
    files[0].write_bytes(cache)
    assert main(["--catalog", str(MINI), "lookup", "RequestTimeTooSkewed"]) == 0
    assert capsys.readouterr() == first
    from errdocs.search_index import INDEX_FORMAT

    assert list(marshal.loads(files[0].read_bytes())) == list(INDEX_FORMAT)  # and the cache is mended


def test_lookup_prints_absolute_urls_also_as_json(capsys) -> None:
    assert main(["--catalog", str(MINI), "lookup", "--json", "--base-url", "https://e.test/x/",
                 "RequestTimeTooSkewed"]) == 0
    first = json.loads(capsys.readouterr().out)["matches"][0]
    assert (first["code"], first["url"]) == ("RequestTimeTooSkewed", "https://e.test/x/oss/requesttimetooskewed/")
    assert main(["--catalog", str(MINI), "lookup", "RequestTimeTooSkewed"]) == 0
    assert f"      {declared_site_url(ROOT / 'mkdocs.yml')}oss/requesttimetooskewed/  (score" in capsys.readouterr().out


def test_lookup_on_a_terminal_says_how_to_paste(monkeypatch, capsys) -> None:
    class Terminal:
        buffer = __import__("io").BytesIO(b"RequestTimeTooSkewed")

        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert main(["--catalog", str(MINI), "lookup"]) == 0
    assert capsys.readouterr().err == ("Paste the error text, then press Ctrl-D on an empty line (Ctrl-Z then Enter "
                                       "on Windows).\nOr pass it as an argument: errdocs lookup 'ODPS-0420095: "
                                       "Access Denied ...'\n")


def test_help_puts_user_commands_first_and_lists_the_exit_codes(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.index("  lookup ") < out.index("  explain ") < out.index("maintainer commands") < out.index("  validate ")
    for code, what in EXIT_CODES:
        assert f"  {code:<9} {what}\n" in out


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert (exit.value.code, capsys.readouterr().out) == (0, "errdocs 0.1.0\n")


@pytest.mark.parametrize("argv", [
    ["lookup"], ["lookup", "--json"], ["lookup", "ErrorCode=X"], ["lookup", "some text", "--json"],
    ["lookup", "--json", "text"], ["lookup", ""], ["lookup", "--limit", "3", "t", "--json"],
    ["lookup", "--limit", "07"],
    ["lookup", "--base-url", "https://e.test/", "t"], ["lookup", "--base-url", ""], ["lookup", "--json", "--json"],
    ["lookup", "--limit", "1", "--limit", "2"], ["lookup", "t", "--base-url", "a", "--base-url", "b"],
])
def test_a_plain_lookup_is_read_as_argparse_reads_it(argv: list[str]) -> None:
    quick = _plain_lookup(argv)
    assert quick is not None
    assert vars(quick) == vars(parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["lookup", "--help"], ["lookup", "-h"], ["--catalog", "c", "lookup"], ["explain", "X"],
    ["lookup", "a", "b"], ["lookup", "--limit"], ["lookup", "--limit", "x"], ["lookup", "--limit", "-1"],
    ["lookup", "--limit", "\u0663"], ["lookup", "--base-url", "--json"], ["lookup", "--js"], ["lookup", "--json=1"],
    ["lookup", "--", "-x"], ["lookup", "-x"], ["lookup", "--catalog", "c"],
])
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    assert _plain_lookup(argv) is None


def test_a_plain_lookup_answers_like_one_through_argparse(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setattr(bundled, "default_catalog", lambda: MINI)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["lookup", "--json", "--limit", "2", "RequestTimeTooSkewed"]) == 0
    quick = capsys.readouterr()
    assert main(["--catalog", str(MINI), "lookup", "--json", "--limit", "2", "RequestTimeTooSkewed"]) == 0
    assert capsys.readouterr() == quick
    assert json.loads(quick.out)["matches"][0]["code"] == "RequestTimeTooSkewed"


def test_only_the_most_recently_used_caches_are_kept(tmp_path, monkeypatch, capsys) -> None:
    """Every edit of a checkout's catalog makes a new cache; the oldest go, the one in use stays."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    caches = tmp_path / "errdocs"
    caches.mkdir()
    for number in range(6):
        old = caches / f"index-{number:032d}.marshal"
        old.write_bytes(b"")
        os.utime(old, ns=(number * 10**9, number * 10**9))
    unrelated = caches / "explain-old.marshal"
    unrelated.write_bytes(b"")
    assert main(["--catalog", str(MINI), "lookup", "RequestTimeTooSkewed"]) == 0
    built = {path.name for path in caches.glob("index-*.marshal")} - {f"index-{n:032d}.marshal" for n in range(6)}
    assert len(built) == 1
    assert sorted(path.name for path in caches.glob("index-*.marshal")) == sorted(
        [*built, *(f"index-{n:032d}.marshal" for n in (3, 4, 5))])
    assert unrelated.exists()

    (name,) = built
    os.utime(caches / name, ns=(0, 0))
    assert main(["--catalog", str(MINI), "lookup", "RequestTimeTooSkewed"]) == 0
    assert (caches / name).stat().st_mtime_ns > 5 * 10**9  # a lookup that uses a cache marks it used
    capsys.readouterr()
