"""Stage 2: rules across fields, entries and files, each pinned with its message."""

from __future__ import annotations

import pytest
from conftest import MINI, VALID

from errdocs import validate as validate_module
from errdocs.load import LoadedFiles, load_catalog
from errdocs.problems import CatalogError
from errdocs.validate import CheckedFiles, odps_structure, validate


def problems(directory) -> list[str]:
    files = load_catalog(directory, root=directory.parent)
    with pytest.raises(CatalogError) as caught:
        validate(files)
    return [str(p) for p in caught.value.problems]


def test_the_mini_catalog_is_valid() -> None:
    validate(load_catalog(MINI))


def test_odps_structure_decodes_module_and_severity() -> None:
    assert odps_structure("ODPS-0410042") == ("Web", 2)
    assert odps_structure("ODPS-0424145") == ("Worker", 5)
    assert odps_structure("ODPS-0455551") == ("Message Service", 1)
    assert odps_structure("ODPS-0400001") == (None, 1)
    assert odps_structure("CS.11004") is None


def test_code_shape_and_duplicates(catalog_dir) -> None:
    second = VALID[VALID.index("  - code: NoSuchKey"):]
    text = VALID + second + second.replace("NoSuchKey", "no_such_key") + second.replace("NoSuchKey", "NOSUCHKEY")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:11:11: code 'NoSuchKey' appears more than once "
        "(merge the entries: several messages go under one code)",
        "catalog/oss.yaml:24:11: code 'NoSuchKey' appears more than once "
        "(merge the entries: several messages go under one code)",
        "catalog/oss.yaml:37:11: code 'no_such_key' does not match the shape of oss codes "
        "(codes here match ^[A-Z][A-Za-z]+$)",
        "catalog/oss.yaml:50:11: code 'NOSUCHKEY' has the same URL as another code "
        "(codes may not differ only by letter case or spacing)",
    ]


ODPS = """\
service:
  slug: maxcompute-api
  name: MaxCompute API
  description: API.
  code_pattern: '^ODPS-04\\d{5}$'
  sources:
    - id: odps
      title: API errors
      file: 001.txt
errors:
  - code: ODPS-0424145
    title: Delete instance conflict
    module: Scheduler
    severity: 1
    messages:
      - text: 'ODPS-0424145: Delete instance conflict'
    meaning: M.
    causes: [C.]
    fix: [F.]
    provenance: {source: odps, section: Error code reference}
"""


def test_odps_severity_and_module_must_match_the_code(catalog_dir) -> None:
    assert problems(catalog_dir({"maxcompute-api.yaml": ODPS})) == [
        "catalog/maxcompute-api.yaml:13:13: module of ODPS-0424145 is 'Scheduler', but the code's range "
        "belongs to 'Worker' (set 'module:' to 'Worker' or a sub-module such as 'Worker-...')",
        "catalog/maxcompute-api.yaml:14:15: severity of ODPS-0424145 is 1, but the code's last digit "
        "encodes 5 (set 'severity: 5')",
    ]


def test_several_messages_need_ids_and_no_duplicates(catalog_dir) -> None:
    text = VALID.replace(
        "      - text: The specified key does not exist.\n",
        "      - text: The specified key does not exist.\n"
        "      - text: The specified key does not exist.\n"
        "      - text: '   '\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:15:9: message 1 of NoSuchKey has no 'id' "
        "(a code with several messages needs an 'id' per message, used as its anchor)",
        "catalog/oss.yaml:15:15: message text appears twice in NoSuchKey (remove the duplicate message)",
        "catalog/oss.yaml:16:9: message 2 of NoSuchKey has no 'id' "
        "(a code with several messages needs an 'id' per message, used as its anchor)",
        "catalog/oss.yaml:16:15: message text appears twice in NoSuchKey (remove the duplicate message)",
        "catalog/oss.yaml:17:9: message 3 of NoSuchKey has no 'id' "
        "(a code with several messages needs an 'id' per message, used as its anchor)",
        "catalog/oss.yaml:17:15: message text is empty (copy the message verbatim from the source document)",
    ]


def test_references_must_resolve(catalog_dir) -> None:
    text = VALID.replace("      source: oss-error-codes\n      section: HTTP status code 404\n",
                         "      source: oss-docs\n      section: HTTP status code 404\n"
                         "    group: sdk\n"
                         "    related:\n"
                         "      - {code: oss/NoSuchBucket, why: other bucket}\n"
                         "      - {code: oss/NoSuchKey, why: itself}\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:22:15: unknown source 'oss-docs' (use one of: oss-error-codes)",
        "catalog/oss.yaml:24:12: unknown group 'sdk' (this service declares no groups; remove it)",
        "catalog/oss.yaml:26:16: related code 'oss/NoSuchBucket' does not exist "
        "(write it as <service-slug>/<code>, exactly as catalogued)",
        "catalog/oss.yaml:27:16: oss/NoSuchKey is related to itself (remove this relation)",
    ]


def test_service_file_name_and_slug_agree(catalog_dir) -> None:
    assert problems(catalog_dir({"s3.yaml": VALID})) == [
        "catalog/s3.yaml:2:9: service 'oss' is in the wrong file (rename the file to oss.yaml)",
    ]


RELATIONS = """\
topics:
  - slug: gone
    title: Missing things
    summary: S.
    explanation: E.
    fix: [F.]
    members:
      - {code: oss/NoSuchKey, difference: D.}
      - {code: oss/NoSuchBucket, difference: D.}
      - {code: oss/NoSuchKey, difference: D.}
  - slug: gone
    title: Again
    summary: S.
    explanation: E.
    fix: [F.]
    members:
      - {code: oss/NoSuchKey, difference: D.}
relations:
  - {a: oss/NoSuchKey, b: oss/Other, why: W.}
"""


def test_relations_file_problems_are_all_reported(catalog_dir) -> None:
    other = VALID + VALID[VALID.index("  - code: NoSuchKey"):].replace("NoSuchKey", "Other") + (
        "    related:\n      - {code: oss/NoSuchKey, why: W.}\n")
    with pytest.raises(CatalogError) as caught:  # a broken relations file: no coverage checks on top of it
        validate(load_catalog(catalog_dir({"oss.yaml": other, "relations.yaml": RELATIONS})))
    assert [str(p) for p in caught.value.problems] == [
        "catalog/relations.yaml:17:7: 'topics[1].members': tuple should have at least 2 items after "
        "validation, not 1 (Its codes, across services)",
    ]
    directory = catalog_dir({"oss.yaml": other, "relations.yaml": RELATIONS.replace(
        "    members:\n      - {code: oss/NoSuchKey, difference: D.}\nrelations:",
        "    members:\n      - {code: oss/NoSuchKey, difference: D.}\n      - {code: oss/Other, difference: D.}\n"
        "relations:")})
    assert problems(directory) == [
        "catalog/relations.yaml:2:11: topic 'gone' is declared twice (merge the topics)",
        "catalog/relations.yaml:8:16: 'oss/NoSuchKey' is listed twice in topic 'gone' (keep one)",
        "catalog/relations.yaml:9:16: topic member 'oss/NoSuchBucket' does not exist "
        "(write it as <service-slug>/<code>, exactly as catalogued)",
        "catalog/relations.yaml:10:16: 'oss/NoSuchKey' is listed twice in topic 'gone' (keep one)",
        "catalog/relations.yaml:11:11: topic 'gone' is declared twice (merge the topics)",
        "catalog/relations.yaml:20:27: relation oss/NoSuchKey <-> oss/Other is written twice "
        "(first at catalog/oss.yaml:38) (keep one: relations show on both pages)",
    ]


def test_every_code_is_related_or_standalone_on_purpose(catalog_dir) -> None:
    second = VALID[VALID.index("  - code: NoSuchKey"):]
    text = VALID + second.replace("NoSuchKey", "NoSuchBucket") + second.replace("NoSuchKey", "Lonely")
    relations = """\
topics:
  - slug: gone
    title: Missing things
    summary: S.
    explanation: E.
    fix: [F.]
    members:
      - {code: oss/NoSuchKey, message: nope, difference: D.}
      - {code: oss/NoSuchBucket, difference: D.}
standalone:
  - {code: oss/NoSuchKey, why: W.}
  - {code: oss/Missing, why: W.}
"""
    assert problems(catalog_dir({"oss.yaml": text, "relations.yaml": relations})) == [
        "catalog/oss.yaml:37:11: oss/Lonely has no topic, relation or standalone reason (add it to a topic or "
        "a relation in catalog/relations.yaml, or to 'standalone' with a reason)",
        "catalog/relations.yaml:8:40: oss/NoSuchKey has no message 'nope' (message ids: none: it has one message)",
        "catalog/relations.yaml:11:12: oss/NoSuchKey is listed as standalone but is related "
        "(remove it from 'standalone')",
        "catalog/relations.yaml:12:12: standalone code 'oss/Missing' does not exist "
        "(write it as <service-slug>/<code>, exactly as catalogued)",
    ]


def test_former_codes_may_not_take_a_live_or_claimed_url(catalog_dir) -> None:
    second = VALID[VALID.index("  - code: NoSuchKey"):].replace("NoSuchKey", "NoSuchObject")
    text = (VALID.replace("    title: The object does not exist\n",
                          "    title: The object does not exist\n    former_codes: [NoSuchObject, NoKey]\n")
            + second.replace("    title:", "    former_codes: [NOKEY]\n    title:"))
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:13:20: former code 'NoSuchObject' of NoSuchKey has the URL of a live code "
        "(a URL serves one page: keep the live code's page, or retire it instead of renaming)",
        "catalog/oss.yaml:26:20: former code 'NOKEY' of NoSuchObject already redirects to NoSuchKey "
        "(an old URL redirects to one page: keep it on one entry)",
    ]


def test_a_service_may_not_take_a_url_the_site_uses(catalog_dir) -> None:
    directory = catalog_dir({"e.yaml": VALID.replace("slug: oss", "slug: e"),
                             "about.yaml": VALID.replace("slug: oss", "slug: about")})
    assert problems(directory) == [
        "catalog/about.yaml:2:9: service slug 'about' is taken by the hand-written file docs/about.md "
        "(choose another slug: its pages would hide that URL)",
        "catalog/e.yaml:2:9: service slug 'e' is taken by the short links (e/<code>/) "
        "(choose another slug: its pages would hide that URL)",
    ]


def with_sources_and_variants(sources: str, provenance_source: str, variants: str) -> str:
    """The valid catalog with more sources after its document, its NoSuchKey citing `provenance_source`, and
    these variants."""
    text = VALID.replace("      file: 003.txt\n", "      file: 003.txt\n" + sources, 1)
    return text.replace("    provenance:\n      source: oss-error-codes\n      section: HTTP status code 404\n",
                        f"    provenance:\n      source: {provenance_source}\n      section: HTTP status code 404\n"
                        "    variants:\n" + variants)


def test_citations_name_a_declared_source_and_the_right_kind_of_place(catalog_dir) -> None:
    text = with_sources_and_variants(
        "    - id: oss-java\n      title: 'OSS SDK for Java'\n      repository: 'aliyun/aliyun-oss-java-sdk'\n"
        "    - id: both\n      title: 'Both'\n      file: x.txt\n      repository: 'a/b'\n", "oss-java",
        "      - {id: one, text: 'Not Found', origin: sdk, source: oss-error-codes, path: 'a.java'}\n"
        "      - {id: one, text: 'Not Found', origin: sdk, source: nowhere}\n"
        "      - {id: two, text: 'The specified key does not exist.', origin: server, source: oss-java,"
        " path: '../a.java'}\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:13:7: source 'both' must have exactly one of 'file', 'repository' and 'pages' ('file' "
        "for a document under shared/seeds/, 'repository' (owner/name) for code, 'pages' for the vendor's web "
        "pages)",
        "catalog/oss.yaml:29:7: 'oss-java' is a repository: cite the file as 'path' (the path of the "
        "file inside the repository)",
        "catalog/oss.yaml:32:9: 'oss-error-codes' is a document: cite its 'section' (name the section "
        "or table that holds the fact)",
        "catalog/oss.yaml:32:14: variant id 'one' is used twice in NoSuchKey (give each variant its own id)",
        "catalog/oss.yaml:32:25: variant text appears twice in NoSuchKey (keep one, citing the stronger "
        "source)",
        "catalog/oss.yaml:32:82: 'oss-error-codes' is a document, not a repository (use 'section' "
        "instead of 'path')",
        "catalog/oss.yaml:33:14: variant id 'one' is used twice in NoSuchKey (give each variant its own id)",
        "catalog/oss.yaml:33:25: variant text appears twice in NoSuchKey (keep one, citing the stronger "
        "source)",
        "catalog/oss.yaml:33:59: unknown source 'nowhere' (use one of: both, oss-error-codes, oss-java)",
        "catalog/oss.yaml:34:25: variant of NoSuchKey repeats a documented message (remove the variant: "
        "the message is already shown)",
        "catalog/oss.yaml:34:102: path '../a.java' is not inside the repository (write it relative to "
        "the repository root)",
    ]


def test_a_page_source_is_cited_page_by_page(catalog_dir) -> None:
    text = with_sources_and_variants(
        "    - id: ec-pages\n      title: 'OSS error pages'\n      pages: 'https://www.alibabacloud.com/help/en/oss/'\n"
        "    - id: no-slash\n      title: 'No slash'\n      pages: 'https://www.alibabacloud.com/help'\n",
        "oss-error-codes",
        "      - {id: one, text: 'Not here', origin: doc, source: ec-pages}\n"
        "      - {id: two, text: 'Not there', origin: doc, source: ec-pages, path: 'a/../b'}\n"
        "      - {id: three, text: 'Gone', origin: doc, source: ec-pages, path: 'x?y=1'}\n"
        "      - {id: four, text: 'Fine', origin: doc, source: ec-pages, path: 'user-guide/0017-00000804'}\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:15:14: pages 'https://www.alibabacloud.com/help' must end in '/' (the address the pages "
        "share; each citation's 'path' goes after it)",
        "catalog/oss.yaml:31:9: 'ec-pages' is the vendor's pages: cite the page as 'path' (the rest of the "
        "page's address after https://www.alibabacloud.com/help/en/oss/)",
        "catalog/oss.yaml:32:75: path 'a/../b' is not a page under https://www.alibabacloud.com/help/en/oss/ "
        "(the rest of the page's address, such as 'user-guide/0017-00000804')",
        "catalog/oss.yaml:33:72: path 'x?y=1' is not a page under https://www.alibabacloud.com/help/en/oss/ "
        "(the rest of the page's address, such as 'user-guide/0017-00000804')",
    ]


CHINESE_RELATIONS = """\
topics:
  - slug: gone
    title: Missing things
    summary: S.
    explanation: E.
    fix: [F., G.]
    zh: {title: 不存在, summary: 概要。, explanation: 说明。, fix: [修复。]}
    members:
      - {code: oss/NoSuchKey, difference: D., zh: {difference: 区别。}}
      - {code: oss/Other, difference: D.}
relations:
  - {a: oss/NoSuchKey, b: oss/Other, why: W.}
"""


def test_once_the_catalog_has_chinese_every_text_it_shows_needs_its_chinese(catalog_dir) -> None:
    """The Chinese site shows every service, code, topic, member and reason in Chinese, so once any of them has
    Chinese, all need it, each field written, with a Chinese step for every English one."""
    validate(load_catalog(catalog_dir({"oss.yaml": VALID})))  # no Chinese at all: nothing to require
    other = (VALID[VALID.index("  - code: NoSuchKey"):].replace("NoSuchKey", "Other")
             .replace("    meaning:", "    first_try: List the bucket.\n    zh: {title: 其他, terms: [其他], "
                      "meaning: ' ', causes: [一, 二], fix: [' ']}\n    meaning:"))
    text = VALID.replace("  description: Object storage.\n", "  description: Object storage.\n  zh:\n    "
                         "description: 对象存储。\n") + other
    everywhere = "in Chinese: the catalog has Chinese, so the Chinese site needs them everywhere)"
    needed = "(write it in Chinese: the catalog has Chinese, so every field is needed)"
    one_for_one = "(write one Chinese item for each English one, in the same order)"
    assert problems(catalog_dir({"oss.yaml": text, "relations.yaml": CHINESE_RELATIONS})) == [
        "catalog/oss.yaml:13:11: code NoSuchKey has no 'zh' (add 'zh:' with 'title', 'terms', 'meaning', 'causes' "
        "and 'fix' " + everywhere,
        "catalog/oss.yaml:32:9: code Other has no 'zh.first_try' " + needed,
        "catalog/oss.yaml:32:43: 'zh.meaning' of code Other is empty (write it in Chinese)",
        "catalog/oss.yaml:32:56: code Other has 2 causes in Chinese and 1 in English " + one_for_one,
        "catalog/oss.yaml:32:70: item 1 of 'zh.fix' of code Other is empty (write it in Chinese)",
        "catalog/relations.yaml:7:59: topic 'gone' has 1 fix step in Chinese and 2 in English " + one_for_one,
        "catalog/relations.yaml:10:16: member oss/Other of topic 'gone' has no 'zh' (add 'zh:' with 'difference' "
        + everywhere,
        "catalog/relations.yaml:12:9: relation oss/NoSuchKey <-> oss/Other has no 'zh' (add 'zh:' with 'why' "
        + everywhere,
    ]


NOTED = """\
service:
  slug: oss
  name: Alibaba Cloud OSS
  description: Object storage.
  zh: {description: 对象存储。}
  code_pattern: '^[A-Z][A-Za-z]+$'
  sources:
    - {id: oss-error-codes, title: OSS error codes, file: 003.txt}
  groups:
    - {id: rest, title: REST API codes}
errors:
  - code: NoSuchKey
    title: The object does not exist
    group: rest
    zh: {title: 对象不存在, terms: [对象不存在], meaning: 没有对象使用此键。, causes: [键拼写有误。], fix: [列出存储空间中的对象。]}
    messages:
      - {id: typo, text: The specified key does not exist., note: A typo.}
      - {id: gone, text: The key is gone., zh: {note: 已删除。}}
    variants:
      - {id: rare, text: Key not found., origin: doc, source: oss-error-codes, section: Examples, note: Rare.}
      - {id: old, text: No key., origin: doc, source: oss-error-codes, section: Examples, zh: {note: 旧版。}}
      - {id: new, text: Key?, origin: doc, source: oss-error-codes, section: Examples, note: New., zh: {note: 新版。}}
    meaning: No object has this key.
    causes: [A typo in the key.]
    fix: [List the bucket.]
    provenance: {source: oss-error-codes, section: HTTP status code 404, note: Two rows., zh: {note: ' '}}
"""


def test_once_the_catalog_has_chinese_group_titles_and_notes_need_their_chinese(catalog_dir) -> None:
    """The Chinese site shows group headings and the notes on messages, printed variants and provenance in Chinese
    too; a Chinese note with no English one is a mistake (the English page would lack it)."""
    assert problems(catalog_dir({"oss.yaml": NOTED})) == [
        "catalog/oss.yaml:10:12: group 'rest' of service 'oss' has no 'zh' (add 'zh:' with 'title' in Chinese: the "
        "catalog has Chinese, so the Chinese site needs them everywhere)",
        "catalog/oss.yaml:17:67: the note on message typo of code NoSuchKey has no 'zh' (add 'zh:' with 'note' in "
        "Chinese: the catalog has Chinese, so the Chinese site needs them everywhere)",
        "catalog/oss.yaml:18:48: the note on message gone of code NoSuchKey is in Chinese only (write its English "
        "'note' too, or remove 'zh')",
        "catalog/oss.yaml:20:105: the note on variant rare of code NoSuchKey has no 'zh' (add 'zh:' with 'note' in "
        "Chinese: the catalog has Chinese, so the Chinese site needs them everywhere)",
        "catalog/oss.yaml:21:95: the note on variant old of code NoSuchKey is in Chinese only (write its English "
        "'note' too, or remove 'zh')",
        "catalog/oss.yaml:26:102: 'zh.note' of the provenance note of code NoSuchKey is empty (write it in Chinese)",
    ]


def test_a_chinese_variant_note_alone_makes_the_catalog_need_chinese_everywhere(catalog_dir) -> None:
    """A variant's Chinese note is Chinese the catalog carries: the rest of the Chinese site needs its words too."""
    variant = ("    variants:\n      - {id: rare, text: Key not found., origin: doc, source: oss-error-codes, "
               "section: Examples, note: Rare., zh: {note: 少见。}}\n    meaning:")
    text = VALID.replace("    meaning:", variant)
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:2:9: service 'oss' has no 'zh' (add 'zh:' with 'description' in Chinese: the catalog has "
        "Chinese, so the Chinese site needs them everywhere)",
        "catalog/oss.yaml:11:11: code NoSuchKey has no 'zh' (add 'zh:' with 'title', 'terms', 'meaning', 'causes' "
        "and 'fix' in Chinese: the catalog has Chinese, so the Chinese site needs them everywhere)",
    ]


def test_a_search_term_may_not_repeat_the_code_or_an_alias(catalog_dir) -> None:
    text = VALID.replace("    title: The object does not exist\n",
                         "    title: The object does not exist\n    former_codes: [NoKey]\n"
                         "    terms: [' nosuchkey ', 'key gone', NOKEY]\n")
    assert problems(catalog_dir({"oss.yaml": text})) == [
        "catalog/oss.yaml:14:13: search term ' nosuchkey ' of NoSuchKey is the code (remove it: codes, "
        "aliases and messages are matched as they are; terms are the words people use for the symptom)",
        "catalog/oss.yaml:14:40: search term 'NOKEY' of NoSuchKey is a former code (remove it: codes, "
        "aliases and messages are matched as they are; terms are the words people use for the symptom)",
    ]


@pytest.mark.parametrize(("term", "problem"), [
    ("InvalidKeyName", "is a former code"),
    ("requesttimetooskewed", "names oss/RequestTimeTooSkewed"),
    ("object NAME can not  be empty", "is part of its message"),
])
def test_a_chinese_search_term_may_not_be_a_code_or_a_message_either(catalog_dir, term, problem) -> None:
    files = {path.name: path.read_text(encoding="utf-8") for path in MINI.glob("*.yaml")}
    files["oss.yaml"] = files["oss.yaml"].replace("terms: [对象名称不合法]", f"terms: [对象名称不合法, {term}]")
    assert problems(catalog_dir(files)) == [
        f"catalog/oss.yaml:65:24: search term '{term}' of InvalidObjectName {problem} (remove it: codes, "
        "aliases and messages are matched as they are; terms are the words people use for the symptom)",
    ]


def test_a_serve_session_checks_again_only_the_files_an_edit_changed(catalog_dir, monkeypatch) -> None:
    directory = catalog_dir({"oss.yaml": VALID})
    session, checked = LoadedFiles(), CheckedFiles()
    first = checked.verdict(load_catalog(directory, session=session).services[0])
    assert first.problems == () and checked.verdict(load_catalog(directory, session=session).services[0]) is first
    # The docs folder decides which slugs are taken: a new hand-written page of the slug's name is a problem.
    monkeypatch.setattr(validate_module, "slug_collision", lambda slug: "the hand-written file docs/oss.md")
    taken = checked.verdict(load_catalog(directory, session=session).services[0])
    assert [p.message for p in taken.problems] == ["service slug 'oss' is taken by the hand-written file docs/oss.md"]
    monkeypatch.undo()
    (directory / "oss.yaml").write_text(VALID.replace("code: NoSuchKey", "code: noSuchKey"), encoding="utf-8")
    edited = checked.verdict(load_catalog(directory, session=session).services[0])
    assert [p.message for p in edited.problems] == ["code 'noSuchKey' does not match the shape of oss codes"]


def test_a_serve_session_checks_search_terms_again_only_when_a_name_they_meet_changed(catalog_dir) -> None:
    """The search-term rule reads the file and the owners of its terms among every file's names: an edit of another
    file that gives one of them a new owner makes the problem appear, any other edit reuses the verdict."""
    files = {path.name: path.read_text(encoding="utf-8") for path in MINI.glob("*.yaml")}
    files["oss.yaml"] = files["oss.yaml"].replace("terms: [对象名称不合法]", "terms: [对象名称不合法, clock drift]")
    directory = catalog_dir(files)
    session, checked = LoadedFiles(), CheckedFiles()

    def oss_verdict():
        catalog = load_catalog(directory, session=session)
        validate(catalog, checked)
        oss = next(loaded for loaded in catalog.services if loaded.model.service.slug == "oss")
        return checked.search_term_problems(oss, validate_module._owners(catalog))

    first = oss_verdict()
    assert first == ()
    api = directory / "maxcompute-api.yaml"
    api.write_text(files["maxcompute-api.yaml"].replace("title: Authentication request expired",
                                                        "title: Authentication request too old"), encoding="utf-8")
    assert oss_verdict() is first
    api.write_text(files["maxcompute-api.yaml"].replace(
        "    module: Web-Authentication\n", "    module: Web-Authentication\n"
        "    aliases: [{name: Clock Drift, kind: other, source: odps-api-errors, section: Errors}]\n"),
        encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        oss_verdict()
    assert [p.message for p in caught.value.problems] == [
        "search term 'clock drift' of InvalidObjectName names maxcompute-api/ODPS-0410031"]


def test_a_verdict_with_a_timed_out_pattern_is_checked_again(catalog_dir) -> None:
    directory = catalog_dir({"oss.yaml": VALID.replace("  code_pattern: '^[A-Z][A-Za-z]+$'", "  code_pattern: '^(a|a)*$'")
                             .replace("code: NoSuchKey", "code: " + "a" * 40 + "b")})
    session, checked = LoadedFiles(), CheckedFiles()
    loaded = load_catalog(directory, session=session).services[0]
    first = checked.verdict(loaded)
    assert any(p.message.startswith("code_pattern takes more than 0.2 s") for p in first.problems)
    assert checked.verdict(loaded) is not first
