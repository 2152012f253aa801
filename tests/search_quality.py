"""Scoring fixture pastes: shared by the CLI test and the browser test, reported per service and kind."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

PASTES = Path(__file__).resolve().parent / "fixtures" / "pastes.yaml"
REPORTS: list[str] = []


@dataclass(frozen=True)
class Paste:
    kind: str
    expect: str | None
    text: str


def pastes() -> list[Paste]:
    data = YAML(typ="safe").load(PASTES.read_text(encoding="utf-8"))
    return [Paste(item["kind"], item.get("expect"), item["text"]) for item in data["pastes"]]


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


def report(title: str, outcomes: list[Outcome]) -> dict[str, float]:
    """Figures per service and per kind of paste; the lines go to pytest's terminal summary."""
    ours = [o for o in outcomes if o.paste.expect]
    others = [o for o in outcomes if not o.paste.expect]
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in ours:
        groups["service " + o.paste.expect.split("/")[0]].append(o)
        groups["kind " + o.paste.kind].append(o)
    lines = [f"{title}: {len(ours)} pastes of ours, {len(others)} look-alikes",
             f"  first {sum(o.first for o in ours)}/{len(ours)} = {sum(o.first for o in ours) / len(ours):.1%}, "
             f"top 3 {sum(o.top3 for o in ours)}/{len(ours)} = {sum(o.top3 for o in ours) / len(ours):.1%}, "
             f"look-alikes confident {sum(o.confident for o in others)}/{len(others)}"]
    for name in sorted(groups):
        items = groups[name]
        lines.append(f"  {name:<32} first {sum(o.first for o in items):>3}/{len(items):<3} "
                     f"top3 {sum(o.top3 for o in items):>3}/{len(items)}")
    misses = [o for o in ours if not o.first]
    for o in misses:
        lines.append(f"  MISS {o.paste.kind:<18} expected {o.paste.expect}, got {o.ranked[:3]} | "
                     f"{o.paste.text[:70]!r}")
    REPORTS.append("\n".join(lines))
    return {"first": sum(o.first for o in ours) / len(ours), "top3": sum(o.top3 for o in ours) / len(ours),
            "lookalikes_confident": sum(o.confident for o in others)}
