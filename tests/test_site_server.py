"""MirrorServer: URL mapping, validators, 304, faults, overrides and the request log."""

from __future__ import annotations

from pathlib import Path

import requests

from odihr.site.server import MirrorServer

PDF = "/files/f/documents/4/7/250536.pdf"


def test_paths_map_to_files_and_index_pages(mirror: MirrorServer, sample_site: Path) -> None:
    base = mirror.base_url
    page0 = requests.get(base + "/odihr/elections", timeout=5)
    page1 = requests.get(base + "/odihr/elections?page=1", timeout=5)
    assert page0.status_code == page1.status_code == 200
    assert page0.headers["Content-Type"].startswith("text/html")
    assert page0.content == (sample_site / "odihr/elections/index.html").read_bytes()
    assert page1.content == (sample_site / "odihr/elections/index.page-1.html").read_bytes()
    assert requests.get(base + "/odihr/elections?page=0", timeout=5).content == page0.content
    assert requests.get(base + "/odihr/elections?page=7", timeout=5).status_code == 404
    assert requests.get(base + "/odihr/elections?page=x", timeout=5).status_code == 404
    pdf = requests.get(base + PDF + "?download=true", timeout=5)
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content == (sample_site / PDF.lstrip("/")).read_bytes()
    assert int(pdf.headers["Content-Length"]) == len(pdf.content)


def test_hidden_and_underscore_paths_are_404(mirror: MirrorServer) -> None:
    for path in ("/_truth/site.json", "/.git/config", "/odihr/../_x", "/nothing-here"):
        assert requests.get(mirror.base_url + path, timeout=5).status_code == 404


def test_validators_give_304_without_a_body(mirror: MirrorServer) -> None:
    first = requests.get(mirror.base_url + PDF, timeout=5)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"') and not etag.startswith("W/")
    by_etag = requests.get(mirror.base_url + PDF, headers={"If-None-Match": etag}, timeout=5)
    by_date = requests.get(mirror.base_url + PDF, headers={"If-Modified-Since": last_modified},
                           timeout=5)
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b""
    log = mirror.log
    assert [(r.status, r.bytes_sent) for r in log] == [(200, len(first.content)), (304, 0),
                                                       (304, 0)]
    assert log[0].method == "GET" and log[0].target == PDF


def test_faults_then_normal_answers(mirror: MirrorServer) -> None:
    mirror.faults[PDF] = [503, (429, {"Retry-After": "3"})]
    first = requests.get(mirror.base_url + PDF, timeout=5)
    second = requests.get(mirror.base_url + PDF, timeout=5)
    third = requests.get(mirror.base_url + PDF, timeout=5)
    assert (first.status_code, second.status_code, third.status_code) == (503, 429, 200)
    assert second.headers["Retry-After"] == "3"
    assert [r.status for r in mirror.log] == [503, 429, 200]


def test_overrides_replace_the_bytes_and_change_the_etag(mirror: MirrorServer) -> None:
    before = requests.get(mirror.base_url + PDF, timeout=5)
    mirror.overrides[PDF] = b"<html><body>Error</body></html>"
    after = requests.get(mirror.base_url + PDF, timeout=5)
    assert after.content == b"<html><body>Error</body></html>"
    assert after.headers["Content-Type"] == "application/pdf"
    assert after.headers["ETag"] != before.headers["ETag"]
    stale = requests.get(mirror.base_url + PDF, timeout=5,
                         headers={"If-Modified-Since": before.headers["Last-Modified"]})
    assert stale.status_code == 200


def test_robots_txt_option(sample_site: Path) -> None:
    with MirrorServer(sample_site, robots_txt="User-agent: *\nDisallow: /x\n") as server:
        answer = requests.get(server.base_url + "/robots.txt", timeout=5)
        assert answer.text.startswith("User-agent: *")
        assert answer.headers["Content-Type"].startswith("text/plain")
    with MirrorServer(sample_site) as server:
        assert requests.get(server.base_url + "/robots.txt", timeout=5).status_code == 404
