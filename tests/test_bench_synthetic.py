"""The benchmark's synthetic catalogs are valid catalogs, and the same seed gives the same bytes."""

from __future__ import annotations

import sys
from pathlib import Path

from errdocs.pipeline import read_catalog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from synthetic import write_catalog  # noqa: E402


def test_synthetic_catalog_passes_validation_and_is_realistic(tmp_path: Path):
    catalog = read_catalog(write_catalog(300, tmp_path / "catalog", with_real=False, service_size=(90, 140)))
    pages = catalog.pages
    assert len(pages) == 300
    assert any(len(page.entry.messages) > 1 for page in pages)
    assert any(page.entry.aliases for page in pages)
    assert any(page.related for page in pages) and catalog.topics
    assert len({page.service.slug for page in pages}) > 1


def test_synthetic_catalog_is_deterministic(tmp_path: Path):
    one = write_catalog(300, tmp_path / "one", with_real=False)
    two = write_catalog(300, tmp_path / "two", with_real=False)
    assert {p.name: p.read_bytes() for p in one.iterdir()} == {p.name: p.read_bytes() for p in two.iterdir()}
