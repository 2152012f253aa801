"""Paste search quality over the fixture set, through the CLI's matcher (the browser test does the same in Chromium)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT
from search_quality import Outcome, pastes, report

from generator.pipeline import read_catalog
from generator.search import build_index, match


def test_fixture_set_is_broad_and_points_at_real_codes() -> None:
    catalog = read_catalog(ROOT / "catalog")
    known = {f"{p.service.slug}/{p.entry.code}" for p in catalog.pages}
    items = pastes()
    assert len(items) >= 150
    assert all(p.expect in known for p in items if p.expect)
    assert len({p.expect for p in items if p.expect}) >= 100
    assert {p.expect.split("/")[0] for p in items if p.expect} == {s.service.slug for s in catalog.sections}
    assert sum(1 for p in items if not p.expect) >= 10


def test_right_page_first_for_95_percent_and_top_three_for_99() -> None:
    index = build_index(read_catalog(ROOT / "catalog"))
    outcomes = []
    for paste in pastes():
        matches, confident = match(index, paste.text)
        outcomes.append(Outcome(paste, [f"{m['service']}/{m['code']}" for m in matches], confident))
    figures = report("CLI lookup", outcomes)
    assert figures["first"] >= 0.95
    assert figures["top3"] >= 0.99
    assert figures["lookalikes_confident"] == 0


def test_lookup_json_from_stdin() -> None:
    paste = ("com.aliyun.odps.tunnel.TunnelException: RequestId=20261122103045a1b2c3d4e5, "
             "ErrorCode=InvalidRowRange, ErrorMessage=The specified row range is not valid\n"
             "\tat com.aliyun.odps.tunnel.TableTunnel$DownloadSession.openRecordReader(TableTunnel.java:1003)\n")
    result = subprocess.run([sys.executable, "-m", "generator", "lookup", "--json"], input=paste, cwd=ROOT,
                            capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    assert data["confident"] is True
    assert data["matches"][0] == {"service": "maxcompute-tunnel", "code": "InvalidRowRange",
                                  "url": "maxcompute-tunnel/invalidrowrange/", "score": 23.0}
    assert data["details"] == {"request_id": "20261122103045a1b2c3d4e5"}
