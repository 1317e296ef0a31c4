"""The results tables of a report: contests, their rounds, turnout blocks and contestant rows.

The pages are found from the pypdfium2 text of every page (:mod:`locate`; what the report
says around them, :mod:`context`); only those
pages are read with word positions and ruling lines (:mod:`geometry`, PDFium by default,
pdfplumber on request), grouped into lines and row bands (:mod:`layout`,
:mod:`bands`), told apart (:mod:`kinds`) and cut into tables
(:mod:`segment`, text at page breaks: :mod:`pagebreaks`); each table's columns are found
from the positions of its figures
(:mod:`columns`) and their roles decided from the table's own arithmetic (:mod:`roles`,
:mod:`figures`; header words only break ties), and its rows read (:mod:`rows`); its turnout
block's lines are found by their place and shape and their fields decided from the block's
arithmetic (:mod:`turnout`). Titles and
contest kinds come from :mod:`title`. A table that cannot be read costs only itself: it becomes
a :class:`~odihr.records.PartProblem`; tables that are not contest results (rates by region)
are left out, and so are seats-only tables that restate the seats of the contests before them
(:mod:`composition`).
"""

from __future__ import annotations

import statistics

from odihr.errors import UnknownLayout
from odihr.parse.document.layout import repeated_table_lines, running_lines
from odihr.parse.pdf import PdfReport
from odihr.parse.results.bands import PageLayout, bands, read_page
from odihr.parse.results.columns import TableModel, build_model
from odihr.parse.results.composition import without_restatements
from odihr.parse.results.context import ReportContext, chamber_sizes, report_context
from odihr.parse.results.figures import DEFAULT_ROLES, RoleSettings
from odihr.parse.results.layout import DEFAULT_LAYOUT, Band, LayoutSettings
from odihr.parse.results.locate import (
    ResultsSection,
    annex_heading,
    find_sections,
    is_annex_heading,
    is_results_chapter,
    is_running,
)
from odihr.parse.results.rows import RoundFigures, freeze_round, read_rounds
from odihr.parse.results.segment import RawTable, segment
from odihr.parse.results.settings import (
    DEFAULT_LOCATE,
    DEFAULT_SEGMENT,
    LocateSettings,
    SegmentSettings,
)
from odihr.parse.results.title import caption_dates, contest_kind, contest_title, table_round
from odihr.parse.results.totals import detach_subtotal_rows, detach_total_row
from odihr.parse.results.turnout import (
    DEFAULT_TURNOUT,
    TurnoutSettings,
    pass_on_turnout,
    peel_turnout,
)
from odihr.records import Contest, PartProblem, ResultRound, ResultsReading

EXPECTED = ("a results table: a header row naming the contestants and their votes or per cent, "
            "then one row of figures per contestant")


def read_results(pdf: PdfReport, settings: LayoutSettings = DEFAULT_LAYOUT,
                 roles: RoleSettings = DEFAULT_ROLES,
                 cutting: SegmentSettings = DEFAULT_SEGMENT,
                 locating: LocateSettings = DEFAULT_LOCATE,
                 turnout: TurnoutSettings = DEFAULT_TURNOUT) -> ResultsReading:
    """Every results table of the report as contests; none when the report prints none.

    A table that cannot be read costs only itself: it becomes a ``results:<title>``
    :class:`PartProblem` and the other tables are still read; a results section in which no
    table at all can be made out becomes a ``results`` problem. Nothing here raises for a bad
    table.

    Args:
        pdf: the open report.
        settings: geometry tolerances and the word-position reader (PDFium or pdfplumber).
        roles: tolerances of the arithmetic that decides what each column holds.
        cutting: the counts that decide where one table ends and the next begins.
        locating: the counts that decide whether a page carries on the table before it.
        turnout: the arithmetic that decides a turnout block's lines.
    """
    running = running_lines(pdf) - repeated_table_lines(pdf)
    contests: list[Contest] = []
    problems: list[PartProblem] = []
    for section in find_sections(pdf, running, locating):
        context = report_context(pdf, section.heading_page, running)
        tables = segment(section_bands(pdf, section, running, settings), cutting)
        found, bad = _contests(tables, section, context, roles, turnout)
        if not found and not bad and section.annex:
            text = " | ".join(ln for ln in pdf.text(section.heading_page).split("\n")[:12])
            problems.append(PartProblem(
                "results", "quarantined",
                f"page {section.heading_page} has the results heading {section.heading!r} but "
                f"no table under it could be made out (expected {EXPECTED}); the page reads: "
                f"{text[:300]}", section.heading_page))
        contests.extend(found)
        problems.extend(bad)
    # a seats-only table restating the seats read before it (the new parliament's
    # composition) is no contest of its own
    return ResultsReading(tuple(without_restatements(contests)), tuple(problems))


def section_bands(pdf: PdfReport, section: ResultsSection, running: frozenset[str],
                  settings: LayoutSettings = DEFAULT_LAYOUT) -> list[Band]:
    """The bands of every page of the section, without running text, heading and footnotes."""
    out: list[Band] = []
    for number in section.pages:
        layout = read_page(pdf, number, settings)
        top, bottom = _content_limits(layout, running, section if number ==
                                      section.heading_page else None, settings)
        out.extend(bands(layout, top, bottom))
    return out


def _content_limits(layout: PageLayout, running: frozenset[str],
                    section: ResultsSection | None,
                    settings: LayoutSettings = DEFAULT_LAYOUT) -> tuple[float, float]:
    """Top and bottom of the page's content: below the running header (and the section
    heading), above the footnotes and the running footer."""
    lines = layout.lines
    margin = settings.margin_share
    top_margin, bottom_margin = margin * layout.height, (1 - margin) * layout.height
    top, bottom = 0.0, layout.height
    for line in lines:
        if line.top < top_margin and is_running(line.text, running):
            top = max(top, line.bottom)
        if line.bottom > bottom_margin and is_running(line.text, running, foot=True):
            bottom = min(bottom, line.top)
    if section is not None and section.heading:
        texts = [line.text for line in lines]
        for index, line in enumerate(lines):
            heading = annex_heading(texts, index) or (
                line.text if is_results_chapter(line.text) else None)
            if heading:
                wrapped = heading != line.text and index + 1 < len(lines)
                top = max(top, lines[index + 1 if wrapped else index].bottom)
                break
    following = [ln.top for ln in lines if ln.top > top and is_annex_heading(ln.text)]
    bottom = min([bottom, *following])  # the next annex starts on the same page
    left = min((line.x0 for line in lines), default=0.0)
    body = statistics.median(line.size for line in lines) if lines else 0.0
    for line in lines:
        first = line.tokens[0]
        marker = first.superscript or (first.text.isdigit() and
                                       line.size < settings.footnote_size * body)
        if line.top > top and marker and first.x0 < left + 12 and len(line.body) > 1:
            bottom = min(bottom, line.top)  # footnotes start: a marker, then the note
            break
    return top, bottom


def _contests(tables: list[RawTable], section: ResultsSection, context: ReportContext,
              roles: RoleSettings, turnout: TurnoutSettings
              ) -> tuple[list[Contest], list[PartProblem]]:
    """Contests from the tables of one section; a table of a later round joins its contest.
    Tables that are not contest results (rates by region) are left out; tables that are results
    but cannot be read are returned as problems."""
    contests: list[Contest] = []
    problems: list[PartProblem] = []
    previous: TableModel | None = None
    chamber = chamber_sizes(context.body)
    blocks: list[tuple[str, Turnouts]] = []  # (election, turnout by round) of the tables so far
    for index, raw in enumerate(tables):
        peel_turnout(raw, turnout)
        detach_subtotal_rows(raw, roles)
        detach_total_row(raw)
        model = build_model(raw, previous, chamber, roles)
        if index + 1 < len(tables):
            pass_on_turnout(raw, tables[index + 1], len(model.rounds()))
        if not model.columns or not raw.rows or model.not_results:
            continue
        title = contest_title(raw, context)
        if model.problem:
            problems.append(_problem(title, raw, model, model.problem))
            continue
        try:
            kind = contest_kind(raw, model, section.heading, context)
            offset = (table_round(raw) or 1) - 1 if len(model.rounds()) == 1 else 0
            if offset and contests and contests[-1].kind == kind and \
                    contests[-1].rounds[-1].number > offset:
                # a round its contest has read already, named again ("Repeat second round"):
                # a repeated round, the next one
                offset = contests[-1].rounds[-1].number
            shared = _shared_turnout(blocks, kind) if not raw.turnout and not offset else None
            figures = read_rounds(raw, model, turnout)
            if shared is not None:
                for number, round_figures in figures.items():  # as read for its own table
                    round_figures.turnout = {k: v for k, v in shared.get(number, {}).items()
                                             if k != "valid_votes"}  # (its own votes stand)
            elif raw.turnout:
                blocks.append((_ELECTION_OF.get(kind, kind),
                               {n: f.turnout for n, f in figures.items()}))
            rounds = tuple(_round(n, n + offset, f, raw, model, context)
                           for n, f in figures.items())
        except UnknownLayout as error:
            problems.append(_problem(title, raw, model, f"{error.found} (expected "
                                                        f"{error.expected})"))
            continue
        previous = model
        if offset and contests and contests[-1].kind == kind:
            last = contests[-1]
            contests[-1] = Contest(last.title, last.kind, last.rounds + rounds, last.seats_total)
            continue
        contests.append(Contest(title, kind, rounds, _seats_total(rounds[0], figures)))
    return contests, problems


#: A turnout block's fields, by the round of the table it was printed with.
Turnouts = dict[int, dict[str, float | int]]
#: The election a contest kind belongs to: one turnout block may serve its tables.
_ELECTION_OF = {"party_list": "parliamentary", "mixed": "parliamentary",
                "majoritarian": "parliamentary"}


def _shared_turnout(blocks: list[tuple[str, Turnouts]], kind: str) -> Turnouts | None:
    """The turnout of a table that prints none of its own: that of the only block printed
    before it in the section, when that block is of the same election (a list table and a
    district table under one turnout block), with its fields as read for the table it was
    printed with (whose votes its arithmetic checks)."""
    if len(blocks) == 1 and blocks[0][0] == _ELECTION_OF.get(kind, kind):
        return blocks[0][1]
    return None


def _problem(title: str, raw: RawTable, model: TableModel, why: str) -> PartProblem:
    """A quarantined table: what was found where, and what was expected."""
    labels = ", ".join(repr(c.label or c.role) for c in model.columns)
    return PartProblem(
        f"results:{title}", "quarantined",
        f"the table {title!r} on page {raw.page} ({len(raw.rows)} rows; figure columns "
        f"{labels}) cannot be read: {why}. Expected {EXPECTED}, its columns' figures adding up "
        "as votes, shares and seats do", raw.page)


def _round(column_round: int, number: int, figures: RoundFigures, raw: RawTable,
           model: TableModel, context: ReportContext) -> ResultRound:
    """Round ``number`` of the contest; its date from the table's header or caption, else the
    ``number``-th voting day of the election."""
    printed = dict(model.round_dates).get(column_round)
    if printed is None and len(model.rounds()) == 1:
        printed = next(iter(caption_dates(raw)), None)
    when = printed or (context.dates[number - 1] if len(context.dates) >= number else None)
    return freeze_round(number, figures, raw.page, when)


def _seats_total(first: ResultRound, figures: dict[int, RoundFigures]) -> int | None:
    """Seats the table distributes: its printed total, else the sum of its rows."""
    if first.printed_seats_total is not None:
        return first.printed_seats_total
    seats = [r.seats for r in first.rows if r.seats is not None]
    if seats:
        return sum(seats)
    totals = next(iter(figures.values())).totals
    proportional, majoritarian = totals.get("seats_pr"), totals.get("seats_smd")
    if proportional is None or majoritarian is None:
        return None
    return int(proportional) + int(majoritarian)  # seat columns are read as whole numbers
