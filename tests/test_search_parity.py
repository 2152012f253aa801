"""One matcher, two runtimes: the site's JavaScript (under Node) and the CLI's Python give the same answers.

Like rustdoc's search tests (src/tools/rustdoc-js), the browser's own file is run under Node on the real
pastes, the fixture pastes and Hypothesis-generated text: same pages in the same order, same scores,
anchors, matched text, confidence, named products and details."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_quality import pastes, real_pastes

from errdocs.pipeline import read_catalog
from errdocs.search import MAX_CHARS, details, match
from errdocs.search_index import build_index

RUNNER = ROOT / "tests" / "js" / "run_matcher.js"
INDEX = build_index(read_catalog(ROOT / "catalog"))

# Pieces that drive the matcher's branches: codes and numbers with and without context, aliases, typos,
# headers to decode, Chinese, placeholders, every kind of space and case the two languages treat apart.
FRAGMENTS = st.sampled_from([
    "ErrorCode=", "<Code>", "</Code>", "ODPS-0420095", "ODPS-042095", "ODPS-0130071", "CS.11004", "cs.1100",
    "x-oss-err: PEVycm9yPjxDb2RlPk5vU3VjaEtleTwvQ29kZT48L0Vycm9yPg", "x-oss-ec: 0026-00000001", "code: ",
    "错误码 ", "4004", "1001", "NoSuchBuckett", "RequestTimeTooSkew", "oss2.exceptions.NoSuchKey", "x-amz-",
    "Local Error", "local error", "Connection reset", "yr.", "tunnel", "oss", "loss", "文件不存在", "签名错误",
    "instance id is empty.", "{0}", "xxxx", "%s", "\u00a0", "\u2028", "\u3000", "\x1c", "\ufeff", "\x00",
    "İ", "ǅ", "K", "𝔘", "😀", "ſ", "\r\n", "\t", "403", "404 Not Found", "The specified key does not exist.",
    "MissingSecurityToken", "\"code\":\"", "报错code=", "errcode: ", "invaild", "exsits", "Signatrue", "abcde", "request failed: ",
    "\\u003cCode\\u003e", "\\u8bf7\\u6c42", "\\ud83d\\ude00", "\\\"", "\\n", "\\\\u0041",
    "functionName [", "] and aliasName [", "分区配置错误, 您所配置的分区:", " 的级数:",
    "Method Not Allowed", "odps报错：",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40)
                  .map("".join))


def in_node(texts: list[str], index: dict = INDEX) -> list[dict]:
    assert shutil.which("node"), "Node is missing: `make test` installs Debian's nodejs with npm"
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump({"index": index, "pastes": texts}, handle, ensure_ascii=False)
    try:
        done = subprocess.run(["node", str(RUNNER), handle.name], capture_output=True, text=True, check=True,
                              encoding="utf-8")
    finally:
        Path(handle.name).unlink()
    return json.loads(done.stdout)


def in_python(texts: list[str]) -> list[dict]:
    return [{"result": match(INDEX, text), "details": details(text)} for text in texts]


def test_real_and_fixture_pastes_get_the_same_answer_in_both() -> None:
    texts = [p.text for p in real_pastes()] + [p.text for p in pastes()]
    for text, python, node in zip(texts, in_python(texts), in_node(texts), strict=True):
        assert node == python, text[:200]


def test_long_and_odd_pastes_are_cut_and_spaced_alike() -> None:
    texts = ["😀" * (MAX_CHARS + 5) + " NoSuchKey", "a" * (MAX_CHARS - 1) + "😀ODPS-0420095",
             "x-oss-err: PEVycm9yPjxDb2RlPk5vU3VjaEtleTwvQ29kZT48L0Vycm9yPg==",
             "x-oss-err: PEVycm9yPjxDb2RlPk5vU3VjaEtleTwvQ29kZT48L0Vycm9yPg", "x-oss-err: //79/w",
             # templates written with their values and cut off, one with a value beyond the BMP
             "functionName [😀f1] and aliasName [a1] do not",
             # cut off inside a part, and inside one with a value beyond the BMP before it
             "functionName [f1] and alias", "functionName [😀f1] and alias", "cpuLimit (😀4) must b",
             "分区配置错误, 您所配置的分区:pt=1 的级数:2 与您要读取的",
             # an HTTP reason phrase as a message: confident only beside a sign of the service
             "odps报错：Method Not Allowed", "WebDAV报错：Method Not Allowed",
             "code:\u00a04004", "😀" * 30 + "code: 4004", "\x1c4004\x1c", "ERRORCODE=nosuchkey\u2028oss",
             # quoted runs: the message as the 16th and as the 17th, past MAX_QUOTED
             "报错".join([f"a sentence number {n:02d} here" for n in range(15)] + ["project not found"]),
             "报错".join([f"a sentence number {n:02d} here" for n in range(16)] + ["project not found"]),
             # a typo as the 400th unknown word, and as the 401st, past max_query_terms
             " ".join(f"zq{a}{b}{c}" for a in "abcfhjkm" for b in "abcfhjkm" for c in "abcfhjk")[:399 * 6] + " invaild",
             " ".join(f"zq{a}{b}{c}" for a in "abcfhjkm" for b in "abcfhjkm" for c in "abcfhjk")[:400 * 6] + " invaild"]
    assert in_node(texts) == in_python(texts)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(TEXTS, min_size=40, max_size=40))
def test_generated_text_gets_the_same_answer_in_both(texts: list[str]) -> None:
    assert in_node(texts) == in_python(texts)


def test_a_reader_refuses_an_index_of_another_version() -> None:
    with pytest.raises(ValueError, match="search index version 1, expected 11"):
        match({**INDEX, "version": 1}, "NoSuchKey")
    with pytest.raises(subprocess.CalledProcessError):
        in_node(["NoSuchKey"], {**INDEX, "version": 1})
