"""Synthetic whole ODIHR reports, written with PDFium, with the parts a reader should find.

Test helper (reusable by every part's tests): :func:`build_report` lays out a cover, a table of
contents, body chapters, a recommendations chapter (or recommendations inside the summary, or
none), annexes and an observer annex from a :class:`ReportSpec`, and returns the PDF's bytes with
the recommendations and observers the report prints (:class:`Expected`). Each axis of the spec
varies on its own, so Hypothesis (:func:`report_specs`) can combine them freely:

- chapter headings: case (``upper``/``title``) and numbering (``I.``, ``I``, ``1.``, ``1``,
  unnumbered); sub-sections ``III.1``/``2.1`` style where the summary holds recommendations;
- the contents page: dot leaders and page numbers, headings without page numbers, or none;
  entries worded as the body's headings or shorter (``Legal Framework`` for ``Legal Framework
  and Electoral System``);
- recommendation structure: priority/other (with or without the letters' dots), lettered topics
  of 1999–2012 (capitals or title case), short-/longer-term groups, inside the summary, a last
  ``RECOMMENDATIONS AND CONCLUSIONS`` chapter, flat numbered, bullets, paragraphs, none;
- the observer annex: its wording and case, its number, grouping by delegation (flat or nested),
  by country under team headings, or none, and its length (several pages);
- the running header: ``Page: N`` on the first header line, or in the footer;
- words never seen before: topic headings and observer group headings made of random words
  (:func:`random_headings`), so no list of known headings can read them;
- recommendation items with footnote markers and footnotes at the page foot, and items with
  lettered sub-points (``a)``, ``b)``) under a lead-in sentence;
- observer tables with a row-number column, or with the family name first under a header row (or
  without one where the family names are printed in capitals, the structural cue real lists
  give); observer annexes titled in random words (``ANNEX II: Vorbel Quintan``);
- recommendations labelled in series instead of numbered (``a)``, ``(b)``, ``c.``, ``1.2``,
  ``2.1.3``, roman ``(i)``, ``ii.``, ``iv)``; ``numbered=False``, numbered in reading order, the
  label no part of the text);
- observer tables whose country column is the first or the last, with or without a header row;
  family names first with a comma after them (``Berg,`` | ``Anna``) and no header row;
- items labelled in upper-case roman numerals (``I.``, ``II.``), roman sub-lists ``(i)``, ``(ii)``
  under an item (also under items labelled ``a)``), a footnote at the foot of a page an item runs
  over, bare item numbers in a column of their own, lettered title-case parts and lettered
  short-/longer-term parts;
- observer header rows repeated on every page and worded in labels no list holds (``Mission
  function``), lists grouped by country headings under no team heading, and lists sorted by
  nationality and family name (real lists are): family name first with no other cue.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from hypothesis import strategies as st

from odihr.countries import country_code
from odihr.parse.observers.names import family_first_by_order
from odihr.parse.observers.table import DEFAULT_SETTINGS as TABLE

from results_pdfs import LEFT, WIDTH, Column, ReportPdf

BODY_SIZE = 11.0
BOTTOM = 770.0

SENTENCES = (
    "The legal framework should be reviewed to bring it in line with OSCE commitments.",
    "The election administration should publish all its decisions in a timely manner.",
    "Consideration should be given to facilitating voting for citizens residing abroad.",
    "Independent candidates should be allowed to stand in all elections.",
    "The broadcast regulator should act promptly on violations during the campaign.",
    "As previously recommended, campaign finance reports should be published in full.",
    "The law should provide clear grounds and procedures for recounts of the results.",
    "Measures should be taken to increase the participation of women as candidates.",
    "Voter lists should be made available for public scrutiny in line with data protection.",
    "Citizen observers should have access to all stages of the electoral process.",
)
PROSE = (
    "The mission met with the authorities, political parties, civil society and the media.",
    "Several previous ODIHR recommendations remain unaddressed, including on the media.",
    "The campaign was calm and contestants were able to campaign freely across the country.",
    "The Central Election Commission met all legal deadlines and held regular sessions.",
)
CHAPTERS = ("Executive Summary", "Introduction and Acknowledgments", "Background",
            "Legal Framework and Electoral System", "Election Administration", "Media")
TOPICS = ("Legal Framework", "Election Administration", "Voter Registration",
          "Candidate Registration", "Campaign Finance", "Media", "Complaints and Appeals",
          "Participation of Women", "Election Day", "Citizen Observers", "Mass Media")
LETTERED_CAPS = ("THE LEGAL FRAMEWORK", "ELECTION ADMINISTRATION", "VOTER REGISTRATION",
                 "CANDIDATE REGISTRATION", "THE CAMPAIGN", "MEDIA", "COMPLAINTS AND APPEALS",
                 "PARTICIPATION OF WOMEN", "ELECTION DAY", "THE COUNT",
                 "ELECTION OBSERVATION (GENERAL)")
LETTERED_TITLE = ("In General", "Election Administration", "Voter Lists", "Mass Media",
                  "Election Day Procedures", "Complaints")
GIVEN = ("Anna", "Boris", "Geir Jørgen", "Marietta", "Lela", "Markus", "Jane", "Pieter",
         "Sofia", "Tomas", "Ingrid", "Ahmet")
FAMILY = ("Berg", "Frlec", "Bekkevold", "Tidei", "Tsaava", "Krottmayer", "Kareski", "Jansen",
          "Lindqvist", "Novak", "Hansen", "Yilmaz")
COUNTRIES = (("Austria", "AT"), ("Germany", "DE"), ("United Kingdom", "GB"), ("France", "FR"),
             ("Norway", "NO"), ("Sweden", "SE"), ("Poland", "PL"), ("Italy", "IT"),
             ("Canada", "CA"), ("United States", "US"), ("Netherlands", "NL"),
             ("Finland", "FI"), ("Denmark", "DK"), ("Switzerland", "CH"))
ROLES = ("Head of Delegation", "MP", "Legal Analyst", "", "Staff of Delegation", "")
#: Roles too long for their cell: ``|`` is where the cell wraps.
LONG_ROLES = ("Special Co-ordinator and|Leader of the Short-Term Observers", "US Helsinki|"
              "Commission Staff", "Deputy Head of|Delegation", "Election Observation|Co-ordinator")
#: Delegation headings and their kinds.
ORGANISATIONS = (("OSCE Parliamentary Assembly", "osce_pa"),
                 ("Parliamentary Assembly of the Council of Europe", "pace"),
                 ("European Parliament", "european_parliament"),
                 ("NATO Parliamentary Assembly", "nato_pa"))
TEAMS = (("ODIHR EOM Core Team", "core_team"), ("ODIHR EOM Long-Term Observers", "long_term"),
         ("ODIHR EOM Short-Term Observers", "short_term"))
ANNEX_WORDINGS = (
    "LIST OF OBSERVERS IN THE INTERNATIONAL ELECTION OBSERVATION MISSION",
    "LIST OF OBSERVERS IN THE LIMITED ELECTION OBSERVATION MISSION",
    "LIST OF OBSERVERS IN THE INTERNATIONAL REFERENDUM OBSERVATION MISSION",
    "LIST OF OBSERVERS",
    "LIST OF MEMBERS OF THE ODIHR LIMITED ELECTION OBSERVATION MISSION",
)
#: Header rows' wordings: given name, family name, country, role. A role column's label can be
#: one no list holds (``Mission function``, ``Area of deployment``): the others name the columns.
HEADER_WORDINGS = (("Name", "Surname", "Country", "Role"),
                   ("First Name", "Last Name", "Nationality", "Position"),
                   ("Given name", "Family name", "Citizenship", "Mission function"),
                   ("Name", "Surname", "Nationality", "Area of deployment"))
ANNEX_FORMS = ("ANNEX {n}: {t}", "ANNEX {n} – {t}", "ANNEX {n} {t}", "APPENDIX {n}: {t}", "{t}")
REC_STRUCTURES = ("priority_other", "lettered_topics", "terms", "summary", "summary_bullets",
                  "conclusions", "lettered_section", "flat", "bullets", "paragraphs", "none")
#: Series labels replacing item numbers (``""``: numbers): letters starting again under each
#: heading, roman numerals the same way (``(i)`` is a letter after ``(h)``, a numeral before
#: ``(ii)``), or decimals whose last part counts the items of each heading.
LABELS = ("", "a)", "(a)", "a.", "1.1", "1.1.1", "(i)", "i.", "i)", "I.")
NUMBERINGS = ("roman_dot", "roman", "arabic_dot", "arabic", "none")
ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")
#: Body chapters a longer report adds before its recommendations (``XVII. RECOMMENDATIONS`` after
#: sixteen chapters, as Albania 2005; ``XV.`` after fourteen, as fYRoM 2004).
MORE_CHAPTERS = ("Voter Registration", "Candidate Registration", "Election Campaign",
                 "Campaign Finance", "Participation of Women", "National Minorities",
                 "Complaints and Appeals", "Election Observers", "Voting", "Counting")
#: Where the report's closing ``About ODIHR`` prose sits: on a page of its own under its
#: heading, on a page of its own without one, right under the last annex (or the
#: recommendations when there is no annex) under its heading, or nowhere.
ABOUT_FORMS = ("page", "page_untitled", "same_page", "none")


@dataclass(frozen=True)
class RecSpec:
    """The recommendations: ``structure`` (one of :data:`REC_STRUCTURES`) and its sizes."""

    structure: str
    groups: tuple[int, ...] = (2, 3)  # items per group (part, topic or term)
    dotted: bool = True  # ``A.`` or ``A``
    caps_topics: bool = True  # lettered topics in capitals or title case
    marker: str = "."  # ``1.``, ``1)`` or ``""``: a bare number in a column of its own
    seed: int = 0
    bold_topics: bool = True  # topic headings in bold, or in body type
    topics: tuple[str, ...] = ()  # topic headings of random words instead of the known ones
    footnotes: bool = False  # footnote markers after some items, footnotes at the page foot
    sub_points: bool = False  # some items: a lead-in sentence, then a) b) sub-points
    restart: bool = False  # lettered topics and terms: numbering starts again under each heading
    chapter: str = "Recommendations"  # the chapter's wording (structures with a chapter)
    parts: str = "letters"  # priority/other headings: "letters" (A./A), "bare", "title case",
    # "lettered title case" (``A. Priority Recommendations``)
    bullet: str = "•"  # the bullet glyph of bulleted structures
    labels: str = ""  # numbered structures: items labelled in series instead (see LABELS)
    hanging: bool = True  # labelled items: the text hangs right of the label, or runs under it
    roman_sub: bool = False  # sub-points labelled (i), (ii); also under items labelled a), (a), a.
    break_notes: bool = False  # a footnote at the foot of a page an item runs over
    glued: bool = False  # labelled or numbered items: the label glued to the text (``1.The``)


@dataclass(frozen=True)
class ObsSpec:
    """The observer annex: wording, form, case, grouping (``flat``, ``nested``, ``country``,
    ``none``) and rows per group."""

    wording: int = 0
    form: int = 0
    title_case: bool = False
    grouping: str = "flat"  # also "countries": country headings under no team heading
    groups: tuple[int, ...] = (3, 2)
    seed: int = 0
    prefix: str = "ODIHR EOM "  # team headings: "ODIHR EOM ", "OSCE/ODIHR ", ""
    caps_countries: bool = False
    header_row: bool = False  # a Name | Surname | Country | Role row under each heading
    group_size: float = 11.0  # group headings in smaller type than the annex title, or the same
    names: tuple[str, ...] = ()  # group headings of random words (delegation kind "other")
    columns: str = "standard"  # "standard", "numbered" (a row-number column), "family_first"
    plain_headings: bool = False  # group headings in the table's type: not bold, not larger
    long_roles: bool = False  # some roles wrap onto a second line of their cell
    title_words: str = ""  # an annex title of random words, naming no observers
    country_at: str = "third"  # the country column: "third" (after the names), "first", "last"
    family_caps: bool = False  # family names printed in capitals (``BERG``)
    family_comma: bool = False  # family name first: a comma after it (``Berg,`` | ``Anna``)
    page_headers: bool = False  # the header row printed at each group and again on every page
    header_words: int = 0  # the header row's wording (HEADER_WORDINGS), some labels never seen
    sorted_rows: bool = False  # each group sorted by nationality and family name (real lists)
    full_names: bool = False  # standard columns: the full name in one cell (``Anna Berg``)


@dataclass(frozen=True)
class ReportSpec:
    """One synthetic report."""

    upper: bool = True
    numbering: str = "roman_dot"
    toc: str = "leaders"  # leaders, plain, none
    toc_shares_page: bool = False  # the first chapter starts under the contents
    toc_title: str = "TABLE OF CONTENTS"  # the contents' heading: also "Contents", or none ("")
    toc_short: bool = False  # contents entries worded shorter than the body's headings
    page_header: bool = False
    results_annex: bool = True
    recs: RecSpec = field(default_factory=lambda: RecSpec("priority_other"))
    observers: ObsSpec | None = field(default_factory=ObsSpec)
    more_chapters: int = 0  # body chapters added before the recommendations (MORE_CHAPTERS)
    about: str = "page"  # the closing About ODIHR prose (ABOUT_FORMS)


@dataclass
class Expected:
    """What the report prints: recommendations as ``(number, priority, section, text,
    numbered)`` and observers as ``(given, family, country, role, delegation, parent,
    country_code, delegation_kind)``."""

    recommendations: list[tuple[int, bool, str | None, str, bool]] = field(default_factory=list)
    observers: list[tuple[str, str, str | None, str | None, str, str | None, str | None,
                          str]] = field(default_factory=list)


class SynthPdf(ReportPdf):
    """:class:`ReportPdf` with automatic page breaks and a choice of where ``Page: N`` sits."""

    def __init__(self, page_header: bool) -> None:
        super().__init__(header=("Republic of Testland", "Parliamentary Elections, 12 May 2024",
                                 "ODIHR Election Observation Mission Final Report"))
        self.page_header = page_header
        self.pages = 0
        self.line_end = self.line_top = 0.0  # where the last line written ends, and its top
        self.footnoted = 0  # the page holding a footnote already

    def new_page(self) -> ReportPdf:
        self._finish_page()
        self._page = self.doc.new_page(WIDTH, 842.0)
        self._count += 1
        self.pages = self._count
        self.top = 36.0
        if self._count > 1:
            for i, line in enumerate(self.header):
                self.text(LEFT, line, size=9)
                if i == 0 and self.page_header:
                    self.text_at(523, self.top, f"Page: {self._count}", size=9, right=True)
                self.top += 12
            self.top += 20
        else:
            self.top = 120.0
        return self

    def _finish_page(self) -> None:
        if self._page is not None:
            if not self.page_header and self._count > 1:
                self.text_at(470, 800, f"Page: {self._count}", size=9)
            import pypdfium2.raw as pdfium_raw

            pdfium_raw.FPDFPage_GenerateContent(self._page.raw)

    def _finish(self) -> None:
        self._finish_page()

    def room(self, height: float) -> None:
        if self._page is None or self.top + height > BOTTOM:
            self.new_page()

    def lines(self, lines: Sequence[str], *, x: float = LEFT, size: float = BODY_SIZE,
              bold: bool = False, gap: float = 8.0, first_x: float | None = None,
              lead: str | None = None, note: tuple[int, str] | None = None) -> None:
        """Lines of one paragraph (page breaks allowed between lines), then ``gap``; ``note``: a
        footnote after the last line above a page break inside the paragraph."""
        for i, line in enumerate(lines):
            if note is not None and i and self.top + size + 3 > BOTTOM:
                self.footnote(*note)
            self.room(size + 3)
            if i == 0 and lead is not None:
                self.text(LEFT, lead, size=size, bold=bold)
            self.line_end = self.text_at(first_x if i == 0 and first_x is not None else x,
                                         self.top, line, size=size, bold=bold)
            self.line_top = self.top
            self.top += size + 3
        self.top += gap

    def footnote(self, number: int, text: str) -> bool:
        """A raised marker after the last line written and the footnote at this page's foot
        (one footnote a page); False when this page has one already."""
        if self.footnoted == self._count:
            return False
        self.footnoted = self._count
        self.marker(self.line_end, self.line_top, str(number), size=BODY_SIZE)
        self.text_at(LEFT, BOTTOM + 2, str(number), size=5.5)
        self.text_at(LEFT + 6, BOTTOM + 4, text, size=8.5)
        return True

    def heading(self, text: str, size: float = 12.0, width: int = 70) -> None:
        parts = textwrap.wrap(text, width)
        self.room(len(parts) * (size + 3) + 40)
        self.lines(parts, size=size, bold=True, gap=6)


def wrap(text: str, width: int = 78) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)


def _case(text: str, upper: bool) -> str:
    return text.upper() if upper else text


def chapter_heading(spec: ReportSpec, index: int, title: str) -> str:
    """The printed heading of chapter ``index`` (0-based) in the spec's case and numbering."""
    title = _case(title, spec.upper)
    number = {"roman_dot": f"{ROMANS[index]}.", "roman": ROMANS[index],
              "arabic_dot": f"{index + 1}.", "arabic": str(index + 1), "none": ""}[spec.numbering]
    return f"{number} {title}".strip()


def _sub_number(spec: ReportSpec, index: int) -> str:
    if spec.numbering.startswith("roman"):
        return f"{ROMANS[index]}.1"
    if spec.numbering.startswith("arabic"):
        return f"{index + 1}.1"
    return ""


def build_report(spec: ReportSpec) -> tuple[bytes, Expected]:
    """The PDF of ``spec`` and what it prints (see module doc)."""
    expected = Expected()
    chapters = [*CHAPTERS, *MORE_CHAPTERS[:spec.more_chapters]]
    rec_chapter = {"none": None, "summary": None, "summary_bullets": None,
                   "conclusions": "Recommendations and Conclusions",
                   "lettered_section": "Conclusions"}.get(
                       spec.recs.structure, _chapter_title(spec.recs))
    if rec_chapter:
        chapters.append(rec_chapter)
    annexes: list[str] = []
    if spec.results_annex:
        annexes.append(_annex_title(0, "FINAL RESULTS", spec.upper, 0))
    obs_title = None
    if spec.observers is not None:
        obs = spec.observers
        wording = _case(ANNEX_WORDINGS[obs.wording], not obs.title_case)
        if obs.title_case:
            wording = _title(ANNEX_WORDINGS[obs.wording])
        if obs.title_words:
            wording = obs.title_words if obs.title_case else obs.title_words.upper()
        obs_title = _annex_title(len(annexes), wording, not obs.title_case, obs.form)
        annexes.append(obs_title)
    pdf = SynthPdf(spec.page_header)
    _cover(pdf)
    _contents(pdf, spec, chapters, annexes)
    if spec.toc == "none" or not spec.toc_shares_page:
        pdf.new_page()
    else:
        pdf.top += 20
    for index, title in enumerate(chapters):
        pdf.heading(chapter_heading(spec, index, title))
        if title == rec_chapter:
            _recommendations(pdf, spec, expected)
            continue
        pdf.lines(wrap(" ".join(PROSE[: 2 + index % 3])))
        if index == 0 and spec.recs.structure.startswith("summary"):
            sub = f"{_sub_number(spec, 0)} {'Recommendations'}".strip()
            pdf.heading(sub, size=11)
            _recommendations(pdf, spec, expected)
            sub = _sub_number(spec, 0)
            pdf.heading(f"{sub[:-1]}2 Conclusions" if sub else "Conclusions", size=11)
        pdf.lines(wrap(PROSE[3]))
    if spec.results_annex:
        pdf.new_page()
        pdf.heading(annexes[0])
        for party, votes in (("Party of Progress", "1 234 567"), ("Union of Farmers", "987 654")):
            pdf.room(14)
            pdf.text(LEFT, party, size=10)
            pdf.text_at(400, pdf.top, votes, size=10, right=True)
            pdf.top += 14
    if spec.observers is not None and obs_title is not None:
        _observers(pdf, spec.observers, obs_title, expected)
    # Known gap: untitled prose on a page after recommendations printed as unnumbered
    # paragraphs, or as items whose lines run under their glued numbers (``1)In …``), reads as
    # more of them (nothing sets it apart): there it keeps its heading. After items whose lines
    # hang right of their numbers, prose at the numbers' edge ends the list.
    last_recs = not spec.results_annex and spec.observers is None and bool(rec_chapter)
    _about(pdf, spec, titled=last_recs and (spec.recs.structure == "paragraphs" or
                                            spec.recs.glued))
    return pdf.save(), expected


ABOUT = ("The Office for Democratic Institutions and Human Rights (ODIHR) is the OSCE's principal "
         "institution to assist participating States to ensure full respect for human rights, "
         "fundamental freedoms, the rule of law and principles of democracy. Based in Warsaw, "
         "Poland, ODIHR is active throughout the OSCE area in the fields of election observation, "
         "democratic development, human rights, tolerance and non-discrimination.",
         "ODIHR implements a number of targeted assistance programmes, seeking to develop "
         "democratic structures. It also observes elections: in 2024 alone, it deployed missions "
         "with 3,000 observers from 50 participating States.")


def _about(pdf: SynthPdf, spec: ReportSpec, titled: bool = False) -> None:
    """The report's closing prose about ODIHR (:data:`ABOUT_FORMS`): real reports end with it,
    right after the last annex, and no part reader may take it in (``titled``: a heading even
    where the form has none)."""
    if spec.about == "none":
        return
    if spec.about == "same_page":
        pdf.top += 24
    else:
        pdf.new_page()
    if spec.about != "page_untitled" or titled:
        title = "About ODIHR" if spec.about == "page" else "About the OSCE/ODIHR"
        pdf.heading(_case(title, spec.upper).replace("OSCE/ODIHR".title(), "OSCE/ODIHR"))
    for paragraph in ABOUT:
        pdf.lines(wrap(paragraph))


def _chapter_title(recs: RecSpec) -> str:
    """The recommendations chapter's title. Under ``Conclusions and Recommendations`` prose is
    conclusions: unnumbered paragraphs there cannot be told from them (the parser says so with
    a part-level warning), so those structures keep ``Recommendations``."""
    return "Recommendations" if recs.structure == "paragraphs" else recs.chapter


def _title(text: str) -> str:
    small = {"of", "in", "the", "and"}
    words = text.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:]
                    for i, w in enumerate(words)).replace("Odihr", "ODIHR")


def _annex_title(index: int, title: str, upper: bool, form: int) -> str:
    number = ROMANS[index]
    text = ANNEX_FORMS[form].format(n=number, t=title)
    if not upper:
        text = text.replace("ANNEX", "Annex").replace("APPENDIX", "Appendix")
    if form == len(ANNEX_FORMS) - 1 and not title.upper().startswith("LIST"):
        text = f"ANNEX {number}: {title}" if upper else f"Annex {number}: {title}"
    return text


def _cover(pdf: SynthPdf) -> None:
    pdf.new_page()
    for text, size in (("REPUBLIC OF TESTLAND", 20.0), ("PARLIAMENTARY ELECTIONS", 16.0),
                       ("12 May 2024", 16.0), ("ODIHR Election Observation Mission", 14.0),
                       ("Final Report", 16.0), ("Warsaw", 12.0), ("1 August 2024", 12.0)):
        pdf.text(180, text, size=size, bold=size > 12)
        pdf.top += size + 14


def _contents(pdf: SynthPdf, spec: ReportSpec, chapters: Sequence[str],
              annexes: Sequence[str]) -> None:
    if spec.toc == "none":
        return
    pdf.new_page()
    if spec.toc_title:
        pdf.heading(spec.toc_title)
    entries = [chapter_heading(spec, i, t) for i, t in enumerate(chapters)] + list(annexes)
    if spec.toc_short:  # "Legal Framework" for "Legal Framework and Electoral System"
        entries = [re.split(r" (?:and|AND|in the|IN THE) ", e)[0] for e in entries]
    for page, entry in enumerate(entries, start=3):
        pdf.room(14)
        if spec.toc == "leaders":
            short = entry if len(entry) < 60 else entry[:57].rsplit(" ", 1)[0]
            dots = "." * max(4, int((430 - 5.2 * len(short)) / 2.8))
            pdf.text(LEFT, f"{short}{dots}{page}", size=10)
        else:
            pdf.text(LEFT, entry if len(entry) < 70 else entry[:67].rsplit(" ", 1)[0], size=10)
        pdf.top += 14


LEADS = ("", "In particular, ", "Where necessary, ", "As a matter of priority, ",
         "In consultation with stakeholders, ", "Before the next elections, ", "Moreover, ")


def _sentence(spec: RecSpec, number: int) -> str:
    first = SENTENCES[(spec.seed + number) % len(SENTENCES)]
    lead = LEADS[(spec.seed + number) % len(LEADS)]
    if lead:
        first = lead + first[:1].lower() + first[1:]
    second = PROSE[(spec.seed + 2 * number) % len(PROSE)] if (spec.seed + number) % 3 == 0 \
        else ""
    return f"{first} {second}".strip()


def _recommendations(pdf: SynthPdf, spec: ReportSpec, expected: Expected) -> None:
    recs = spec.recs
    structure = recs.structure
    if structure == "none":
        pdf.lines(wrap(PROSE[0]))
        return
    if structure == "empty":  # a heading and nothing readable under it: the next annex follows
        return
    if structure == "lettered_section":  # "B. Recommendations" between two lettered sections
        dot = "." if recs.dotted else ""
        pdf.heading(f"A{dot} {_case('General Assessment', spec.upper)}", size=11)
        pdf.lines(wrap(PROSE[2]))
        pdf.heading(f"B{dot} {_case('Recommendations', spec.upper)}", size=11)
        for number in range(1, sum(recs.groups[:2]) + 1):
            text = _sentence(recs, number)
            pdf.lines(wrap(text, 72), x=LEFT + (36 if not recs.marker else 18),
                      lead=f"{number}{recs.marker}", gap=6)
            expected.recommendations.append((number, False, None, text, True))
        pdf.heading(f"C{dot} {_case('Follow-up', spec.upper)}", size=11)
        pdf.lines(wrap(PROSE[1]))
        return
    if not structure.startswith("summary"):
        pdf.lines(wrap("These recommendations are offered with a view to further enhance the "
                       "conduct of elections and to support efforts to bring them in line "
                       "with OSCE commitments."))
    dot = "." if recs.dotted else ""
    number = printed = 0
    group = 1
    labelled = bool(recs.labels) and structure not in ("bullets", "paragraphs",
                                                        "summary_bullets")
    unnumbered = labelled or structure in ("bullets", "paragraphs", "summary_bullets")
    glued = recs.glued and structure not in ("bullets", "paragraphs", "summary_bullets") and \
        bool(labelled or recs.marker)

    def item(priority: bool, section: str | None) -> None:
        nonlocal number, printed, group
        number += 1  # reading order: a printed number that restarts names no one item
        printed += 1
        if (labelled or recs.restart and structure in ("lettered_topics", "terms")) and \
                expected.recommendations and expected.recommendations[-1][2] != section:
            printed = 1
            group += 1
        text = _sentence(recs, number)
        lettered = labelled and recs.labels in ("a)", "(a)", "a.")  # (i) under a): a sub-list
        points = _sub_points(recs, number) if recs.sub_points and (
            not unnumbered or lettered and recs.roman_sub) else []
        if points:
            text = text.split(". ")[0].rstrip(".") + ", in particular:"
        lines = wrap(text, 72)
        note = (number, FOOTNOTES[number % 3]) if recs.break_notes else None
        if structure in ("bullets", "summary_bullets"):
            pdf.lines(lines, x=LEFT + 18, lead=recs.bullet, gap=6, note=note)
        elif structure == "paragraphs":
            pdf.lines(wrap(text), gap=10, note=note)
        elif glued:  # 1.The, a)The, XVII.As: no space after the label, lines run under it
            label = _label(recs.labels, group, printed) if labelled else \
                f"{printed}{recs.marker}"
            pdf.lines(wrap(f"{label}{text}"), gap=0 if points else 6, note=note)
        elif labelled:
            label = _label(recs.labels, group, printed)
            if recs.hanging:  # roman labels run wider than letters: (xviii)
                wide = label[0].isdigit() or recs.labels in ROMAN_LABELS
                indent = 48 if recs.labels == "I." else 36 if wide else 24  # XXVIII. is wider
                pdf.lines(lines, x=LEFT + indent, lead=label,
                          gap=0 if points else 6, note=note)
            else:
                pdf.lines(wrap(f"{label} {text}"), gap=0 if points else 6, note=note)
        else:
            pdf.lines(lines, x=LEFT + (36 if not recs.marker else 18),
                      lead=f"{printed}{recs.marker}", gap=0 if points else 6,
                      note=note)
        for i, point in enumerate(points):
            pdf.lines(wrap(point, 66), x=LEFT + 54, first_x=LEFT + 36,
                      gap=6 if i == len(points) - 1 else 0)
            text = f"{text} {point}"
        if recs.footnotes and number % 2:  # marker and footnote are no part of the text
            pdf.footnote(number, FOOTNOTES[number % 3])
        expected.recommendations.append((number, priority, section, text, not unnumbered))

    letters = "ABCDEFGHIJK"
    topics = recs.topics or TOPICS
    if structure == "priority_other":
        pdf.heading(_part_heading(recs, 0, "PRIORITY RECOMMENDATIONS"), size=12)
        for _ in range(recs.groups[0]):
            item(True, None)
        pdf.heading(_part_heading(recs, 1, "OTHER RECOMMENDATIONS"), size=12)
        for g, count in enumerate(recs.groups[1:]):
            topic = topics[(recs.seed + g) % len(topics)]
            _topic(pdf, topic, recs.bold_topics)
            for _ in range(count):
                item(False, topic)
    elif structure == "lettered_topics":
        names: tuple[str, ...] = LETTERED_CAPS if recs.caps_topics else LETTERED_TITLE
        if recs.topics:
            names = tuple(t.upper() if recs.caps_topics else t for t in recs.topics)
        for g, count in enumerate(recs.groups[: len(names)]):
            topic = names[g]
            _topic(pdf, f"{letters[g]}{dot} {topic}", recs.bold_topics)
            for _ in range(count):
                item(False, topic)
    elif structure == "terms":
        for g, count in enumerate(recs.groups[:2]):
            term = ("Short-term recommendations", "Longer-term recommendations")[g]
            if recs.parts in ("letters", "lettered title case"):  # A. SHORT-TERM RECOMMENDATIONS
                term = term.upper() if recs.parts == "letters" else term.title()
                pdf.heading(f"{'AB'[g]}{dot} {term}", size=11)
            else:
                pdf.heading(term, size=11)
            for _ in range(count):
                item(False, term)
    elif structure in ("paragraphs", "bullets") and len(recs.groups) > 2:
        for g, count in enumerate(recs.groups):
            topic = topics[(recs.seed + g) % len(topics)]
            pdf.heading(topic, size=11)
            for _ in range(count):
                item(False, topic)
    else:  # a list labelled by letters runs from a) to z) at most (numerals as far)
        for _ in range(min(sum(recs.groups), 26 if labelled else 999)):
            item(False, None)


#: The label styles of roman numerals.
ROMAN_LABELS = ("(i)", "i.", "i)")


def _label(style: str, group: int, index: int) -> str:
    """The series label of the ``index``-th item (1-based) under the ``group``-th heading:
    ``b)``, ``(b)``, ``b.``, ``3.2``, ``2.3.2``, ``(ii)``, ``ii.``, ``ii)``."""
    if style in ROMAN_LABELS:
        return style.replace("i", _roman(index))
    if style == "I.":
        return f"{_roman(index).upper()}."
    letter = "abcdefghijklmnopqrstuvwxyz"[index - 1] if not style[0].isdigit() else ""
    return {"a)": f"{letter})", "(a)": f"({letter})", "a.": f"{letter}.",
            "1.1": f"{group}.{index}", "1.1.1": f"2.{group}.{index}"}[style]


def _roman(number: int) -> str:
    """``number`` (below 40) in lower-case roman numerals."""
    tens, units = divmod(number, 10)
    return "x" * tens + (ROMANS[units - 1].lower() if units else "")


FOOTNOTES = ("See paragraph 7.5 of the 1990 OSCE Copenhagen Document.",
             "Article 25 of the 1966 International Covenant on Civil and Political Rights.",
             "As recommended in the final reports on the 2019 and 2021 elections.")
SUB_VERBS = ("clarify", "review", "publish", "harmonise", "simplify", "regulate", "define")
SUB_OBJECTS = ("the grounds and deadlines for complaints and appeals",
               "all decisions of the election administration",
               "the procedures for recounts and annulments",
               "the access of observers to all stages of the process",
               "the rules on campaign finance and its oversight",
               "the criteria for the registration of candidates",
               "the voting procedures for citizens abroad",
               "the duties of the lower-level commissions",
               "the sanctions for misuse of administrative resources",
               "the timelines of the tabulation of the results",
               "the accreditation of citizen observers")


def _sub_points(spec: RecSpec, number: int) -> list[str]:
    """Two or three lettered sub-points for every third item, none for the others (a report
    repeats no line: a line repeated at the page edges is a running header)."""
    if (spec.seed + number) % 3:
        return []
    count = 2 + (spec.seed + number) % 2
    points = [f"{SUB_VERBS[(number + i) % len(SUB_VERBS)]} "
              f"{SUB_OBJECTS[(spec.seed + 4 * number + i) % len(SUB_OBJECTS)]}"
              for i in range(count)]
    labels = [f"({_roman(i + 1)})" for i in range(count)] if spec.roman_sub else \
        [f"{'abc'[i]})" for i in range(count)]
    return [f"{labels[i]} {p}{'.' if i == count - 1 else ';'}" for i, p in enumerate(points)]


def _part_heading(recs: RecSpec, index: int, title: str) -> str:
    """``A. PRIORITY RECOMMENDATIONS``, ``A PRIORITY …``, ``PRIORITY …`` or ``Priority
    Recommendations``."""
    if recs.parts == "title case":
        return title.title()
    if recs.parts == "lettered title case":
        return f"{'AB'[index]}{'.' if recs.dotted else ''} {title.title()}"
    if recs.parts == "bare":
        return title
    return f"{'AB'[index]}{'.' if recs.dotted else ''} {title}"


def _topic(pdf: SynthPdf, text: str, bold: bool) -> None:
    """A topic heading: bold, or in body type on a line of its own."""
    if bold:
        pdf.heading(text, size=11)
    else:
        pdf.room(60)
        pdf.lines([text], gap=4)


def _row(pdf: SynthPdf, columns: Sequence[Column], cells: Sequence[str],
         repeat: Callable[[], None] | None = None) -> None:
    """One observer's row; a cell with ``|`` wraps there onto a second line. ``repeat`` prints
    the table's header row again at the top of a new page."""
    if repeat is not None and pdf.top + 26 > BOTTOM:
        pdf.new_page()
        repeat()
    pdf.room(26)
    pdf.row(columns, [c.split("|") if "|" in c else c for c in cells], size=10)


FOUR = [Column(LEFT, right=False), Column(186, right=False), Column(306, right=False),
        Column(426, right=False)]
THREE = [Column(LEFT, right=False), Column(186, right=False), Column(336, right=False)]
#: A full name in one cell: a wider first column (``Geir Jørgen BEKKEVOLD``).
FULL = [Column(LEFT, right=False), Column(256, right=False), Column(386, right=False)]


def _observers(pdf: SynthPdf, obs: ObsSpec, title: str, expected: Expected) -> None:
    pdf.new_page()
    pdf.heading(title)
    k = obs.seed

    def person(i: int) -> tuple[str, str, str, str, str]:
        # Sorted lists: three nationalities, so a country's observers follow one another.
        country, code = COUNTRIES[(k + (i % 3 if obs.sorted_rows else 3 * i)) % len(COUNTRIES)]
        family = FAMILY[(k + 5 * i + i // len(FAMILY)) % len(FAMILY)]  # no pair repeats soon
        roles = LONG_ROLES if obs.long_roles and i % 4 == 1 else ROLES
        return (GIVEN[(k + i) % len(GIVEN)], family, country, code,
                roles[(k + i) % len(roles)])

    def heading(text: str, size: float) -> None:
        if obs.plain_headings:
            pdf.room(60)
            pdf.lines([text], size=10, gap=4)
        else:
            pdf.heading(text, size=size)

    count = 0
    teams = [(t.replace("ODIHR EOM ", obs.prefix), kind) for t, kind in TEAMS]
    numbered = obs.columns == "numbered"
    family_first = obs.columns == "family_first"
    by_heading = obs.grouping in ("country", "countries")  # the country is the group heading
    # Full names in one cell beside a nationality column. Not yet under country headings (known
    # gap): there a ``Name | Role`` table's rows with no role are one cell, read as headings by
    # white space (headings.stands_apart), and without a header row its two columns are taken
    # for given | family name. A one-cell line in the name column's band in the rows' type is
    # a person only where the list's group headings are styled: a team heading in the table's
    # type over the next country (``Short-Term Observers`` / ``Germany``) and the last
    # observer of a country with no role (``Boris Novak`` / ``Germany``) print alike.
    full = obs.full_names and obs.columns == "standard" and obs.country_at == "third" and \
        not by_heading
    people = _people(obs, person, by_heading)
    order_cue = obs.sorted_rows and family_first and family_first_by_order(
        [(p[1], p[0], (g, None if by_heading else p[2])) for g, p in people],
        TABLE.order_pairs, TABLE.order_share)
    four = [Column(LEFT, right=False)] + [Column(c.x + 24, right=False) for c in FOUR] \
        if numbered else FOUR
    three = [Column(LEFT, right=False)] + [Column(c.x + 24, right=False) for c in THREE] \
        if numbered else THREE

    def arrange(names: list[str], rest: list[str]) -> list[str]:
        """Names, country and role in the spec's column order (``rest``: country and role,
        or the role alone under a country heading)."""
        names = names[::-1] if family_first else names
        if len(rest) < 2 or obs.country_at == "third":
            return names + rest
        return [rest[0], *names, rest[1]] if obs.country_at == "first" else \
            [*names, rest[1], rest[0]]

    repeat: list[Callable[[], None]] = []  # the header row printed again on a new page

    def header(columns: Sequence[Column], labels: list[str]) -> None:
        # Family name first needs a header row, or a cue in the names: capitals or a comma.
        # Or the list's alphabetical order by family name (sorted_rows), where long enough.
        if obs.header_row or obs.page_headers or \
                family_first and not (obs.family_caps or obs.family_comma or order_cue):
            if family_first and obs.header_words == 0:
                labels[:2] = ["First name", "Surname"]
            labels = arrange(labels[:2], labels[2:])
            header_cells = ["No."] + labels if numbered else labels
            pdf.room(30)
            pdf.row(columns, header_cells, size=10, bold=True)
            if obs.page_headers:
                repeat[:] = [lambda: pdf.row(columns, header_cells, size=10, bold=True)]

    def cells(row: int, given: str, family: str, *rest: str) -> list[str]:
        """A row's cells; numbered per group (even seeds) or through the list (odd seeds)."""
        if full:  # one cell: ``Anna Berg`` (``Anna BERG``)
            return [f"{given} {family}", *rest]
        if family_first and obs.family_comma:  # the comma is no part of the name
            family = f"{family},"
        names = arrange([given, family], list(rest))
        return ([f"{count if k % 2 else row}."] if numbered else []) + names

    def rows(delegation: str, parent: str | None, kind: str, n: int) -> None:
        nonlocal count
        labels = list(HEADER_WORDINGS[obs.header_words])
        header(FULL if full else four, ["Name", *labels[2:]] if full else labels)
        for row in range(1, n + 1):
            given, family, country, code, role = people[count][1]
            family = family.upper() if obs.family_caps else family
            count += 1
            _row(pdf, FULL if full else four, cells(row, given, family, country, role),
                 *repeat)
            expected.observers.append((given, family, country, role.replace("|", " ") or None,
                                       delegation, parent, code, kind))

    random = [(name, "other") for name in obs.names]
    if obs.grouping == "none":
        rows(title, None, "other", sum(obs.groups))
        return
    if obs.grouping == "flat":
        groups = random or [*ORGANISATIONS, *teams]
        for g, n in enumerate(obs.groups):
            name, kind = groups[(k + g) % len(groups)]
            heading(name, obs.group_size)
            rows(name, None, kind, n)
        return
    if obs.grouping == "nested":
        outer = obs.names[0] if obs.names else "Long-Term Observers"
        heading(outer, 12.5)
        for g, n in enumerate(obs.groups):
            name, kind = teams[g % 2]
            heading(name, obs.group_size)
            rows(name, outer, kind, n)
        return
    # grouped by country under a team heading, or under none (the annex's title)
    team, kind = random[0] if random else teams[2]
    if obs.grouping == "countries":
        team, kind = title, "other"
    else:
        heading(team, 12.5)
    for g, n in enumerate(obs.groups):
        country, code = COUNTRIES[(k + g) % len(COUNTRIES)]
        country = country.upper() if obs.caps_countries else country
        heading(country, 11)
        given_label, family_label, _, role_label = HEADER_WORDINGS[obs.header_words]
        header(three[:2] if full else three,
               ["Name", role_label] if full else [given_label, family_label, role_label])
        for row in range(1, n + 1):
            given, family, _, _, role = people[count][1]
            family = family.upper() if obs.family_caps else family
            count += 1
            _row(pdf, three[:2] if full else three, cells(row, given, family, role), *repeat)
            expected.observers.append((given, family, country, role.replace("|", " ") or None,
                                       team, None, code, kind))


def _people(obs: ObsSpec, person: Callable[[int], tuple[str, str, str, str, str]],
            by_heading: bool) -> list[tuple[int, tuple[str, str, str, str, str]]]:
    """Everyone listed, in printed order, with the index of their group: with ``sorted_rows``
    each group's people sorted by nationality (unless a country heading gives it) and family
    name, as real lists are."""
    sizes = (sum(obs.groups),) if obs.grouping == "none" else obs.groups
    out: list[tuple[int, tuple[str, str, str, str, str]]] = []
    for g, size in enumerate(sizes):
        group = [person(len(out) + i) for i in range(size)]
        if obs.sorted_rows:
            group.sort(key=lambda p: ("" if by_heading else p[2], p[1].casefold()))
        out.extend((g, p) for p in group)
    return out


# --- Hypothesis ----------------------------------------------------------------------------------


#: Words a heading of random words must not contain: they carry meaning in a report's structure.
RESERVED = re.compile(r"^(?:annex|appendix|list|priority|other|recommendations?|observers?|"
                      r"members?|mission|conclusions?|and|the|of|in|page|table|contents|"
                      r"short|long|term|core|team|osce|odihr|pace|nato|european|parliament\w*|"
                      r"assembly|delegation|summary|about)$", re.IGNORECASE)


def _word_ok(word: str) -> bool:
    """A random word that is no keyword, no roman numeral and no country."""
    return not RESERVED.match(word) and not set(word.upper()) <= set("IVXLCDM") and \
        country_code(word) is None


def random_headings(count: int = 6) -> st.SearchStrategy[tuple[str, ...]]:
    """Headings of one to three random capitalised words (an ``and`` may join the last two):
    words no list of known headings holds."""
    word = st.text("abcdefghijklmnoprstuvwyz", min_size=4, max_size=11).map(str.capitalize) \
        .filter(_word_ok)
    heading = st.tuples(st.lists(word, min_size=1, max_size=3), st.booleans()).map(
        lambda t: " and ".join([" ".join(t[0][:-1]), t[0][-1]]) if t[1] and len(t[0]) > 1
        else " ".join(t[0]))
    return st.lists(heading, min_size=count, max_size=count, unique_by=str.upper).map(tuple)


def rec_specs(max_group: int = 4) -> st.SearchStrategy[RecSpec]:
    return st.builds(
        RecSpec,
        structure=st.sampled_from(REC_STRUCTURES),
        groups=st.lists(st.integers(1, max_group), min_size=2, max_size=11).map(tuple),
        dotted=st.booleans(), caps_topics=st.booleans(), marker=st.sampled_from((".", ")", "")),
        seed=st.integers(0, 50), bold_topics=st.booleans(),
        topics=st.one_of(st.just(()), random_headings(11)),
        footnotes=st.booleans(), sub_points=st.booleans(), restart=st.booleans(),
        chapter=st.sampled_from(("Recommendations", "Conclusions and Recommendations")),
        parts=st.sampled_from(("letters", "bare", "title case", "lettered title case")),
        bullet=st.sampled_from(("•", "–", "-", "o", "·", "—", "*")),
        labels=st.one_of(st.just(""), st.just(""), st.sampled_from(LABELS[1:])),
        hanging=st.booleans(), roman_sub=st.booleans(), break_notes=st.booleans(),
        glued=st.booleans())


def obs_specs(max_rows: int = 6, long_lists: bool = False) \
        -> st.SearchStrategy[ObsSpec | None]:
    """Observer annexes (a third of the reports have none); with ``long_lists``, one list in four
    runs to 10 pages or more."""
    groups = st.lists(st.integers(1, max_rows), min_size=1, max_size=5).map(tuple)
    if long_lists:
        long = st.lists(st.integers(180, 240), min_size=3, max_size=3).map(tuple)
        groups = st.one_of(groups, groups, groups, long)
    annex = st.builds(
        ObsSpec, wording=st.integers(0, len(ANNEX_WORDINGS) - 1),
        form=st.integers(0, len(ANNEX_FORMS) - 1), title_case=st.booleans(),
        grouping=st.sampled_from(("flat", "nested", "country", "countries", "none")),
        groups=groups,
        seed=st.integers(0, 50), prefix=st.sampled_from(("ODIHR EOM ", "OSCE/ODIHR ", "")),
        caps_countries=st.booleans(), header_row=st.booleans(),
        group_size=st.sampled_from((11.0, 12.0)),
        names=st.one_of(st.just(()), random_headings(5)),
        columns=st.sampled_from(("standard", "numbered", "family_first")),
        plain_headings=st.booleans(), long_roles=st.booleans(),
        title_words=st.one_of(st.just(""), st.just(""), random_headings(1).map(lambda t: t[0])),
        country_at=st.sampled_from(("third", "first", "last")), family_caps=st.booleans(),
        family_comma=st.booleans(), page_headers=st.booleans(),
        header_words=st.integers(0, len(HEADER_WORDINGS) - 1), sorted_rows=st.booleans(),
        full_names=st.booleans())
    annex = annex.map(_enough_people)
    return st.sampled_from((1, 2, 0)).flatmap(lambda k: annex if k else st.none())


def _enough_people(obs: ObsSpec) -> ObsSpec:
    """An annex titled in words naming no people is a list of observers by its table: it lists
    three people at least (odihr.parse.observers.reader.PEOPLE_ROWS), as every real list does."""
    if obs.title_words and sum(obs.groups) < 3:
        return replace(obs, groups=(*obs.groups, 3))
    return obs


def report_specs(max_group: int = 4, max_rows: int = 6, long_lists: bool = False) \
        -> st.SearchStrategy[ReportSpec]:
    """Reports varying every axis independently."""
    return st.builds(
        ReportSpec, upper=st.booleans(), numbering=st.sampled_from(NUMBERINGS),
        toc=st.sampled_from(("leaders", "plain", "none")), toc_shares_page=st.booleans(),
        toc_title=st.sampled_from(("TABLE OF CONTENTS", "Contents", "")), toc_short=st.booleans(),
        page_header=st.booleans(),
        results_annex=st.booleans(), recs=rec_specs(max_group),
        observers=obs_specs(max_rows, long_lists),
        more_chapters=st.sampled_from((0, 0, 8, 10)), about=st.sampled_from(ABOUT_FORMS))
