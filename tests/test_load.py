"""db/facts.py: flattening parsed reports, their digest, and versioned loads on both engines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError

from db.facts import _digest, fact_rows, facts_digest, load_report, quarantine_report
from db.load import FACT_TABLES, record_version, upsert_documents, upsert_elections
from db.migrate import upgrade
from odihr.records import (
    Contest,
    Observer,
    ParsedReport,
    Recommendation,
    ReportMetadata,
    ResultRound,
    ResultRow,
)

DAY1, DAY2 = date(2024, 3, 10), date(2024, 3, 24)
OBSERVER = Observer(1, "Ilona", "Berg", "Sweden", "Head of Mission", "Core Team", None, 30)
RECOMMENDATION = Recommendation(3, True, "Legal Framework", "Amend the law.", False, 25)


def presidential(*rows: tuple[str, int | None], pages: int = 20, **kw: Any) -> ParsedReport:
    """A report with one two-round presidential contest: ``rows`` in round 1, the top two in 2."""
    first = tuple(ResultRow(name, votes, None, 12) for name, votes in rows)
    second = tuple(ResultRow(name, votes, None, 13) for name, votes in rows[:2])
    contest = Contest(
        "Presidential election",
        "presidential",
        (
            ResultRound(1, first, 12, DAY1, registered_voters=1000, turnout_pct=61.5),
            ResultRound(2, second, 13, DAY2, valid_votes=900),
        ),
    )
    fields: dict[str, Any] = {"observers": (OBSERVER,), "recommendations": (RECOMMENDATION,)}
    fields.update(kw)
    return ParsedReport("1.0.0", ReportMetadata(pages=pages), (contest,), **fields)


EMPTY = ParsedReport("1.0.0", ReportMetadata(pages=3))
NO_ROUNDS = ParsedReport(
    "1.0.0", ReportMetadata(pages=3), (Contest("Referendum", "referendum", ()),)
)

#: (case, parsed report, {table → expected rows, each a subset of the row's columns}).
FACT_CASES: list[tuple[str, ParsedReport, dict[str, list[dict[str, Any]]]]] = [
    ("empty", EMPTY, {t.__tablename__: [] for t in FACT_TABLES}),
    (
        "contest without rounds",
        NO_ROUNDS,
        {"contest": [{"position": 1, "title": "Referendum", "page": None}], "result": []},
    ),
    (
        "two rounds",
        presidential(("A", 500), ("B", 300), ("C", None)),
        {
            "contest": [{"position": 1, "kind": "presidential", "page": 12}],
            "turnout": [
                {"round": 1, "round_date": DAY1, "registered_voters": 1000, "page": 12},
                {"round": 2, "round_date": DAY2, "valid_votes": 900, "page": 13},
            ],
            "result": [
                {"round": 1, "position": 1, "contestant": "A", "votes": 500},
                {"round": 1, "position": 2, "contestant": "B", "round_date": DAY1},
                {"round": 1, "position": 3, "contestant": "C", "votes": None},
                {"round": 2, "position": 1, "contestant": "A", "page": 13},
                {"round": 2, "position": 2, "contest": "Presidential election"},
            ],
            "observer": [{"position": 1, "family_name": "Berg", "delegation": "Core Team"}],
            "recommendation": [{"number": 3, "priority": True, "section": "Legal Framework"}],
        },
    ),
]


@pytest.mark.parametrize(
    ("parsed", "expected"), [c[1:] for c in FACT_CASES], ids=[c[0] for c in FACT_CASES]
)
def test_fact_rows(parsed: ParsedReport, expected: dict[str, list[dict[str, Any]]]) -> None:
    rows = {table.__tablename__: r for table, r in fact_rows(parsed, 7, 9).items()}
    for table, expected_rows in expected.items():
        assert len(rows[table]) == len(expected_rows), table
        for row, want in zip(rows[table], expected_rows, strict=True):
            assert {k: row[k] for k in want} == want, table
            assert (row["version_id"], row["parser_version"], row["run_id"]) == (7, "1.0.0", 9)


BASE = presidential(("A", 500), ("B", 300))
#: (case, other report, other dq_warnings, same digest as BASE without warnings?).
DIGEST_CASES: list[tuple[str, ParsedReport, tuple[str, ...], bool]] = [
    ("identical", presidential(("A", 500), ("B", 300)), (), True),
    ("other parser version", replace(BASE, parser_version="2.0.0"), (), True),
    ("a vote differs", presidential(("A", 501), ("B", 300)), (), False),
    ("rows reordered", presidential(("B", 300), ("A", 500)), (), False),
    ("a warning", BASE, ("votes_sum_mismatch",), False),
    ("page count", presidential(("A", 500), ("B", 300), pages=21), (), False),
    ("no observers", presidential(("A", 500), ("B", 300), observers=()), (), False),
]


@pytest.mark.parametrize(
    ("other", "warnings", "same"), [c[1:] for c in DIGEST_CASES], ids=[c[0] for c in DIGEST_CASES]
)
def test_facts_digest(other: ParsedReport, warnings: tuple[str, ...], same: bool) -> None:
    assert (facts_digest(other, warnings) == facts_digest(BASE)) is same


def test_digest_ignores_lineage_and_keeps_its_format() -> None:
    rows = fact_rows(BASE, version_id=41, run_id=5)
    assert _digest(rows, ("w",), 20) == facts_digest(BASE, ("w",))
    # Stored versions carry this digest: a format change makes the next reparse reload them all.
    # (Changed once with revision 0002: new fact columns, parts and status reason.)
    assert facts_digest(BASE) == "f4632a51a3cf00bd059cca6c163d057c0afb43c1f0b693ce98b7ecdd6300bc2f"


# --- loading versions, on SQLite and PostgreSQL -------------------------------------------------


def _document(engine: Engine) -> int:
    upsert_elections(
        engine,
        [
            {
                "id": 1,
                "url_path": "/odihr/elections/x/1",
                "country": "Nowhere",
                "country_code": "XX",
                "title": "Presidential Election",
                "election_type": "presidential",
                "early": False,
                "election_date": DAY1,
                "election_dates": (DAY1, DAY2),
            }
        ],
    )
    doc = {"url_path": "/r.pdf", "url": "http://x/r.pdf", "election_id": 1, "report_type": "final"}
    return upsert_documents(engine, [doc])["/r.pdf"]


def _version(engine: Engine, document_id: int, sha: str) -> int:
    version_id, is_new = record_version(
        engine, document_id, sha256=sha * 64, size=1, etag=None, last_modified=None, run_id=None
    )
    assert is_new
    return version_id


def _query(engine: Engine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql), params).all()]


def _view_results(engine: Engine) -> list[tuple[Any, ...]]:
    """(sha256, round, contestant, votes, ISO round date) of every bi_results row, sorted."""
    rows = _query(
        engine,
        "SELECT sha256, round, contestant, votes, round_date FROM bi_results "
        "ORDER BY round, contestant",
    )
    return [(*row[:4], str(row[4])) for row in rows]  # SQLite returns dates as text


def _facts_of(engine: Engine, version_id: int) -> dict[str, int]:
    return {
        t.__tablename__: _query(
            engine, f"SELECT count(*) FROM {t.__tablename__} WHERE version_id = :v", v=version_id
        )[0][0]
        for t in FACT_TABLES
    }


V1 = presidential(("A", 500), ("B", 300))
V2 = presidential(("A", 510), ("B", 290), ("C", 10))


@pytest.fixture
def loaded(database_url: str) -> tuple[Engine, int, int, int]:
    """A warehouse whose one report was loaded, then re-issued (v2) and loaded again."""
    engine = upgrade(database_url)
    document_id = _document(engine)
    v1 = _version(engine, document_id, "a")
    load_report(engine, document_id=document_id, version_id=v1, parsed=V1, run_id=None)
    v2 = _version(engine, document_id, "b")
    load_report(engine, document_id=document_id, version_id=v2, parsed=V2, run_id=None)
    return engine, document_id, v1, v2


def test_reissued_pdf_replaces_the_facts_in_the_views_and_keeps_the_old_rows(
    loaded: tuple[Engine, int, int, int],
) -> None:
    engine, _, v1, v2 = loaded
    assert _view_results(engine) == [
        ("b" * 64, 1, "A", 510, str(DAY1)),
        ("b" * 64, 1, "B", 290, str(DAY1)),
        ("b" * 64, 1, "C", 10, str(DAY1)),
        ("b" * 64, 2, "A", 510, str(DAY2)),
        ("b" * 64, 2, "B", 290, str(DAY2)),
    ]
    assert _query(engine, "SELECT sha256, status FROM bi_reports") == [("b" * 64, "loaded")]
    assert _query(engine, "SELECT priority, number FROM bi_recommendations") == [(True, 3)]
    assert _facts_of(engine, v1) == {
        "result": 4, "turnout": 2, "observer": 1, "recommendation": 1, "contest": 1
    }  # fmt: skip
    assert _facts_of(engine, v2)["result"] == 5


def test_reloading_a_version_replaces_its_rows(loaded: tuple[Engine, int, int, int]) -> None:
    engine, document_id, _, v2 = loaded
    written = load_report(engine, document_id=document_id, version_id=v2, parsed=V2, run_id=None)
    assert written == sum(_facts_of(engine, v2).values()) == 10
    assert len(_view_results(engine)) == 5


def test_a_failed_load_changes_nothing(loaded: tuple[Engine, int, int, int]) -> None:
    engine, document_id, _, v2 = loaded
    v3 = _version(engine, document_id, "c")
    before = _view_results(engine)
    # Contest rows are written last; a NOT NULL title fails after every other table was written.
    broken = replace(V2, contests=(replace(V2.contests[0], title=None),))
    with pytest.raises(IntegrityError):
        load_report(engine, document_id=document_id, version_id=v3, parsed=broken, run_id=None)
    assert _view_results(engine) == before
    assert set(_facts_of(engine, v3).values()) == {0}
    assert _query(engine, "SELECT current_version_id FROM report_document") == [(v2,)]
    assert _query(engine, "SELECT status FROM document_version WHERE id = :v", v=v3) == [
        ("fetched",)
    ]


def test_quarantining_the_newest_version_shows_the_previous_one_again(
    loaded: tuple[Engine, int, int, int],
) -> None:
    engine, document_id, v1, v2 = loaded
    quarantine_report(
        engine, document_id=document_id, version_id=v2, code="unknown_layout",
        reason="results table layout not recognised", run_id=None,
    )  # fmt: skip
    assert {r[0] for r in _view_results(engine)} == {"a" * 64}
    assert len(_view_results(engine)) == 4
    assert _query(engine, "SELECT status, status_reason FROM bi_reports") == [
        ("quarantined", "results table layout not recognised")
    ]
    assert set(_facts_of(engine, v2).values()) == {0}
    assert _facts_of(engine, v1)["result"] == 4
    assert _query(engine, "SELECT code, version_id FROM quarantine") == [("unknown_layout", v2)]


def test_quarantining_the_only_version_empties_the_views(database_url: str) -> None:
    engine = upgrade(database_url)
    document_id = _document(engine)
    v1 = _version(engine, document_id, "a")
    load_report(engine, document_id=document_id, version_id=v1, parsed=V1, run_id=None)
    quarantine_report(
        engine, document_id=document_id, version_id=v1, code="x", reason="held", run_id=None
    )
    for view in ("bi_results", "bi_turnout", "bi_observers", "bi_recommendations"):
        assert _query(engine, f"SELECT count(*) FROM {view}") == [(0,)], view
    assert _query(engine, "SELECT status, sha256 FROM bi_reports") == [("quarantined", "a" * 64)]


def test_every_fact_column_reads_back_as_loaded_and_the_digest_is_stored(database_url: str) -> None:
    """Every value of every fact row comes back as it went in (on PostgreSQL through binary
    COPY: integers, floats, dates, booleans, NULLs, non-Latin text, JSON text), and the version
    stores the digest a reparse compares with (:func:`facts_digest`)."""
    engine = upgrade(database_url)
    document_id = _document(engine)
    version = _version(engine, document_id, "c")
    row = ResultRow("Ilham Əliyev «Yeni»", 1_234_567, 61.25, 12, seats=3, nominated_by="Partiya",
                    extra_figures=(("Vote share (%)", "61,25"),))
    parsed = replace(
        presidential(("A", None)),
        contests=(Contest("Parliamentary", "proportional", (ResultRound(1, (row,), 12, DAY2),),
                          seats_total=101),),
        recommendations=(RECOMMENDATION, replace(RECOMMENDATION, number=4, priority=False,
                                                 numbered=False, section=None)),
    )
    notes = ("a note",)
    load_report(engine, document_id=document_id, version_id=version, parsed=parsed, run_id=None,
                dq_warnings=notes)
    with engine.connect() as connection:
        for model, rows in fact_rows(parsed, version, None).items():
            table = model.__table__
            keys = list(rows[0]) if rows else []
            got = connection.execute(
                select(*(table.c[k] for k in keys)).where(table.c.version_id == version)
                .order_by(table.c.id)
            ).all() if keys else []
            assert [tuple(r) for r in got] == [tuple(r.values()) for r in rows], model
    [(stored,)] = _query(engine, "SELECT facts_digest FROM document_version WHERE id = :v",
                         v=version)
    assert stored == facts_digest(parsed, notes)
