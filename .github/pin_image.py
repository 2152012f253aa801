"""Pin (or re-pin) the workflows' container image to the digest its tag points at today.

A tag moves and a digest does not: the jobs run `name:tag@sha256:<index digest>`, so every run, the
deploying one included, uses one known image until this script is run again. Run it to update:

    python .github/pin_image.py            # asks Docker Hub what python:3.11-bookworm is now, rewrites site.yml
    python .github/pin_image.py --digest sha256:<64 hex>   # a digest you looked up yourself (no network)

It reads the multi-platform index digest (the one `docker buildx imagetools inspect IMAGE` prints) with
the registry's HTTP API: the standard library only, so it runs anywhere Python does. It then rewrites every
`container:` line of the workflows that names the same image, and nothing else.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.request
from pathlib import Path

WORKFLOWS = Path(__file__).resolve().parent / "workflows"
IMAGE = "python:3.11-bookworm"
DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
INDEX_TYPES = ("application/vnd.oci.image.index.v1+json, "
               "application/vnd.docker.distribution.manifest.list.v2+json")


def container_line(image: str) -> re.Pattern[str]:
    """A `container:` line naming `image`, pinned or not (the trailing comment kept)."""
    return re.compile(r"^(\s*container:\s+)" + re.escape(image) + r"(?:@sha256:[0-9a-f]{64})?(\s*(?:#.*)?)$",
                      re.MULTILINE)


def pin(text: str, image: str, digest: str) -> tuple[str, int]:
    """The workflow text with each `container:` line of `image` pinned to `digest`, and how many there were."""
    if not DIGEST.match(digest):
        raise ValueError(f"not a sha256 digest: {digest!r}")
    return container_line(image).subn(lambda m: f"{m.group(1)}{image}@{digest}{m.group(2)}", text)


def index_digest(image: str) -> str:
    """The digest Docker Hub serves for `image` (an official image: library/NAME:TAG) right now."""
    name, tag = image.split(":", 1)
    repository = name if "/" in name else f"library/{name}"
    token_url = ("https://auth.docker.io/token?service=registry.docker.io"
                 f"&scope=repository:{repository}:pull")
    with urllib.request.urlopen(token_url, timeout=30) as response:
        token = json.load(response)["token"]
    request = urllib.request.Request(f"https://registry-1.docker.io/v2/{repository}/manifests/{tag}", method="HEAD",
                                     headers={"Authorization": f"Bearer {token}", "Accept": INDEX_TYPES})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers["Docker-Content-Digest"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image", default=IMAGE, help=f"name:tag (default {IMAGE})")
    parser.add_argument("--digest", help="use this digest instead of asking the registry")
    args = parser.parse_args(argv)
    digest = args.digest or index_digest(args.image)
    changed = 0
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        text, count = pin(path.read_text(encoding="utf-8"), args.image, digest)
        if count:
            path.write_text(text, encoding="utf-8")
            changed += count
            print(f"{path.name}: {count} container line(s) now {args.image}@{digest}")
    if not changed:
        print(f"no container line names {args.image}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
