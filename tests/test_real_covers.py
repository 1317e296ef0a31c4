"""Title blocks of real reports outside the sample's era, as their text layers print them.

The lines are those of public copies of ODIHR reports (1997–2019) named in REAL-REPORTS.md: a
document code instead of a label, a cover without a label, year-only and chamber-named elections,
a letterhead interim report, a second-round statement, partner logos before the banner. Each is
read exactly as a whole report would be: cover, the title block over the body, running header.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_metadata_parser import TextReport

from odihr.parse.metadata.reader import read_metadata

D = date
BODY = ("The OSCE Office for Democratic Institutions and Human Rights assessed the process and "
        "met with the authorities.\n") * 3
ODIHR = "Office for Democratic Institutions and Human Rights\n"


def _fields(pages: list[str]) -> dict[str, object]:
    meta = read_metadata(TextReport(pages))
    return {k: getattr(meta, k) for k in (
        "country", "election_title", "election_type", "early", "election_dates", "mission_type",
        "report_type", "published_on")}


def test_1997_document_code_instead_of_a_label_and_a_us_date() -> None:
    code = "EL.97/AL1/ver.1 12-11-1997"
    pages = [f"{code}\nALBANIA\nPARLIAMENTARY ELECTIONS\nJUNE 29, 1997\n",
             f"{code} 2\nTABLE OF CONTENTS\nBACKGROUND NOTES\nINTRODUCTION\n",
             f"{code} 3\nBACKGROUND NOTES\n{BODY}"]
    assert _fields(pages) == {
        "country": "Albania", "election_title": "Parliamentary Elections, 29 June 1997",
        "election_type": "parliamentary", "early": False, "election_dates": (D(1997, 6, 29),),
        "mission_type": None, "report_type": "other", "published_on": D(1997, 11, 12)}


def test_2001_cover_without_a_label_and_an_election_held_over_weeks() -> None:
    cover = (f"{ODIHR}REPUBLIC OF ALBANIA\nPARLIAMENTARY ELECTIONS\n24 June - 19 August 2001\n"
             "11 October 2001\nWarsaw\n")
    body = ("REPUBLIC OF ALBANIA\nPARLIAMENTARY ELECTIONS\n24 June - 19 August 2001\n"
            f"OSCE/ODIHR Final Report 1\n11 October 2001\nI. EXECUTIVE SUMMARY\n{BODY}")
    assert _fields([cover, body, BODY]) == {
        "country": "Albania",
        "election_title": "Parliamentary Elections, 24 June – 19 August 2001",
        "election_type": "parliamentary", "early": False,
        "election_dates": (D(2001, 6, 24), D(2001, 8, 19)), "mission_type": None,
        "report_type": "final", "published_on": D(2001, 10, 11)}


def test_2009_needs_assessment_cover_with_a_year_only() -> None:
    cover = (f"{ODIHR}REPUBLIC OF MOLDOVA\n2009 PARLIAMENTARY ELECTIONS\n"
             "OSCE/ODIHR NEEDS ASSESSMENT MISSION REPORT\n20 – 22 January 2009\nWarsaw\n"
             "29 January 2009\n")
    body = ("REPUBLIC OF MOLDOVA\nPARLIAMENTARY ELECTIONS 2009\n"
            f"OSCE/ODIHR Needs Assessment Mission Report\nI. INTRODUCTION\n{BODY}")
    assert _fields([cover, "TABLE OF CONTENTS\nI. INTRODUCTION ...... 1\n", body]) == {
        "country": "Moldova", "election_title": "Parliamentary Elections, 2009",
        "election_type": "parliamentary", "early": False, "election_dates": (),
        "mission_type": None, "report_type": "needs_assessment",
        "published_on": D(2009, 1, 29)}


def test_2007_interim_report_opening_with_the_mission_letterhead() -> None:
    cover = ("OSCE/ODIHR Election Observation Mission\nRepublic of Armenia\n"
             "Parliamentary Elections 2007\n17/2 Ervand Kochar St., Yerevan, Armenia\n"
             "Tel.: +374 (0)10 552399/552499 Fax: +374 (0)10 554299\ne-mail: office@odihr.am\n"
             "INTERIM REPORT No. 3\n18 April – 2 May 2007\nI. EXECUTIVE SUMMARY\n"
             "• Twenty-two parties and one bloc will be on the ballot for the proportional list "
             "contest.\n")
    assert _fields([cover, BODY]) == {
        "country": "Armenia", "election_title": "Parliamentary Elections, 2007",
        "election_type": "parliamentary", "early": False, "election_dates": (),
        "mission_type": "Election Observation Mission", "report_type": "interim",
        "published_on": None}


def test_2011_statement_of_elections_named_after_the_chamber() -> None:
    cover = ("INTERNATIONAL ELECTION OBSERVATION\n"
             "Russian Federation, State Duma Elections – 4 December 2011\n"
             "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS\nMoscow, 5 December 2011\n"
             "This Statement of Preliminary Findings and Conclusions is the result of a common "
             "endeavour involving the OSCE/ODIHR Election Observation Mission (EOM).\n")
    assert _fields([cover, BODY]) == {
        "country": "Russian Federation", "election_title": "State Duma Elections, 4 December 2011",
        "election_type": "parliamentary", "early": False, "election_dates": (D(2011, 12, 4),),
        "mission_type": "Election Observation Mission", "report_type": "preliminary_statement",
        "published_on": D(2011, 12, 5)}


def test_2004_statement_with_partner_logos_before_the_banner() -> None:
    cover = ("NATO Parliamentary Assembly\nAssemblée parlementaire de l'OTAN\n"
             "INTERNATIONAL ELECTION OBSERVATION MISSION\n"
             "Ukraine – Presidential Election, 31 October 2004\n"
             "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS\n"
             "Kyiv, 1 November 2004 - The International Election Observation Mission for the 31 "
             "October presidential election is a joint undertaking.\n")
    fields = _fields([cover, BODY])
    assert fields == dict(fields, **{
        "country": "Ukraine", "election_title": "Presidential Election, 31 October 2004",
        "election_type": "presidential", "report_type": "preliminary_statement",
        "published_on": D(2004, 11, 1), "election_dates": (D(2004, 10, 31),)})


def test_2019_second_round_statement_without_a_dateline() -> None:
    cover = ("INTERNATIONAL ELECTION OBSERVATION MISSION\n"
             "Republic of North Macedonia – Presidential Election, Second Round, 5 May 2019\n"
             "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS\nPRELIMINARY CONCLUSIONS\n"
             "In the well-administered run-off to the presidential election, continued respect "
             "for fundamental freedoms allowed voters to make an informed choice.\n")
    assert _fields([cover, BODY]) == {
        "country": "North Macedonia",
        "election_title": "Presidential Election, Second Round, 5 May 2019",
        "election_type": "presidential", "early": False, "election_dates": (D(2019, 5, 5),),
        "mission_type": None, "report_type": "preliminary_statement", "published_on": None}


def test_2016_final_report_of_state_duma_elections() -> None:
    cover = (f"{ODIHR}RUSSIAN FEDERATION\nSTATE DUMA ELECTIONS\n18 September 2016\n"
             "OSCE/ODIHR Election Observation Mission\nFinal Report\nWarsaw\n23 December 2016\n")
    body = ("RUSSIAN FEDERATION ELECTIONS 18 September 2016\n"
            f"OSCE/ODIHR Election Observation Mission Final Report1\nI. EXECUTIVE SUMMARY\n{BODY}")
    assert _fields([cover, "TABLE OF CONTENTS\n", body]) == {
        "country": "Russian Federation",
        "election_title": "State Duma Elections, 18 September 2016",
        "election_type": "parliamentary", "early": False, "election_dates": (D(2016, 9, 18),),
        "mission_type": "Election Observation Mission", "report_type": "final",
        "published_on": D(2016, 12, 23)}


def test_2016_needs_assessment_with_a_hyphenated_visit_period() -> None:
    cover = (f"{ODIHR}MONGOLIA\nPARLIAMENTARY ELECTIONS\n29 June 2016\n"
             "OSCE/ODIHR NEEDS ASSESSMENT MISSION REPORT\n5-8 April 2016\nWarsaw\n29 April 2016\n")
    assert _fields([cover, BODY]) == {
        "country": "Mongolia", "election_title": "Parliamentary Elections, 29 June 2016",
        "election_type": "parliamentary", "early": False, "election_dates": (D(2016, 6, 29),),
        "mission_type": None, "report_type": "needs_assessment", "published_on": D(2016, 4, 29)}


# --- structures read from public copies in session 6 (see REAL-REPORTS.md) ------------------

#: (cover lines, the fields they must give). A country wrapped over two lines (2010), voting
#: days before the phrase (2004), a state named with its union in brackets (2004), elections
#: named after the country alone (2000), the phrase before the country (2004) or right after it
#: with no separator (2006).
COVERS_2000S = {
    "wrapped_country": (
        [ODIHR, "UNITED KINGDOM OF GREAT BRITAIN", "AND NORTHERN IRELAND", "GENERAL ELECTION",
         "6 May 2010", "OSCE/ODIHR Election Assessment Mission Report", "Warsaw", "9 July 2010"],
        {"country": "United Kingdom", "election_title": "General Election, 6 May 2010",
         "election_type": "parliamentary", "election_dates": (D(2010, 5, 6),),
         "mission_type": "Election Assessment Mission", "report_type": "final",
         "published_on": D(2010, 7, 9)}),
    "days_before_phrase": (
        [ODIHR, "THE FORMER YUGOSLAV REPUBLIC", "OF MACEDONIA", "7 NOVEMBER 2004 REFERENDUM",
         "OSCE/ODIHR Observation Mission Final Report", "Warsaw 2 February 2005"],
        {"country": "North Macedonia", "election_title": "Referendum, 7 November 2004",
         "election_type": "referendum", "election_dates": (D(2004, 11, 7),),
         "mission_type": None, "report_type": "final", "published_on": D(2005, 2, 2)}),
    "state_union_in_brackets": (
        ["INTERNATIONAL ELECTION OBSERVATION MISSION", "Republic of Serbia (Serbia and Montenegro)",
         "Presidential Election", "13 June 2004",
         "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS"],
        {"country": "Serbia", "election_title": "Presidential Election, 13 June 2004",
         "election_type": "presidential", "election_dates": (D(2004, 6, 13),),
         "mission_type": None, "report_type": "preliminary_statement", "published_on": None}),
    "elections_in_the_country": (
        ["ELECTIONS IN THE FEDERAL REPUBLIC OF YUGOSLAVIA", "24 September 2000",
         "PRELIMINARY FINDINGS AND CONCLUSIONS",
         "Belgrade, 25 September 2000 – The elections were marked by serious flaws in the legal "
         "framework and in the conduct of the campaign."],
        {"country": None, "election_title": "Elections, 24 September 2000",
         "election_type": "general", "election_dates": (D(2000, 9, 24),), "mission_type": None,
         "report_type": "preliminary_statement", "published_on": D(2000, 9, 25)}),
    "country_after_the_phrase": (
        ["INTERNATIONAL ELECTION OBSERVATION MISSION",
         "Repeat Parliamentary Election, Georgia – 28 March 2004",
         "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS",
         "Tbilisi, 29 March 2004 – The International Election Observation Mission for the 28 "
         "March partial repeat parliamentary election is a co-operative undertaking."],
        {"country": "Georgia", "election_title": "Repeat Parliamentary Election, 28 March 2004",
         "election_type": "parliamentary", "election_dates": (D(2004, 3, 28),),
         "mission_type": None, "report_type": "preliminary_statement",
         "published_on": D(2004, 3, 29)}),
    "country_unseparated": (
        ["INTERNATIONAL ELECTION OBSERVATION MISSION",
         "Bosnia and Herzegovina General Elections, 1 October 2006",
         "STATEMENT OF PRELIMINARY FINDINGS AND CONCLUSIONS"],
        {"country": "Bosnia and Herzegovina", "election_title": "General Elections, 1 October 2006",
         "election_type": "parliamentary", "election_dates": (D(2006, 10, 1),),
         "report_type": "preliminary_statement"}),
    "country_with_the_days": (
        ["OSCE Office for Democratic Institutions and Human Rights",
         "Referendum Observation Mission", "Constitutional Referendum", "Kyrgyz Republic 2010",
         "INTERIM REPORT No. 1", "I. EXECUTIVE SUMMARY"],
        {"country": "Kyrgyzstan", "election_title": "Constitutional Referendum, 2010",
         "election_type": "referendum", "election_dates": (), "report_type": "interim",
         "mission_type": "Referendum Observation Mission"}),
    "country_with_the_date": (
        [ODIHR, "PRESIDENTIAL ELECTION", "Republic of Armenia 19 February 2008",
         "OSCE/ODIHR Election Observation Mission Report", "Warsaw", "30 May 2008"],
        {"country": "Armenia", "election_title": "Presidential Election, 19 February 2008",
         "election_dates": (D(2008, 2, 19),), "published_on": D(2008, 5, 30)}),
}


@pytest.mark.parametrize("name", sorted(COVERS_2000S))
def test_cover_structures_of_the_2000s(name: str) -> None:
    lines, expected = COVERS_2000S[name]
    fields = _fields(["\n".join(lines) + "\n", BODY, BODY])
    assert {k: fields[k] for k in expected} == expected


@pytest.mark.parametrize("heading", ["I. EXECUTIVE SUMMARY", "I EXECUTIVE SUMMARY",
                                     "II SUMMARY", "1 INTRODUCTION", "III.1 General"])
def test_the_title_block_ends_at_its_first_heading_with_or_without_a_dot(heading: str) -> None:
    # the cover names no report kind; the title block over the body does
    cover = f"{ODIHR}REPUBLIC OF ALBANIA\nPARLIAMENTARY ELECTIONS\n24 June 2001\nWarsaw\n"
    body = ("REPUBLIC OF ALBANIA\nPARLIAMENTARY ELECTIONS, 24 June 2001\n"
            f"OSCE/ODIHR Final Report\n{heading}\n{BODY}")
    assert _fields([cover, body, BODY])["report_type"] == "final"


def test_voting_days_before_the_phrase_are_no_heading() -> None:
    assert _fields([f"{ODIHR}ALBANIA\n7 NOVEMBER 2004 REFERENDUM\nFinal Report\n", BODY])[
        "election_type"] == "referendum"
