"""errdocs: find the page of a cloud SDK error, and the generator of that site.

The Python API (`lookup`, `doc_url`, `site_url`, `Match`) is in api.py; it is loaded on first use, so
that `errdocs lookup` on the command line imports only what it needs."""

__all__ = ["Match", "doc_url", "lookup", "site_url"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'errdocs' has no attribute {name!r}")
