"""Dates as ODIHR reports print them: table-driven (input, expected) pairs."""

from __future__ import annotations

from datetime import date

import pytest

from odihr.parse.dates import (
    format_dates,
    is_period,
    parse_date,
    parse_dates,
    parse_month_year,
    parse_period,
    search_dates,
)

D = date

DATE_LISTS = [
    ("20 March 2016", (D(2016, 3, 20),)),
    ("27 June 2016", (D(2016, 6, 27),)),
    ("30 October and 13 November 2016", (D(2016, 10, 30), D(2016, 11, 13))),
    ("18 May and 1 June 2025", (D(2025, 5, 18), D(2025, 6, 1))),
    ("22 and 29 March 2020", (D(2020, 3, 22), D(2020, 3, 29))),
    ("9, 16 and 23 June 2019", (D(2019, 6, 9), D(2019, 6, 16), D(2019, 6, 23))),
    ("31 December 2019 and 5 January 2020", (D(2019, 12, 31), D(2020, 1, 5))),
    ("31 December and 5 January 2020", (D(2019, 12, 31), D(2020, 1, 5))),
    ("5 July 2020", (D(2020, 7, 5),)),
    ("  20\u00a0March  2016 ", (D(2016, 3, 20),)),
    ("20 MARCH 2016", (D(2016, 3, 20),)),
    ("1st May 2020", (D(2020, 5, 1),)),
    ("20 Mar 2016", (D(2016, 3, 20),)),
    ("20 Sept. 2016", (D(2016, 9, 20),)),
    # a footnote marker printed inline after the year ("2016" + note 1)
    ("20 March 20161", (D(2016, 3, 20),)),
    # Russian: genitive month, "года" / "г." after the year
    ("20 марта 2016 года", (D(2016, 3, 20),)),
    ("15 февраля 2017 года", (D(2017, 2, 15),)),
    ("9 июня 2019 г.", (D(2019, 6, 9),)),
    ("1 мая 2020", (D(2020, 5, 1),)),
    ("30 октября и 13 ноября 2016 года", (D(2016, 10, 30), D(2016, 11, 13))),
    ("30 ОКТЯБРЯ 2016 ГОДА", (D(2016, 10, 30),)),
    # numeric forms
    ("2016-03-20", (D(2016, 3, 20),)),
    ("20.03.2016", (D(2016, 3, 20),)),
]

NOT_DATES = [
    "", "Warsaw", "March 2016", "20 March", "32 March 2016", "30 February 2016",
    "17 February – 2 March 2016", "20 March 2016 – The elections", "2016", "Page: 3",
    "Early Parliamentary Elections, 20 March 2016",
]


@pytest.mark.parametrize(("text", "expected"), DATE_LISTS)
def test_parse_dates(text: str, expected: tuple[date, ...]) -> None:
    assert parse_dates(text) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_parse_dates_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_dates(text)


def test_parse_date_wants_exactly_one() -> None:
    assert parse_date("27 June 2016") == D(2016, 6, 27)
    with pytest.raises(ValueError, match="expected one date"):
        parse_date("30 October and 13 November 2016")


@pytest.mark.parametrize(("text", "expected"), [
    ("17 February – 2 March 2016", (D(2016, 2, 17), D(2016, 3, 2))),
    ("17 February – 2 March 20161", (D(2016, 2, 17), D(2016, 3, 2))),
    ("13 January – 15 January 2016", (D(2016, 1, 13), D(2016, 1, 15))),
    ("2 – 4 June 2020", (D(2020, 6, 2), D(2020, 6, 4))),
    ("17-20 March 2025", (D(2025, 3, 17), D(2025, 3, 20))),
    ("28 December 2019 — 3 January 2020", (D(2019, 12, 28), D(2020, 1, 3))),
])
def test_parse_period(text: str, expected: tuple[date, date]) -> None:
    assert parse_period(text) == expected
    assert is_period(text)


@pytest.mark.parametrize("text", ["20 March 2016", "4 – 2 June 2020", "Warsaw – 2016"])
def test_not_a_period(text: str) -> None:
    assert not is_period(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("October 1996", (1996, 10)), ("OCTOBER 1996", (1996, 10)), ("октябрь 1996 года", (1996, 10)),
])
def test_parse_month_year(text: str, expected: tuple[int, int]) -> None:
    assert parse_month_year(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Astana, 21 March 2016 – The 20 March early elections", (D(2016, 3, 21),)),
    ("the 20 March early parliamentary elections", ()),
    ("held on 30 October and 13 November 2016.", (D(2016, 10, 30), D(2016, 11, 13))),
    ("no date here", ()),
])
def test_search_dates(text: str, expected: tuple[date, ...]) -> None:
    assert search_dates(text) == expected


@pytest.mark.parametrize(("dates", "expected"), [
    ((D(2016, 3, 20),), "20 March 2016"),
    ((D(2016, 10, 30), D(2016, 11, 13)), "30 October and 13 November 2016"),
    ((D(2025, 5, 18), D(2025, 6, 1)), "18 May and 1 June 2025"),
    ((D(2020, 3, 22), D(2020, 3, 29)), "22 and 29 March 2020"),
    ((D(2019, 12, 31), D(2020, 1, 5)), "31 December 2019 and 5 January 2020"),
])
def test_format_dates_round_trips(dates: tuple[date, ...], expected: str) -> None:
    assert format_dates(dates) == expected
    assert parse_dates(expected) == dates
