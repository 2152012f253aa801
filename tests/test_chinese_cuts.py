"""Chinese cuts kept on disk between builds (chinese_cuts.py): the same words jieba cuts, and a new file for a new
jieba or dictionary."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jieba
import pytest

from errdocs.bundled import KEPT_CACHES
from errdocs.chinese_cuts import ChineseCuts

RUNS = ["请求时间与服务器时间相差超过十五分钟", "对象名称为空或过长", "签名不匹配", "访问被拒绝"]


@pytest.fixture(scope="module")
def jieba_cut():
    """jieba's own cut, with its default dictionary loaded once for the module (a few seconds each time)."""
    tokenizer = jieba.Tokenizer()
    return lambda run: tokenizer.lcut(run, HMM=True)


@pytest.fixture
def one_tokenizer(jieba_cut, monkeypatch):
    """ChineseCuts cutting with that one tokenizer rather than a new one per instance."""
    monkeypatch.setattr(ChineseCuts, "_tokenizer", property(lambda self: type("Cutter", (), {
        "lcut": staticmethod(lambda run, HMM: jieba_cut(run))})()))


def test_kept_cuts_are_jiebas_own_and_a_later_build_reads_them_without_jieba(tmp_path: Path, monkeypatch,
                                                                           jieba_cut) -> None:
    first = ChineseCuts(tmp_path)
    assert [first.cut(run) for run in RUNS] == [jieba_cut(run) for run in RUNS]
    assert first.made == len(RUNS)
    first.save()
    assert first.made == 0 and json.loads(first.path.read_text(encoding="utf-8")) == {
        run: first.cut(run) for run in RUNS}

    later = ChineseCuts(tmp_path)
    monkeypatch.setattr(ChineseCuts, "_tokenizer", property(lambda self: pytest.fail("jieba was asked again")))
    assert [later.cut(run) for run in RUNS] == [first.cut(run) for run in RUNS]
    assert later.made == 0


def test_another_jieba_or_dictionary_reads_and_writes_another_file(tmp_path: Path, monkeypatch, one_tokenizer) -> None:
    kept = ChineseCuts(tmp_path)
    kept.cut(RUNS[0])
    kept.save()
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: real_read(path) + (b"x 1 n\n" if path == dictionary else b""))
    assert ChineseCuts(tmp_path).path != kept.path
    monkeypatch.undo()
    monkeypatch.setattr(jieba, "__version__", "0.0.1")
    assert ChineseCuts(tmp_path).path != kept.path


def test_only_the_most_recently_written_files_of_other_jiebas_stay(tmp_path: Path, one_tokenizer) -> None:
    """A file per jieba, dictionary and Python: after an upgrade, nothing else would remove the old ones."""
    for age in range(KEPT_CACHES + 2):
        old = tmp_path / f"jieba-cuts-old{age}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, ns=(age * 10**9, age * 10**9))
    (tmp_path / "index-old.marshal").write_bytes(b"")
    kept = ChineseCuts(tmp_path)
    kept.cut(RUNS[0])
    kept.save()
    newest = [f"jieba-cuts-old{age}.json" for age in range(KEPT_CACHES + 1, 2, -1)]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([kept.path.name, "index-old.marshal", *newest])


@pytest.mark.parametrize("content", ["not json", '["a list"]', '{"签名": "not a list"}', '{"签名": [1]}'])
def test_a_file_that_is_not_a_map_of_cuts_is_ignored(tmp_path: Path, content: str, one_tokenizer, jieba_cut) -> None:
    cuts = ChineseCuts(tmp_path)
    cuts.path.write_text(content, encoding="utf-8")
    assert cuts.cut("签名不匹配") == jieba_cut("签名不匹配")
    cuts.save()
    assert json.loads(cuts.path.read_text(encoding="utf-8")) == {"签名不匹配": cuts.cut("签名不匹配")}


def test_saving_keeps_what_another_process_saved_meanwhile(tmp_path: Path, one_tokenizer) -> None:
    one, other = ChineseCuts(tmp_path), ChineseCuts(tmp_path)
    one.cut(RUNS[0]), other.cut(RUNS[1])
    one.save()
    other.save()
    assert set(json.loads(other.path.read_text(encoding="utf-8"))) == {RUNS[0], RUNS[1]}


def test_a_folder_that_cannot_be_written_only_means_cutting_again(tmp_path: Path, one_tokenizer, jieba_cut) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    cuts = ChineseCuts(blocked / "cache")
    assert cuts.cut(RUNS[2]) == jieba_cut(RUNS[2])
    cuts.save()
    assert cuts.made == 1


def test_the_cuts_are_kept_beside_the_lookups_cached_data(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert ChineseCuts().path.parent == tmp_path / "errdocs"


def test_the_file_keeps_this_processs_runs_then_the_latest_others_within_the_bound(tmp_path: Path, monkeypatch,
                                                                                 one_tokenizer) -> None:
    monkeypatch.setattr("errdocs.chinese_cuts.KEPT_RUNS", 3)
    earlier = ChineseCuts(tmp_path)
    for run in RUNS:
        earlier.cut(run)
    earlier.save()  # one process's own runs are all kept, even over the bound
    assert list(json.loads(earlier.path.read_text(encoding="utf-8"))) == RUNS

    later = ChineseCuts(tmp_path)
    later.cut("分区不存在")
    later.save()  # a new run, and room for the two others kept last
    assert list(json.loads(later.path.read_text(encoding="utf-8"))) == [RUNS[2], RUNS[3], "分区不存在"]

    reader = ChineseCuts(tmp_path)
    reader.cut(RUNS[2])
    reader.save()  # nothing cut and nothing over the bound: the file stays as it was
    assert list(json.loads(reader.path.read_text(encoding="utf-8"))) == [RUNS[2], RUNS[3], "分区不存在"]


def test_a_file_over_the_bound_shrinks_though_nothing_was_cut(tmp_path: Path, monkeypatch, one_tokenizer) -> None:
    monkeypatch.setattr("errdocs.chinese_cuts.KEPT_RUNS", 2)
    kept = ChineseCuts(tmp_path)
    kept.path.write_text(json.dumps({run: [run] for run in RUNS}, ensure_ascii=False), encoding="utf-8")
    assert kept.cut(RUNS[0]) == [RUNS[0]] and kept.made == 0
    kept.save()
    assert json.loads(kept.path.read_text(encoding="utf-8")) == {RUNS[3]: [RUNS[3]], RUNS[0]: [RUNS[0]]}
    kept.path.write_text("{}", encoding="utf-8")
    kept.save()  # within the bound now, and nothing cut: not written again
    assert kept.path.read_text(encoding="utf-8") == "{}"
