"""The kinds of line covers, title blocks and running headers are made of: table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from odihr.parse.metadata.cover_lines import (
    PlaceDate,
    clean,
    code_date,
    election_line,
    is_letterhead,
    is_partner,
    place_and_date,
    tail_mission,
)
from odihr.parse.text import terms

D = date


@pytest.mark.parametrize(("line", "country", "title", "kind", "early", "dates"), [
    ("Republic of Kazakhstan – Early Parliamentary Elections, 20 March 2016",
     "Republic of Kazakhstan", "Early Parliamentary Elections, 20 March 2016", "parliamentary",
     True, (D(2016, 3, 20),)),
    ("Russian Federation, State Duma Elections – 4 December 2011", "Russian Federation",
     "State Duma Elections, 4 December 2011", "parliamentary", False, (D(2011, 12, 4),)),
    ("Republic of North Macedonia – Presidential Election, Second Round, 5 May 2019",
     "Republic of North Macedonia", "Presidential Election, Second Round, 5 May 2019",
     "presidential", False, (D(2019, 5, 5),)),
    ("2009 PARLIAMENTARY ELECTIONS", None, "Parliamentary Elections, 2009", "parliamentary",
     False, ()),
    ("Parliamentary Elections 2007", None, "Parliamentary Elections, 2007", "parliamentary",
     False, ()),
    ("PARLIAMENTARY ELECTIONS JUNE 29, 1997", None, "Parliamentary Elections, 29 June 1997",
     "parliamentary", False, (D(1997, 6, 29),)),
    ("ELECTIONS TO THE RIIGIKOGU, 4 MARCH 2007", None, "Elections to the Riigikogu, 4 March 2007",
     "parliamentary", False, (D(2007, 3, 4),)),
    ("PARLIAMENTART ELECTIONS, 21June 2015", None, "Parliamentary Elections, 21 June 2015",
     "parliamentary", False, (D(2015, 6, 21),)),
    ("PARLIAMENTARY ELECTIONS 24 June - 19 August 2001", None,
     "Parliamentary Elections, 24 June – 19 August 2001", "parliamentary", False,
     (D(2001, 6, 24), D(2001, 8, 19))),
    ("Presidential Election in Armenia, 22 September 1996", "Armenia",
     "Presidential Election, 22 September 1996", "presidential", False, (D(1996, 9, 22),)),
    ("Presidential Election, – 31 October 2004", None, "Presidential Election, 31 October 2004",
     "presidential", False, (D(2004, 10, 31),)),
    ("EARLY PRESIDENTIAL ELECTION", None, "Early Presidential Election", "presidential", True, ()),
])
def test_election_line(line: str, country: str | None, title: str, kind: str, early: bool,
                       dates: tuple[date, ...]) -> None:
    found = election_line(line)
    assert found is not None
    assert (found.country, found.title(), found.kind, found.early) == (country, title, kind, early)
    assert (found.days.dates if found.days else ()) == dates


@pytest.mark.parametrize("line", [
    "ELECTIONS", "ELECTIONS 18 September 2016", "Warsaw, 27 June 2016", "20 March 2016",
    "INTERNATIONAL ELECTION OBSERVATION MISSION",
    "Statement of Preliminary Findings and Conclusions",
    "The elections were held on 20 March 2016 in a calm atmosphere.", "ELECTIONS TO THE",
    "OSCE Parliamentary Assembly",
])
def test_not_an_election_line(line: str) -> None:
    assert election_line(line) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Warsaw, 27 June 2016", PlaceDate(on=D(2016, 6, 27))),
    ("Warsaw 29 January 2009", PlaceDate(on=D(2009, 1, 29))),
    ("21 January 2019 Warsaw", PlaceDate(on=D(2019, 1, 21))),
    ("11 October 2001, Warsaw", PlaceDate(on=D(2001, 10, 11))),
    ("Warsaw, October 1996", PlaceDate(month=(1996, 10))),
    ("Moscow, 5 December 2011", PlaceDate(on=D(2011, 12, 5))),
    ("Astana, 21 March 2016 – The 20 March early parliamentary elections were organized",
     PlaceDate(on=D(2016, 3, 21))),
    ("Nur-Sultan, 10 June 2019 – The 9 June early presidential election",
     PlaceDate(on=D(2019, 6, 10))),
    ("Warsaw, June 29, 1997", PlaceDate(on=D(1997, 6, 29))),
    ("JUNE 29, 1997 Warsaw", PlaceDate(on=D(1997, 6, 29))),
    ("Warsaw", None), ("20 March 2016", None), ("Parliamentary Elections, 8 October 2016", None),
])
def test_place_and_date(line: str, expected: PlaceDate | None) -> None:
    assert place_and_date(line) == expected


@pytest.mark.parametrize(("line", "letterhead"), [
    ("17/2 Ervand Kochar St., 0010 Yerevan, Armenia", True),
    ("Tel.: +374 (0)10 552399/552499 Fax: +374 (0)10 554299", True),
    ("e-mail: office@odihr.am", True), ("www.osce.org/odihr", True),
    ("Al. Ujazdowskie 19, 00-557 Warsaw", True),
    ("Republic of Armenia", False), ("INTERIM REPORT No. 3", False), ("1st May 2020", False),
])
def test_letterhead(line: str, letterhead: bool) -> None:
    assert is_letterhead(line) is letterhead


def test_partner_logos_and_a_banner_after_them() -> None:
    assert is_partner("NATO Parliamentary Assembly")
    assert is_partner("Parliamentary Assembly of the Council of Europe")
    assert is_partner("European Parliament")
    assert not is_partner("Parliamentary Elections")
    line = "OSCE Parliamentary Assembly ODIHR LIMITED ELECTION OBSERVATION MISSION"
    assert tail_mission(line) == "Limited Election Observation Mission"
    assert tail_mission("NATO Parliamentary Assembly") is None


def test_document_code_lines() -> None:
    assert code_date("EL.97/AL1/ver.1 12-11-1997") == D(1997, 11, 12)
    assert code_date("EL.97/AL1/ver.1 12-11-1997 2") == D(1997, 11, 12)  # page number after it
    assert code_date("EL.97/AL1/ver.1 31-02-1997") is None
    assert code_date("ALBANIA") is False


@pytest.mark.parametrize(("raw", "expected"), [
    ("Republic of Kazakhstan    Page: 3", "Republic of Kazakhstan"),
    ("Page: 3    Republic of Kazakhstan", "Republic of Kazakhstan"),
    ("Page 3 of 40 | Georgia", "Georgia"),
    ("OSCE/ODIHR Election Observation Mission Final Report1", "OSCE/ODIHR Election Observation "
     "Mission Final Report"),
    ("Early\u00a0Parliamentary  Elections", "Early Parliamentary Elections"),
    # front matter numbered in roman (2005); a word of roman letters is no page number
    ("Republic of Albania    Page: iii", "Republic of Albania"),
    ("Page: xii    Republic of Albania", "Republic of Albania"),
    ("Handbook Page civic", "Handbook Page civic"), ("Page: mix", "Page: mix"),
])
def test_clean_drops_page_labels_and_markers(raw: str, expected: str) -> None:
    assert clean(raw) == expected


# --- labels and missions of every era ----------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("OSCE/ODIHR Election Observation Mission Report", (
        "final", "OSCE/ODIHR Election Observation Mission")),
    ("OSCE/ODIHR Election Assessment Report", ("final", "OSCE/ODIHR Election Assessment")),
    ("OSCE/ODIHR Election Assessment Mission Final Report", (
        "final", "OSCE/ODIHR Election Assessment Mission")),
    ("ODIHR Special Election Assessment Mission Final Report", (
        "final", "ODIHR Special Election Assessment Mission")),
    ("ODIHR LIMITED ELECTION OBSERVATION MISSION FINAL REPORT", (
        "final", "ODIHR LIMITED ELECTION OBSERVATION MISSION")),
    ("OSCE/ODIHR Referendum Observation Mission Final Report", (
        "final", "OSCE/ODIHR Referendum Observation Mission")),
    ("ODIHR Limited Referendum Observation Mission Final Report", (
        "final", "ODIHR Limited Referendum Observation Mission")),
    ("ODIHR Election Expert Team Final Report", ("final", "ODIHR Election Expert Team")),
    ("OSCE/ODIHR Final Report", ("final", "OSCE/ODIHR")),
    ("Needs Assessment Report", ("needs_assessment", "")),
    ("OSCE/ODIHR NEEDS ASSESSMENT MISSION REPORT", ("needs_assessment", "OSCE/ODIHR")),
    ("INTERIM REPORT No. 3", ("interim", "")),
    ("INTERIM REPORT No. 3 18 April – 2 May 2007", ("interim", "18 April – 2 May 2007")),
    ("SECOND INTERIM REPORT 29 January 2006 – 13 February 2006",
     ("interim", "29 January 2006 – 13 February 2006")),
    ("POST-ELECTION INTERIM REPORT", ("interim", "")),
    ("Interim Report 2", ("interim", "")),
    ("PRELIMINARY STATEMENT", ("preliminary_statement", "")),
    ("Statement of Preliminary Findings & Conclusions", ("preliminary_statement", "")),
    ("Statement of Preliminary Findings and Conclusions of the OSCE/ODIHR Election Observation "
     "Mission", ("preliminary_statement", "OSCE/ODIHR Election Observation Mission")),
    ("OSCE/ODIHR Statement of Preliminary Findings and Conclusions",
     ("preliminary_statement", "OSCE/ODIHR")),
    ("The Statement of Preliminary Findings and Conclusions was issued", None),
    ("The interim report covers the period", None),
    ("as noted in the needs assessment mission report", None),
    ("recommendations of the previous final report", None),
    ("Annual Report", None), ("Report", None), ("Election Observation Handbook", None),
    ("Preliminary findings were presented at a press conference in the capital city.", None),
    ("EL.97/AL1/ver.1 12-11-1997", None),
])
def test_report_labels_of_every_era(line: str, expected: tuple[str, str] | None) -> None:
    assert terms.report_type(line) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("INTERNATIONAL ELECTION OBSERVATION", terms.JOINT_MISSION),
    ("ODIHR ELECTION OBSERVATION", "Election Observation Mission"),
    ("OSCE/ODIHR Election Assessment", "Election Assessment Mission"),
    ("ODIHR SPECIAL ELECTION ASSESSMENT MISSION", "Special Election Assessment Mission"),
    ("ODIHR Limited Referendum Observation Mission", "Limited Referendum Observation Mission"),
    ("OSCE/ODIHR Election Expert Team", "Election Expert Team"),
    ("ODIHR LEOM", "Limited Election Observation Mission"),
    ("Election Observation Handbook", None), ("ODIHR", None),
])
def test_missions_whatever_their_qualifiers(line: str, expected: str | None) -> None:
    assert terms.mission_type(line) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ELECTIONS TO THE STATE DUMA", ("Elections to the State Duma", "parliamentary", False)),
    ("ELECTIONS TO THE RIIGIKOGU", ("Elections to the Riigikogu", "parliamentary", False)),
    ("STATE DUMA ELECTIONS", ("State Duma Elections", "parliamentary", False)),
    ("Early Riigikogu Elections", ("Early Riigikogu Elections", "parliamentary", True)),
    ("Elections to the City Council", ("Elections to the City Council", "local", False)),
    ("PARLIAMENTART ELECTIONS", ("Parliamentary Elections", "parliamentary", False)),
    ("Presidentail Election", ("Presidential Election", "presidential", False)),
    ("Regional Elections", ("Regional Elections", "regional", False)),
    ("Constitutional Referendum", ("Constitutional Referendum", "referendum", False)),
    ("Repeat Parliamentary Elections", ("Repeat Parliamentary Elections", "parliamentary", False)),
    ("Election of the President of Ukraine", ("Election of the President", "presidential", False)),
    ("REFERENDUM ON AMENDMENTS TO THE CONSTITUTION",
     ("Referendum on Amendments to the Constitution", "referendum", False)),
    ("Elections to the", None), ("the elections", None),
])
def test_election_phrases_named_after_the_chamber_and_typos(
        text: str, expected: tuple[str, str, bool] | None) -> None:
    found = terms.election_phrase(text)
    assert (found[:3] if found else None) == expected


def test_elections_to_a_chamber_of_a_country() -> None:
    assert terms.election_phrase("Elections to the State Duma of the Russian Federation") == (
        "Elections to the State Duma", "parliamentary", False, "the Russian Federation")
