"""The matcher behind `lookup` and the site's search layer: ranking, confidence, details, hostile input."""

from __future__ import annotations

import random
import shutil

import pytest
from conftest import MINI

from errdocs.pipeline import read_catalog
from errdocs.search import (MAX_CHARS, OTHER_CODE, S3_LIKE, chinese_words, details, match, quoted_texts, tokens,
                            typo_fixed, with_decoded_escapes)
from errdocs.search_index import _chinese_words, build_index


@pytest.fixture(scope="module")
def index() -> dict:
    return build_index(read_catalog(MINI))


def top(index: dict, text: str) -> tuple[str | None, bool]:
    result = match(index, text)
    matches, confident = result["matches"], result["confident"]
    return (f"{matches[0]['service']}/{matches[0]['code']}" if matches else None), confident


def test_tokens_keep_dotted_names_and_their_parts() -> None:
    assert tokens("oss2.exceptions.NoSuchKey: CS.11004 ODPS-0420095") == [
        "oss2.exceptions.nosuchkey", "oss2", "exceptions", "nosuchkey", "oss2.exceptions", "exceptions.nosuchkey",
        "cs.11004", "cs", "11004", "odps-0420095", "odps", "0420095"]


@pytest.mark.parametrize("text", [
    "ODPS-0420095", "odps-0420095", "com.aliyun.odps.OdpsException: ODPS-0420095: Access Denied",
    "报错 ODPS-0420095: Access Denied 怎么办",
])
def test_code_in_any_case_and_context(index, text) -> None:
    assert top(index, text) == ("maxcompute-api/ODPS-0420095", True)


def test_message_without_code_finds_the_variant_anchor(index) -> None:
    result = match(index, "Length of Object name must be less than 1024 oss")
    matches, confident = result["matches"], result["confident"]
    assert (matches[0]["url"], confident) == ("oss/invalidobjectname/#message-too-long", True)


@pytest.mark.parametrize(("written", "confident"), [
    ("ErrorCode=MissingSecurityToken, ErrorMessage=", False), ('"code": "Forbidden.RAM", "message": "', False),
    ("<Code>ParseError</Code><Message>", False), ("ErrorCode=InvalidObjectName, ErrorMessage=", True),
    ("status code=403, message=", True), ("barcode: nothing, message=", True),
])
def test_a_message_beside_a_code_that_is_none_of_ours_is_not_confident(index, written, confident) -> None:
    """The message still ranks its page first; only a code of ours, or none, lets it be the answer, and a code
    of someone else's is named as another product would be."""
    result = match(index, written + "Length of Object name must be less than 1024 oss")
    assert (result["matches"][0]["code"], result["confident"], result["foreign"]) == (
        "InvalidObjectName", confident, [] if confident else [OTHER_CODE])


def test_a_code_of_ours_written_beside_someone_elses_is_still_the_answer(index) -> None:
    assert top(index, "<Code>RequestTimeTooSkewed</Code> code: Local") == ("oss/RequestTimeTooSkewed", True)


def test_xml_body_with_code_tag(index) -> None:
    body = "<Error><Code>RequestTimeTooSkewed</Code><RequestId>5C3D9175B6FC201293AD4890</RequestId></Error>"
    assert top(index, body) == ("oss/RequestTimeTooSkewed", True)


def test_other_vendors_are_never_confident(index) -> None:
    s3 = ("<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and "
          "the current time is too large.</Message><HostId>x.s3.amazonaws.com</HostId></Error>")
    assert top(index, s3) == ("oss/RequestTimeTooSkewed", False)


@pytest.mark.parametrize(("host_id", "claimed"), [
    ("dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8", False),  # MinIO: a hex hash
    ("CQl85Ol1ejSfxwCFffw880W3OsDNI+FtTYPrQFjJVtM6vmd4pWJaOCuNEWtZPUfjhYRHBy", False),  # Amazon S3: base64
    ("examplebucket.oss-cn-beijing.aliyuncs.com", True),  # OSS names its host
    ("xxxxxxxxxxxx", True),  # redacted: says nothing
])
def test_a_hashed_host_id_is_another_store(index, host_id, claimed) -> None:
    body = (f"<Error><Code>RequestTimeTooSkewed</Code><RequestId>5C3D9175B6FC201293AD4890</RequestId>"
            f"<HostId>{host_id}</HostId></Error> oss")
    result = match(index, body)
    assert (result["matches"][0]["code"], result["confident"]) == ("RequestTimeTooSkewed", claimed)
    assert result["foreign"] == ([] if claimed else [S3_LIKE])


@pytest.mark.parametrize(("printed", "claimed"), [
    ("status code: 403, request id: 3F1B1A2C, host id: xXxyej9r7aEwqjbR+yHlbIODeDRUKp+BQfxD8oscN/vm7ovV", False),  # Go v1
    ("HostID: 9HFEwhU0nHSbNxlWuxD3isgnKdbqi2VGKMHKahGUu+ZsGF21jgAaKnVhU+, api error", False),  # Go v2
    ("{'HostId': 'LClavePEyQIVsVaxdyjQTJDywRRIPjGm'}", False),  # a dict printed by Python
    ("HostID: xxxx.oss-cn-hongkong.aliyuncs.com, api error", True),  # OSS behind an S3 SDK names its host
    ("[HostId]: oss-cn-shanghai.aliyuncs.com:443", True),  # a host with its port
    ("'HostId': 'xxxxxxxxxxxxxxxx'", True),  # redacted
    ("[HostId]: null", True),
])
def test_a_hashed_host_id_printed_by_an_sdk(index, printed, claimed) -> None:
    result = match(index, f"<Code>RequestTimeTooSkewed</Code> oss {printed}")
    assert result["foreign"] == ([] if claimed else [S3_LIKE])


@pytest.mark.parametrize(("host_id", "claimed"), [
    ('"HostId":"alidns.aliyuncs.com"', False),  # Alibaba Cloud DNS's API
    ("<HostId>ecs.ap-northeast-1.aliyuncs.com</HostId>", False),
    ("<HostId>examplebucket.oss-cn-beijing.aliyuncs.com</HostId>", True),  # every OSS host has an `oss` label
    ("[HostId]: oss-cn-shanghai.aliyuncs.com", True),
    ("<HostId>xxxx.aliyuncs.com</HostId>", True),  # redacted
])
def test_another_alibaba_cloud_api_names_its_own_host(index, host_id, claimed) -> None:
    result = match(index, f"<Code>RequestTimeTooSkewed</Code> {host_id}")
    assert result["foreign"] == ([] if claimed else ["another Alibaba Cloud API"])


def test_nothing_found_for_unrelated_text(index) -> None:
    assert match(index, "hello world, everything is fine") == {"matches": [], "confident": False, "foreign": []}


def test_details_read_from_the_paste() -> None:
    body = ("<Error><Code>RequestTimeTooSkewed</Code><RequestId>5C3D9175B6FC201293AD4890</RequestId>"
            "<RequestTime>2026-11-22T10:00:00.000Z</RequestTime><ServerTime>2026-11-22T10:17:30.000Z</ServerTime>"
            "<EC>0002-00000504</EC></Error>")
    assert details(body) == {"request_id": "5C3D9175B6FC201293AD4890", "ec": "0002-00000504",
                             "request_time": "2026-11-22T10:00:00.000Z", "server_time": "2026-11-22T10:17:30.000Z"}
    odps = "ODPS-0420095: Access Denied - You have NO privilege 'odps:CreateInstance' on {acs:odps:*:projects/dev}"
    assert details(odps) == {"privilege": "odps:CreateInstance", "object": "acs:odps:*:projects/dev"}
    assert details("x-oss-ec: 0003-00000001") == {"ec": "0003-00000001"}


@pytest.mark.parametrize("text", [
    "A" * 1_000_000,
    "ODPS-0420095 " * 100_000,
    "<" * 500_000 + ">",
    "(" * 50_000 + "a" * 50_000 + ")" * 50_000,
    "code: " * 200_000,
    "privilege '" * 100_000,
    "".join(chr(random.Random(7).randrange(0, 0x10FFFF) % 0xD800) for _ in range(200_000)),
    "<script>alert(1)</script>" * 10_000,
])
def test_hostile_input_is_cut_and_answered(index, text) -> None:
    result = match(index, text)
    matches, confident = result["matches"], result["confident"]
    assert len(matches) <= 5 and isinstance(confident, bool)
    assert set(details(text)) <= {"request_id", "ec", "privilege", "object", "request_time", "server_time"}


def test_binary_bytes_decoded_by_the_cli_do_not_crash(index) -> None:
    raw = bytes(range(256)) * 1000
    match(index, raw.decode("utf-8", errors="replace"))
    assert len(raw.decode("utf-8", errors="replace")[:MAX_CHARS]) == MAX_CHARS


def test_the_index_has_exactly_the_declared_fields(index) -> None:
    from errdocs.search_index import INDEX_FORMAT

    assert list(index) == list(INDEX_FORMAT)
    assert index["version"] == 11 and set(index["weights"]) >= {"code", "alias", "message", "prose", "hint"}


def test_typos_and_cut_short_codes_are_possible_matches(index) -> None:
    assert top(index, "RequestTimeTooSkew") == ("oss/RequestTimeTooSkewed", False)
    assert top(index, "RequestTimeTooSkwed oss") == ("oss/RequestTimeTooSkewed", False)
    assert top(index, "error ODPS-042095") == ("maxcompute-api/ODPS-0420095", False)


def test_a_word_with_two_neighbouring_letters_swapped_is_read_as_the_word_it_misspells() -> None:
    known = {"prose": {"invalid": [], "exist": [], "bacde": [], "from": []}, "idf": {"signature": 1.0, "abdce": 1.0},
             "weights": {"swap_min": 5, "max_query_terms": 400}}
    assert typo_fixed(["invaild", "exsit", "signatrue"], known) == ["invalid", "exist", "signature"]
    # known, shorter than swap_min, with a digit, or two known words one swap away: left as written
    assert typo_fixed(["invalid", "form", "inva1ld", "abcde", "zzzzzz"], known) == [
        "invalid", "form", "inva1ld", "abcde", "zzzzzz"]
    assert typo_fixed(["invalid", "invaild"], known) == ["invalid"]
    # only the first max_query_terms unknown words are tried
    assert typo_fixed(["zzzzzz", "invaild", "exsit"], {**known, "weights": {"swap_min": 5, "max_query_terms": 2}}) == [
        "zzzzzz", "invalid", "exsit"]


def test_a_misspelt_word_finds_what_the_word_finds(index) -> None:
    for typo, word in (("invaild", "invalid"), ("reqeust expierd", "request expired")):
        text = "the object name is {}, authentication {}"
        assert match(index, text.format(typo, typo)) == match(index, text.format(word, word))


def test_an_s3_like_code_needs_a_sign_of_oss_to_be_confident(index) -> None:
    assert top(index, "<Code>RequestTimeTooSkewed</Code>") == ("oss/RequestTimeTooSkewed", True)
    result = match(index, "An error occurred (RequestTimeTooSkewed) when calling the PutObject operation: botocore")
    assert (result["matches"][0]["code"], result["confident"], result["foreign"]) == (
        "RequestTimeTooSkewed", False, ["Amazon S3"])


def test_a_message_that_is_an_http_reason_phrase_needs_a_sign_of_its_service(tmp_path) -> None:
    """`ODPS-0420081: Method not allowed` without its code is what any web server answers (a WebDAV store's
    "Method Not Allowed" was a confident MaxCompute answer): it still ranks the page first, but is confident
    only beside a sign of the service."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    api = catalog / "maxcompute-api.yaml"
    api.write_text(api.read_text(encoding="utf-8")
                   .replace("ODPS-0410031: Authentication request expired", "ODPS-0410031: Method not allowed")
                   .replace("  code_pattern:", "  search_hints: ['odps']\n  code_pattern:"), encoding="utf-8")
    built = build_index(read_catalog(catalog))
    assert {m["t"]: m.get("g") for m in built["messages"] if m["t"].startswith("ODPS-")} == {
        "ODPS-0410031: Method not allowed": 1, "ODPS-0420095: Access Denied": None}
    assert top(built, "Method Not Allowed") == ("maxcompute-api/ODPS-0410031", False)
    assert top(built, "WebDAV报错：Method Not Allowed") == ("maxcompute-api/ODPS-0410031", False)
    assert top(built, "odps报错：Method Not Allowed") == ("maxcompute-api/ODPS-0410031", True)
    assert top(built, "ODPS-0410031: Method not allowed") == ("maxcompute-api/ODPS-0410031", True)
    assert match(built, "Method Not Allowed")["matches"][0]["reasons"] == ["message"]
    unflagged = {**built, "messages": [{k: v for k, v in m.items() if k != "g"} for m in built["messages"]]}
    assert top(unflagged, "Method Not Allowed") == ("maxcompute-api/ODPS-0410031", True)


def test_other_odps_families_are_named_not_claimed(index) -> None:
    result = match(index, "FAILED: ODPS-0130071:[1,8] Semantic analysis exception - ODPS-0420095")
    assert result["confident"] is False
    assert result["foreign"] == ["a MaxCompute error family this reference does not cover (only ODPS-04 codes are here)"]


def test_a_chinese_question_finds_the_page_by_our_chinese_terms(index) -> None:
    assert top(index, "上传文件时报错，提示时间不同步怎么办")[0] == "oss/RequestTimeTooSkewed"


def test_a_chinese_question_quoting_a_message_finds_it_as_if_pasted_alone(index) -> None:
    """Three words of a message written with its code: alone they would be too few to count (scattered_words)."""
    for question in ("读取时提示“Authentication request expired”", "读取时提示 Authentication request expired"):
        assert top(index, question) == ("maxcompute-api/ODPS-0410031", True)


def test_quoted_texts_are_the_paste_and_its_runs_between_chinese() -> None:
    assert quoted_texts("提示“authentication request expired”，怎么办？ 'short one'") == [
        "提示“authentication request expired”，怎么办？ 'short one'", "authentication request expired"]
    assert quoted_texts("authentication request expired") == ["authentication request expired"]
    assert quoted_texts("too short") == []
    runs = [f"a sentence number {n:02d} here" for n in range(20)]
    assert quoted_texts("报错".join(runs)) == runs[:16]


def test_a_message_beside_another_code_of_its_service_counts_half(index) -> None:
    """The paste writes InvalidObjectName with RequestTimeTooSkewed's whole message: the written code wins, and
    the message's code stays a possible match."""
    message = "The difference between the request time and the current time is too large."
    alone = {m["code"]: m["score"] for m in match(index, message)["matches"]}
    beside = {m["code"]: m["score"] for m in match(index, "InvalidObjectName: " + message)["matches"]}
    assert list(beside)[:2] == ["InvalidObjectName", "RequestTimeTooSkewed"]
    # The whole message: 10, 3 for the whole literal, 0.01 a character of it; half of that beside another code.
    assert abs(alone["RequestTimeTooSkewed"] - beside["RequestTimeTooSkewed"] - (10 + 3 + 0.77) / 2) < 0.02


def test_operation_names_rank_their_service_but_are_no_sign_of_it(tmp_path) -> None:
    """`when calling the PutObject operation` says object storage: OSS or Amazon S3. It ranks OSS pages higher
    and leaves the answer a possible match until the paste shows OSS itself."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    oss = catalog / "oss.yaml"
    oss.write_text(oss.read_text(encoding="utf-8").replace("errors:\n", (
        "  operations:\n    - source: aliyun-oss-java-sdk\n      path: src/main/java/Example.java\n"
        "      names: [PutObject, GetObject]\n  codes_need_context: true\nerrors:\n"), 1), encoding="utf-8")
    built = build_index(read_catalog(catalog))
    assert built["operations"] == [["oss", ["getobject", "putobject"]]]
    text = "An error occurred (RequestTimeTooSkewed) when calling the PutObject operation"
    result = match(built, text)
    assert (result["matches"][0]["code"], result["matches"][0]["reasons"], result["confident"]) == (
        "RequestTimeTooSkewed", ["code", "operation"], False)
    assert match(built, text + " EC: 0002-00000504")["confident"] is True  # the detail code shows OSS
    assert match(built, "PutObjectRequest RequestTimeTooSkewed")["matches"][0]["reasons"] == ["code", "operation"]
    assert match(built, "reputobject RequestTimeTooSkewed")["matches"][0]["reasons"] == ["code"]


def index_with_template(tmp_path, variant_id: str, text: str) -> dict:
    """The index of the mini catalog with one more printed template under RequestTimeTooSkewed."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    oss = catalog / "oss.yaml"
    oss.write_text(oss.read_text(encoding="utf-8").replace("    variants:\n      - id: skewed-sdk\n", (
        f"    variants:\n      - id: {variant_id}\n        text: '{text}'\n        template: true\n"
        "        origin: sdk\n        source: aliyun-oss-java-sdk\n        path: 'src/main/java/com/aliyun/oss/Example.java'\n"
        "        note: A made-up SDK text, for the tests.\n        zh: {note: 为测试编写的 SDK 文本。}\n"
        "      - id: skewed-sdk\n"), 1), encoding="utf-8")
    return build_index(read_catalog(catalog))


def test_a_message_of_few_telling_words_counts_for_their_share(tmp_path) -> None:
    """A template such as `request failed: {reason}` is whole in any log that says "request failed": it counts
    for the share its words' weight is of `message_information`, and the specific text beside it wins."""
    built = index_with_template(tmp_path, "generic", "request failed: {reason}")
    generic = next(m for m in built["messages"] if m["t"] == "request failed: {reason}")
    information = sum(built["idf"][word] for word in generic["w"]) / built["weights"]["message_information"]
    assert information < 1
    text = "request failed: The Object name can not be empty."
    assert match(built, text)["matches"][0]["code"] == "InvalidObjectName"
    alone = match(built, "request failed: xyz")["matches"][0]
    counted_whole = {**built, "weights": {**built["weights"], "message_information": 0.001}}
    whole = match(counted_whole, "request failed: xyz")["matches"][0]
    assert alone["code"] == whole["code"] == "RequestTimeTooSkewed"
    # 10 for the message, 3 for its whole literal, 0.01 a character of it: all of it, or its share
    assert abs(whole["score"] - alone["score"] - (10 + 3 + 0.01 * len("request failed:")) * (1 - information)) < 0.02


def test_a_body_logged_as_a_quoted_string_is_read_as_the_body(index) -> None:
    assert with_decoded_escapes(r'\u003cCode\u003eX\u003c/Code\u003e \u8bf7\u6c42 \"q\" a\nb\tc\r') == (
        '<Code>X</Code> 请求 "q" a\nb\tc\r')
    # half of a surrogate pair and other escapes are left as written; an escaped backslash is not undone first
    assert with_decoded_escapes(r"\ud83d\ude00 \/ \x41 \\u0041") == r"\ud83d\ude00 \/ \x41 \A"
    go = r'"body": "\u003cError\u003e\n  \u003cCode\u003eRequestTimeTooSkewed\u003c/Code\u003e\n\u003c/Error\u003e"'
    plain = "<Code>RequestTimeTooSkewed</Code>"
    assert match(index, go)["matches"][0]["reasons"] == match(index, plain)["matches"][0]["reasons"] == ["code"]
    escaped = r'"\u003cRequestId\u003e5A44D439888183B3BCB9F742\u003c/RequestId\u003e\u003cEC\u003e0002-00000504\u003c/EC\u003e"'
    assert details(escaped) == {"request_id": "5A44D439888183B3BCB9F742", "ec": "0002-00000504"}


def test_a_cut_off_message_counts_the_share_of_its_literal_text_it_covers(index) -> None:
    """The paste a piece of a message (a log cut short) is a literal match too: 3 for the square of the share of
    the message it covers, and 0.01 a character of the piece, as the whole message gets 3 and 0.01 a character."""
    message = next(m for m in index["messages"] if m["t"].startswith("The difference between"))
    piece = "The difference between the request time and the curr"
    without = {**index, "weights": {**index["weights"], "literal_whole": 0.0, "literal_per_char": 0.0}}
    scored, unscored = match(index, piece)["matches"][0], match(without, piece)["matches"][0]
    assert scored["code"] == unscored["code"] == "RequestTimeTooSkewed"
    covered = len(piece) / message["l"]
    assert 0.6 < covered < 0.8
    assert abs(scored["score"] - unscored["score"] - (3 * covered * covered + 0.01 * len(piece))) < 0.02


def test_a_filled_template_cut_off_counts_its_first_parts_as_literal(tmp_path) -> None:
    """A template written with its values and cut short is no piece of any one literal part: its first parts,
    found in the paste in order, and the start of the next one where the paste ends with it, PIECE_MIN (16)
    characters or more together, count as the literal it covers."""
    built = index_with_template(tmp_path, "behind", "Clock of host {host} is behind the server by {seconds} seconds")
    message = next(m for m in built["messages"] if m["t"].startswith("Clock of host"))
    assert message["x"] == ["clock of host", "is behind the server by", "seconds"] and message["l"] == 43
    without = {**built, "weights": {**built["weights"], "literal_whole": 0.0, "literal_per_char": 0.0}}

    def gained(text: str) -> float:
        scored, unscored = match(built, text)["matches"][0], match(without, text)["matches"][0]
        assert scored["code"] == unscored["code"] == "RequestTimeTooSkewed"
        return scored["score"] - unscored["score"]

    covered = 36 / 43  # `clock of host` and `is behind the server by`, the last part cut off
    assert abs(gained("Clock of host web-1 is behind the server by 93") - (3 * covered ** 2 + 0.01 * 36)) < 0.02
    # the first part alone is too short to tell, and parts out of order are no literal text
    assert gained("Clock of host web-1 skewed") == 0.0
    assert gained("is behind the server by 93; clock of host web-1") == 0.0
    # cut off inside the second part: `clock of host` and `is behind the ser`
    cut = len("clock of host") + len("is behind the ser")
    assert abs(gained("Clock of host web-1 is behind the ser") - (3 * (cut / 43) ** 2 + 0.01 * cut)) < 0.02
    # only where the paste ends: a paste that goes on is another text that begins alike
    assert gained("Clock of host web-1 is behind the ser, retrying") == 0.0


def test_chinese_question_words_are_no_evidence(tmp_path) -> None:
    """报错 ("it reports an error") is in every Chinese question: the index gives it no postings."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    oss = catalog / "oss.yaml"
    oss.write_text(oss.read_text(encoding="utf-8").replace("'时钟偏差']", "'时钟偏差', '上传报错']", 1), encoding="utf-8")
    built = build_index(read_catalog(catalog))
    assert "上传" in built["prose"] and "报错" not in built["prose"]


def test_chinese_is_cut_into_the_longest_words_of_the_vocabulary() -> None:
    """From the left, the longest known word; a character no known word starts with is skipped, and a word is
    listed once, where it first appears."""
    vocabulary = {"删除", "删除存储空间", "存储", "空间", "文件"}
    assert chinese_words("删除存储空间时报错, 文件不存在 删除", vocabulary) == ["删除存储空间", "文件", "删除"]
    assert chinese_words("删除存储", vocabulary) == ["删除", "存储"]
    assert chinese_words("no chinese", vocabulary) == [] and chinese_words("删除", set()) == []


def test_our_chinese_keeps_a_negation_with_its_word() -> None:
    """jieba cuts 不存在 (not found) and 已存在 (already exists) into 不 存在 and 已 存在: both would be 存在."""
    assert _chinese_words("文件不存在，存储空间已存在，服务未开通，没有权限") == (
        "文件", "不存在", "存储空间", "已存在", "服务", "未开通", "没有", "权限")


def test_the_index_vocabulary_is_the_chinese_words_it_has_postings_for(index) -> None:
    """The catalog's Chinese is cut by jieba at build time; the paste is cut into the very same words."""
    assert index["chinese_words"] == sorted(term for term in index["prose"] if not term.isascii())
    assert "时间" in index["chinese_words"] and all(len(word) >= 2 for word in index["chinese_words"])


def test_a_detail_code_is_a_sign_of_its_service(index) -> None:
    """An OSS `EC` code belongs to OSS alone: the index lists it with the service's hints, so a bare one counts
    as the paste showing OSS (which services whose codes others share need for a confident answer)."""
    assert dict(index["hints"])["oss"][-1:] == ["0002-00000504"]
    assert top(index, "EC 0002-00000504")[0] == "oss/RequestTimeTooSkewed"
