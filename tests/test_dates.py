"""Dates as ODIHR reports print them: table-driven (input, expected) pairs."""

from __future__ import annotations

from datetime import date

import pytest

from odihr.parse.text.dates import (
    find_dates,
    format_dates,
    is_period,
    parse_date,
    parse_dates,
    parse_month_year,
    parse_period,
    search_dates,
)
from odihr.parse.text.voting_days import (
    VotingDays,
    parse_voting_days,
    split_leading_date,
    split_leading_year,
    split_trailing_days,
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
    # numeric forms; a document code's date is day-month-year with hyphens
    ("2016-03-20", (D(2016, 3, 20),)),
    ("20.03.2016", (D(2016, 3, 20),)),
    ("12-11-1997", (D(1997, 11, 12),)),
    # covers of every era (REAL-REPORTS.md)
    ("30 MAY 1999", (D(1999, 5, 30),)),
    ("4 DECEMBER 2016", (D(2016, 12, 4),)),
    ("25 AND 26 SEPTEMBER 1998", (D(1998, 9, 25), D(1998, 9, 26))),
    ("31 October, 21 November and 26 December 2004",
     (D(2004, 10, 31), D(2004, 11, 21), D(2004, 12, 26))),
    ("5 November 2000 & 7 January 2001", (D(2000, 11, 5), D(2001, 1, 7))),
    ("JUNE 29, 1997", (D(1997, 6, 29),)),
    ("June 29 and July 13, 1997", (D(1997, 6, 29), D(1997, 7, 13))),
    ("21June 2015", (D(2015, 6, 21),)),
]

NOT_DATES = [
    "", "Warsaw", "March 2016", "20 March", "32 March 2016", "30 February 2016",
    "17 February – 2 March 2016", "20 March 2016 – The elections", "2016", "Page: 3",
    "Early Parliamentary Elections, 20 March 2016", "31-02-1997", "24 June - 19 August 2001",
    "JUNE 29", "EL.97/AL1/ver.1 12-11-1997",
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
    ("from 18 April to 2 May 2007", (D(2007, 4, 18), D(2007, 5, 2))),
    ("18 April until 2 May 2007", (D(2007, 4, 18), D(2007, 5, 2))),
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


# --- the voting days of an election line ---------------------------------------------------

VOTING_DAYS = [
    # (printed, dates, span, year, as the title prints them)
    ("20 March 2016", (D(2016, 3, 20),), False, 2016, "20 March 2016"),
    ("25 AND 26 SEPTEMBER 1998", (D(1998, 9, 25), D(1998, 9, 26)), False, 1998,
     "25 and 26 September 1998"),
    ("5 November 2000 & 7 January 2001", (D(2000, 11, 5), D(2001, 1, 7)), False, 2001,
     "5 November 2000 and 7 January 2001"),
    ("24 June - 19 August 2001", (D(2001, 6, 24), D(2001, 8, 19)), True, 2001,
     "24 June – 19 August 2001"),
    ("June 24 - August 19, 2001", (D(2001, 6, 24), D(2001, 8, 19)), True, 2001,
     "24 June – 19 August 2001"),
    ("2 – 4 June 2020", (D(2020, 6, 2), D(2020, 6, 4)), True, 2020, "2 – 4 June 2020"),
    ("28 December 2019 — 3 January 2020", (D(2019, 12, 28), D(2020, 1, 3)), True, 2020,
     "28 December 2019 – 3 January 2020"),
    ("JUNE 29, 1997", (D(1997, 6, 29),), False, 1997, "29 June 1997"),
    ("2009", (), False, 2009, "2009"),
]


@pytest.mark.parametrize(("text", "dates", "span", "year", "title"), VOTING_DAYS)
def test_parse_voting_days(text: str, dates: tuple[date, ...], span: bool, year: int,
                           title: str) -> None:
    days = parse_voting_days(text)
    assert days == VotingDays(dates, year, span)
    assert days.text() == title


@pytest.mark.parametrize("text", ["Warsaw", "209", "12345", "17 February – 2 March", "March 2016"])
def test_parse_voting_days_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_voting_days(text)


@pytest.mark.parametrize(("line", "head", "title"), [
    ("Parliamentary Elections, 25 AND 26 SEPTEMBER 1998", "Parliamentary Elections",
     "25 and 26 September 1998"),
    ("State Duma Elections – 4 December 2011", "State Duma Elections", "4 December 2011"),
    ("PARLIAMENTARY ELECTIONS JUNE 29, 1997", "PARLIAMENTARY ELECTIONS", "29 June 1997"),
    ("Parliamentary Elections 2007", "Parliamentary Elections", "2007"),
    ("PARLIAMENTARY ELECTIONS 24 June - 19 August 2001", "PARLIAMENTARY ELECTIONS",
     "24 June – 19 August 2001"),
    ("Presidential Election, Second Round, 5 May 2019", "Presidential Election, Second Round",
     "5 May 2019"),
    ("PRESIDENTIAL ELECTION 31 October, 21 November and 26 December 2004",
     "PRESIDENTIAL ELECTION", "31 October, 21 November and 26 December 2004"),
    ("Presidential Election, – 31 October 2004", "Presidential Election", "31 October 2004"),
    ("Local Elections, 21June 2015", "Local Elections", "21 June 2015"),
])
def test_split_trailing_days(line: str, head: str, title: str) -> None:
    found = split_trailing_days(line)
    assert found is not None
    assert (found[0], found[1].text()) == (head, title)


@pytest.mark.parametrize("line", ["20 March 2016", "Early Parliamentary Elections", "Page 3",
                                  "Warsaw, October 1996 and then"])
def test_split_trailing_days_needs_words_then_days(line: str) -> None:
    assert split_trailing_days(line) is None


def test_split_leading_year_and_date() -> None:
    assert split_leading_year("2009 PARLIAMENTARY ELECTIONS") == (
        VotingDays((), 2009), "PARLIAMENTARY ELECTIONS")
    assert split_leading_year("20 March 2016") is None
    assert split_leading_date("21 January 2019 Warsaw") == (D(2019, 1, 21), "Warsaw")
    assert split_leading_date("21 JANUARY 2019, Warsaw") == (D(2019, 1, 21), "Warsaw")
    assert split_leading_date("Warsaw 21 January 2019") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("First round, 30 October and 13 November 2016", [D(2016, 10, 30), D(2016, 11, 13)]),
    ("Results of 5 May 2019 (second round) and of 21 April 2019", [D(2019, 5, 5),
                                                                   D(2019, 4, 21)]),
    ("RESULTS OF THE JUNE 29, 1997 VOTE", [D(1997, 6, 29)]),
    ("Rounds of 8 – 22 May 2016", [D(2016, 5, 8), D(2016, 5, 22)]),
    ("Premier tour, 9 octobre 2016", [D(2016, 10, 9)]),
    ("Второй тур, 13 ноября 2016 года", [D(2016, 11, 13)]),
    ("table 2 of 30 rows", []), ("", []),
])
def test_find_dates_finds_every_date(text: str, expected: list[date]) -> None:
    assert find_dates(text) == expected
