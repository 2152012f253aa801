from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"

# A complete, valid service file; tests change one thing in it and pin the message.
VALID = """\
service:
  slug: oss
  name: Alibaba Cloud OSS
  description: Object storage.
  code_pattern: '^[A-Z][A-Za-z]+$'
  sources:
    - id: oss-error-codes
      title: OSS error codes
      file: 003.txt
errors:
  - code: NoSuchKey
    title: The object does not exist
    http_status: [404]
    messages:
      - text: The specified key does not exist.
    meaning: No object has this key.
    causes:
      - A typo in the key.
    fix:
      - List the bucket.
    provenance:
      source: oss-error-codes
      section: HTTP status code 404
"""


@pytest.fixture
def catalog_dir(tmp_path: Path):
    """Write service files into a fresh catalog directory: `catalog_dir({"oss.yaml": text})`."""

    def write(files: dict[str, str | bytes]) -> Path:
        directory = tmp_path / "catalog"
        directory.mkdir(exist_ok=True)
        for name, content in files.items():
            path = directory / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return directory

    return write
