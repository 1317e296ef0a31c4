"""Discovery over the sample mirror equals tests/truth/site.json, and never requests a decoy."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from odihr.settings import Settings
from odihr.site.client import SiteClient
from odihr.site.discovery import (
    Discovery,
    discover,
    election_type,
    parse_country_page,
    parse_election_page,
    parse_listing_page,
    report_type_code,
    title_date,
)
from odihr.site.server import MirrorServer
from odihr.site.urls import url_path

CODES = {"Final Report": "final", "Interim Report": "interim",
         "Needs Assessment Mission Report": "needs_assessment",
         "Statement of Preliminary Findings and Conclusions": "preliminary_statement"}


def _as_truth(found: Discovery) -> list[dict[str, Any]]:
    return [{
        "url": e.url_path, "country": e.country, "country_iso2": e.country_code,
        "title": e.title, "election_type": e.election_type, "early": e.early,
        "dates": [d.isoformat() for d in e.election_dates], "mission_type": e.mission_type,
        "status": e.status,
        "documents": [{
            "pdf_id": d.pdf_id, "url_path": d.url_path, "language": d.language,
            "type": d.document_type, "publication_date": d.published_on.isoformat()
            if d.published_on else None,
        } for d in e.documents],
    } for e in found.elections]


def test_discovery_equals_the_truth(site_client: SiteClient, site_truth: dict[str, Any]) -> None:
    found = discover(site_client)
    assert _as_truth(found) == site_truth["elections"]
    assert list(found.listing_pages) == site_truth["listing_pages"]
    assert sorted(found.country_pages) == site_truth["country_pages"]
    assert found.complete and found.skipped == ()
    reports = {r["url_path"]: r for r in site_truth["reports"]}
    assert {d.url_path for d in found.documents} == set(reports)
    assert len(found.documents) == site_truth["report_count"]
    for election in found.elections:
        assert election.site_id == int(election.url_path.rsplit("/", 1)[1])
        assert election.country_slug == election.url_path.split("/")[3]
        assert election.election_date == election.election_dates[0]
        for doc in election.documents:
            assert doc.report_type == CODES[doc.document_type]
            assert doc.election_url_path in reports[doc.url_path]["election_pages"]
            assert doc.url == site_client.base_url + doc.url_path
    translations = {d.url_path: d.translation_of for d in found.documents if d.translation_of}
    assert translations == {"/files/f/documents/e/7/300031.pdf":
                            "/files/f/documents/e/5/300026.pdf"}


def test_no_decoy_and_no_off_site_url_is_ever_requested(
        mirror: MirrorServer, site_client: SiteClient, site_truth: dict[str, Any]) -> None:
    found = discover(site_client)
    for doc in found.documents:
        assert site_client.fetch_pdf(doc.url).status == "ok"
    allowed = ({"/robots.txt"} | set(site_truth["listing_pages"])
               | set(site_truth["country_pages"]) | {e["url"] for e in site_truth["elections"]}
               | {r["url_path"] for r in site_truth["reports"]})
    requested = mirror.paths()
    assert set(requested) <= allowed
    assert len(requested) == len(set(requested))  # nothing requested twice
    decoys = {url_path(d["href"]) for d in site_truth["decoys"]}
    assert not decoys & {url_path(t) for t in requested}
    assert all(r.status == 200 for r in mirror.log if r.target != "/robots.txt")


def test_a_press_release_is_not_an_election(sample_site: Path) -> None:
    page = sample_site / "odihr/elections/georgia/274011/index.html"
    assert parse_election_page(page.read_text(), "http://h/odihr/elections/georgia/274011") is None


def test_robots_disallowing_an_election_page_is_obeyed(sample_site: Path, tmp_path: Path) -> None:
    robots = "User-agent: odihr-warehouse\nDisallow: /odihr/elections/moldova/\n"
    with MirrorServer(sample_site, robots_txt=robots) as server:
        settings = Settings(base_url=server.base_url, requests_per_second=500, data_dir=tmp_path)
        with SiteClient(settings) as client:
            found = discover(client)
        assert "/odihr/elections/moldova/261941" not in {e.url_path for e in found.elections}
        assert len(found.elections) == 11
        assert [url for url, _ in found.skipped] == \
            [server.base_url + "/odihr/elections/moldova/261941"]
        assert not any(p.startswith("/odihr/elections/moldova/") for p in server.paths())


def test_stop_when_ends_the_listing_walk(mirror: MirrorServer, site_client: SiteClient) -> None:
    seen: list[int] = []

    def stop(page: Any) -> bool:
        seen.append(len(page))
        return True

    found = discover(site_client, stop_when=stop, include=lambda e: e.site_id == 600104)
    assert seen == [10] and not found.complete
    assert found.listing_pages == ("/odihr/elections",)
    assert [e.url_path for e in found.elections] == ["/odihr/elections/kyrgyzstan/600104"]
    assert found.country_pages == ("/odihr/elections/kyrgyzstan",)
    assert "/odihr/elections?page=1" not in mirror.paths()


def test_include_filters_by_country_and_date(mirror: MirrorServer,
                                             site_client: SiteClient) -> None:
    def backfill(entry: Any) -> bool:
        return entry.country_slug == "kazakhstan" and entry.election_date >= date(2019, 1, 1)

    found = discover(site_client, include=backfill, newest_first=False)
    assert [e.url_path for e in found.elections] == ["/odihr/elections/kazakhstan/417479"]
    assert found.country_pages == ("/odihr/elections/kazakhstan",)
    assert len(found.entries) == 12
    assert "/odihr/elections/kazakhstan/222541" not in mirror.paths()


def test_oldest_first(site_client: SiteClient) -> None:
    found = discover(site_client, newest_first=False, visit_country_pages=False)
    assert found.elections[0].url_path == "/odihr/elections/armenia/14111"
    assert found.country_pages == ()


def test_listing_and_country_parsers(sample_site: Path) -> None:
    base = "http://h"
    html = (sample_site / "odihr/elections/index.html").read_text()
    entries, countries, next_url = parse_listing_page(html, base + "/odihr/elections")
    assert next_url == base + "/odihr/elections?page=1"
    assert len(entries) == 10 and len(countries) == 8
    poland = entries[1]
    assert (poland.url, poland.country, poland.country_slug, poland.election_date) == \
        (base + "/odihr/elections/poland/585902", "Poland", "poland", date(2025, 5, 18))
    assert poland.title == "Presidential Election, 18 May and 1 June 2025"
    last = (sample_site / "odihr/elections/index.page-1.html").read_text()
    assert parse_listing_page(last, base + "/odihr/elections?page=1")[2] is None
    country = (sample_site / "odihr/elections/kazakhstan/index.html").read_text()
    listed = parse_country_page(country, base + "/odihr/elections/kazakhstan")
    assert [e.site_id for e in listed] == [417479, 222541]  # the "News" list is not read
    assert listed[1].election_date == date(2016, 3, 20) and listed[1].country == "Kazakhstan"


def test_one_pdf_linked_twice_is_one_document(sample_site: Path) -> None:
    html = (sample_site / "odihr/elections/kazakhstan/222541/index.html").read_text()
    election = parse_election_page(html, "http://h/odihr/elections/kazakhstan/222541")
    assert election is not None
    paths = [d.url_path for d in election.documents]
    assert len(paths) == len(set(paths)) == 4


@pytest.mark.parametrize(("type_text", "title", "expected"), [
    ("Parliamentary (early)", "Early Parliamentary Elections, 20 March 2016",
     ("parliamentary", True)),
    ("Presidential", "Presidential Election, 9 June 2019", ("presidential", False)),
    (None, "Early Presidential Election, 9 June 2019", ("presidential", True)),
    ("Referendum", "Constitutional Referendum, 11 April 2021", ("referendum", False)),
    (None, "Constitutional Referendum, 11 April 2021", ("referendum", False)),
    ("Parliamentary and Presidential", "", ("parliamentary_presidential", False)),
    ("Municipal", "Municipal Elections", ("municipal", False)),
    ("Mayoral", "", ("mayoral", False)),
])
def test_election_type(type_text: str | None, title: str,
                       expected: tuple[str, bool]) -> None:
    assert election_type(type_text, title) == expected


@pytest.mark.parametrize(("label", "code"), [
    *CODES.items(), ("Statement of Preliminary Findings", "preliminary_statement"),
    ("Needs-Assessment Mission Report", "needs_assessment"), ("Opinion", "other"),
])
def test_report_type_codes(label: str, code: str) -> None:
    assert report_type_code(label) == code


def test_report_type_from_css_class_when_the_label_says_nothing() -> None:
    assert report_type_code("Report", ["document", "document--type-nam"]) == "needs_assessment"


@pytest.mark.parametrize(("title", "expected"), [
    ("Presidential Election, 30 October and 13 November 2016", date(2016, 10, 30)),
    ("Parliamentary Elections, 8 October 2016", date(2016, 10, 8)),
    ("Parliamentary Elections", None),
])
def test_title_date(title: str, expected: date | None) -> None:
    assert title_date(title) == expected


def test_translation_rule_without_english(sample_site: Path) -> None:
    """The original is English; failing that the title's link; failing that the first listed."""
    html = (sample_site / "odihr/elections/moldova/261941/index.html").read_text()
    html = html.replace('hreflang="en"', 'hreflang="ro"')
    election = parse_election_page(html, "http://h/odihr/elections/moldova/261941")
    assert election is not None
    final = [d for d in election.documents if d.report_type == "final"]
    assert [(d.language, d.translation_of) for d in final] == \
        [("ro", None), ("ru", "/files/f/documents/e/5/300026.pdf")]


