"""Paste-search quality on real pastes, and the size of the index a browser loads for it.

Run from the repository root after `make setup`:

    .venv/bin/python bench/search_quality.py

The figures that count are the test half's (tests/fixtures/real-pastes.yaml, `split: test`): pastes other
people wrote, never looked at while tuning. The dev half and the synthetic fixtures are shown beside them
for comparison only. tests/test_search_parity.py shows the site's matcher answers exactly as this one, so
the figures hold in the browser too (tests/test_browser_search.py measures them there as well).
"""

from __future__ import annotations

import gzip
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from search_quality import REPORTS, outcomes_of, pastes, real_pastes, report  # noqa: E402

from errdocs.pipeline import read_catalog  # noqa: E402
from errdocs.render import search_index_script  # noqa: E402
from errdocs.search_index import build_index  # noqa: E402



def main() -> None:
    catalog = read_catalog(ROOT / "catalog")
    index = build_index(catalog)
    report("Real pastes, test half (the figures that count)", outcomes_of(index, real_pastes("test")), misses=False)
    report("Real pastes, dev half (tuned on)", outcomes_of(index, real_pastes("dev")), misses=False)
    report("Synthetic fixtures (regression set, not a quality figure)", outcomes_of(index, pastes()), misses=False)
    script = search_index_script(catalog).encode()
    print(f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()}: {os.cpu_count()} cores, "
          f"{platform.platform()}, Python {platform.python_version()}.\n")
    print(f"Paste index (assets/errdocs-index.js): {len(script) / 1024:.0f} KB, "
          f"{len(gzip.compress(script, 9)) / 1024:.0f} KB gzipped (target: under 300 KB gzipped).\n")
    print("```text")
    print("\n".join(REPORTS))
    print("```")


if __name__ == "__main__":
    main()
