"""Scoring pastes: shared by the CLI test, the browser test and the benchmark, reported per service and kind.

Two sets. `real_pastes()` are errors and questions other people wrote, each with its source, split once
into a development half (to look at while tuning) and a test half (only scored): its test half gives the
quality figures. `pastes()` are the synthetic fixtures built around the catalog's own messages: a format
and regression check, never a quality figure."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

PASTES = Path(__file__).resolve().parent / "fixtures" / "pastes.yaml"
REAL_PASTES = Path(__file__).resolve().parent / "fixtures" / "real-pastes.yaml"
REPORTS: list[str] = []
CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Paste:
    kind: str
    expect: str | None
    text: str
    source: str = ""
    split: str = ""
    product: str = ""

    @property
    def language(self) -> str:
        """`zh` for a paste with Chinese in it (a Chinese question or log line), else `en`."""
        return "zh" if CHINESE.search(self.text) else "en"

    @property
    def form(self) -> str:
        """`question` (a person's words, in either language) or `printed` (what a program printed: a trace, a
        body, a log line...). The two land first at different rates whatever the language, and Chinese pastes
        are mostly questions, so languages are compared form by form."""
        return "question" if self.kind.startswith("question") else "printed"


def pastes() -> list[Paste]:
    data = YAML(typ="safe").load(PASTES.read_text(encoding="utf-8"))
    return [Paste(item["kind"], item.get("expect"), item["text"]) for item in data["pastes"]]


def real_pastes(split: str | None = None) -> list[Paste]:
    """The real pastes, or one half of them (`dev` or `test`)."""
    data = YAML(typ="safe").load(REAL_PASTES.read_text(encoding="utf-8"))
    items = [Paste(item["kind"], item.get("expect"), item["text"], item["source"], item["split"],
                   item.get("product") or "") for item in data["pastes"]]
    return [p for p in items if split is None or p.split == split]


@dataclass(frozen=True)
class Outcome:
    paste: Paste
    ranked: list[str]
    confident: bool

    @property
    def first(self) -> bool:
        return bool(self.ranked) and self.ranked[0] == self.paste.expect

    @property
    def top3(self) -> bool:
        return self.paste.expect in self.ranked[:3]


def outcomes_of(index: dict, items: list[Paste]) -> list[Outcome]:
    """Each paste through the CLI's matcher: the pages it ranks and whether it is confident."""
    from errdocs.search import match

    out = []
    for paste in items:
        result = match(index, paste.text)
        out.append(Outcome(paste, [f"{m['service']}/{m['code']}" for m in result["matches"]], result["confident"]))
    return out


def report(title: str, outcomes: list[Outcome], misses: bool = True) -> dict[str, float]:
    """Figures per service and per kind of paste; the lines go to pytest's terminal summary.

    `misses=False` for the test half of the real pastes: it is scored, never read while tuning."""
    ours = [o for o in outcomes if o.paste.expect]
    others = [o for o in outcomes if not o.paste.expect]
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in ours:
        groups["service " + o.paste.expect.split("/")[0]].append(o)
        groups["kind " + o.paste.kind].append(o)
        groups["language " + o.paste.language].append(o)
    lines = [f"{title}: {len(ours)} pastes of ours, {len(others)} look-alikes",
             f"  first {sum(o.first for o in ours)}/{len(ours)} = {sum(o.first for o in ours) / len(ours):.1%}, "
             f"top 3 {sum(o.top3 for o in ours)}/{len(ours)} = {sum(o.top3 for o in ours) / len(ours):.1%}, "
             f"look-alikes confident {sum(o.confident for o in others)}/{len(others)}"]
    for name in sorted(groups):
        items = groups[name]
        lines.append(f"  {name:<32} first {sum(o.first for o in items):>3}/{len(items):<3} "
                     f"top3 {sum(o.top3 for o in items):>3}/{len(items)}")
    for form in sorted({o.paste.form for o in ours}):
        for language in ("zh", "en"):
            items = [o for o in ours if o.paste.form == form and o.paste.language == language]
            label = f"form {form}, language {language}"
            if items:
                lines.append(f"  {label:<32} first {sum(o.first for o in items):>3}/{len(items):<3} "
                             f"top3 {sum(o.top3 for o in items):>3}/{len(items)}")
    for o in (o for o in ours if not o.first and misses):
        lines.append(f"  MISS {o.paste.kind:<18} expected {o.paste.expect}, got {o.ranked[:3]} | "
                     f"{o.paste.text[:70]!r}")
    REPORTS.append("\n".join(lines))
    return {"first": sum(o.first for o in ours) / len(ours), "top3": sum(o.top3 for o in ours) / len(ours),
            "lookalikes_confident": sum(o.confident for o in others),
            "lookalikes_confident_share": sum(o.confident for o in others) / max(1, len(others))}
