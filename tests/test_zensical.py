"""The other engine's configuration (zensical.toml) keeps up with the MkDocs site's, and its pins are whole.

Zensical itself runs in CI's non-blocking `zensical` job (`make zensical`); these checks need no Zensical.
The nav is compared with the one the errdocs plugin generates from the real catalog, which the config
writes out by hand.
"""

from __future__ import annotations

import re
import tomllib

from mkdocs.utils.yaml import yaml_load

from conftest import ROOT
from errdocs.mkdocs_plugin.nav import generated_nav
from errdocs.pipeline import read_catalog


def zensical() -> dict:
    return tomllib.loads((ROOT / "zensical.toml").read_text(encoding="utf-8"))["project"]


def mkdocs() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as source:
        return yaml_load(source)


def extension_names(extensions: list | dict) -> list[str]:
    return [next(iter(item)) if isinstance(item, dict) else item for item in extensions]


def test_the_nav_is_the_one_the_plugin_generates_for_mkdocs() -> None:
    nav = mkdocs()["nav"]
    assert zensical()["nav"] == [*nav[:1], *generated_nav(read_catalog(ROOT / "catalog")), *nav[1:]]


def test_theme_features_extensions_and_assets_are_mkdocs_ymls() -> None:
    ours, theirs = zensical(), mkdocs()
    assert ours["theme"]["features"] == theirs["theme"]["features"]
    assert (ours["theme"]["language"], ours["theme"]["font"]) == (theirs["theme"]["language"], theirs["theme"]["font"])
    assert list(ours["markdown_extensions"]) == extension_names(theirs["markdown_extensions"])
    assert ours["markdown_extensions"]["toc"] == {"permalink": True}
    assert ours["extra_css"] == theirs["extra_css"]
    assert ours["extra_javascript"] == theirs["extra_javascript"]


def test_the_lock_pins_every_package_with_hashes_and_the_zensical_asked_for() -> None:
    lock = (ROOT / "requirements-zensical.txt").read_text(encoding="utf-8")
    wanted = re.search(r"^zensical==(\S+)$", (ROOT / "requirements-zensical.in").read_text(encoding="utf-8"), re.M)
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.M)
    assert ("zensical", wanted.group(1)) in pins
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", lock.split("\n", 2)[2].strip())
    assert len(blocks) == len(pins)
    assert [block.split(" ")[0] for block in blocks if "--hash=sha256:" not in block] == []
