"""docs/data-dictionary.md: up to date with the models and views, and covering the contract."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from db import dictionary
from db.dictionary_text import EXTENSIONS, LINEAGE, VIEW_TEXT
from db.migrate import upgrade
from db.views import VIEWS

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_FILE = ROOT.parent / "shared" / "CONTRACT.md"

#: The contract's view columns, in its order (CONTRACT.md, "Warehouse views for BI").
CONTRACT_TEXT: dict[str, str] = {
    "bi_reports": (
        "report_id, url_path, country, country_code, election_title, election_type, early, "
        "election_date, mission_type, report_type, language, translation_of, published_on, "
        "pages, sha256, status, status_reason, dq_warnings, parser_version, loaded_at"
    ),
    "bi_results": (
        "report_id, url_path, country_code, election_date, election_type, contest, "
        "contest_kind, round, round_date, contestant, nominated_by, votes, vote_share, seats, "
        "seats_proportional, seats_majoritarian, page"
    ),
    "bi_turnout": (
        "report_id, url_path, contest, round, registered_voters, voters_participated, "
        "turnout_pct, valid_votes, invalid_ballots"
    ),
    "bi_observers": (
        "report_id, url_path, position, given_name, family_name, country, role, delegation, "
        "delegation_parent"
    ),
    "bi_recommendations": (
        "report_id, url_path, number, priority, section, text, previously_recommended"
    ),
}
CONTRACT = {view: [c.strip() for c in cols.split(",")] for view, cols in CONTRACT_TEXT.items()}
#: The contract's "Extensions on their way": columns each view gains (after its existing ones),
#: and the new views (whose listed columns come first).
EXTENDED: dict[str, list[str]] = {
    "bi_reports": ["election_id", "report_url", "text_source"],
    "bi_results": ["extra_figures", "election_id", "report_url"],
    "bi_turnout": ["country_code", "election_date", "round_date", "election_id", "report_url"],
    "bi_observers": ["country_code", "delegation_kind", "election_id", "report_url"],
    "bi_recommendations": ["numbered", "election_id", "report_url"],
}
NEW_VIEWS: dict[str, list[str]] = {
    "bi_report_parts": ["report_id", "url_path", "part", "status", "reason", "rows"],
    "bi_elections": [
        "election_id", "country", "country_code", "title", "election_type", "election_date",
        "dates", "mission_type", "reports", "final_report_loaded",
    ],
}  # fmt: skip
#: Python types an example may have, per portable column type.
EXAMPLE_TYPES = {
    "text": (str,),
    "integer": (int,),
    "real": (float, int),
    "boolean": (bool,),
    "date": (date,),
    "timestamp (UTC)": (datetime,),
}


def _sections(markdown: str) -> dict[str, dict[str, list[str]]]:
    """``### `name` `` section → {first cell (column name) → the row's cells}."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in markdown.splitlines():
        heading = re.fullmatch(r"### `(\w+)`", line)
        if heading:
            current = sections.setdefault(heading[1], {})
        elif current is not None and line.startswith("| `"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            current[cells[0].strip("`")] = cells
    return sections


def test_committed_dictionary_is_up_to_date() -> None:
    committed = dictionary.OUTPUT.read_text(encoding="utf-8")
    assert committed == dictionary.render(), "stale: run `python -m db.dictionary` and commit"


def test_every_contract_view_column_is_documented_with_meaning_and_example() -> None:
    sections = _sections(dictionary.OUTPUT.read_text(encoding="utf-8"))
    for view, columns in [*CONTRACT.items(), *NEW_VIEWS.items(), *EXTENDED.items()]:
        documented = sections[view]
        for column in columns:
            assert column in documented, f"{view}.{column} is not in the data dictionary"
            _, kind, null, meaning, example, source = documented[column]
            assert kind in EXAMPLE_TYPES and null in ("yes", "no"), (view, column)
            assert meaning and example and source, (view, column)
            assert "Lineage" not in meaning, f"{view}.{column} is a contract column"


def test_views_in_the_database_have_the_documented_columns(tmp_path: Path) -> None:
    engine = upgrade(f"sqlite:///{tmp_path / 'w.db'}")
    for view in VIEWS:
        with engine.connect() as connection:
            actual = list(connection.execute(text(f"SELECT * FROM {view}")).keys())
        assert [c.name for c in dictionary.view_columns(view)] == actual, view
        contract = CONTRACT.get(view) or NEW_VIEWS[view]
        assert actual[: len(contract)] == contract, f"{view} breaks the contract"
        rest = actual[len(contract) :]
        extended = EXTENDED.get(view, [])
        assert [c for c in rest if c in extended] == extended, f"{view}: extensions out of order"
        documented = set(LINEAGE) | set(EXTENSIONS) | set(VIEW_TEXT[view][1])
        assert set(rest) <= documented, f"{view}: undocumented extension {set(rest) - documented}"


def test_extension_columns_come_after_every_column_of_revision_0001() -> None:
    """The contract is only extended: 0001's columns keep their places in every view."""
    from db.migrations.snapshots import VIEWS_0001

    for old in VIEWS_0001:
        view = old.split()[2]
        before = [c.name for c in dictionary.view_columns(view, old)]
        assert [c.name for c in dictionary.view_columns(view)][: len(before)] == before, view


def test_examples_have_the_columns_type() -> None:
    for view in VIEWS:
        texts = VIEW_TEXT[view][1]
        for column in dictionary.view_columns(view):
            _, example = (
                texts.get(column.name) or EXTENSIONS.get(column.name) or LINEAGE[column.name]
            )
            kind = dictionary.portable_type(column.source.type)
            assert example is not None or column.nullable, (view, column.name)
            if example is not None:
                assert isinstance(example, EXAMPLE_TYPES[kind]), (view, column.name, example)
                assert kind == "boolean" or not isinstance(example, bool), (view, column.name)


def test_every_table_column_has_a_meaning() -> None:
    sections = _sections(dictionary.OUTPUT.read_text(encoding="utf-8"))
    for name, table in SQLModel.metadata.tables.items():
        assert set(sections[name]) == {c.name for c in table.columns}, name
        for column, cells in sections[name].items():
            assert cells[-1], f"{name}.{column} has no description in db/models.py"


def test_contract_file_lists_the_same_view_columns() -> None:
    if not CONTRACT_FILE.exists():
        pytest.skip(f"{CONTRACT_FILE} is not checked out next to the project")
    contract = CONTRACT_FILE.read_text(encoding="utf-8")
    for view, columns in CONTRACT.items():
        match = re.search(rf"`{view}` — [^\n]*:\n`([^`]+)`", contract)
        assert match, f"{view} not found in {CONTRACT_FILE}"
        assert re.split(r",\s*", match[1].strip()) == columns, view


def test_check_flag_reports_a_stale_file_and_a_rewrite_fixes_it(tmp_path: Path) -> None:
    output = tmp_path / "data-dictionary.md"
    output.write_text("# stale\n", encoding="utf-8")
    assert dictionary.main(["--check", "--output", str(output)]) == 1
    assert dictionary.main(["--output", str(output)]) == 0
    assert dictionary.main(["--check", "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == dictionary.render()


def test_an_untraceable_view_column_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        VIEWS, "bi_reports", "CREATE VIEW bi_reports AS SELECT count(*) AS n FROM run r"
    )
    with pytest.raises(ValueError, match="cannot trace"):
        dictionary.view_columns("bi_reports")
