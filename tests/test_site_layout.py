"""A changed site is a loud failure: exit 1 naming the page and the selectors (issue 11).

Today: listing markup changed or the documents block re-marked → exit 0, ``completed``, 0 (or 22
of 26) documents, no warning: a nightly quietly stops ingesting.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import get_engine
from odihr.commands import ingest as run_command
from odihr.exitcodes import EXIT_FAILED, EXIT_OK
from odihr.site.pages import parse_election_page, parse_listing_page
from odihr.site.server import MirrorServer

from sitefixtures import SAMPLE_SITE, fast_settings

ELECTIONS = sorted(
    p for p in (SAMPLE_SITE / "odihr/elections").glob("*/*/index.html")
    if "blockdocuments" in p.read_text(encoding="utf-8")
)


def _snapshot(url: str) -> list[tuple]:
    with get_engine(url).connect() as connection:
        return [tuple(r) for r in connection.execute(text(
            "SELECT url_path, status, sha256, loaded_at FROM bi_reports ORDER BY url_path"))]


def _changed_run(mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                 kind: str = "nightly") -> str:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    settings = fast_settings(mirror.base_url, tmp_path / "data", database_url=url,
                             requests_per_second=500.0)
    before = _snapshot(url)
    assert run_command(kind, settings) == EXIT_FAILED
    err = capsys.readouterr().err
    assert _snapshot(url) == before  # nothing already loaded is touched
    with get_engine(url).connect() as connection:
        outcome = connection.execute(text("SELECT outcome FROM run ORDER BY id DESC")).scalar()
    assert outcome == "failed"
    return err


@pytest.fixture
def loaded(mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    settings = fast_settings(mirror.base_url, tmp_path / "data", database_url=url,
                             requests_per_second=500.0)
    assert run_command("backfill", settings) == EXIT_OK
    capsys.readouterr()


def _override(mirror: MirrorServer, page: Path, html: str) -> None:
    path = "/" + str(page.parent.relative_to(SAMPLE_SITE))
    mirror.overrides[path] = html.encode()


def test_a_listing_without_election_items_stops_the_run(
    mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], loaded: None
) -> None:
    listing = (SAMPLE_SITE / "odihr/elections/index.html").read_text(encoding="utf-8")
    mirror.overrides["/odihr/elections"] = listing.replace(
        "node--type-election", "node--type-event").encode()
    err = _changed_run(mirror, tmp_path, capsys)
    assert "layout changed" in err and "/odihr/elections" in err
    assert "no election items" in err and "article.node--type-election" in err


def test_election_pages_with_a_re_marked_documents_block_stop_the_run(
    mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], loaded: None
) -> None:
    for page in ELECTIONS:
        html = page.read_text(encoding="utf-8")
        _override(mirror, page, html.replace("blockdocuments", "blockpublications")
                  .replace("<h2>Documents</h2>", "<h2>Publications</h2>"))
    err = _changed_run(mirror, tmp_path, capsys, kind="backfill")
    assert "PDF links but no documents section" in err and "'documents'" in err


def test_a_crawl_finding_far_fewer_documents_than_known_stops_the_run(
    mirror: MirrorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], loaded: None
) -> None:
    """Links no longer end in .pdf: entries are found but yield no document."""
    for page in ELECTIONS:
        html = page.read_text(encoding="utf-8")
        html = re.sub(r'href="([^"]*/f/documents/[^"]*)\.pdf"', r'href="\1"', html)
        _override(mirror, page, html.replace(' type="application/pdf"', ""))
    err = _changed_run(mirror, tmp_path, capsys, kind="backfill")
    assert "documents where the warehouse knows" in err and "ODIHR_MIN_DOCUMENT_SHARE" in err


def test_the_sample_pages_pass_the_checks_and_a_page_without_documents_is_not_an_error() -> None:
    for page in ELECTIONS:
        html = page.read_text(encoding="utf-8")
        election = parse_election_page(html, "https://www.osce.org/odihr/elections/x/1")
        assert election is not None and election.documents
        # An announced election: no documents block and no report file linked: no documents.
        start = html.index('<section class="block block-views block-views-blockdocuments')
        end = html.index("</section>", start) + len("</section>")
        bare = parse_election_page(html[:start] + html[end:],
                                   "https://www.osce.org/odihr/elections/x/1")
        assert bare is not None and bare.documents == ()
    entries, _, _ = parse_listing_page(
        (SAMPLE_SITE / "odihr/elections/index.html").read_text(encoding="utf-8"),
        "https://www.osce.org/odihr/elections")
    assert entries
