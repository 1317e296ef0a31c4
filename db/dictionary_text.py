"""What the data dictionary says about the BI views: each column's meaning and an example value.

Meanings follow the public contract (``CONTRACT.md``, "Warehouse views for BI"). Examples are
fixed values taken once from an ingest of the bundled sample mirror, so that the generated
dictionary is deterministic; they illustrate each column and are not one coherent row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Integer
from sqlalchemy.types import TypeEngine

#: Meaning and example of the lineage columns the fact views add after the contract's columns.
LINEAGE: dict[str, tuple[str, Any]] = {
    "page": ("1-based PDF page the row was read from.", 16),
    "sha256": (
        "sha256 (hex) of the PDF version the row was read from.",
        "e8f802cc1518f54234b6e53b64e6e1d18edbeb36344cd914903bcd2ff2052be3",
    ),
    "parser_version": ("Version of the parser that read the row.", "1.0.0"),
    "run_id": ("The run (`run.id`) that loaded the row.", 1),
}

#: Extension columns every view of a report's facts carries (after the lineage columns).
EXTENSIONS: dict[str, tuple[str, Any]] = {
    "election_id": (
        "The site's node id of the election page the report belongs to; joins to "
        "`bi_elections`.",
        7,
    ),
    "report_url": (
        "Absolute URL the report PDF was last fetched from.",
        "https://www.osce.org/files/f/documents/e/e/297551.pdf",
    ),
    "text_source": (
        "Where the text was read from: `pdf` (the PDF's text layer) or `ocr`.",
        "pdf",
    ),
}

_REPORT_KEY: dict[str, tuple[str, Any]] = {
    "report_id": (
        "The report document's id: stable across versions and runs; joins to `bi_reports`.",
        19,
    ),
    "url_path": (
        "Path of the PDF's URL on the site, without host or query string (joins to `bi_reports`).",
        "/files/f/documents/e/e/297551.pdf",
    ),
}

#: View name → (what one row is, {column → (meaning, example)}).
VIEW_TEXT: dict[str, tuple[str, dict[str, tuple[str, Any]]]] = {
    "bi_reports": (
        "One row per report document discovered (its latest version).",
        {
            "report_id": (
                "The report document's id: stable across versions and runs; the fact views' "
                "`report_id` refers to it.",
                19,
            ),
            "url_path": (
                "Path of the PDF's URL on the site (`/files/f/documents/4/7/250536.pdf`), "
                "without host or query string. Natural key of a report.",
                "/files/f/documents/e/e/297551.pdf",
            ),
            "country": ("Country name as the site prints it.", "Georgia"),
            "country_code": ("ISO 3166-1 alpha-2 code of the country.", "GE"),
            "election_title": (
                "Title of the election as the site prints it.",
                "Parliamentary Elections, 8 October 2016",
            ),
            "election_type": (
                "`parliamentary`, `presidential`, `referendum`, `local`, or another lower-case "
                "word the site uses.",
                "parliamentary",
            ),
            "early": ("True for an early (snap) election.", False),
            "election_date": ("The first (or only) voting day.", date(2016, 10, 8)),
            "mission_type": (
                "Kind of ODIHR mission as the site names it.",
                "Election Observation Mission",
            ),
            "report_type": (
                "`needs_assessment`, `interim`, `preliminary_statement`, `final`, `other`.",
                "final",
            ),
            "language": ("ISO 639-1 code of the report's language (`en`, `ru`).", "en"),
            "translation_of": (
                "For a translated report, the `url_path` of the original; null otherwise.",
                "/files/f/documents/e/5/300026.pdf",
            ),
            "published_on": ("Publication date the site lists.", date(2017, 2, 28)),
            "pages": ("Number of pages of the PDF.", 22),
            "sha256": (
                "sha256 (hex) of the PDF bytes of the version shown.",
                "e8f802cc1518f54234b6e53b64e6e1d18edbeb36344cd914903bcd2ff2052be3",
            ),
            "status": (
                "`loaded`, `partial` (some parts loaded, others quarantined: see "
                "`bi_report_parts`), `quarantined`, or `skipped` (deliberately not parsed: a "
                "translation whose original is loaded); `pending`: discovered, not processed yet.",
                "loaded",
            ),
            "status_reason": (
                "Why the report is quarantined or skipped, in words a person can act on; for a "
                "partial report, each quarantined part with its reason; null when loaded.",
                "translation of /files/f/documents/e/5/300026.pdf, which is loaded",
            ),
            "dq_warnings": (
                "Data-quality warnings a person should know about (e.g. the source's printed "
                "total disagrees with the sum of its rows), `; `-separated, or null.",
                "votes_sum_mismatch in 'Presidential election' round 1: printed total 331,970 "
                "≠ sum of rows 331,790",
            ),
            "parser_version": ("Version of the parser that read the version shown.", "1.0.0"),
            "loaded_at": (
                "When the facts shown were loaded (UTC); null when never loaded.",
                datetime(2026, 11, 25, 8, 18, 32),
            ),
        },
    ),
    "bi_results": (
        "One row per contestant per round per contest.",
        {
            **_REPORT_KEY,
            "country_code": ("ISO 3166-1 alpha-2 code of the election's country.", "GE"),
            "election_date": ("The election's first (or only) voting day.", date(2016, 10, 8)),
            "election_type": ("As in `bi_reports`.", "parliamentary"),
            "contest": (
                "The results table's own title as printed (`Presidential election`, "
                "`Majilis, nationwide constituency (proportional)`).",
                "Parliament (mixed system)",
            ),
            "contest_kind": (
                "`party_list`, `mixed`, `presidential`, `referendum`, `local`, `majoritarian`.",
                "mixed",
            ),
            "round": ("Round number, 1-based.", 1),
            "round_date": ("Voting day of the round, where known.", date(2016, 10, 8)),
            "contestant": (
                "Party, candidate or referendum option as printed.",
                "Georgian Future – Democratic Union",
            ),
            "nominated_by": (
                "A candidate's nominating party where printed, else null.",
                "Nur Otan Party",
            ),
            "votes": ("Votes received.", 854849),
            "vote_share": ("Share of the vote, per cent as printed (0–100).", 48.47),
            "seats": ("Total seats won; null where the table prints none.", 117),
            "seats_proportional": (
                "Seats from the proportional (list) vote, where a mixed system prints the split.",
                46,
            ),
            "seats_majoritarian": (
                "Seats from majoritarian constituencies, where a mixed system prints the split.",
                71,
            ),
            "page": LINEAGE["page"],
            "extra_figures": (
                "Figures the table prints beside votes, share and seats (breakdowns, sub-totals, "
                "member counts): a JSON object, printed column header → value; null where none.",
                '{"Votes abroad": 1520}',
            ),
        },
    ),
    "bi_turnout": (
        "One row per contest per round where the report prints turnout.",
        {
            **_REPORT_KEY,
            "contest": ("The results table's own title as printed.", "Parliament (mixed system)"),
            "round": ("Round number, 1-based.", 1),
            "registered_voters": ("Voters on the register.", 3513884),
            "voters_participated": ("Voters who took part.", 1818297),
            "turnout_pct": ("Turnout, per cent as printed (0–100).", 51.75),
            "valid_votes": ("Valid ballots (votes).", 1763678),
            "invalid_ballots": ("Invalid (spoilt) ballots.", 54619),
            "country_code": ("ISO 3166-1 alpha-2 code of the election's country.", "GE"),
            "election_date": ("The election's first (or only) voting day.", date(2016, 10, 8)),
            "round_date": ("Voting day of the round, where known.", date(2016, 10, 8)),
        },
    ),
    "bi_observers": (
        "One row per listed observer, in the order listed.",
        {
            **_REPORT_KEY,
            "position": ("1-based position in the report's list.", 107),
            "given_name": ("Given name(s) as printed.", "Ignacio"),
            "family_name": ("Family name as printed.", "Sánchez-Amor"),
            "country": ("The observer's country as printed.", "Spain"),
            "role": ("Role as printed, or null.", "Head of Mission"),
            "delegation": (
                "The heading the observer is listed under (`OSCE Parliamentary Assembly`, "
                "`ODIHR EOM Core Team`).",
                "ODIHR EOM Long-Term Observers",
            ),
            "delegation_parent": (
                "The heading enclosing that one (`Long-Term Observers`), if any.",
                "Long-Term Observers",
            ),
            "country_code": (
                "ISO 3166-1 alpha-2 code of the observer's nationality (from the printed country "
                "where the parser gives none), null where it cannot be told.",
                "ES",
            ),
            "delegation_kind": (
                "The delegation normalised: `core_team`, `long_term`, `short_term`, `osce_pa`, "
                "`pace`, `european_parliament`, `nato_pa`, `other`.",
                "long_term",
            ),
        },
    ),
    "bi_recommendations": (
        "One row per numbered recommendation.",
        {
            **_REPORT_KEY,
            "number": ("The recommendation's number as printed.", 9),
            "priority": ("True for the report's priority recommendations.", False),
            "section": (
                "The topic heading the recommendation is listed under, null where there is none.",
                "Legal Framework",
            ),
            "text": (
                "The recommendation's text, joined across lines and pages.",
                "The law on public assemblies should be amended to require only a simple "
                "notification, with appropriate exceptions for spontaneous assemblies, instead "
                "of the current authorization requirement.",
            ),
            "previously_recommended": (
                "The text says it repeats an earlier recommendation.",
                False,
            ),
            "numbered": (
                "False where the report printed no numbers and `number` is the reading order.",
                True,
            ),
        },
    ),
    "bi_report_parts": (
        "One row per part of each report (of the version `bi_reports` shows): its metadata, "
        "each results table with its turnout, its observers, its recommendations.",
        {
            **_REPORT_KEY,
            "part": (
                "`metadata`, `results:<contest>` (one per results table; `results` when no "
                "table was found or none could be told apart), `observers`, `recommendations`.",
                "results:Presidential election",
            ),
            "status": (
                "`loaded`, `quarantined` (found but not loadable: `reason` says why) or `absent` "
                "(the parser found no such part).",
                "loaded",
            ),
            "reason": (
                "Why the part is quarantined or absent, in words a person can act on; null when "
                "loaded.",
                "no list of observers found in this final report, which should print one",
            ),
            "rows": (
                "Rows the part put into its view (`bi_results`, `bi_observers`, "
                "`bi_recommendations`; 1 for the metadata); 0 unless loaded.",
                353,
            ),
            "page": ("1-based PDF page where the part was found, where known.", 17),
        },
    ),
    "bi_elections": (
        "One row per election page of the site.",
        {
            "election_id": ("The site's node id of the election page.", 7),
            "country": ("Country name as the site prints it.", "Georgia"),
            "country_code": ("ISO 3166-1 alpha-2 code of the country.", "GE"),
            "title": (
                "Title of the election as the site prints it.",
                "Parliamentary Elections, 8 October 2016",
            ),
            "election_type": ("As in `bi_reports`.", "parliamentary"),
            "election_date": ("The first (or only) voting day.", date(2016, 10, 8)),
            "dates": (
                "Every voting day, ISO dates, comma-separated (rounds).",
                "2016-10-08,2016-10-30",
            ),
            "mission_type": (
                "Kind of ODIHR mission as the site names it.",
                "Election Observation Mission",
            ),
            "reports": ("Report documents the election page lists (translations too).", 4),
            "final_report_loaded": (
                "True when the election's final report is loaded (fully or partially).",
                True,
            ),
            "election_url_path": (
                "Path of the election page on the site.",
                "/odihr/elections/georgia/7",
            ),
        },
    ),
}

#: View columns computed by an expression rather than selected from a table: their type and
#: nullability, and what the source column of the dictionary shows.
COMPUTED: dict[str, dict[str, tuple[type[TypeEngine[Any]], bool, str]]] = {
    "bi_elections": {
        "reports": (Integer, False, "count of `report_document` rows"),
        "final_report_loaded": (Boolean, False, "from `report_document.status`"),
    },
}

#: Static notes for people reading the views with BI tools (verified by tests/test_bi_clients.py).
READING_NOTES = """\
## Reading the warehouse from BI tools

- Only the `bi_*` views are the public interface (see the contract); the internal tables below
  may change between releases and are documented for operators and lineage questions.
- Only the latest loaded version of each report appears in the fact views; a quarantined
  version never does. Earlier versions' rows stay in the internal fact tables.
- A `partial` report shows the parts that loaded; `bi_report_parts` lists every part with its
  status and reason, so `WHERE status <> 'loaded'` there says exactly what is missing and why.
- **PostgreSQL**: give a BI login read access with `odihr db grant-readonly ROLE`: it may
  `SELECT` the `bi_*` views and nothing else. Booleans are `boolean`, timestamps
  `timestamp with time zone` (UTC).
- **SQLite**: open the file read-only (`sqlite:///file:warehouse.db?mode=ro&uri=true`). SQLite
  has no boolean, date or timestamp storage: booleans are `0`/`1`, dates ISO text
  (`2016-10-08`), timestamps UTC text without offset (`2026-11-25 08:18:32.047299`).
  `pandas.read_sql` returns those as integers and strings (pass `parse_dates=[...]`); DuckDB's
  sqlite scanner types the dates and timestamps and reads booleans as `BIGINT` 0/1.
- **DuckDB** offline: `INSTALL '<path>/sqlite_scanner.duckdb_extension'; LOAD sqlite_scanner;`
  (the file ships in the `duckdb-extension-sqlite-scanner` wheel; likewise `postgres_scanner`),
  then `ATTACH 'warehouse.db' AS wh (TYPE sqlite, READ_ONLY)` or
  `ATTACH 'host=… dbname=… user=…' AS wh (TYPE postgres, READ_ONLY)`.
"""
