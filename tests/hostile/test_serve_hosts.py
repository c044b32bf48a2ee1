"""`mus serve` and DNS rebinding: a web page can point a name of its own at 127.0.0.1 and
read the preview, records and all, as its own site. Its requests carry that name in Host,
so the preview answers only to its own address."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest

from ..test_serve import Preview, _wait_for


@pytest.fixture
def preview(small):
    running = Preview(small)
    yield running
    if running.process.poll() is None:
        running.process.terminate()
        running.process.wait(timeout=30)


def _get(preview: Preview, path: str, host: str) -> tuple[int, str]:
    """A request sent to the preview's own socket, naming `host` in its Host header."""
    address = urlsplit(preview.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_the_preview_answers_only_to_its_own_address(preview):
    _wait_for(lambda: preview.page("people/anna-jensen/"), "Anna Jensen")
    port = urlsplit(preview.url).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        status, page = _get(preview, "/people/anna-jensen/", host)
        assert status == 200, host
        assert "Anna Jensen" in page, host
    for host in (
        f"evil.example:{port}",
        "evil.example",
        f"127.0.0.1.evil.example:{port}",
        f"127.0.0.1:{port + 1}",
    ):
        for path in ("/people/anna-jensen/", "/exports/agreements.json", "/"):
            status, page = _get(preview, path, host)
            assert status == 403, (host, path)
            assert "Anna Jensen" not in page and "anna-jensen" not in page, (host, path)
    assert preview.stop() == 0, preview.printed()
