"""Pure URL helpers of the site layer."""

from __future__ import annotations

import pytest

from odihr.errors import OffSiteUrl
from odihr.site.urls import (
    absolutize,
    is_pdf_path,
    is_site_url,
    origin,
    pdf_id,
    site_link,
    to_base,
    url_path,
    without_query,
)

BASE = "http://127.0.0.1:8123"
PAGE = BASE + "/odihr/elections/moldova/261941"


def test_url_path_is_path_without_host_query_or_fragment() -> None:
    url = "https://www.osce.org/files/f/documents/4/7/250536.pdf?download=true#page=3"
    assert url_path(url) == "/files/f/documents/4/7/250536.pdf"
    assert pdf_id(url) == "250536"
    assert is_pdf_path(url)
    assert not is_pdf_path(PAGE)


@pytest.mark.parametrize("host", ["www.osce.org", "osce.org", "odihr.osce.org", "WWW.OSCE.ORG"])
def test_site_hosts_are_rebased_onto_the_base_url(host: str) -> None:
    assert to_base(f"https://{host}/odihr/elections?page=1#x", BASE) == \
        BASE + "/odihr/elections?page=1"


def test_the_base_hosts_own_urls_are_on_site_but_other_ports_are_not() -> None:
    assert is_site_url(BASE + "/x", BASE)
    assert not is_site_url("http://127.0.0.1:9999/x", BASE)


@pytest.mark.parametrize("url", [
    "https://www.flickr.com/photos/osce_odihr/albums", "https://www.oscepa.org/en/",
    "https://osce.org.evil.example/x", "ftp://www.osce.org/x", "mailto:office@odihr.pl",
    "/relative/path",
])
def test_other_hosts_are_off_site(url: str) -> None:
    assert not is_site_url(url, BASE)
    with pytest.raises(OffSiteUrl):
        to_base(url, BASE)


def test_links_resolve_against_the_page_and_map_to_its_origin() -> None:
    assert site_link("/files/f/documents/e/5/300026.pdf", PAGE) == \
        BASE + "/files/f/documents/e/5/300026.pdf"
    assert site_link("https://www.osce.org/files/f/documents/e/5/300026.pdf", PAGE) == \
        BASE + "/files/f/documents/e/5/300026.pdf"
    assert site_link("?page=1", BASE + "/odihr/elections") == BASE + "/odihr/elections?page=1"
    assert site_link("https://x.com/osce_odihr", PAGE) is None
    assert site_link("mailto:katya.andrusz@odihr.pl", PAGE) is None
    assert site_link("#main-content", PAGE) is None
    assert absolutize("photos", PAGE + "/") == PAGE + "/photos"


def test_without_query_and_origin() -> None:
    assert without_query(BASE + "/a.pdf?download=true#p") == BASE + "/a.pdf"
    assert origin("HTTPS://WWW.OSCE.ORG/x") == "https://www.osce.org"
