"""jieba's cut of each run of Chinese text, kept on disk from one build to the next.

The paste index cuts every Chinese text of the catalog into words (search_index.py), in the builds of both
languages, and an edit changes a few texts: cutting them all again took a second or more of each build.

A cut is a pure function of the run, of jieba's code, of its dictionary and of its model of unknown words.
It is made by a tokenizer of our own with jieba's bundled dictionary (so that no other user of jieba in the
process, such as Material's search with a `jieba_dict`, changes it), with jieba's own model of words its
dictionary lacks (HMM on), as `jieba.lcut(run)` with jieba's default dictionary. Without that model a word
such as 跨域 (cross-origin) fell apart into two single characters, which say too little to be kept, and
questions about it found nothing. The cuts are kept in a file named by a digest of everything else a cut
depends on: jieba's version, the bytes of its code, of its dictionary and of that model, and Python's version;
a change of any of them reads and writes another file, so a kept cut is always the one jieba would make now
(bundled.KEPT_CACHES files stay, the most recently written).
The file is read as data only (JSON), and one that is not a map of strings to lists of strings is ignored.
Where: bundled.cache_dir(), beside the lookup's cached data; a folder that cannot be written only means the
cuts are made again.

The file keeps at most KEPT_RUNS runs: those this process cut or read, then the most recently kept others
(another checkout's catalog, a test's, a benchmark's synthetic one), oldest dropped first. Kept without a bound,
it held every text any build had ever cut: 111,434 runs and 19 MB after a day of edits and benchmarks, 1.2 s to
read in each build process, for a catalog that needs 9,767.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from functools import cached_property
from pathlib import Path

from .bundled import cache_dir, remove_old_caches

KEPT_RUNS = 20_000


def jieba_digest() -> str:
    """A digest of what a cut depends on besides its text: jieba's version, code, dictionary and model of unknown
    words, Python's version."""
    import jieba

    package = Path(jieba.__file__).parent
    hashed = hashlib.blake2b(digest_size=16)
    for part in (jieba.__version__, sys.version):
        hashed.update(part.encode("utf-8") + b"\0")
    model = tuple(f"finalseg/{part}.py" for part in ("__init__", "prob_start", "prob_trans", "prob_emit"))
    for name in ("__init__.py", "_compat.py", "dict.txt", *model):
        hashed.update(name.encode("utf-8") + b"\0" + (package / name).read_bytes() + b"\0")
    return hashed.hexdigest()


class ChineseCuts:
    """Runs of Chinese text cut into words, from the file kept for this jieba or by jieba itself."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self.made = 0  # cuts made (not read from the file) since the last save
        self.used: dict[str, None] = {}  # the runs this process asked for, in order

    @cached_property
    def path(self) -> Path:
        return (self.directory or Path(cache_dir())) / f"jieba-cuts-{jieba_digest()}.json"

    @cached_property
    def _cuts(self) -> dict[str, list[str]]:
        return _read(self.path)

    @cached_property
    def _tokenizer(self):  # noqa: ANN202 - a jieba.Tokenizer, made only when a cut is not kept
        import jieba

        if jieba.default_logger.level < logging.WARNING:
            jieba.setLogLevel(logging.WARNING)  # it logs the loading of its dictionary at DEBUG level to stderr
        return jieba.Tokenizer()

    def cut(self, run: str) -> list[str]:
        """The words of `run`, as jieba cuts them with its own dictionary and model of unknown words."""
        self.used[run] = None
        words = self._cuts.get(run)
        if words is None:
            words = self._cuts[run] = self._tokenizer.lcut(run, HMM=True)
            self.made += 1
        return words

    def save(self) -> None:
        """Keep the cuts made since the last save, with those another process kept meanwhile, within KEPT_RUNS
        (one file replaced in one step: a reader sees the old or the new file, never half of one)."""
        if not self.made and len(self._cuts) <= max(KEPT_RUNS, len(self.used)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            merged = {**_read(self.path), **self._cuts}
            others = [run for run in merged if run not in self.used]
            others = others[max(0, len(others) - max(0, KEPT_RUNS - len(self.used))):]
            merged = {run: merged[run] for run in (*others, *self.used)}
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".jieba-cuts-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(merged, out, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, self.path)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
        except (OSError, ValueError):
            return
        # Another jieba or dictionary wrote its own file; only the most recently used few stay.
        remove_old_caches(str(self.path.parent), "jieba-cuts-", ".json")
        self.made = 0
        self._cuts.clear()
        self._cuts.update(merged)


def _read(path: Path) -> dict[str, list[str]]:
    """The cuts kept at `path`, or none if it is missing or not a map of strings to lists of strings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not all(
            isinstance(words, list) and all(isinstance(word, str) for word in words) for words in data.values()):
        return {}
    return data


# The cuts of this process: the paste index of each build reads and adds to them (search_index, search_script).
CUTS = ChineseCuts()
