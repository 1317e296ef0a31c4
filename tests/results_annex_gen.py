"""A generator of synthetic results annexes, driven by Hypothesis, and what each must read as.

:func:`annexes` draws an :class:`Annex`: one to three contests (party lists with seats or split
seats, candidates over one to three rounds as column groups or separate tables, referendum
options), each with its own caption and turnout block, or two list tables under the one block
printed for the first; header wordings drawn from known ones or made of random words (so no
vocabulary can hold them); columns in random order with extra unknown columns (vote breakdowns, per
cents of the registered voters, counts of elected members of one kind); a totals row labelled in
words or in random words; turnout blocks above or under their table, labelled in known words or in
random ones (then the block's arithmetic alone must place each line), their lines in random order,
with or without the invalid ballots, the valid votes, the turnout and an invalid-share per cent
that must not be taken for the turnout; thousands grouped by a space, a no-break space, a thin
space, a comma or a dot, decimal points or commas, a ``%`` or not; portrait, landscape or
``/Rotate 90`` or ``/Rotate 270`` pages; serif or sans fonts; ruled or borderless; one table
over up to twelve pages with or without its header repeated. Its :class:`Setting` draws what
surrounds the tables: the heading (annex or appendix wordings of real reports, or a body chapter
between prose), the annexes beside them that hold no contest, footnote markers glued to names
and figures, how a figure that does not apply prints (independents' rows without votes), the gap
between tables and an upright body before a turned annex. :func:`write` prints it as a PDF and
:func:`expected` gives every cell the parser must read, in the shape of :func:`observed`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import strategies as st

from odihr.parse.results import vocab
from odihr.records import ResultsReading

from results_pdfs import LEFT, Column, ReportPdf, embedded_fonts_available

NBSP, THIN, NARROW = "\u00a0", "\u2009", "\u202f"
_VOCAB = [p for p in [*(v for v in vars(vocab).values() if isinstance(v, re.Pattern)),
                       *(p for _, p in vocab.TURNOUT_LABELS), *(p for _, p in vocab.ORDINALS)]
          if not p.search("")]
_SYLLABLES = ["ka", "lo", "mi", "zu", "ter", "vos", "pla", "dri", "nu", "gek", "sor", "fa",
              "bli", "war", "qui", "jem", "hol", "ruk", "sta", "ne"]
KNOWN = {
    "name": ["Party", "Candidate", "Electoral list", "Political party", "Electoral subject"],
    "votes": ["Votes", "Number of votes", "Votes received", "Valid votes"],
    "share": ["%", "Per cent", "% of votes", "Share"],
    "seats": ["Seats", "Mandates", "Seats won"],
    "seats_pr": ["PR", "Proportional", "By list"],
    "seats_smd": ["Majoritarian", "SMD", "Districts"],
}
TURNOUT_WORDS = {
    "registered_voters": ["Registered voters", "Voters registered", "Voters on the voter lists"],
    "voters_participated": ["Voters who took part", "Voters who voted", "Ballots cast"],
    "invalid_ballots": ["Invalid ballots", "Invalid votes", "Spoiled ballots"],
    "turnout_pct": ["Turnout"],
    "valid_votes": ["Valid votes", "Valid ballots"],
    "invalid_share": ["Invalid ballots, %", "Share of invalid ballots"],
}
#: The fields a turnout block may print, read into the round (the others are not turnout).
TURNOUT_FIELDS = ("registered_voters", "voters_participated", "invalid_ballots", "turnout_pct")
ROUND_CAPTIONS = [("First round", "Second round", "Third round"),
                  ("Round 1", "Round 2", "Round 3"),
                  # a repeated run-off, named as the round it repeats
                  ("First round", "Second round", "Repeat second round")]


def _is_vocabulary(text: str) -> bool:
    return any(p.search(text) for p in _VOCAB)


#: Made-up words of two or three syllables that no vocabulary of the parser holds.
WORDS = tuple(w for w in (a + b + c for a in _SYLLABLES for b in _SYLLABLES
                          for c in ("", *_SYLLABLES[::3])) if not _is_vocabulary(w))


def random_word() -> st.SearchStrategy[str]:
    """A made-up word that no vocabulary of the parser holds."""
    return st.sampled_from(WORDS)


@st.composite
def label(draw: st.DrawFn, role: str) -> str:
    """A column header: a known wording, or one or two random words."""
    if role in KNOWN and draw(st.booleans()):
        return draw(st.sampled_from(KNOWN[role]))
    words = draw(st.lists(random_word(), min_size=1, max_size=2))
    return " ".join(words).capitalize()


@dataclass(frozen=True)
class NumberStyle:
    """How figures are printed."""

    thousands: str
    decimal: str
    percent: str
    places: int
    #: Shares printed in parentheses, ``(12.5%)`` (the share columns only).
    parenthesised: bool = False

    def count(self, value: int) -> str:
        return f"{value:,}".replace(",", self.thousands)

    def share(self, value: Decimal) -> str:
        """A per cent with the places it was rounded to (shares: the style's places)."""
        return f"{value:f}".replace(".", self.decimal) + self.percent

    def share_cell(self, value: Decimal) -> str:
        """A share column's cell: the per cent, in parentheses if the style says so."""
        return f"({value:f}%)".replace(".", self.decimal) if self.parenthesised else \
            self.share(value)


@st.composite
def number_styles(draw: st.DrawFn, unicode_spaces: bool) -> NumberStyle:
    spaces = [" ", NBSP, THIN, NARROW] if unicode_spaces else [" "]
    thousands = draw(st.sampled_from([",", ".", *spaces, ""]))
    decimal = "," if thousands == "." else "." if thousands == "," else \
        draw(st.sampled_from([".", ","]))
    return NumberStyle(thousands, decimal, draw(st.sampled_from(["", "%", " %"])),
                       draw(st.sampled_from([1, 2])), draw(st.booleans()) and draw(st.booleans()))


@dataclass
class FigureColumn:
    """One printed figures column: its role, round, header and one value per row."""

    role: str  # votes, share, seats, seats_pr, seats_smd, extra
    round: int
    header: str
    values: list[Any]
    #: The merged heading over this column, if any (round groups, split seats).
    group: str = ""


@dataclass
class Table:
    """One printed table: its captions, its turnout lines, its columns, its rows."""

    captions: list[str]
    names: list[str]
    name_header: str
    columns: list[FigureColumn]
    #: Turnout: field → one value per round of the table.
    turnout: dict[str, list[Any]]
    turnout_above: bool
    totals_label: str | None
    rows_per_page: int | None
    #: The printed label of each turnout line (field → words: known ones, or random words).
    turnout_labels: dict[str, str] = field(default_factory=dict)
    #: False when the table prints no turnout of its own: the block printed for the table
    #: before it (same election) is its turnout, as ``turnout`` says.
    prints_turnout: bool = True
    #: Sub-total rows: ``(start, end, label)`` prints, after row ``end - 1``, the sums of rows
    #: ``start`` to ``end - 1`` (a coalition's parties, a tier of lists); no contestant.
    subtotals: tuple[tuple[int, int, str], ...] = ()


@dataclass
class Contest:
    """One contest: its title as the parser must read it and its tables (one per round, or one
    with rounds as column groups)."""

    title: str
    tables: list[Table]
    #: The chamber size the report's text states (seat contests only).
    chamber: int | None = None


@dataclass
class Annex:
    """A drawn annex and how it is printed."""

    contests: list[Contest]
    style: NumberStyle
    orientation: str
    font: str
    ruled: bool
    repeat_header: bool
    letters: bool
    extras: list[str] = field(default_factory=list)
    #: What surrounds the results (:class:`Setting`); the default is the plain annex.
    setting: Setting = field(default_factory=lambda: Setting())


#: Headings results open with in real reports (REAL-REPORTS.md): annexes and appendices, and
#: numbered body chapters (then prose comes before the tables and a next chapter after them).
ANNEX_HEADINGS = ("ANNEX I: FINAL ELECTION RESULTS", "ANNEX I : FINAL RESULTS",
                  "ANNEX I – FINAL RESULTS", "ANNEX: FINAL ELECTION RESULTS",
                  "ANNEX: OFFICIAL ELECTION RESULTS",
                  "ANNEX 1: OFFICIAL RESULTS OF 2006 PARLIAMENTARY ELECTIONS",
                  "APPENDIX: SUMMARY OF OFFICIAL RESULTS", "ANNEX 4 RESULTS OF THE 5 NOVEMBER VOTE")
CHAPTER_HEADINGS = ("XVII. ELECTION RESULTS", "VIII. FINAL RESULTS",
                    "A. Publication of Final Results")
#: Annexes beside the results that hold no contest: where they print (before the results, or
#: after them on a new page or on the same page) and what they hold.
NEIGHBOURS = ("commissions", "turnout_by_region", "composition")
PLACES = ("before", "after", "after, same page")
#: Captions of a table of the seats each party holds in the new parliament (no annex word).
COMPOSITION_CAPTIONS = ("Composition of the new parliament", "Distribution of seats")
#: The number of the first footnote in the annex (the body's footnotes come before).
FIRST_NOTE = 57


@dataclass(frozen=True)
class Setting:
    """What surrounds the results tables: the heading they open with, whether it is a body
    chapter, the annexes beside them that hold no contest, and footnote markers glued to
    contestants' names and to any of their figures (``(table, row, column)``, column 0 the
    name) with their footnotes at the foot of the page."""

    heading: str = ANNEX_HEADINGS[0]
    chapter: bool = False
    neighbours: tuple[tuple[str, str], ...] = ()
    markers: tuple[tuple[int, int, int], ...] = ()
    #: How a figure that does not apply prints in a first round (independents' votes): a
    #: dash, or nothing.
    not_applicable: str = ""
    #: Points between one table (or its turnout block) and the next one's caption: close
    #: enough, the caption stands within reach of the rule under the last row.
    table_gap: float = 18
    #: The body printed on portrait pages whatever the annex's orientation.
    body_portrait: bool = False
    #: After the last results table, a "composition of the new parliament" table (party,
    #: seats, per cent of seats: the seats of the first contest that has seats) under a
    #: caption with no annex word (this caption): a summary of a contest, never a contest of
    #: its own ("" for none).
    composition: str = ""


@st.composite
def settings_for(draw: st.DrawFn, contests: list[Contest]) -> Setting:
    """A drawn :class:`Setting` for the annex of ``contests``."""
    chapter = draw(st.booleans()) and draw(st.booleans())
    # in a body chapter, or inside the text with no heading at all (between prose paragraphs)
    heading = draw(st.sampled_from((*CHAPTER_HEADINGS, "") if chapter else ANNEX_HEADINGS))
    neighbours = tuple(draw(st.lists(st.tuples(st.sampled_from(PLACES),
                                               st.sampled_from(NEIGHBOURS)),
                                     max_size=2, unique_by=lambda n: n[1])))
    markers: list[tuple[int, int, int]] = []
    if draw(st.booleans()):
        tables = [t for c in contests for t in c.tables]
        for _ in range(draw(st.integers(1, 3))):
            number = draw(st.integers(0, len(tables) - 1))
            row = draw(st.integers(0, len(tables[number].names) - 1))
            column = draw(st.sampled_from([0] + [i + 1 for i, c in enumerate(
                tables[number].columns) if c.values[row] is not None]))
            if (number, row, column) not in markers:
                markers.append((number, row, column))
    return Setting(heading, chapter, neighbours, tuple(sorted(markers)),
                   draw(st.sampled_from(["", "–", "-"])), draw(st.sampled_from([18, 8])),
                   draw(st.booleans()), draw(st.sampled_from(COMPOSITION_CAPTIONS + (
                       " ".join(draw(st.lists(random_word(), min_size=1, max_size=3))).capitalize(),
                   ))) if any(c.chamber for c in contests) and draw(st.booleans()) else "")


def _percent(part: int, whole: int, places: int) -> Decimal:
    exact = Decimal(part) * 100 / Decimal(whole)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _apportion(votes: list[int], seats: int) -> list[int]:
    """Largest-remainder seats for ``votes``."""
    total = sum(votes)
    quotas = [v * seats / total for v in votes]
    out = [int(q) for q in quotas]
    for i in sorted(range(len(votes)), key=lambda i: quotas[i] - out[i], reverse=True)[
            :seats - sum(out)]:
        out[i] += 1
    return out


@st.composite
def names(draw: st.DrawFn, count: int) -> list[str]:
    """``count`` different contestant names made of random words."""
    words = draw(st.lists(random_word(), min_size=count + 2, max_size=count + 2, unique=True))
    out = []
    for i in range(count):
        extra = draw(st.sampled_from(["", f" {words[-1].capitalize()}",
                                      f" {words[-2].capitalize()}"]))
        out.append(f"{words[i].capitalize()}{extra}")
    return out


@st.composite
def turnout_for(draw: st.DrawFn, valid: int, named: bool) -> dict[str, Any]:
    """A turnout block, its lines in a drawn order: registered voters and voters who took part
    always, the invalid ballots, the valid votes, the turnout and the share of invalid ballots
    (a per cent that is not the turnout) or not. Labelled by random words (``named`` False),
    the block's arithmetic must decide each line: then some ballots are invalid, or the voters
    who took part could not be told from the valid votes."""
    invalid = draw(st.integers(0 if named else 1, max(1, valid // 20)))
    voted = valid + invalid
    registered = voted + draw(st.integers(voted // 10 + 1, 2 * voted))  # turnout 33–90 %
    out: dict[str, Any] = {"registered_voters": registered, "voters_participated": voted,
                           "invalid_ballots": invalid, "valid_votes": valid,
                           "turnout_pct": _percent(voted, registered, 2),
                           "invalid_share": _percent(invalid, voted, 2)}
    keep = {k for k in out if k in ("registered_voters", "voters_participated")
            or draw(st.booleans())}
    order = draw(st.permutations(list(out)))
    return {k: out[k] for k in order if k in keep}


@st.composite
def turnout_labels(draw: st.DrawFn, fields: list[str], named: bool) -> dict[str, str]:
    """A label per turnout line: the known wordings, or one to three random words."""
    if named:
        return {k: draw(st.sampled_from(TURNOUT_WORDS[k])) for k in fields}
    out: dict[str, str] = {}
    for k in fields:
        words = " ".join(draw(st.lists(random_word(), min_size=1, max_size=3))).capitalize()
        while words in out.values():
            words = f"{words} {WORDS[len(out) * 13 % len(WORDS)]}"
        out[k] = words
    return out


@st.composite
def subtotal_rows(draw: st.DrawFn, rows: int) -> tuple[tuple[int, int, str], ...]:
    """None, or one or two blocks of two rows or more among the first ``rows`` with a sub-total
    row each (never one block of every row: that is the totals row)."""
    if rows < 4 or not draw(st.booleans()):
        return ()
    cuts = sorted(draw(st.lists(st.integers(0, rows), min_size=2, max_size=4, unique=True)))
    out = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if end - start >= 2 and (start, end) != (0, rows):
            words = draw(st.sampled_from(["Sub-total", "Subtotal", ""])) or \
                draw(random_word()).capitalize()
            out.append((start, end, words))
    return tuple(out)


@st.composite
def contests(draw: st.DrawFn, kind: str, caption: str | None, wide: bool,
             style: NumberStyle, max_rows: int = 24, max_pages: int = 12) -> Contest:
    rows = 2 if kind == "referendum" else draw(st.integers(2, max_rows))
    people = draw(names(rows))
    rounds = draw(st.integers(1, 3)) if kind == "candidates" and rows >= 3 else 1
    votes = draw(st.lists(st.integers(100, 3_000_000), min_size=rows, max_size=rows,
                          unique=True))
    tables: list[Table] = []
    per_round = [votes]
    for _ in range(1, rounds):
        keep = sorted(range(len(people)), key=lambda i: -per_round[-1][i] if per_round[-1][i]
                      is not None else 0)[:draw(st.integers(2, len(people) - 1))]
        base = sum(v for v in per_round[-1] if v)
        # a later round polls about as many voters as the one before
        per_round.append([draw(st.integers(max(100, base // (2 * len(keep))),
                                           max(200, base * 11 // (10 * len(keep)))))
                          if i in keep else None for i in range(len(people))])
    seats_kind = draw(st.sampled_from([None, "total", "split", "split_only"] if wide else
                                      [None, "total", "split_only"])) if kind == "lists" else None
    chamber = draw(st.integers(max(rows, 11), 250)) if seats_kind else None
    columns: list[FigureColumn] = []
    groups = rounds > 1 and draw(st.booleans())
    for number, round_votes in enumerate(per_round, 1):
        valid = sum(v for v in round_votes if v)
        shares = [_percent(v, valid, style.places) if v else None for v in round_votes]
        pair = [FigureColumn("votes", number, draw(label("votes")), round_votes),
                FigureColumn("share", number, draw(label("share")), shares)]
        if draw(st.booleans()):
            pair.reverse()
        columns.extend(pair)
    if rounds == 1:
        extras = draw(st.lists(st.sampled_from(["breakdown", "registered_pct"]),
                               max_size=2 if wide else 1, unique=True))
    else:
        extras = []
    named = draw(st.booleans())
    turnouts = [draw(turnout_for(sum(v for v in rv if v), named)) for rv in per_round]
    for extra in extras:
        if extra == "breakdown":
            first = [draw(st.integers(v // 10 + 1, v - v // 10 - 1)) for v in votes]
            columns.insert(draw(st.integers(0, len(columns))), FigureColumn(
                "extra", 1, draw(label("extra")), first))
            columns.insert(draw(st.integers(0, len(columns))), FigureColumn(
                "extra", 1, draw(label("extra")), [v - f for v, f in zip(votes, first,
                                                                           strict=True)]))
        else:
            registered = turnouts[0]["registered_voters"]
            columns.insert(draw(st.integers(0, len(columns))), FigureColumn(
                "extra", 1, draw(label("extra")), [_percent(v, registered, 2) for v in votes]))
    if seats_kind and chamber:
        seats = _apportion(votes, chamber)
        if seats_kind == "total":
            columns.append(FigureColumn("seats", 1, draw(label("seats")), seats))
        else:
            pr = [draw(st.integers(0, s)) for s in seats]
            if sum(pr) in (0, sum(seats)):  # each part of the split wins seats somewhere
                top = max(range(len(seats)), key=lambda i: seats[i])
                pr = [0] * len(seats)
                pr[top] = seats[top] // 2
            heading = draw(label("seats"))
            split = [FigureColumn("seats_pr", 1, draw(label("seats_pr")), pr, heading),
                     FigureColumn("seats_smd", 1, draw(label("seats_smd")),
                                  [s - p for s, p in zip(seats, pr, strict=True)], heading)]
            known = all(c.header in KNOWN[c.role] for c in split)
            if known and draw(st.booleans()):
                split.reverse()  # words tell list seats from district seats
            if seats_kind == "split":
                split.append(FigureColumn("seats", 1, draw(label("seats")), seats, heading))
            columns.extend(split)
        if draw(st.booleans()) and wide:
            members = [draw(st.integers(0, s)) for s in seats]
            columns.append(FigureColumn("extra", 1, draw(label("extra")), members))
        if not any(c.role == "extra" for c in columns) and draw(st.booleans()):
            # independents elected in districts: no votes, no share, no list seats to print
            won = draw(st.integers(1, 5))
            word = draw(random_word().filter(lambda w: all(w.capitalize() not in p
                                                           for p in people)))
            people.append(f"{word.capitalize()} independents")
            for c in columns:
                c.values.append(won if c.role in ("seats", "seats_smd") else None)
            chamber += won
    if groups:
        known = draw(st.booleans())
        heads = {r: ROUND_CAPTIONS[0][r - 1] if known else
                 " ".join(draw(st.lists(random_word(), min_size=1, max_size=2))).capitalize()
                 for r in range(1, rounds + 1)}
        for c in columns:
            c.group = heads[c.round]
    seen: set[str] = set()
    for i, column in enumerate(columns):  # headers differ within a table, as printed ones do
        while column.header.lower() in seen:
            column.header = f"{column.header} {WORDS[(17 * i + len(seen)) % len(WORDS)]}"
        seen.add(column.header.lower())
    name_header = draw(label("name"))
    totals = draw(st.sampled_from([None, "Total", "random"]))
    totals_label = draw(random_word()).capitalize() if totals == "random" else totals
    pages = draw(st.integers(1, min(max_pages, rows // 3))) if rows >= 6 and \
        draw(st.booleans()) else 1
    per_page = max(3, -(-rows // pages)) if pages > 1 else None
    above = draw(st.booleans())
    if groups or rounds == 1:
        shared = [k for k in turnouts[0] if all(k in t for t in turnouts)]
        turnout = {k: [t[k] for t in turnouts] for k in shared}
        tables.append(Table([caption] if caption else [], people, name_header, columns, turnout,
                            above, totals_label, per_page,
                            draw(turnout_labels(list(turnout), named)),
                            subtotals=draw(subtotal_rows(len(votes))) if kind == "lists" and
                            rounds == 1 else ()))
    else:
        names_of_round = ROUND_CAPTIONS[draw(st.integers(0, len(ROUND_CAPTIONS) - 1))]
        for number in range(1, rounds + 1):
            mine = [c for c in columns if c.round == number]
            keep = [i for i, v in enumerate(per_round[number - 1]) if v is not None]
            cols = [FigureColumn(c.role, 1, c.header, [c.values[i] for i in keep])
                    for c in mine]
            captions = ([caption] if caption and number == 1 else []) + \
                [names_of_round[number - 1]]
            turnout = {k: [v] for k, v in turnouts[number - 1].items()}
            tables.append(Table(captions, [people[i] for i in keep], name_header, cols,
                                turnout, above, totals_label, None,
                                draw(turnout_labels(list(turnout), named))))
    return Contest(caption or "", tables, chamber)


@st.composite
def annexes(draw: st.DrawFn, max_contests: int = 3, max_rows: int = 40,
            max_pages: int = 12) -> Annex:
    """A whole results annex (see the module docstring); the maxima bound its size."""
    unicode_spaces = embedded_fonts_available() and draw(st.booleans())
    style = draw(number_styles(unicode_spaces))
    orientation = draw(st.sampled_from(["portrait", "landscape", "rotate90", "rotate270"]))
    serif = draw(st.booleans())
    font = ("dejavu-serif" if serif else "dejavu-sans") if unicode_spaces else \
        ("serif" if serif else "sans")
    count = draw(st.integers(1, max_contests))
    letters = draw(st.booleans())
    out: list[Contest] = []
    kinds: list[str] = []
    for i in range(count):
        kind = draw(st.sampled_from(["lists", "candidates", "referendum"]))
        kinds.append(kind)
        caption = " ".join(draw(st.lists(random_word(), min_size=1, max_size=3))).capitalize() \
            if count > 1 or draw(st.booleans()) else None
        while caption and any(c.title == caption for c in out):
            caption = f"{caption} {WORDS[len(out) * 31 % len(WORDS)]}"  # one title a contest
        out.append(draw(contests(kind, caption, orientation != "portrait", style, max_rows,
                                 max_pages)))
        if letters and caption:
            out[-1].tables[0].captions[0] = f"{chr(65 + i) if i < 26 else i + 1}. {caption}"
    setting = draw(settings_for(out))
    if setting.chapter and not setting.heading:
        # tables inside the text, under no heading: found by their header naming the
        # contestants and their votes (the other columns' words stay open-ended)
        for table in (t for c in out for t in c.tables):
            table.name_header = "Party" if kinds[0] == "lists" else "Candidate"
            for column in table.columns:
                taken = {c.header.lower() for c in table.columns}
                if column.role == "votes" and not vocab.VOTES_HEADER.search(column.header):
                    column.header = next(w for w in (*KNOWN["votes"][1:], "Votes")
                                         if w.lower() not in taken)
    if kinds[:2] == ["lists", "lists"] and draw(st.booleans()):
        # one turnout block printed for the first two tables (a list vote and a second list
        # vote of the same election): the second prints none and takes the first's
        first, second = out[0].tables[0], out[1].tables[0]
        second.turnout, second.prints_turnout = dict(first.turnout), False
    return Annex(out, style, orientation, font, draw(st.booleans()), draw(st.booleans()),
                 letters, setting=setting)


# --- printing ---------------------------------------------------------------------------------

SIZE = 9.0


def _cell(value: Any, column: FigureColumn, style: NumberStyle, dash: str = "") -> str:
    """A figure as printed; a value that does not apply is a dash in later rounds, and
    ``dash`` (a dash, or nothing) in the first."""
    if value is None:
        return "–" if column.round > 1 else dash
    if isinstance(value, Decimal) and column.role == "share":
        return style.share_cell(value)
    if isinstance(value, Decimal):
        return style.share(value)
    return style.count(value)


def write(annex: Annex) -> bytes:
    """The annex as a PDF: a body page stating the chambers, then the results under their
    heading (an annex, or a body chapter between prose), with the annexes beside them."""
    setting = annex.setting
    report = ReportPdf(orientation="portrait" if setting.body_portrait else annex.orientation,
                       font=annex.font)
    sentences = [f"The {c.chamber} members of the assembly number {i + 1} are elected."
                 for i, c in enumerate(annex.contests) if c.chamber]
    report.new_page().paragraph(*(sentences or ["The campaign was calm."]))
    report.orientation = annex.orientation  # the annex's pages (a body printed upright)
    if not setting.chapter:
        for place, what in setting.neighbours:
            if place == "before":
                _write_neighbour(report.new_page(), what, annex)
    report.new_page()
    if setting.heading:
        report.paragraph(setting.heading, size=12, bold=True)
    if setting.chapter:
        report.paragraph("The CEC announced the final results on 20 May 2024, eight days after",
                         "election day, and published them on its website.")
    tables = [table for contest in annex.contests for table in contest.tables]
    for number, table in enumerate(tables):
        marks = [(row, column, FIRST_NOTE + i) for i, (t, row, column)
                 in enumerate(setting.markers) if t == number]
        _write_table(report, table, annex, marks)
        report.top += setting.table_gap
    if setting.composition:
        _write_composition(report, annex)
    if setting.chapter and not setting.heading:
        if not _room(report, 60):
            report.new_page()
        report.paragraph("The new parliament held its first session on 3 June 2024, and two",
                         "complaints about the results were still pending at the time.")
    elif setting.chapter:
        if not _room(report, 80):
            report.new_page()
        report.paragraph("XVIII. POST-ELECTION DEVELOPMENTS", size=12, bold=True)
        report.paragraph("Two complaints were lodged with the CEC after election day.")
    for place, what in setting.neighbours:
        if place == "before" and not setting.chapter:
            continue
        if place != "after, same page" or not _room(report, 150):
            report.new_page()
        _write_neighbour(report, what, annex)
    return report.save()


#: The annexes beside the results: heading, column headers, rows (derived from the annex).
def _neighbour(what: str, annex: Annex) -> tuple[str, list[str], list[list[str]]]:
    style = annex.style
    if what == "commissions":
        return ("ANNEX 1 – ELECTION COMMISSIONS", ["Level", "Commissions", "Members"],
                [["Central Election Commission", "1", "15"],
                 ["District Election Commissions", "75", style.count(675)],
                 ["Precinct Election Commissions", style.count(2104), style.count(18936)]])
    if what == "turnout_by_region":
        rows = []
        for i in range(5):
            registered = 150_000 + 37_919 * i * i + 1_234 * i
            voted = registered * (45 + 7 * i) // 100 + i
            rows.append([WORDS[11 * i + 3].capitalize(), style.count(registered),
                         style.count(voted), style.share(_percent(voted, registered, 2))])
        return ("ANNEX 2 VOTER TURNOUT", ["Region", "Registered voters", "Voters who voted",
                                          "Turnout"], rows)
    parties = annex.contests[0].tables[0].names[:5]
    seats = [41, 27, 13, 6, 3][:len(parties)]
    return ("ANNEX 5 COMPOSITION OF THE NEW PARLIAMENT", ["Party", "Seats", "% of seats"],
            [[p, str(s), style.share(_percent(s, sum(seats), 2))]
             for p, s in zip(parties, seats, strict=False)])


def _write_composition(report: ReportPdf, annex: Annex) -> None:
    """The seats each party of the first contest with seats holds, under a caption with no
    annex word (``Setting.composition``)."""
    table = next(c for c in annex.contests if c.chamber).tables[0]
    seat_columns = [c for c in table.columns if c.role in ("seats", "seats_pr", "seats_smd")]
    if any(c.role == "seats" for c in seat_columns):
        seat_columns = [c for c in seat_columns if c.role == "seats"]
    seats = [sum(c.values[i] or 0 for c in seat_columns) for i in range(len(table.names))]
    rows = [[name, str(s), annex.style.share(_percent(s, sum(seats), 2))]
            for name, s in zip(table.names, seats, strict=True) if s]
    last = report.width - LEFT
    columns = [Column(LEFT, right=False), Column(last - 85), Column(last)]
    if not _room(report, 16 * (len(rows) + 4)):
        report.new_page()
    report.paragraph(annex.setting.composition, size=10, bold=True)
    report.row(columns, ["Party", "Seats", "% of seats"], bold=True, ruled=annex.ruled, size=SIZE)
    for row in rows:
        report.row(columns, row, ruled=annex.ruled, size=SIZE)
    report.top += 12


def _write_neighbour(report: ReportPdf, what: str, annex: Annex) -> None:
    heading, header, rows = _neighbour(what, annex)
    last = report.width - LEFT
    columns = [Column(LEFT, right=False),
               *(Column(last - 85 * (len(header) - 1 - i)) for i in range(1, len(header)))]
    report.paragraph(heading, size=12, bold=True)
    report.row(columns, header, bold=True, ruled=annex.ruled, size=SIZE)
    for row in rows:
        report.row(columns, row, ruled=annex.ruled, size=SIZE)
    report.top += 12


def _layout(report: ReportPdf, table: Table, style: NumberStyle
            ) -> tuple[list[Column], float]:
    """Column edges wide enough for each column's longest word or figure (bold glyphs are
    ~0.62 em), and the type size that makes them fit the page."""
    def chars(column: FigureColumn) -> int:
        words = column.header.split(" ", 1)  # the header prints over two lines at most
        texts = [_cell(v, column, style, "–") for v in column.values] + [_total(column, style)]
        return max(len(t) for t in [*words, *texts])
    name = max(len(n) for n in [*table.names, table.name_header, *(w for *_, w in table.subtotals),
                                *(
        table.turnout_labels.get(k, "") for k in table.turnout)])
    widths = [chars(c) * 0.72 + 2.5 for c in table.columns]  # in ems, with the gap
    need = name * 0.6 + 2 + sum(widths)
    size = max(5.0, min(SIZE, (report.width - 40 - LEFT) / need))
    x = LEFT + (name * 0.6 + 2) * size
    out = [Column(LEFT, right=False)]
    for width in widths:
        x += width * size
        out.append(Column(x))
    return out, size


def _room(report: ReportPdf, need: float = 40, foot: float = 0) -> bool:
    return report.top + need < report.height - 70 - foot


def _write_table(report: ReportPdf, table: Table, annex: Annex,
                 marks: Sequence[tuple[int, int, int]] = ()) -> None:
    """The table, with footnote marker ``note`` glued to each ``(row, column, note)`` cell of
    ``marks``."""
    style, ruled = annex.style, annex.ruled
    columns, size = _layout(report, table, style)
    foot = 30 if annex.setting.markers else 0  # room for the footnotes at the page's foot
    # a caption and header never end a page: room for them, the turnout and the first rows
    printed = len(table.turnout) if table.prints_turnout else 0
    if not _room(report, 16 * (min(len(table.names), 4) + 4 + printed + len(table.captions)),
                 foot):
        report.new_page()
    for caption in table.captions:
        report.paragraph(caption, size=10, bold=True)
    if table.turnout_above and table.prints_turnout:
        _write_turnout(report, table, columns, style, size)
    _write_header(report, table, columns, ruled, size)
    for i, name in enumerate(table.names):
        forced = table.rows_per_page and i and i % table.rows_per_page == 0
        tail = len(table.names) - i <= 2  # the last rows keep the totals and turnout company
        need = 18 * (len(table.names) - i + 3 + printed) + 40 if tail else 16
        need += 16 * sum(1 for _, end, _ in table.subtotals if end == i + 1)
        if forced or not _room(report, need, foot):
            report.new_page()
            if annex.repeat_header:
                _write_header(report, table, columns, ruled, size)
        cells = [name] + [_cell(c.values[i], c, style, annex.setting.not_applicable)
                          for c in table.columns]
        marked = {column: note for row, column, note in marks if row == i}
        top = report.top
        report.row(columns, [c if j not in marked else "" for j, c in enumerate(cells)],
                   size=size, ruled=ruled)
        for j in marked:
            end = report.text_at(columns[j].x, top, cells[j], size=size, right=columns[j].right)
            note = marked[j]
            report.marker(end, top, str(note), size=size)
            report.notes.append(f"{note} Registered on 2 April 2024; {style.count(1234 * note)} "
                                "signatures were checked.")
        for start, end, words in table.subtotals:
            if end == i + 1:
                report.row(columns, [words] + [_total(c, style, range(start, end))
                                               for c in table.columns], size=size, ruled=ruled)
    if table.totals_label:
        totals = [table.totals_label] + [_total(c, style) for c in table.columns]
        report.row(columns, totals, size=size, ruled=ruled, bold=True)
    if not table.turnout_above and table.prints_turnout:
        report.top += 6
        _write_turnout(report, table, columns, style, size)


def _total(column: FigureColumn, style: NumberStyle, rows: range | None = None) -> str:
    """The column's total; over ``rows`` only, a sub-total (its shares summed as printed)."""
    filled = [v for i, v in enumerate(column.values) if v is not None and (
        rows is None or i in rows)]
    if rows is not None and column.role == "share":
        return style.share_cell(sum(filled, Decimal(0)))
    if column.role == "share":
        return style.share_cell(Decimal(100).quantize(Decimal(1).scaleb(-style.places)))
    if filled and isinstance(filled[0], Decimal):
        return style.share(sum(filled, Decimal(0)))
    return style.count(sum(filled))


def _write_header(report: ReportPdf, table: Table, columns: list[Column], ruled: bool,
                  size: float) -> None:
    groups = [c.group for c in table.columns]
    if any(groups):
        start = report.top
        seen: set[str] = set()
        for i, column in enumerate(table.columns):
            if column.group and column.group not in seen:
                seen.add(column.group)
                # centred over the group, from the left of its first column to its last
                last = max(j for j, c in enumerate(table.columns) if c.group == column.group)
                previous = columns[i].x if i else \
                    2 * columns[1].x - columns[2].x if len(columns) > 2 else columns[1].x - 50
                middle = (previous + columns[last + 1].x) / 2
                report.text_at(middle - 0.3 * size * len(column.group), start, column.group,
                               size=size, bold=True)
        report.top = start + size + 4
    cells = [table.name_header] + [c.header.split(" ", 1) if " " in c.header else c.header
                                   for c in table.columns]
    report.row(columns, cells, size=size, bold=True, ruled=ruled)


def _write_turnout(report: ReportPdf, table: Table, columns: list[Column],
                   style: NumberStyle, size: float) -> None:
    vote_columns = [columns[i + 1] for i, c in enumerate(table.columns) if c.role == "votes"]
    for field_name, values in table.turnout.items():
        if all(v is None for v in values):
            continue
        words = table.turnout_labels[field_name]
        cells = [style.share(v) if isinstance(v, Decimal) else style.count(v) for v in values]
        row = [words] + [""] * len(table.columns)
        for column, text in zip(vote_columns, cells, strict=True):
            row[columns.index(column)] = text
        report.row(columns, row, size=size)  # (room was kept for the block)


# --- what must be read ----------------------------------------------------------------------


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def expected(annex: Annex, cover: str = "Parliamentary Elections") -> list[dict[str, Any]]:
    """Every contest, round, row and turnout figure the parser must read."""
    out = []
    for contest in annex.contests:
        rounds = []
        for table in contest.tables:
            numbers = sorted({c.round for c in table.columns})
            for number in numbers:
                mine = [c for c in table.columns if c.round == number]
                rows = []
                for i, name in enumerate(table.names):
                    values = {c.role: c.values[i] for c in mine if c.role != "extra"}
                    if all(v is None for v in values.values()):
                        continue
                    rows.append({
                        "contestant": name, "votes": values.get("votes"),
                        "share": _number(values.get("share")), "seats": values.get("seats"),
                        "seats_pr": values.get("seats_pr"),
                        "seats_smd": values.get("seats_smd"),
                        "extra": [(c.header, _number(c.values[i])) for c in mine
                                  if c.role == "extra"],
                    })
                printed = table.turnout if table.prints_turnout else {
                    k: v for k, v in table.turnout.items() if k != "valid_votes"}
                turnout = {k: _number(printed[k][numbers.index(number)]) if k in printed
                           else None for k in TURNOUT_FIELDS}
                votes = next(c for c in mine if c.role == "votes")
                valid = sum(v for v in votes.values if v) if table.totals_label or \
                    "valid_votes" in printed else None
                # the lines of its own block that are no turnout field, kept as printed
                extra = [(table.turnout_labels[k], _number(v[numbers.index(number)]))
                         for k, v in table.turnout.items() if table.prints_turnout and
                         k not in (*TURNOUT_FIELDS, "valid_votes")]
                rounds.append({"rows": rows, "valid_votes": valid, **turnout, "extra": extra})
        out.append({"title": contest.title or cover, "rounds": rounds})
    return out


def observed(reading: ResultsReading) -> list[dict[str, Any]]:
    """The parser's contests in the shape of :func:`expected`."""
    out = []
    for contest in reading.contests:
        rounds = []
        for rnd in contest.rounds:
            rows = [{"contestant": r.contestant, "votes": r.votes, "share": r.vote_share,
                     "seats": r.seats, "seats_pr": r.seats_proportional,
                     "seats_smd": r.seats_majoritarian, "extra": list(r.extra_figures)}
                    for r in rnd.rows]
            turnout = {"registered_voters": rnd.registered_voters,
                       "voters_participated": rnd.voters_participated,
                       "invalid_ballots": rnd.invalid_ballots, "turnout_pct": rnd.turnout_pct}
            rounds.append({"rows": rows, "valid_votes": rnd.valid_votes, **turnout,
                           "extra": list(rnd.extra_figures)})
        out.append({"title": contest.title, "rounds": rounds})
    return out


def comparable(expected_: list[dict[str, Any]], observed_: list[dict[str, Any]]
               ) -> list[dict[str, Any]]:
    """``observed_`` with the turnout fields the annex did not print left out."""
    out = []
    for want, got in zip(expected_, observed_, strict=False):
        rounds = []
        for w, g in zip(want["rounds"], got["rounds"], strict=False):
            rounds.append({k: v for k, v in g.items() if k in w})
        out.append({"title": got["title"], "rounds": rounds + got["rounds"][len(rounds):]})
    return out + observed_[len(out):]
