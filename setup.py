"""The wheel carries the catalog's data: the build step writes it into the package (errdocs/data/).

Everything else about the distribution is in pyproject.toml. An editable install (`pip install -e .`,
as `make setup` does) skips this: a checkout reads its own catalog (src/errdocs/bundled.py)."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    """build_py, then the search index, explain records and site address built from catalog/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        sys.path.insert(0, str(ROOT / "src"))
        from errdocs.site_address import declared_site_url
        from errdocs.wheel_data import write_data

        site_url = declared_site_url(ROOT / "mkdocs.yml")
        write_data(ROOT / "catalog", Path(self.build_lib) / "errdocs" / "data", site_url)
        print(f"errdocs: wrote the catalog data, site {site_url}", file=sys.stderr)


setup(cmdclass={"build_py": BuildWithData})
