"""Independent readers of the five source documents, for the integrity tests.

They parse the plain-text seeds directly, so the tests compare the catalog
with the documents themselves rather than with numbers copied by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@dataclass(frozen=True)
class Documented:
    """One documented message: its code, the verbatim text, and facts that go with it."""

    code: str
    text: str
    http_status: tuple[int, ...] = ()
    module: str | None = None
    severity_column: int | None = None
    group: str | None = None


def _read(prefix: str) -> str:
    if not SEEDS.is_dir():
        raise FileNotFoundError(f"the source documents are missing: expected {SEEDS} (clone next to shared/)")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def tunnel() -> list[Documented]:
    out = []
    for line in _read("000").splitlines():
        if line.startswith("Error message: "):
            text = line[len("Error message: "):]
            match = re.match(r"ErrorCode=(.+?)(?:,| ErrorMessage=)", text)
            # One documented message carries no ErrorCode; the catalog names it by its last words.
            code = match.group(1) if match else "Connection reset"
            out.append(Documented(code, text))
    return out


ODPS_ROW = re.compile(
    r"^(ODPS-04\d{5}): (.*?) (Web-Authentication|Worker-Request handler|Worker) (\d) (.*)$")


def maxcompute_api() -> list[Documented]:
    out = []
    for line in _read("001").splitlines():
        match = ODPS_ROW.match(line)
        if match:
            code, description, module, severity, rest = match.groups()
            statuses = re.search(r"\(HTTP ([\d or]+)\)", rest).group(1)
            out.append(Documented(code, f"{code}: {description}",
                                  tuple(int(s) for s in statuses.split(" or ")), module, int(severity)))
    return out


def huawei_cs() -> list[Documented]:
    """Each code is followed by its status; the description is in the cell(s) before the next code."""
    lines = [line.strip() for line in _read("002").splitlines()]
    starts = [i for i, line in enumerate(lines) if re.fullmatch(r"CS\.\d{5}", line)]
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        cells = [line for line in lines[start + 1:end] if line]
        out.append(Documented(lines[start], "\n\n".join(cells[1:]), (int(cells[0]),)))
    return out


OSS_ROW = re.compile(r"^([A-Z][a-z]+[A-Z][A-Za-z]*) (.+)$")


def oss() -> list[Documented]:
    """Table rows under each 'HTTP status code N' heading; `text` is the row after the code."""
    out, status = [], None
    for line in _read("003").splitlines():
        heading = re.match(r"HTTP status code (\d{3})$", line)
        if heading:
            status = int(heading.group(1))
        elif line.startswith("Common errors and troubleshooting"):
            status = None
        elif status and (match := OSS_ROW.match(line)):
            out.append(Documented(match.group(1), match.group(2), (status,)))
    return out


def yuanrong() -> list[Documented]:
    """Code lines in the SDK and REST tables; the next cell is the message."""
    lines = [line.strip() for line in _read("004").splitlines()]
    out, group = [], None
    cells = [line for line in lines if line]
    for index, line in enumerate(cells):
        if line == "SDK Error Codes#":
            group = "sdk"
        elif line == "REST API Error Codes#":
            group = "rest"
        elif group and re.fullmatch(r"\d{4,6}", line):
            out.append(Documented(line, cells[index + 1], group=group))
    return out


DOCUMENTS = {
    "maxcompute-tunnel": tunnel,
    "maxcompute-api": maxcompute_api,
    "huawei-cs": huawei_cs,
    "oss": oss,
    "yuanrong": yuanrong,
}
