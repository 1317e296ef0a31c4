"""The suites, the country list and the arithmetic behind the checks, without a full run."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

from odihr.records import ResultRound, ResultRow
from odihr.validate import country_code
from odihr.validate.arithmetic import decimals, half_unit, round_arithmetic
from odihr.validate.frames import (
    OBSERVER_COLUMNS,
    RECOMMENDATION_COLUMNS,
    REPORT_COLUMNS,
    RESULT_COLUMNS,
    TURNOUT_COLUMNS,
)
from odihr.validate.suites import SUITE_NAMES, build_gx_suite, load_suites, suites_dir

from truth_records import truth_report

REPO_SUITES = Path(__file__).resolve().parents[1] / "expectations"
FRAME_COLUMNS = {
    "reports": REPORT_COLUMNS,
    "results": RESULT_COLUMNS,
    "turnout": TURNOUT_COLUMNS,
    "observers": OBSERVER_COLUMNS,
    "recommendations": RECOMMENDATION_COLUMNS,
}


def test_suites_live_in_the_expectations_package() -> None:
    assert suites_dir() == REPO_SUITES
    assert sorted(p.stem for p in suites_dir().glob("*.json")) == sorted(SUITE_NAMES)
    # expectations/__init__.py names the directory (a stale editable install may import the
    # package as a namespace without it; suites_dir() copes with both).
    spec = importlib.util.spec_from_file_location("_suites_pkg", REPO_SUITES / "__init__.py")
    assert spec and spec.loader
    package = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(package)
    assert package.SUITES_DIR == REPO_SUITES
    assert package.suite_path("results") == REPO_SUITES / "results.json"


@pytest.mark.parametrize("name", SUITE_NAMES)
def test_suite_json_loads_and_gx_builds_every_expectation(name: str) -> None:
    import great_expectations as gx

    raw = json.loads((suites_dir() / f"{name}.json").read_text(encoding="utf-8"))
    spec = next(s for s in load_suites() if s.name == name)
    assert spec.name == raw["name"] == name
    suite = build_gx_suite(gx, spec)
    assert len(suite.expectations) == len(raw["expectations"]) == len(spec.expectations)
    # Every suite checks the frame's exact columns, and names them the way frames.py builds them.
    (columns,) = [e.kwargs["column_set"] for e in spec.expectations if "column_set" in e.kwargs]
    assert columns == list(FRAME_COLUMNS[spec.table])
    referenced = {
        v for e in spec.expectations for k, v in e.kwargs.items()
        if k in ("column", "column_A", "column_B")
    } | {c for e in spec.expectations for c in e.kwargs.get("column_list", [])}  # fmt: skip
    assert referenced <= set(columns)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kazakhstan", "KZ"), ("United States", "US"), ("United States of America", "US"),
        ("United Kingdom", "GB"), ("Russian Federation", "RU"), ("Russia", "RU"),
        ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Türkiye", "TR"), ("Turkey", "TR"),
        ("North Macedonia", "MK"), ("the former Yugoslav Republic of Macedonia", "MK"),
        ("The Netherlands", "NL"), ("Korea, South", "KR"), ("Moldova", "MD"),
        ("Kyrgyzstan", "KG"), ("Holy See", "VA"), ("Bosnia and Herzegovina", "BA"),
        ("Kosovo", "XK"), ("Côte d'Ivoire", "CI"), ("Испания", "ES"), ("Турция", "TR"),
        ("Соединённое Королевство", "GB"), ("Соединенные Штаты Америки", "US"),
        ("  mongolia ", "MN"), ("Nowhere", None), ("Head of Mission", None), ("", None),
        (None, None),
    ],
)  # fmt: skip
def test_country_code(name: str | None, code: str | None) -> None:
    assert country_code(name) == code


def test_every_osce_participating_state_is_recognised() -> None:
    names = (
        "Albania", "Andorra", "Armenia", "Austria", "Azerbaijan", "Belarus", "Belgium",
        "Bosnia and Herzegovina", "Bulgaria", "Canada", "Croatia", "Cyprus", "Czechia", "Denmark",
        "Estonia", "Finland", "France", "Georgia", "Germany", "Greece", "Holy See", "Hungary",
        "Iceland", "Ireland", "Italy", "Kazakhstan", "Kyrgyzstan", "Latvia", "Liechtenstein",
        "Lithuania", "Luxembourg", "Malta", "Moldova", "Monaco", "Mongolia", "Montenegro",
        "Netherlands", "North Macedonia", "Norway", "Poland", "Portugal", "Romania",
        "Russian Federation", "San Marino", "Serbia", "Slovakia", "Slovenia", "Spain", "Sweden",
        "Switzerland", "Tajikistan", "Türkiye", "Turkmenistan", "Ukraine", "United Kingdom",
        "United States", "Uzbekistan",
    )  # fmt: skip
    assert len(names) == 57
    assert [n for n in names if country_code(n) is None] == []


@pytest.mark.parametrize(
    ("value", "places", "slack"),
    [(54.4, 1, 0.05), (77.12, 2, 0.005), (60.0, 0, 0.5), (0.09, 2, 0.005), (48.3, 1, 0.05)],
)
def test_printed_precision(value: float, places: int, slack: float) -> None:
    assert decimals(value) == places
    assert half_unit(value) == pytest.approx(slack)


def _first_round(pdf_id: str) -> ResultRound:
    return truth_report(pdf_id).contests[0].rounds[0]


def test_planted_round_is_self_consistent_over_its_sum() -> None:
    arithmetic = round_arithmetic(_first_round("385260"))
    assert arithmetic.votes_sum == 331790 and arithmetic.share_base_name == "votes_sum"
    assert arithmetic.rows_self_consistent


@pytest.mark.parametrize("pdf_id", ["14112", "250536", "297551", "434101", "466992", "598211"])
def test_truth_rounds_are_self_consistent(pdf_id: str) -> None:
    arithmetic = round_arithmetic(_first_round(pdf_id))
    assert arithmetic.rows_self_consistent and arithmetic.share_base_name == "valid_votes"


def test_rows_that_account_for_a_gap_are_not_self_consistent() -> None:
    rnd = _first_round("297551")
    dropped = replace(rnd, rows=tuple(r for r in rnd.rows if r.contestant != "Unity Hall"))
    assert not round_arithmetic(dropped).rows_self_consistent


def test_a_row_with_votes_but_no_share_is_not_self_consistent() -> None:
    rnd = _first_round("434101")
    rows = (replace(rnd.rows[0], vote_share=None), *rnd.rows[1:])
    assert not round_arithmetic(replace(rnd, rows=rows)).rows_self_consistent


def test_seat_only_rows_do_not_break_consistency() -> None:
    rnd = _first_round("466992")
    assert any(r.votes is None and r.seats for r in rnd.rows)
    extra = ResultRow("Independents", votes=None, vote_share=None, page=1, seats=2)
    assert round_arithmetic(replace(rnd, rows=(*rnd.rows, extra))).rows_self_consistent
