"""The wheel, as a user gets it: built from the repository, installed into a fresh virtual environment
outside the checkout, without MkDocs; `errdocs lookup`, `errdocs explain` and the Python API answer from
the data it carries. Needs PyPI (the build requirements and rich) and takes about a minute: marked
`site`, out of the fast suite, like the other slow end-to-end tests."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import PUBLISHED_AT, ROOT

pytestmark = pytest.mark.site

# What a wheel is built from (MANIFEST.in puts the same into an sdist).
SOURCES = ("src", "catalog", "setup.py", "pyproject.toml", "MANIFEST.in", "README.md", "mkdocs.yml")
PASTE = ("com.aliyun.odps.tunnel.TunnelException: RequestId=20261122103045a1b2c3d4e5, "
         "ErrorCode=InvalidRowRange, ErrorMessage=The specified row range is not valid")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A virtual environment holding only the wheel and its dependencies, and an environment to run it in."""
    work = tmp_path_factory.mktemp("wheel")
    project = work / "project"
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            project.mkdir(exist_ok=True)
            shutil.copy2(source, project / name)
    env = {**os.environ, "ERRDOCS_SITE_URL": PUBLISHED_AT, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(work / "dist"),
                    str(project)], env=env, check=True, capture_output=True)
    [wheel] = (work / "dist").glob("errdocs-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    subprocess.run([str(work / "venv" / "bin" / "pip"), "install", "--quiet", str(wheel)], env=env, check=True,
                   capture_output=True)
    run_env = {key: value for key, value in os.environ.items()
               if key not in ("ERRDOCS_SITE_URL", "PYTHONPATH", "VIRTUAL_ENV")}
    (work / "home").mkdir()
    run_env.update(HOME=str(work / "home"), XDG_CACHE_HOME=str(work / "cache"), NO_COLOR="1")
    return {"wheel": wheel, "bin": work / "venv" / "bin", "env": run_env, "cwd": work / "home"}


def run(installed: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(installed["bin"] / args[0]), *args[1:]], input=stdin, cwd=installed["cwd"],
                          env=installed["env"], capture_output=True, text=True, check=False)


def test_the_wheel_carries_the_package_and_its_data_but_no_generic_module(installed) -> None:
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    marshalled = f"errdocs/data/index-{sys.implementation.cache_tag}-m{marshal.version}.marshal"
    assert {"errdocs/data/index.json", "errdocs/data/explain.json", "errdocs/data/site.json", marshalled,
            "errdocs/cli.py"} <= set(names)
    assert {name.split("/")[0] for name in names} == {"errdocs", f"{installed['wheel'].name.split('-py3')[0]}.dist-info"}


def test_lookup_answers_offline_from_the_installed_index(installed) -> None:
    result = run(installed, "errdocs", "lookup", "--json", stdin=PASTE)
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    first = data["matches"][0]
    assert data["confident"] is True
    assert (first["code"], first["url"]) == ("InvalidRowRange", f"{PUBLISHED_AT}maxcompute-tunnel/invalidrowrange/")
    assert run(installed, "errdocs", "lookup", "qqqq zzzz").returncode == 3


def test_lookup_reads_the_shipped_marshal_and_imports_only_what_it_needs(installed) -> None:
    # What keeps `lookup` under a tenth of a second (bench/lookup_speed.py): no first-use cache, and none of
    # the modules that cost milliseconds to import.
    script = ("import runpy, sys\n"
              "sys.argv = ['errdocs', 'lookup', '--json', 'ErrorCode=InvalidRowRange']\n"
              "try:\n    runpy.run_module('errdocs', run_name='__main__')\n"
              "except SystemExit as exit:\n"
              "    costly = {'argparse', 'pathlib', 'hashlib', 'typing', 'rich', 'base64'}\n"
              "    print(exit.code, sorted(costly & set(sys.modules)))\n")
    result = run(installed, "python", "-c", script)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("\n0 []\n")
    assert not list((installed["cwd"].parent / "cache").glob("errdocs/index-*"))


def test_explain_takes_an_alias_and_prints_the_absolute_url(installed) -> None:
    result = run(installed, "errdocs", "explain", "JOB_NAME_EXIST")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("CS.11004 (Huawei Cloud Stream Service)\n")
    assert result.stdout.endswith(f"Page: {PUBLISHED_AT}huawei-cs/cs.11004/\n")


def test_the_python_api_and_no_site_toolchain(installed) -> None:
    script = ("import errdocs, importlib.util\n"
              f"print(errdocs.doc_url({PASTE!r}))\n"
              "print(errdocs.doc_url('something went wrong'))\n"
              "print([importlib.util.find_spec(m) is None for m in ('mkdocs', 'material', 'pydantic', 'generator')])\n")
    result = run(installed, "python", "-c", script)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{PUBLISHED_AT}maxcompute-tunnel/invalidrowrange/\nNone\n[True, True, True, True]\n"


def test_maintainer_commands_say_what_they_need(installed) -> None:
    result = run(installed, "errdocs", "validate")
    assert result.returncode == 2
    assert result.stderr.startswith("error: no catalog at ")
    assert result.stderr.endswith(" (pass --catalog DIR, the catalog/ of an errdocs checkout)\n")
    result = run(installed, "errdocs", "--catalog", str(ROOT / "catalog"), "validate")
    assert (result.returncode, result.stderr) == (2, "error: `errdocs validate` needs the catalog and site "
                                                     "toolchain: pip install 'errdocs[site]' (missing: pydantic)\n")
    assert run(installed, "errdocs", "--version").stdout == "errdocs 0.1.0\n"
