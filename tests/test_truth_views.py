"""Every truth field of every sample PDF, read back through the public ``bi_*`` views.

One real ingest per engine (Prefect flow, HTTP against the mirror, GX validation: the run's
shared warehouses), then one parametrized test per truth file and view. Truth → contract
mapping: see the mirror's README.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from db.engine import get_engine

from tests_support import TRUTH_DIR

pytest_plugins = ["warehouse_fixtures"]

TRUTHS = {
    p.stem: json.loads(p.read_text(encoding="utf-8"))
    for p in sorted(TRUTH_DIR.glob("*.json"))
    if p.name != "site.json"
}
#: Contest titles the truth gives that the PDF does not print (see the closing note of the
#: parsing issue); the views carry the title as printed, per the contract.
UNPRINTED_TITLES = {"429104", "466992", "495526"}


@pytest.fixture(scope="module")
def warehouse(ingested: Any) -> str:
    """A warehouse holding a full backfill of the sample mirror, on each engine (the session's:
    :mod:`warehouse_fixtures`; read only)."""
    return str(ingested.url)


def query(url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    with get_engine(url).connect() as connection:
        return [dict(r) for r in connection.execute(text(sql), params).mappings().all()]


def num(value: Any) -> Any:
    return None if value is None else float(value)


@pytest.mark.parametrize("pdf_id", sorted(TRUTHS))
def test_results_and_turnout_equal_truth(warehouse: str, pdf_id: str) -> None:
    truth = TRUTHS[pdf_id]
    path = truth["url_path"]
    results = query(
        warehouse,
        "SELECT * FROM bi_results WHERE url_path = :p ORDER BY contest, round, report_id",
        p=path,
    )
    turnout = query(
        warehouse, "SELECT * FROM bi_turnout WHERE url_path = :p ORDER BY contest, round", p=path
    )
    if truth["translation_of"] or not truth["results"]:
        assert results == [] and turnout == []
        return
    expected_rows, expected_turnout = [], []
    for contest in truth["results"]["contests"]:
        for rnd in contest["rounds"]:
            expected_turnout.append(
                (
                    rnd["round"],
                    rnd["registered_voters"],
                    rnd["voters_participated"],
                    num(rnd["turnout_pct"]),
                    rnd["valid_votes_total"],
                    rnd["invalid_ballots"],
                )
            )
            for row in rnd["rows"]:
                expected_rows.append(
                    (
                        contest["kind"],
                        rnd["round"],
                        rnd["date"],
                        row["contestant"],
                        row.get("nominated_by"),
                        row["votes"],
                        num(row["share"]),
                        row.get("seats"),
                        row.get("seats_pr"),
                        row.get("seats_smd"),
                    )
                )
    got_rows = [
        (
            r["contest_kind"],
            r["round"],
            str(r["round_date"]),
            r["contestant"],
            r["nominated_by"],
            r["votes"],
            num(r["vote_share"]),
            r["seats"],
            r["seats_proportional"],
            r["seats_majoritarian"],
        )
        for r in results
    ]
    assert sorted(got_rows, key=repr) == sorted(expected_rows, key=repr)
    got_turnout = [
        (
            t["round"],
            t["registered_voters"],
            t["voters_participated"],
            num(t["turnout_pct"]),
            t["valid_votes"],
            t["invalid_ballots"],
        )
        for t in turnout
    ]
    assert sorted(got_turnout, key=repr) == sorted(expected_turnout, key=repr)
    titles = {r["contest"] for r in results}
    expected_titles = {c["contest"] for c in truth["results"]["contests"]}
    if pdf_id not in UNPRINTED_TITLES:
        assert titles == expected_titles
    assert all(r["page"] and 1 <= r["page"] <= truth["page_count"] for r in results)


@pytest.mark.parametrize("pdf_id", sorted(TRUTHS))
def test_observers_equal_truth(warehouse: str, pdf_id: str) -> None:
    truth = TRUTHS[pdf_id]
    got = query(
        warehouse,
        "SELECT * FROM bi_observers WHERE url_path = :p ORDER BY position",
        p=truth["url_path"],
    )
    expected = (
        []
        if truth["translation_of"]
        else [
            (
                o["given_name"],
                o["family_name"],
                o["country"],
                o["role"],
                o["group"],
                o["parent_group"],
            )
            for o in truth["observers"] or []
        ]
    )
    assert [
        (
            o["given_name"],
            o["family_name"],
            o["country"],
            o["role"],
            o["delegation"],
            o["delegation_parent"],
        )
        for o in got
    ] == expected
    assert [o["position"] for o in got] == list(range(1, len(got) + 1))


@pytest.mark.parametrize("pdf_id", sorted(TRUTHS))
def test_recommendations_equal_truth(warehouse: str, pdf_id: str) -> None:
    truth = TRUTHS[pdf_id]
    got = query(
        warehouse,
        "SELECT * FROM bi_recommendations WHERE url_path = :p ORDER BY number",
        p=truth["url_path"],
    )
    expected = (
        []
        if truth["translation_of"]
        else [
            (r["number"], r["priority"], r["section"], r["text"])
            for r in truth["recommendations"] or []
        ]
    )
    assert [(r["number"], bool(r["priority"]), r["section"], r["text"]) for r in got] == expected


@pytest.mark.parametrize("pdf_id", sorted(TRUTHS))
def test_report_metadata_equals_truth(warehouse: str, pdf_id: str) -> None:
    truth = TRUTHS[pdf_id]
    (report,) = query(
        warehouse, "SELECT * FROM bi_reports WHERE url_path = :p", p=truth["url_path"]
    )
    assert report["country"] == truth["country"]
    assert report["country_code"] == truth["country_iso2"]
    assert report["election_title"] == truth["election_title"]
    assert report["election_type"] == truth["election_type"]
    assert bool(report["early"]) == truth["early"]
    assert str(report["election_date"]) == truth["election_date"]
    assert report["mission_type"] == truth["mission_type"]
    assert report["language"] == truth["language"]
    assert str(report["published_on"]) == truth["publication_date"]
    assert report["pages"] == truth["page_count"]
    assert report["sha256"] == truth["file"]["sha256"]
    original = truth["translation_of"]
    assert report["translation_of"] == (TRUTHS[original]["url_path"] if original else None)
    expected_status = {"load": "loaded", "skip": "skipped", "quarantine": "quarantined"}
    assert report["status"] == expected_status[truth["pipeline_expectation"]["action"]]
    failures = truth["expected_validation_failures"]
    assert bool(report["dq_warnings"]) == bool(failures), report["dq_warnings"]


@pytest.mark.parametrize("pdf_id", sorted(TRUTHS))
def test_report_parts_agree_with_truth(warehouse: str, pdf_id: str) -> None:
    """Every part of a sample report is loaded with the truth's row count, or absent where the
    truth has none; a skipped translation has no parts (it was never parsed)."""
    truth = TRUTHS[pdf_id]
    got = {
        r["part"]: (r["status"], r["rows"])
        for r in query(warehouse, "SELECT * FROM bi_report_parts WHERE url_path = :p",
                       p=truth["url_path"])  # fmt: skip
    }
    if truth["pipeline_expectation"]["action"] == "skip":
        assert got == {}
        return
    contests = (truth["results"] or {}).get("contests") or []
    result_rows = sum(len(r["rows"]) for c in contests for r in c["rounds"])
    results = {k: v for k, v in got.items() if k.startswith("results")}
    if contests:
        assert {s for s, _ in results.values()} == {"loaded"}
        assert sum(n for _, n in results.values()) == result_rows
        assert len(results) == len(contests)
    else:
        assert results == {"results": ("absent", 0)}
    for kind in ("observers", "recommendations"):
        count = len(truth[kind] or [])
        assert got[kind] == (("loaded", count) if count else ("absent", 0)), kind
    assert got["metadata"] == ("loaded", 1)


def test_elections_view_says_which_final_reports_are_loaded(warehouse: str) -> None:
    finals = {
        t["url_path"] for t in TRUTHS.values()
        if t["report_type_code"] == "final_report" and not t["translation_of"]
    }  # fmt: skip
    rows = query(warehouse, "SELECT election_id, reports, final_report_loaded FROM bi_elections")
    loaded = {r["election_id"] for r in rows if r["final_report_loaded"]}
    with_final = {
        r["election_id"]
        for r in query(warehouse, "SELECT election_id, url_path FROM bi_reports")
        if r["url_path"] in finals
    }
    assert loaded == with_final and with_final
    reports = query(warehouse, "SELECT election_id, count(*) AS n FROM bi_reports GROUP BY 1")
    assert {r["election_id"]: r["n"] for r in reports} == {
        r["election_id"]: r["reports"] for r in rows if r["reports"]
    }
