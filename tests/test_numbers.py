"""Numbers as reports print them: grouped thousands, decimal commas, per cents and dashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odihr.parse.text.numbers import (
    NumberFormat,
    format_int,
    infer_format,
    int_or_none,
    is_dash,
    looks_numeric,
    parse_int,
    parse_percent,
    percent_or_none,
)

NBSP, THIN, NARROW = "\u00a0", "\u2009", "\u202f"


@pytest.mark.parametrize(("text", "expected"), [
    ("6183757", 6183757),
    ("6 183 757", 6183757),
    ("6,183,757", 6183757),
    ("6.183.757", 6183757),
    ("6'183'757", 6183757),
    ("6’183’757", 6183757),
    (f"6{NBSP}183{NBSP}757", 6183757),
    (f"6{THIN}183{THIN}757", 6183757),
    (f"6{NARROW}183{NARROW}757", 6183757),
    ("1.234", 1234),  # a lone dot before three digits in a count groups thousands
    ("1,234", 1234),
    ("916", 916),
    ("0", 0),
    ("  540 406 ", 540406),
    ("007", 7),
])
def test_parse_int(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize("text", [
    "", " ", "–", "-", "abc", "12.5", "1,23,456", "1 2345", "1,234.567", "1.234,567",
    "12a", "6 183,757", "1.2.3", "%", "-5", "1e6", "½",
])
def test_parse_int_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a whole number"):
        parse_int(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("82.2", 82.2),
    ("82,20 %", 82.2),
    ("77.12 %", 77.12),
    ("77.12%", 77.12),
    ("100", 100.0),
    ("100.00", 100.0),
    ("0.05", 0.05),
    ("12,5", 12.5),  # a lone comma in a share column is the decimal mark
    ("1,234", 1.234),  # shares are at most 100: a lone separator is never grouping
    (f"46,81{NBSP}%", 46.81),
    ("7 per cent", 7.0),
    ("1,234.5", 1234.5),
    ("1.234,5", 1234.5),
])
def test_parse_percent(text: str, expected: float) -> None:
    assert parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize(("text", "decimal", "expected"), [
    ("12,5", ",", 12.5),
    ("12.5", ".", 12.5),
    ("1.234", ",", 1234.0),  # the column writes decimals with a comma: this dot groups
    ("82", ",", 82.0),
])
def test_parse_percent_with_known_decimal_mark(text: str, decimal: str, expected: float) -> None:
    assert parse_percent(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "%", "–", "abc %", "12..5", "1,2,3", ",5", "5,", "12 %%"])
def test_parse_percent_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a percentage"):
        parse_percent(text)


@pytest.mark.parametrize("text", ["–", "-", "—", "−", " – ", "n/a", "N/A"])
def test_dashes_mean_not_applicable(text: str) -> None:
    assert is_dash(text)
    assert int_or_none(text) is None
    assert percent_or_none(text) is None


@pytest.mark.parametrize("text", ["0", "1", "- 1", "–5", "", "Total"])
def test_not_dashes(text: str) -> None:
    assert not is_dash(text)


def test_or_none_helpers_still_reject_garbage() -> None:
    with pytest.raises(ValueError):
        int_or_none("twelve")
    with pytest.raises(ValueError):
        percent_or_none("ten %")
    assert int_or_none("6 183 757") == 6183757
    assert percent_or_none("36,87 %") == pytest.approx(36.87)


@pytest.mark.parametrize(("cells", "expected"), [
    (["6 183 757", "540 406", "916"], NumberFormat(" ", None)),
    (["3.701.874", "48.207"], NumberFormat(".", None)),
    (["36,87 %", "7,41 %"], NumberFormat(None, ",")),
    (["82.2", "7.18"], NumberFormat(None, ".")),
    (["1.234", "12,5"], NumberFormat(".", ",")),  # the comma decides: the dot groups
    (["1,234.5"], NumberFormat(",", ".")),
    (["1.234", "4.567"], NumberFormat(None, None)),  # undecidable on its own
    (["–", "12"], NumberFormat(None, None)),
])
def test_infer_format(cells: list[str], expected: NumberFormat) -> None:
    assert infer_format(cells) == expected


@pytest.mark.parametrize(("text", "numeric"), [
    ("6 183 757", True), ("82.2", True), ("36,87 %", True), ("–", True), ("100", True),
    ("Otan", False), ("(14)", False), ("I–XI", False), ("%", False), ("2,5a", False),
])
def test_looks_numeric(text: str, numeric: bool) -> None:
    assert looks_numeric(text) is numeric


@settings(derandomize=True, database=None)
@given(st.integers(min_value=0, max_value=10**12),
       st.sampled_from([" ", ",", ".", "'", "’", NBSP, THIN, NARROW]))
def test_grouped_int_round_trips(number: int, separator: str) -> None:
    assert parse_int(format_int(number, separator)) == number


@settings(derandomize=True, database=None)
@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=99),
       st.sampled_from([".", ","]), st.sampled_from(["", "%", " %", f"{NBSP}%"]))
def test_percent_round_trips(whole: int, hundredths: int, mark: str, sign: str) -> None:
    text = f"{whole}{mark}{hundredths:02d}{sign}"
    assert parse_percent(text) == pytest.approx(whole + hundredths / 100)
