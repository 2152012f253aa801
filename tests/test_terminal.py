"""`explain` in the terminal: plain text to a pipe; on a terminal wrapped to its width, in colour unless
NO_COLOR is set, and through the pager when the page does not fit."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from conftest import MINI, ROOT

from errdocs.terminal import find_records, plain_page

RECORD = {
    "service": "oss", "service_name": "Alibaba Cloud OSS", "code": "NoSuchKey", "title": "The key does not exist",
    "url": "oss/nosuchkey/", "former_codes": ["NoSuchObject"], "aliases": ["OSSErrorCode.NO_SUCH_KEY"],
    "facts": [["HTTP status", "404"]], "retired": "", "first_try": "Check the key's spelling.",
    "messages": [["The specified key does not exist.", ""]], "variants": [["no such key: {key}", "Printed by the SDK"]],
    "meaning": "No object has that key.", "causes": ["A typo."], "fix": ["List the bucket.", "Fix the key."],
    "related": [], "topics": [["Not found", "topics/not-found/", [["oss/NoSuchBucket", "the bucket itself"]]]],
}


def test_plain_page() -> None:
    assert plain_page(RECORD, "https://e.test/") == (
        "NoSuchKey (Alibaba Cloud OSS)\nThe key does not exist\n\nHTTP status: 404\n\n"
        "First thing to try: Check the key's spelling.\n\nMessage:\n    The specified key does not exist.\n\n"
        "Also printed as:\n    no such key: {key}\n  (Printed by the SDK)\n\nWhat it means:\nNo object has that key.\n\n"
        "Likely causes:\n  - A typo.\n\nHow to fix it:\n  1. List the bucket.\n  2. Fix the key.\n\n"
        "Topic: Not found (https://e.test/topics/not-found/)\n  - oss/NoSuchBucket: the bucket itself\n\n"
        "Page: https://e.test/oss/nosuchkey/\n")


def test_find_records_by_code_former_code_or_alias() -> None:
    other = {**RECORD, "service": "s3", "aliases": []}
    for query in ("nosuchkey", "NoSuchObject", "ossErrorCode.no_such_key", "oss/NOSUCHKEY"):
        assert find_records([RECORD], query) == [RECORD]
    assert find_records([RECORD, other], "NoSuchKey") == [RECORD, other]
    assert find_records([RECORD, other], "s3/NoSuchKey") == [other]
    assert find_records([RECORD], "oss/NoSuchBucket") == []


def on_terminal(*args: str, columns: int = 60, lines: int = 500, **env: str) -> str:
    """What `errdocs --catalog MINI explain …` shows on a terminal of that size."""
    leader, follower = pty.openpty()
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(COLUMNS=str(columns), LINES=str(lines), TERM="xterm-256color", **env)
    process = subprocess.Popen([sys.executable, "-m", "errdocs", "--catalog", str(MINI), "explain", *args],
                               stdin=follower, stdout=follower, stderr=follower, cwd=ROOT, env=environment)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the program has exited
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return output.decode("utf-8")


def visible(text: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text).replace("\r", "").splitlines()


def test_on_a_terminal_the_page_is_wrapped_and_coloured() -> None:
    shown = on_terminal("ODPS-0420095")
    assert "\x1b[1;36mWhat it means:" in shown
    lines = visible(shown)
    assert lines[0] == "ODPS-0420095 (MaxCompute API)"
    assert max(len(line) for line in lines) <= 60
    assert len(lines) > len(plain_page_of("ODPS-0420095").splitlines())  # the long lines were wrapped


def plain_page_of(code: str) -> str:
    return subprocess.run([sys.executable, "-m", "errdocs", "--catalog", str(MINI), "explain", code], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


def test_no_color_turns_colour_off() -> None:
    shown = on_terminal("ODPS-0420095", NO_COLOR="1")
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", shown)
    assert "What it means:" in shown


def test_a_page_taller_than_the_terminal_goes_through_the_pager() -> None:
    shown = on_terminal("ODPS-0420095", lines=10, PAGER="echo PAGED; cat")
    assert visible(shown)[0] == "PAGED"
    assert "What it means:" in shown


def test_a_pipe_gets_plain_text() -> None:
    text = plain_page_of("ODPS-0420095")
    assert "\x1b" not in text
    assert text.startswith("ODPS-0420095 (MaxCompute API)\nYou lack a privilege on the object\n")
