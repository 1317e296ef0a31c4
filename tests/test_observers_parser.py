"""The observer annex parser: every sample PDF against its truth, and the table reading piece by
piece on hand-made lines (name splitting by columns, wrapped cells, nesting)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from odihr.parse.document.layout import Line
from odihr.parse.observers.names import family_first_by_order, names_in_order
from odihr.parse.observers.reader import annex_blocks, read_observers
from odihr.parse.observers.table import (
    RowFields,
    TableSettings,
    header_kinds,
    join_fragments,
    split_name,
    table_rows,
)
from odihr.parse.pdf import PdfReport, Word

ROOT = Path(__file__).resolve().parents[1]
TRUTH_FILES = sorted(p for p in (ROOT / "tests" / "truth").glob("*.json") if p.name != "site.json")


def _truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("truth_path", TRUTH_FILES, ids=lambda p: p.stem)
def test_observers_match_truth(truth_path: Path) -> None:
    truth = _truth(truth_path)
    pdf_path = ROOT / "odihr" / "sample_site" / truth["url_path"].lstrip("/")
    with PdfReport(pdf_path.read_bytes()) as pdf:
        observers = read_observers(pdf)
        pages = pdf.page_count
    expected = [
        (o["given_name"], o["family_name"], o["country"], o["role"], o["group"], o["parent_group"])
        for o in truth.get("observers") or []
    ]
    got = [(o.given_name, o.family_name, o.country, o.role, o.delegation, o.delegation_parent)
           for o in observers]
    assert got == expected
    assert [o.position for o in observers] == list(range(1, len(observers) + 1))
    assert all(1 <= o.page <= pages for o in observers)
    assert [o.page for o in observers] == sorted(o.page for o in observers)


def test_reports_without_an_observer_annex_have_no_observers() -> None:
    without = [p for p in TRUTH_FILES if not _truth(p).get("observers")]
    assert without, "the sample has reports without an annex (needs assessments, 1996 report)"
    for path in without[:3]:
        pdf_path = ROOT / "odihr" / "sample_site" / _truth(path)["url_path"].lstrip("/")
        with PdfReport(pdf_path.read_bytes()) as pdf:
            assert read_observers(pdf) == ()


# --- the table, on hand-made lines -----------------------------------------------------------

#: Column left edges of a four-column observer table, as in the reports.
COLUMNS = (71.0, 186.0, 306.0, 426.0)
CHAR = 5.0  # width of one character at 10 pt, near enough
SPACE = 2.8


def _line(top: float, cells: dict[int, str], *, page: int = 1, size: float = 10.0,
          columns: tuple[float, ...] = COLUMNS) -> Line:
    """A table line: ``cells`` maps a column index to its text, words set with normal spaces."""
    words = []
    for index, text in sorted(cells.items()):
        x = columns[index]
        for token in text.split():
            words.append(Word(token, x, x + CHAR * len(token), top, top + size, size))
            x += CHAR * len(token) + SPACE
    return Line(page, tuple(words))


@pytest.mark.parametrize(("cells", "expected"), [
    ({0: "Geir Jørgen", 1: "Bekkevold", 2: "Norway", 3: "Head of Delegation"},
     ("Geir Jørgen", "Bekkevold", "Norway", "Head of Delegation")),
    ({0: "A Diallo", 1: "Mampaka Mankamba", 2: "Belgium", 3: "MP"},
     ("A Diallo", "Mampaka Mankamba", "Belgium", "MP")),
    ({0: "Pieter", 1: "van den Berg", 2: "Netherlands", 3: "MP"},
     ("Pieter", "van den Berg", "Netherlands", "MP")),
    ({0: "Ms. Jan", 1: "Tyler", 2: "United States"}, ("Ms. Jan", "Tyler", "United States", None)),
    ({0: "Syeda (Sameera)", 1: "Ali", 2: "United States"},
     ("Syeda (Sameera)", "Ali", "United States", None)),
    ({0: "Marietta", 1: "Tidei", 2: "Italy", 3: "Special Co-ordinator"},
     ("Marietta", "Tidei", "Italy", "Special Co-ordinator")),
])
def test_names_split_by_column(cells: dict[int, str], expected: tuple) -> None:
    other = _line(100.0, {0: "Anna", 1: "Berg", 2: "Sweden", 3: "MP"})
    rows = table_rows([other, _line(112.0, cells)])
    assert tuple(rows[1])[:4] == expected


@pytest.mark.parametrize(("cells", "expected"), [
    ({0: "Name", 1: "Surname", 2: "Country", 3: "Role"}, ["given", "family", "country", "role"]),
    ({0: "Given name", 1: "Family name", 2: "Citizenship", 3: "Mission function"},
     ["given", "family", "country", ""]),  # a label no list holds: the role's column
    ({0: "Name", 1: "Surname", 2: "Nationality", 3: "Area of deployment"},
     ["given", "family", "country", ""]),
    ({0: "Surname", 1: "Name", 2: "Deployment", 3: "Team"}, ["family", "given", "role", "role"]),
    ({0: "Name", 1: "Surname", 2: "Posting", 3: "Area of deployment"}, None),  # half unknown
    ({0: "Mission function", 1: "Nationality"}, None),  # names no person
    ({0: "Anna", 1: "Berg", 2: "Sweden", 3: "MP"}, None),  # a row of people
    ({0: "Name", 1: "Berg", 2: "Sweden", 3: "Country"}, None),
])
def test_header_rows_with_labels_never_seen(cells: dict[int, str], expected: list | None) \
        -> None:
    assert header_kinds(_line(100.0, cells)) == expected


def test_the_known_share_of_a_header_row_is_passed_down() -> None:
    line = _line(100.0, {0: "Given name", 1: "Family name", 2: "Citizenship",
                         3: "Mission function"})
    assert header_kinds(line, TableSettings(header_known_share=0.8)) is None  # 3 of 4 known
    assert header_kinds(line, TableSettings(header_known_share=0.7)) is not None


def test_a_header_row_with_a_label_never_seen_is_no_observer() -> None:
    header = _line(88.0, {0: "Given name", 1: "Family name", 2: "Citizenship",
                          3: "Mission function"})
    rows = table_rows([header, _line(100.0, {0: "Anna", 1: "Berg", 2: "Sweden", 3: "MP"})])
    assert [tuple(r)[:4] for r in rows] == [("Anna", "Berg", "Sweden", "MP")]


SORTED = ["Berg", "Frlec", "Hansen", "Jansen", "Kareski", "Lindqvist", "Novak", "Tidei", "Yilmaz"]
GIVENS = ["Sofia", "Anna", "Markus", "Boris", "Ingrid", "Tomas", "Jane", "Ahmet", "Lela"]


@pytest.mark.parametrize(("firsts", "seconds", "keys", "expected"), [
    (SORTED, GIVENS, ["AT"] * 9, True),  # the first column sorted, the second not: family first
    (GIVENS, SORTED, ["AT"] * 9, False),  # given name first, the family names sorted
    (SORTED[:8], GIVENS[:8], ["AT"] * 8, False),  # 7 pairs: too few to tell
    (SORTED, sorted(GIVENS), ["AT"] * 9, False),  # both sorted: no cue
    (SORTED[::-1], GIVENS, ["AT"] * 9, False),  # neither sorted
    # Sorted within each country (Austria, then Germany): the runs count, not the whole list.
    (SORTED[4:] + SORTED[:5], GIVENS[4:] + GIVENS[:5], ["AT"] * 5 + ["DE"] * 5, True),
    (["Ölund", "Berg", "Çelik", "Dahl", "émile", "Frlec", "Grün", "Hansen", "Ivanov"],
     GIVENS, [None] * 9, False),  # not in order: Ölund first
    (["Berg", "Çelik", "Dahl", "Émile", "Frlec", "Grün", "Hansen", "Ivanov", "Öberg"],
     GIVENS, [None] * 9, True),  # accents and case aside, in order
])
def test_family_name_first_told_by_alphabetical_order(firsts: list[str], seconds: list[str],
                                                      keys: list, expected: bool) -> None:
    rows = list(zip(firsts, seconds, keys, strict=True))
    assert family_first_by_order(rows, 8, 0.9) is expected
    # A row whose names were told apart otherwise (a header row) breaks the runs.
    broken = [r if i % 2 else None for i, r in enumerate(rows)]
    assert family_first_by_order(broken, 8, 0.9) is False


@pytest.mark.parametrize("bad", [{"cell_gap": 0}, {"order_pairs": -1}, {"order_share": 1.5},
                                 {"header_known_share": 0.0}, {"column_tolerance": "4"},
                                 {"name_words": 0}])
def test_table_settings_refuse_bad_values(bad: dict) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        TableSettings(**bad)


KINDS = ["given", "family", "country", "role"]


@pytest.mark.parametrize(("firsts", "seconds", "expected"), [
    (["BERG", "van den BERG", "O'NEILL"], ["Anna", "Pieter", "Mary"],
     ["family", "given", "country", "role"]),
    (["Anna", "Pieter"], ["BERG", "TIDEI"], KINDS),  # capitals where the position puts them
    (["BERG", "Tidei"], ["Anna", "Marietta"], KINDS),  # not every name: no cue
    (["BERG", "TIDEI"], ["ANNA", "MARIETTA"], KINDS),  # all in capitals: no cue
    (["Berg", "Tidei"], ["Anna", "Marietta"], KINDS),  # no capitals: by position
    (["BERG", "J"], ["Anna", "Jan"], KINDS),  # an initial is no name in capitals
    (["Berg,", "van den Berg,"], ["Anna", "Pieter"],  # a comma after every first-column name
     ["family", "given", "country", "role"]),
    (["Berg,", "Tidei"], ["Anna", "Marietta"], KINDS),  # not every name: no cue
    (["Berg,", "Tidei,"], ["Anna,", "Marietta"], KINDS),  # commas in both columns: no cue
])
def test_family_names_in_capitals_come_first(firsts: list[str], seconds: list[str],
                                             expected: list[str]) -> None:
    texts = [{0: a, 1: b, 2: "Norway"} for a, b in zip(firsts, seconds, strict=True)]
    assert names_in_order(texts, KINDS) == expected


def test_family_name_first_in_capitals_without_a_header_row() -> None:
    rows = table_rows([_line(100.0, {0: "BEKKEVOLD", 1: "Geir Jørgen", 2: "Norway", 3: "MP"}),
                       _line(112.0, {0: "TIDEI", 1: "Marietta", 2: "Italy"})])
    assert [tuple(r)[:4] for r in rows] == [("Geir Jørgen", "BEKKEVOLD", "Norway", "MP"),
                                          ("Marietta", "TIDEI", "Italy", None)]


def test_family_name_first_before_a_comma_without_a_header_row() -> None:
    rows = table_rows([_line(100.0, {0: "Bekkevold,", 1: "Geir Jørgen", 2: "Norway", 3: "MP"}),
                       _line(112.0, {0: "Tidei,", 1: "Marietta", 2: "Italy"})])
    assert [tuple(r)[:4] for r in rows] == [("Geir Jørgen", "Bekkevold", "Norway", "MP"),
                                          ("Marietta", "Tidei", "Italy", None)]


def test_three_column_table_has_no_role() -> None:
    columns = (71.0, 216.0, 361.0)
    block = [_line(100.0, {0: "Soeren Michael Jacobsen", 1: "Hastrup", 2: "Denmark"},
                   columns=columns),
             _line(112.0, {0: "Birgit", 1: "Hjortlund", 2: "Denmark"}, columns=columns)]
    assert table_rows(block) == [
        RowFields("Soeren Michael Jacobsen", "Hastrup", "Denmark", None, 1, by_position=True),
        RowFields("Birgit", "Hjortlund", "Denmark", None, 1, by_position=True),
    ]  # no header row, no capitals or comma: the names told apart by position


def test_wrapped_cells_join_their_row() -> None:
    block = [
        _line(100.0, {0: "Yasin", 1: "Karaarslan", 2: "Turkey", 3: "Staff of Delegation"}),
        _line(106.5, {3: "US Helsinki"}),
        _line(112.0, {0: "Janice", 1: "Helwig", 2: "United States"}),
        _line(117.5, {3: "Commission Staff"}),
        _line(124.0, {2: "former Yugoslav Republic"}),
        _line(129.5, {0: "Jane", 1: "Kareski"}),
        _line(135.0, {2: "of Macedonia"}),
        _line(147.0, {0: "Andreas", 1: "Baker", 2: "Denmark", 3: "OSCE PA Secretariat"}),
    ]
    assert [tuple(r)[:4] for r in table_rows(block)] == [
        ("Yasin", "Karaarslan", "Turkey", "Staff of Delegation"),
        ("Janice", "Helwig", "United States", "US Helsinki Commission Staff"),
        ("Jane", "Kareski", "former Yugoslav Republic of Macedonia", None),
        ("Andreas", "Baker", "Denmark", "OSCE PA Secretariat"),
    ]


def test_columns_come_from_the_whole_block_when_a_gap_is_narrow() -> None:
    # "Королевство" ends 4 pt before the role column: closer than a cell gap, yet a column.
    boxes = [("Catherine", 71, 110), ("Hughes", 186, 216), ("Соединённое", 306, 362),
             ("Королевство", 365, 422), ("Член", 426, 447), ("парламента", 450, 499)]
    tight = Line(1, tuple(Word(text, x0, x1, 100, 110, 10) for text, x0, x1 in boxes))
    block = [tight, _line(112.0, {0: "Gülşen", 1: "Kaya", 2: "Турция", 3: "Секретариат"})]
    assert tuple(table_rows(block)[0])[:4] == (
        "Catherine", "Hughes", "Соединённое Королевство", "Член парламента")


@pytest.mark.parametrize(("name", "expected"), [
    ("Jan Tyler", ("Jan", "Tyler")),
    ("Geir Jørgen Bekkevold", ("Geir Jørgen", "Bekkevold")),
    ("Tyler", ("", "Tyler")),
])
def test_split_name_of_a_one_cell_name(name: str, expected: tuple[str, str]) -> None:
    assert split_name(name) == expected


@pytest.mark.parametrize(("fragments", "expected"), [
    ([(120.0, 426.0, "US"), (120.0, 441.0, "Helsinki"), (131.0, 426.0, "Commission"),
      (131.0, 479.0, "Staff")], "US Helsinki Commission Staff"),
    ([(131.0, 426.0, "Mission"), (120.0, 426.0, "Deputy"), (120.0, 458.0, "Head"),
      (120.0, 481.0, "of")], "Deputy Head of Mission"),
    ([(120.0, 186.0, "Petersen-"), (131.0, 186.0, "Dahl")], "Petersen-Dahl"),
])
def test_join_fragments_reads_cells_top_to_bottom(fragments: list, expected: str) -> None:
    assert join_fragments(fragments) == expected


def test_a_cell_wrapped_on_three_lines_joins_the_row_it_is_centred_on() -> None:
    block = [
        _line(90.0, {0: "Anna", 1: "Berg", 2: "Sweden", 3: "MEP"}),
        _line(101.5, {3: "Head of the"}),
        _line(113.0, {0: "Karl", 1: "Maier", 2: "Austria", 3: "OSCE PA"}),
        _line(124.5, {3: "Delegation"}),
        _line(136.0, {0: "Ivan", 1: "Petrov", 2: "Bulgaria", 3: "MP"}),
    ]
    assert [r.role for r in table_rows(block)] == ["MEP", "Head of the OSCE PA Delegation", "MP"]


def _heading(top: float, text: str, size: float = 12.0, *, page: int = 1) -> Line:
    return Line(page, (Word(text, 71.0, 71.0 + 6 * len(text), top, top + size, size, True),))


def _groups(lines: list[Line]) -> list[tuple[str, str | None, int]]:
    return [(group, parent, len(block)) for group, parent, block in annex_blocks(lines, "ANNEX")]


def test_a_larger_heading_encloses_the_headings_after_it() -> None:
    lines = [
        _heading(80, "OSCE Parliamentary Assembly"), _line(100, {0: "A", 1: "B", 2: "C"}),
        _heading(120, "Long-Term Observers", 13.0),
        _heading(140, "ODIHR EOM Core Team"), _line(160, {0: "D", 1: "E", 2: "F"}),
        _heading(180, "ODIHR EOM Long-Term Observers"), _line(200, {0: "G", 1: "H", 2: "I"}),
        _line(20, {0: "J", 1: "K", 2: "L"}, page=2),
    ]
    assert _groups(lines) == [
        ("OSCE Parliamentary Assembly", None, 1),
        ("ODIHR EOM Core Team", "Long-Term Observers", 1),
        ("ODIHR EOM Long-Term Observers", "Long-Term Observers", 1),
        ("ODIHR EOM Long-Term Observers", "Long-Term Observers", 1),  # the table goes on
    ]


def test_a_heading_directly_over_another_encloses_it_when_sizes_are_equal() -> None:
    lines = [
        _heading(80, "Short-Term Observers"), _line(100, {0: "A", 1: "B", 2: "C"}),
        _heading(120, "Long-Term Observers"),
        _heading(140, "Core Team"), _line(160, {0: "D", 1: "E", 2: "F"}),
        _heading(180, "Long-Term Observers of the Mission"), _line(200, {0: "G", 1: "H", 2: "I"}),
    ]
    assert _groups(lines) == [
        ("Short-Term Observers", None, 1),
        ("Core Team", "Long-Term Observers", 1),
        ("Long-Term Observers of the Mission", "Long-Term Observers", 1),
    ]


def test_rows_before_any_heading_are_listed_under_the_annex_title() -> None:
    assert _groups([_line(100, {0: "A", 1: "B", 2: "C"})]) == [("ANNEX", None, 1)]


@pytest.mark.parametrize("truth_path", [p for p in TRUTH_FILES if _truth(p).get("observers")],
                         ids=lambda p: p.stem)
def test_observers_carry_iso_codes_and_delegation_kinds(truth_path: Path) -> None:
    from odihr.countries import country_code
    from odihr.parse.observers.delegations import delegation_kind

    truth = _truth(truth_path)
    pdf_path = ROOT / "odihr" / "sample_site" / truth["url_path"].lstrip("/")
    with PdfReport(pdf_path.read_bytes()) as pdf:
        observers = read_observers(pdf)
    assert [o.country_code for o in observers] == [country_code(o["country"])
                                                   for o in truth["observers"]]
    assert all(o.country_code for o in observers)
    assert [o.delegation_kind for o in observers] == [
        delegation_kind(o["group"], o["parent_group"]) for o in truth["observers"]]


@pytest.mark.parametrize(("delegation", "parent", "kind"), [
    ("OSCE Parliamentary Assembly", None, "osce_pa"),
    ("Parliamentary Assembly of the OSCE", "Short-Term Observers", "osce_pa"),
    ("OSCE PA", None, "osce_pa"),
    ("Parliamentary Assembly of the Council of Europe", None, "pace"),
    ("PACE", None, "pace"),
    ("NATO Parliamentary Assembly", None, "nato_pa"),
    ("European Parliament", None, "european_parliament"),
    ("ODIHR EOM Core Team", "Long-Term Observers", "core_team"),
    ("OSCE/ODIHR Long-Term Observers", None, "long_term"),
    ("Short-Term Observers", None, "short_term"),
    ("Austria", "OSCE/ODIHR Short-term observers", "short_term"),
    ("LIST OF OBSERVERS IN THE INTERNATIONAL ELECTION OBSERVATION MISSION", None, "other"),
    ("Парламентская ассамблея ОБСЕ", None, "osce_pa"),
    ("Основная группа МНВ БДИПЧ ОБСЕ", "Долгосрочные наблюдатели", "core_team"),
])
def test_delegation_kinds(delegation: str, parent: str | None, kind: str) -> None:
    from odihr.parse.observers.delegations import delegation_kind

    assert delegation_kind(delegation, parent) == kind
