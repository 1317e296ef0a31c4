"""SiteClient against a real local server: policy, robots, retries, conditional GET, caps."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from odihr.errors import Disallowed, Gone, OffSiteUrl, TooLarge, TransientFetchError
from odihr.settings import Settings
from odihr.site.client import PageTooLarge, SiteClient
from odihr.site.server import MirrorServer
from odihr.site.throttle import RateLimiter, parse_retry_after

PDF = "/files/f/documents/4/7/250536.pdf"
MakeClient = Callable[..., SiteClient]


def test_pages_and_site_host_links_are_fetched_from_the_base(
        mirror: MirrorServer, site_client: SiteClient) -> None:
    final_url, html = site_client.get_page("https://www.osce.org/odihr/elections?page=1#top")
    assert final_url == mirror.base_url + "/odihr/elections?page=1"
    assert "Armenia, Presidential Election" in html.replace("\xa0", " ")
    assert mirror.paths() == ["/robots.txt", "/odihr/elections?page=1"]
    assert site_client.stats.requests == 2
    headers_ok = site_client.resolve("/odihr/elections") == mirror.base_url + "/odihr/elections"
    assert headers_ok


@pytest.mark.parametrize("url", [
    "https://www.flickr.com/photos/osce_odihr/albums", "https://pace.coe.int/en/",
    "http://127.0.0.2:1/x.pdf", "mailto:office@odihr.pl",
])
def test_off_site_urls_raise_before_any_request(
        mirror: MirrorServer, site_client: SiteClient, url: str) -> None:
    with pytest.raises(OffSiteUrl):
        site_client.get_page(url)
    with pytest.raises(OffSiteUrl):
        site_client.fetch_pdf(url)
    assert mirror.log == []


def test_an_off_site_redirect_is_refused(mirror: MirrorServer, site_client: SiteClient) -> None:
    mirror.faults[PDF] = [(302, {"Location": "https://evil.example/x.pdf"})]
    with pytest.raises(OffSiteUrl):
        site_client.fetch_pdf(PDF)
    mirror.faults[PDF] = [(301, {"Location": "https://www.osce.org/odihr/elections"})]
    assert site_client.fetch_pdf(PDF).url == mirror.base_url + "/odihr/elections"


def test_robots_txt_is_obeyed(sample_site: Path, tmp_path: Path) -> None:
    robots = "User-agent: *\nDisallow: /files/\n\nUser-agent: other-bot\nDisallow: /\n"
    with MirrorServer(sample_site, robots_txt=robots) as server:
        settings = Settings(base_url=server.base_url, requests_per_second=200, data_dir=tmp_path)
        with SiteClient(settings) as client:
            client.get_page("/odihr/elections")
            with pytest.raises(Disallowed):
                client.fetch_pdf(PDF)
            assert not client.allowed(PDF) and client.allowed("/odihr/elections/kazakhstan")
        assert server.paths() == ["/robots.txt", "/odihr/elections"]  # robots.txt read once


def test_conditional_get_gives_not_modified_and_no_body(
        mirror: MirrorServer, site_client: SiteClient, sample_site: Path) -> None:
    first = site_client.fetch_pdf("https://www.osce.org" + PDF + "?download=true")
    assert first.status == "ok" and first.url_path == PDF
    assert first.data == (sample_site / PDF.lstrip("/")).read_bytes()
    assert first.size == len(first.data) and first.etag and first.last_modified
    received = site_client.bytes_received
    second = site_client.fetch_pdf(PDF, etag=first.etag, last_modified=first.last_modified)
    assert (second.status, second.data, second.size) == ("not_modified", None, 0)
    assert second.etag == first.etag
    assert site_client.bytes_received == received
    assert [(r.status, r.bytes_sent) for r in mirror.log[-2:]] == [(200, first.size), (304, 0)]
    by_date = site_client.fetch_pdf(PDF, last_modified=first.last_modified)
    assert by_date.status == "not_modified"


def test_a_reissued_pdf_is_downloaded_again(mirror: MirrorServer, site_client: SiteClient) -> None:
    first = site_client.fetch_pdf(PDF)
    mirror.overrides[PDF] = first.data + b"%% re-issued\n"  # type: ignore[operator]
    second = site_client.fetch_pdf(PDF, etag=first.etag, last_modified=first.last_modified)
    assert second.status == "ok" and second.etag != first.etag and second.sha256 != first.sha256


def test_404_is_gone_without_retries(mirror: MirrorServer, site_client: SiteClient) -> None:
    with pytest.raises(Gone) as error:
        site_client.fetch_pdf("/files/f/documents/0/0/missing.pdf")
    assert error.value.status == 404
    assert [r.target for r in mirror.log if r.target != "/robots.txt"] == \
        ["/files/f/documents/0/0/missing.pdf"]
    mirror.faults[PDF] = [410]
    with pytest.raises(Gone):
        site_client.fetch_pdf(PDF)


def test_two_503s_then_success_after_three_requests(
        mirror: MirrorServer, site_client: SiteClient) -> None:
    mirror.faults[PDF] = [503, 503]
    assert site_client.fetch_pdf(PDF).status == "ok"
    assert [r.status for r in mirror.log if r.path == PDF] == [503, 503, 200]
    assert site_client.stats.retries == 2


def test_retry_after_is_honoured_and_429_retried(mirror: MirrorServer,
                                                 make_client: MakeClient) -> None:
    slept: list[float] = []
    client = make_client(sleep=slept.append, rng=lambda: 1.0, backoff_seconds=0.01)
    mirror.faults[PDF] = [(429, {"Retry-After": "7"}), 502]
    assert client.fetch_pdf(PDF).status == "ok"
    assert slept == [7.0, 0.02]  # Retry-After, then the full backoff ceiling 0.01 * 2**1
    mirror.faults[PDF] = [(503, {"Retry-After": "3600"})]
    with pytest.raises(TransientFetchError, match="retry after 3600"):
        client.fetch_pdf(PDF)
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=0) > 0
    assert parse_retry_after("soon") is None


def test_dropped_connections_are_retried(mirror: MirrorServer, site_client: SiteClient) -> None:
    mirror.faults[PDF] = [0]
    assert site_client.fetch_pdf(PDF).status == "ok"
    assert [r.status for r in mirror.log if r.path == PDF] == [0, 200]


def test_timeouts_are_retried_then_transient(mirror: MirrorServer,
                                             make_client: MakeClient) -> None:
    client = make_client(read_timeout=0.2, retries=1)
    mirror.delays[PDF] = 1.0
    started = time.monotonic()
    with pytest.raises(TransientFetchError) as error:
        client.fetch_pdf(PDF)
    assert error.value.attempts == 2 and "Timeout" in error.value.detail
    assert time.monotonic() - started < 1.5
    assert client.stats.requests == 3  # robots.txt + two attempts


def test_persistent_5xx_becomes_transient(mirror: MirrorServer, site_client: SiteClient) -> None:
    mirror.faults[PDF] = [500, 500, 500, 500]
    with pytest.raises(TransientFetchError) as error:
        site_client.fetch_pdf(PDF)
    assert error.value.attempts == 3 and "HTTP 500" in str(error.value)


def test_size_caps(mirror: MirrorServer, make_client: MakeClient) -> None:
    client = make_client(max_pdf_bytes=1000, max_page_bytes=1000)
    with pytest.raises(TooLarge):
        client.fetch_pdf(PDF)  # refused on Content-Length
    assert client.bytes_received == 0
    mirror.no_length.add(PDF)  # no Content-Length: counted while streaming
    with pytest.raises(TooLarge):
        client.fetch_pdf(PDF)
    assert 1000 < client.bytes_received < 1000 + 2 * 65536
    with pytest.raises(PageTooLarge):
        client.get_page("/odihr/elections")


def test_html_served_as_pdf_is_fetched(mirror: MirrorServer, site_client: SiteClient) -> None:
    mirror.overrides[PDF] = b"<!DOCTYPE html><html><body>Maintenance</body></html>"
    result = site_client.fetch_pdf(PDF)
    assert result.status == "ok" and result.data.startswith(b"<!DOCTYPE html>")  # type: ignore
    assert result.content_type == "application/pdf"


def test_rate_limit_spaces_requests_across_threads(mirror: MirrorServer,
                                                   make_client: MakeClient) -> None:
    client = make_client(requests_per_second=40)
    client.get_page("/odihr/elections")  # robots.txt + one page
    started = time.monotonic()
    threads = [threading.Thread(target=client.get_page, args=("/odihr/elections",))
               for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - started >= 5 / 40 - 0.01
    assert client.stats.requests == 8


def test_rate_limiter_with_a_fake_clock() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        limiter.acquire()
    assert waits == [0.5, 0.5]
    limiter.slow_down(2.0)
    limiter.acquire()
    assert waits[-1] == pytest.approx(0.5)  # the slot was booked at the old spacing
    limiter.acquire()
    assert waits[-1] == pytest.approx(2.0)
