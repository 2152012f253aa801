"""The Python API: typed matches with absolute URLs, and doc_url's confident answer or None."""

from __future__ import annotations

import pytest
from conftest import MINI

import errdocs
from errdocs import bundled


@pytest.fixture(autouse=True)
def mini_catalog(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(bundled, "default_catalog", lambda: MINI)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))


class ServerError(Exception):
    """Like an SDK's exception: the service's code in an attribute, a short str()."""

    def __init__(self, message: str, code: str, request_id: str) -> None:
        super().__init__(message)
        self.code, self.request_id = code, request_id


def test_lookup_returns_typed_matches_with_absolute_urls() -> None:
    matches = errdocs.lookup("ODPS-0420095: Access Denied - You have NO privilege 'odps:CreateInstance' on "
                             "{acs:odps:*:projects/dev}", base_url="https://e.test/")
    best = matches[0]
    assert isinstance(best, errdocs.Match)
    assert (best.service, best.code, best.confident) == ("maxcompute-api", "ODPS-0420095", True)
    assert best.url.startswith("https://e.test/maxcompute-api/odps-0420095/")
    assert best.details == {"privilege": "odps:CreateInstance", "object": "acs:odps:*:projects/dev"}
    assert all(not m.confident for m in matches[1:])


def test_doc_url_reads_an_exception_and_its_attributes() -> None:
    error = ServerError("The difference between the request time and the current time is too large.",
                        code="RequestTimeTooSkewed", request_id="5C3D9175B6FC201293AD4890")
    assert errdocs.doc_url(error, base_url="https://e.test/") == "https://e.test/oss/requesttimetooskewed/"


def test_doc_url_follows_the_cause_of_a_wrapped_exception() -> None:
    try:
        try:
            raise ServerError("denied", code="ODPS-0420095", request_id="1")
        except ServerError as inner:
            raise RuntimeError("job submission failed") from inner
    except RuntimeError as outer:
        assert errdocs.doc_url(outer, base_url="").startswith("maxcompute-api/odps-0420095/")


def test_doc_url_is_none_when_unsure() -> None:
    assert errdocs.doc_url("something went wrong") is None
    assert errdocs.lookup("zzzz qqqq") == []


def test_site_url_defaults_to_the_published_address() -> None:
    assert errdocs.lookup("RequestTimeTooSkewed")[0].url == f"{errdocs.site_url()}oss/requesttimetooskewed/"
    assert errdocs.site_url().endswith("/")
