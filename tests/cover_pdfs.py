"""Synthetic report covers and title blocks of every era, as real PDFs written with PDFium.

Test helper: :func:`covers` is a Hypothesis strategy of :class:`Cover` — the lines of a cover
page (and of the running header of the pages after it) with the metadata a reader must take from
them. Each axis varies on its own: the label and era (``family``), the election phrase, the date
form, the case of each line, banner or letterhead, the order of the lines, how the place and
publication date are printed, and the running header. :func:`cover_pdf` writes a cover as a
three-page PDF; the expected values are built from the drawn parts, never from the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from results_pdfs import LEFT, ReportPdf

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
#: (printed country, the site's name).
COUNTRIES = (
    ("REPUBLIC OF ARMENIA", "Armenia"), ("GEORGIA", "Georgia"),
    ("RUSSIAN FEDERATION", "Russian Federation"), ("KYRGYZ REPUBLIC", "Kyrgyzstan"),
    ("ESTONIA", "Estonia"), ("REPUBLIC OF NORTH MACEDONIA", "North Macedonia"),
    ("UKRAINE", "Ukraine"), ("BOSNIA AND HERZEGOVINA", "Bosnia and Herzegovina"),
    ("REPUBLIC OF MOLDOVA", "Moldova"), ("ALBANIA", "Albania"),
    ("UNITED STATES OF AMERICA", "United States of America"), ("REPUBLIC OF SERBIA", "Serbia"),
    ("UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "United Kingdom"),
    ("MONTENEGRO", "Montenegro"), ("REPUBLIC OF TURKEY", "Türkiye"),
    ("THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "North Macedonia"),
    ("REPUBLIC OF KAZAKHSTAN", "Kazakhstan"), ("REPUBLIC OF BELARUS", "Belarus"),
    ("MONGOLIA", "Mongolia"), ("SWISS CONFEDERATION", "Switzerland"),
    ("GRAND DUCHY OF LUXEMBOURG", "Luxembourg"), ("KINGDOM OF THE NETHERLANDS", "Netherlands"),
)
#: (printed upper-case phrase, expected phrase, election_type, early).
PHRASES = (
    ("PRESIDENTIAL ELECTION", "Presidential Election", "presidential", False),
    ("EARLY PARLIAMENTARY ELECTIONS", "Early Parliamentary Elections", "parliamentary", True),
    ("LOCAL ELECTIONS", "Local Elections", "local", False),
    ("CONSTITUTIONAL REFERENDUM", "Constitutional Referendum", "referendum", False),
    ("ELECTIONS TO THE STATE DUMA", "Elections to the State Duma", "parliamentary", False),
    ("ELECTIONS TO THE RIIGIKOGU", "Elections to the Riigikogu", "parliamentary", False),
    ("STATE DUMA ELECTIONS", "State Duma Elections", "parliamentary", False),
    ("PARLIAMENTART ELECTIONS", "Parliamentary Elections", "parliamentary", False),
    ("PRE-TERM PARLIAMENTARY ELECTIONS", "Pre-term Parliamentary Elections", "parliamentary",
     True),
)
#: English words a random chamber name must not be: they name a kind of election or a body.
_MEANINGFUL = {"local", "city", "council", "municipal", "mayor", "district", "general", "early",
               "snap", "state", "national", "regional", "repeat", "partial", "by", "the"}


def _chamber_word(word: str) -> bool:
    """A made-up chamber name (``Vorbeku``): no adjective ending, no meaningful word."""
    return word.lower() not in _MEANINGFUL and not word.lower().endswith(
        ("al", "ary", "ive", "ic", "ial"))


#: Elections named after a chamber never seen before: ``ELECTIONS TO THE VORBEKU`` and
#: ``VORBEKU ELECTIONS`` are parliamentary (a body that is not local is a parliament).
_SYLLABLE = st.tuples(st.sampled_from("bdfgklmnprstvz"), st.sampled_from("aeiou")).map("".join)
CHAMBERS = st.lists(_SYLLABLE, min_size=2, max_size=4).map(lambda s: "".join(s).upper()) \
    .filter(_chamber_word)


@st.composite
def phrases(draw: st.DrawFn) -> tuple[str, str, str, bool]:
    """(printed upper-case phrase, expected phrase, election_type, early): a known phrase, or
    one naming a made-up chamber."""
    if draw(st.integers(0, 3)):
        return draw(st.sampled_from(PHRASES))
    chamber = draw(CHAMBERS)
    printed = draw(st.sampled_from([f"ELECTIONS TO THE {chamber}", f"{chamber} ELECTIONS"]))
    return printed, _title(printed), "parliamentary", False


MISSIONS = ("Election Observation Mission", "Limited Election Observation Mission",
            "Election Assessment Mission", "Special Election Assessment Mission",
            "Referendum Observation Mission", "Limited Referendum Observation Mission",
            "Election Expert Team")
FAMILIES = ("final_modern", "final_one_line", "mission_report", "assessment_report",
            "legacy_banner", "needs_assessment", "interim", "interim_letterhead",
            "preliminary", "code", "unlabelled", "handbook")
DATE_FORMS = ("dmy", "upper", "two_days", "three_days", "ampersand", "span", "us", "glued",
              "year")
PUBLICATION_FORMS = ("place_newline_date", "place_comma_date", "date_place", "date_newline_place",
                     "place_space_date")
HEADER_FORMS = ("none", "plain", "page_label_end", "page_label_start", "other_wording")
TITLE_BLOCK_FORMS = ("none", "same", "other_wording", "wrong_year_on_cover")
BLOCK_FAMILIES = ("final_modern", "final_one_line", "mission_report", "assessment_report",
                  "legacy_banner", "needs_assessment", "unlabelled")
SINGLE_YEAR_FORMS = ("dmy", "upper", "two_days", "us", "glued")
#: Date forms a cover prints before the phrase (``7 NOVEMBER 2004 REFERENDUM``).
DAYS_FIRST_FORMS = ("dmy", "upper", "two_days", "glued")
#: How the country's name is printed: on one line, wrapped before or after a small word
#: (``UNITED KINGDOM OF GREAT BRITAIN`` / ``AND NORTHERN IRELAND``), or with a bracketed
#: qualifier (``Republic of Serbia (Serbia and Montenegro)``).
COUNTRY_FORMS = ("one_line", "wrapped", "qualified")
_SMALL = ("OF", "AND", "THE")
#: How the body's first section heading is numbered: with or without the dot after its number.
FIRST_HEADINGS = ("I. EXECUTIVE SUMMARY", "I EXECUTIVE SUMMARY", "1. INTRODUCTION",
                  "1 INTRODUCTION", "II SUMMARY")
BODY = ("The electoral process was assessed against the commitments and the standards for "
        "democratic elections.", "Its findings and conclusions are set out in the sections "
        "below, with the relevant legislation and practice.")


def _title(text: str) -> str:
    small = {"and", "of", "the", "to"}
    return " ".join(w if i and w in small else w[:1].upper() + w[1:]
                    for i, w in enumerate(text.lower().split()))


def _case(text: str, upper: bool) -> str:
    return text.upper() if upper else _title(text)


def _dmy(day: date, upper: bool = False) -> str:
    month = MONTHS[day.month - 1]
    return f"{day.day} {month.upper() if upper else month} {day.year}"


@dataclass
class Cover:
    """A cover page's lines, the running header's lines, and what must be read from them."""

    lines: list[str]
    header: list[str]
    #: The title block over the first section of the body (page 2), if any.
    title_block: list[str]
    expected: dict[str, Any]
    axes: dict[str, str] = field(default_factory=dict)
    #: The body's first section heading, under the title block and the interim cover.
    first_heading: str = "I. EXECUTIVE SUMMARY"
    #: Page labels in lower-case roman (front matter: ``Page: ii``).
    roman_pages: bool = False


@st.composite
def voting_days(draw: st.DrawFn, form: str) -> tuple[str, tuple[date, ...], str]:
    """(printed dates, the dates, the dates as the title prints them) in one date form."""
    year = draw(st.integers(1996, 2025))
    month = draw(st.integers(1, 9))
    day = draw(st.integers(1, 27))
    first = date(year, month, day)
    name = MONTHS[month - 1]
    if form in ("dmy", "upper", "glued"):
        printed = {"dmy": _dmy(first), "upper": _dmy(first, True),
                   "glued": f"{day}{name} {year}"}[form]
        return printed, (first,), _dmy(first)
    if form == "us":
        return f"{name.upper()} {day}, {year}", (first,), _dmy(first)
    if form == "two_days":
        second = first + timedelta(days=1)
        return (f"{day} AND {second.day} {name.upper()} {year}", (first, second),
                f"{day} and {second.day} {name} {year}")
    if form == "three_days":
        days = (first, date(year, month + 1, 21), date(year, month + 2, 26))
        printed = f"{day} {name}, 21 {MONTHS[month]} and 26 {MONTHS[month + 1]} {year}"
        return printed, days, printed
    if form == "ampersand":
        start, end = date(year, 11, day), date(year + 1, 1, 7)
        return (f"{_dmy(start)} & {_dmy(end)}", (start, end),
                f"{_dmy(start)} and {_dmy(end)}")
    if form == "span":
        end = date(year, month + 2, 19)
        dash = draw(st.sampled_from(["-", "–"]))
        return (f"{day} {name} {dash} 19 {MONTHS[month + 1]} {year}", (first, end),
                f"{day} {name} – 19 {MONTHS[month + 1]} {year}")
    return str(year), (), str(year)


@st.composite
def covers(draw: st.DrawFn) -> Cover:  # noqa: C901 - one branch per family keeps it readable
    """A cover of any family with every other axis drawn independently."""
    family = draw(st.sampled_from(FAMILIES))
    year_allowed = family in ("needs_assessment", "interim_letterhead")
    date_form = draw(st.sampled_from([f for f in DATE_FORMS if f != "year" or year_allowed]))
    if family == "preliminary":
        date_form = draw(st.sampled_from(["dmy", "upper", "glued", "two_days"]))
    printed_dates, dates, dates_text = draw(voting_days(date_form))
    country_printed, country = draw(st.sampled_from(COUNTRIES))
    phrase_upper, phrase, kind, early = draw(phrases())
    upper = {part: draw(st.booleans()) for part in ("country", "phrase", "label")}
    country_line = _case(country_printed, upper["country"])
    country_form = draw(st.sampled_from(COUNTRY_FORMS))
    country_lines = _country_lines(draw, country_line, country_form)
    country_axis = "one_line" if country_lines == [country_line] else country_form
    # "ELECTIONS IN <COUNTRY>": the country named in the phrase, no kind word (general elections)
    named_in_phrase = family not in ("preliminary", "handbook", "code") \
        and draw(st.integers(0, 7)) == 0
    if named_in_phrase:
        phrase_upper, phrase, kind, early = (f"ELECTIONS IN {country_printed}", "Elections",
                                             "general", False)
    phrase_line = phrase_upper if upper["phrase"] else _title(phrase_upper)
    mission = draw(st.sampled_from(MISSIONS))
    org = draw(st.sampled_from(["ODIHR", "OSCE/ODIHR"]))
    # published where a report of this kind is: before the vote (needs assessment, interim),
    # the day after it (statement) or months after it (final report)
    first_day = dates[0] if dates else date(int(dates_text), 6, 1)
    last_day = dates[-1] if dates else first_day
    published: date | None = (
        first_day - timedelta(days=draw(st.integers(20, 120)))
        if family in ("needs_assessment", "interim", "interim_letterhead")
        else last_day + timedelta(days=1) if family == "preliminary"
        else last_day + timedelta(days=draw(st.integers(30, 240))))
    round_ = None
    axes = {"family": family, "date_form": date_form,
            "case": "upper" if upper["phrase"] else "title",
            "phrase": "in_country" if named_in_phrase
            else "known" if (phrase_upper, phrase, kind, early) in PHRASES
            else "made-up chamber", "country_form": country_axis}

    # the election line(s): phrase and dates on one line or two; a year before or after
    block = draw(st.sampled_from(TITLE_BLOCK_FORMS)) if family in BLOCK_FAMILIES else "none"
    if block == "wrong_year_on_cover" and date_form in SINGLE_YEAR_FORMS:
        year = dates[-1].year  # a typo on the cover only; the title block and header are right
        printed_dates = printed_dates.replace(str(year), str(year + 1))
    elif block == "wrong_year_on_cover":
        block = "same"
    axes["title_block"] = block
    if date_form == "year":
        layout = draw(st.sampled_from(["year_first", "year_last"]))
        election = [f"{printed_dates} {phrase_line}" if layout == "year_first"
                    else f"{phrase_line} {printed_dates}"]
    else:
        layouts = ["same_line", "split", "broken_phrase"] + (
            ["days_first"] if date_form in DAYS_FIRST_FORMS else [])
        layout = draw(st.sampled_from(layouts))
        separator = " " if date_form == "us" else ", "
        election = [f"{phrase_line}{separator}{printed_dates}"] if layout == "same_line" \
            else [f"{printed_dates} {phrase_line}"] if layout == "days_first" \
            else [phrase_line, printed_dates]
        if layout == "broken_phrase":  # a long phrase wrapped before its last word(s)
            words = phrase_line.split()
            cut = 3 if words[0].lower() == "elections" else len(words) - 1
            election = [" ".join(words[:cut]), " ".join(words[cut:]), printed_dates]
    # the country under the phrase with the voting days after it (``Kyrgyz Republic 2010``)
    country_with_days = not named_in_phrase and layout in ("split", "year_last") \
        and family not in ("preliminary", "code", "handbook") and draw(st.booleans())
    if country_with_days:
        election = [phrase_line, f"{country_line} {printed_dates}"]
        layout = "country_with_days"
    axes["election_layout"] = layout

    def label(text: str) -> str:
        return text.upper() if upper["label"] else text

    head_label = f"{org} {mission} Final Report"
    expected_type, expected_mission = "final", mission
    mission_first = draw(st.booleans())
    org_line = draw(st.sampled_from([
        [], ["Office for Democratic Institutions and Human Rights"],
        ["Organization for Security and Co-operation in Europe",
         "Office for Democratic Institutions and Human Rights"]]))
    top: list[str] = []
    bottom: list[str] = []
    if family == "final_modern":
        mission_line = [f"{org} {mission}"]
        top = org_line + (mission_line if mission_first else []) + [country_line]
        bottom = ([] if mission_first else mission_line) + [label("Final Report")]
    elif family in ("final_one_line", "mission_report", "assessment_report"):
        text = {"final_one_line": f"{org} {mission} Final Report",
                "mission_report": f"{org} {mission} Report",
                "assessment_report": f"{org} Election Assessment Report"}[family]
        expected_mission = "Election Assessment Mission" if family == "assessment_report" \
            else mission
        top, bottom = org_line + [country_line], [label(text)]
        cut = draw(st.integers(0, len(text.split()) - 1))
        if cut:  # a long label wrapped over two lines
            words = label(text).split()
            bottom = [" ".join(words[:cut]), " ".join(words[cut:])]
        axes["label_wrapped"] = "yes" if cut else "no"
    elif family == "legacy_banner":
        banner = [label("ODIHR Election Observation")]
        expected_mission = "Election Observation Mission"
        top = org_line + (banner if mission_first else []) + [country_line]
        bottom = [label("Final Report")] + ([] if mission_first else banner)
    elif family == "needs_assessment":
        planned = draw(st.booleans())
        expected_type, expected_mission = "needs_assessment", mission if planned else None
        text = draw(st.sampled_from(["Needs Assessment Mission Report",
                                     f"{org} Needs Assessment Mission Report",
                                     "Needs Assessment Report"]))
        planned_line = [f"{org} {mission}"] if planned else []
        top = org_line + (planned_line if mission_first else []) + [country_line]
        bottom = ([] if mission_first else planned_line) + [label(text), _period(published)]
        head_label = f"{org} Needs Assessment Mission Report"
    elif family in ("interim", "interim_letterhead"):
        expected_type = "interim"
        text = draw(st.sampled_from(["Interim Report No. 3", "Second Interim Report",
                                     "Post-Election Interim Report", "Interim Report"]))
        top = [f"{org} {mission}", country_line]
        letterhead = ["17/2 Ervand Kochar St., 0010 Yerevan",
                      "Tel.: +374 10 552399 Fax: +374 10 554299", "e-mail: office@odihr.am"] \
            if family == "interim_letterhead" else []
        period_apart = draw(st.booleans())
        bottom = letterhead + ([label(text), _period(published)] if period_apart
                               else [f"{label(text)} {_period(published)}"])
        if family == "interim":
            bottom.append(_dmy(published, draw(st.booleans())))
        else:
            published = None  # a letterhead opening prints no issue date
        head_label = f"{org} EOM Interim Report"
    elif family == "preliminary":
        expected_type = "preliminary_statement"
        partners = draw(st.sampled_from([[], ["OSCE Parliamentary Assembly"],
                                         ["NATO Parliamentary Assembly",
                                          "Parliamentary Assembly of the Council of Europe"]]))
        banner = draw(st.sampled_from(["INTERNATIONAL ELECTION OBSERVATION MISSION",
                                       "INTERNATIONAL ELECTION OBSERVATION",
                                       "ODIHR LIMITED ELECTION OBSERVATION MISSION"]))
        axes["partners"] = "lines" if partners else "none"
        if partners and draw(st.booleans()):  # logo text and banner on one line
            partners, banner = [], f"{' '.join(partners)} Assemblée parlementaire {banner}"
            axes["partners"] = "same_line"
        expected_mission = "Limited Election Observation Mission" if "LIMITED" in banner \
            else None
        round_ = draw(st.sampled_from([None, "Second Round"]))
        country_title = _title(country_printed)
        middle = f", {round_}" if round_ else ""
        separator, before_dates = draw(st.sampled_from([(" – ", ", "), (", ", " – ")]))
        layout = draw(st.sampled_from(["country_first", "country_after", "country_unseparated"]))
        election = [{
            "country_first": f"{country_title}{separator}{_title(phrase_upper)}{middle}"
                             f"{before_dates}{printed_dates}",
            # ``Repeat Parliamentary Election, Georgia – 28 March 2004``
            "country_after": f"{_title(phrase_upper)}{middle}, {country_title} – {printed_dates}",
            # ``Georgia Parliamentary Elections, Second Round, 30 October 2016``
            "country_unseparated": f"{country_title} {_title(phrase_upper)}{middle}, "
                                   f"{printed_dates}"}[layout]]
        axes["election_layout"] = layout
        top = partners + [banner]
        dateline = draw(st.booleans())
        bottom = [label("Statement of Preliminary Findings and Conclusions")]
        if dateline:
            bottom.append(f"Skopje, {_dmy(published)} – The {phrase.lower()} was competitive "
                          "and fundamental freedoms were respected.")
        else:
            published = None
        bottom += ["PRELIMINARY CONCLUSIONS", *BODY]
        head_label = "Statement of Preliminary Findings and Conclusions"
    elif family == "code":
        expected_type, expected_mission = "other", None
        top = [f"EL.{published.year % 100:02d}/AL1/ver.1 "
               f"{published.day:02d}-{published.month:02d}-{published.year}", country_line]
        head_label = ""
    elif family == "handbook":
        lines = org_line + [_case("Election Observation Handbook", upper["label"]),
                            "Sixth edition", *BODY]
        return Cover(lines, [], [], {
            "country": None, "election_title": None, "election_type": None, "early": None,
            "election_dates": (), "mission_type": None, "report_type": "other",
            "published_on": None, "language": "en"}, {"family": family})
    else:  # unlabelled: the running header names the report
        expected_mission = None
        top = org_line + [country_line]
        head_label = "OSCE/ODIHR Final Report"
    if family not in ("preliminary", "code", "interim", "interim_letterhead"):
        bottom += _publication(draw, published, axes)
    if named_in_phrase or country_with_days:  # the country printed in the election lines
        top = [line for line in top if line != country_line]
    if country_line in top and draw(st.booleans()):  # the country printed under the election
        top = [line for line in top if line != country_line]
        election = election + [country_line]
        axes["country_position"] = "after_election"
    else:
        axes["country_position"] = "before_election"
    lines = [printed for line in top + election + bottom
             for printed in (country_lines if line == country_line else [line])]
    first_heading = draw(st.sampled_from(FIRST_HEADINGS))
    axes["first_heading"] = first_heading
    if family in ("interim", "interim_letterhead"):
        lines += [first_heading, *BODY]
    title_phrase = phrase + (f", {round_}" if round_ else "")
    header_needed = (family == "unlabelled" and block == "none") \
        or block == "wrong_year_on_cover"
    header_form = "plain" if header_needed else draw(st.sampled_from(HEADER_FORMS))
    title_block: list[str] = []
    if block != "none":
        block_label = "OSCE/ODIHR Final Report" if block == "other_wording" \
            and expected_type == "final" else head_label
        joiner = draw(st.sampled_from([", ", " "]))
        title_block = [country_printed, f"{phrase_upper}{joiner}{dates_text}", block_label]
    header = _header(header_form, country_printed, _title(phrase_upper) if named_in_phrase
                     else phrase, dates_text, head_label, family)
    axes["header"] = header_form
    roman_pages = header_form.startswith("page_label") and draw(st.booleans())
    axes["page_numbers"] = "roman" if roman_pages else "arabic"
    return Cover(lines, header, title_block, {
        "country": country, "election_title": f"{title_phrase}, {dates_text}",
        "election_type": kind, "early": early, "election_dates": dates,
        "mission_type": expected_mission, "report_type": expected_type,
        "published_on": published, "language": "en",
    }, axes, first_heading, roman_pages)


def _country_lines(draw: st.DrawFn, line: str, form: str) -> list[str]:
    """The country's name as ``form`` prints it: one line, wrapped before or after a small
    word (so the first line alone names no country), or with a bracketed qualifier."""
    words = line.split()
    if form == "qualified":
        union = " AND ".join(draw(st.lists(CHAMBERS, min_size=1, max_size=2)))
        return [f"{line} ({_case(f'STATE UNION OF {union}', line.isupper())})"]
    cuts = [i for i in range(1, len(words)) if words[i - 1].upper() in _SMALL
            or words[i].upper() in ("OF", "AND")]
    if form == "one_line" or not cuts:
        return [line]
    cut = draw(st.sampled_from(cuts))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _period(published: date) -> str:
    start = published - timedelta(days=20)
    return f"{_dmy(start)} – {_dmy(published - timedelta(days=5))}"


def _publication(draw: st.DrawFn, published: date | None, axes: dict[str, str]) -> list[str]:
    assert published is not None
    form = draw(st.sampled_from(PUBLICATION_FORMS))
    axes["publication"] = form
    style = draw(st.sampled_from(["dmy", "upper", "us"]))
    axes["publication_date"] = style
    when = f"{MONTHS[published.month - 1]} {published.day}, {published.year}" if style == "us" \
        else _dmy(published, style == "upper")
    return {"place_newline_date": ["Warsaw", when], "place_comma_date": [f"Warsaw, {when}"],
            "date_place": [f"{when} Warsaw"], "date_newline_place": [when, "Warsaw"],
            "place_space_date": [f"Warsaw {when}"]}[form]


def _header(form: str, country: str, phrase: str, dates_text: str, label: str,
            family: str) -> list[str]:
    if form == "none" or family == "code":
        return []
    if form == "other_wording" and label.endswith("Final Report"):
        label = "OSCE/ODIHR Final Report"
    first = _title(country)
    if form == "page_label_end":
        first = f"{first}    Page: {{n}}"
    elif form == "page_label_start":
        first = f"Page: {{n}}    {first}"
    return [first, f"{phrase}, {dates_text}", label]


def cover_pdf(cover: Cover) -> bytes:
    """The cover as a three-page PDF: the cover page, then two body pages with the header."""
    pdf = ReportPdf(header=())
    pdf.new_page()
    pdf.top = 90.0
    for line in cover.lines:
        # a line must fit the page: text past its edge is not in the text layer
        pdf.paragraph(line, size=12 if len(line) < 60 else 9 if len(line) < 90 else 6)
    for number in (2, 3):
        label = ("i", "ii", "iii")[number - 1] if cover.roman_pages else str(number)
        pdf.header = [line.replace("{n}", label) for line in cover.header]
        pdf.new_page()
        if number == 2 and cover.title_block:
            for line in cover.title_block:
                pdf.paragraph(line, size=11, bold=True)
            pdf.paragraph(cover.first_heading, size=11, bold=True)
        else:  # (under a title block, its first heading opens the running text)
            pdf.paragraph(f"{number}. FINDINGS", size=11)
        for sentence in BODY:
            pdf.text(LEFT, sentence[:95], size=10)
            pdf.top += 14
    return pdf.save()
