"""The observer annex: who observed, from which country, in what role, in which delegation.

ODIHR final reports close with an annex (``ANNEX II: LIST OF OBSERVERS IN THE INTERNATIONAL
ELECTION OBSERVATION MISSION``, ``Annex I: List of Observers``, ``LIST OF MEMBERS OF THE ODIHR
LIMITED ELECTION OBSERVATION MISSION``, ``ПРИЛОЖЕНИЕ II: СПИСОК НАБЛЮДАТЕЛЕЙ …``; any case,
number and punctuation, :mod:`odihr.parse.document.headings`) that lists observers under group
headings
(``OSCE Parliamentary Assembly``, ``ODIHR EOM Core Team``…) as a borderless table: given names |
family names | country | role. The parser reads it by structure:

- the annex is found on the fast PDFium text, contents pages skipped; only its pages are read
  with word positions, page after page until the next section (lists run to 10+ pages);
- an annex whose title names no people (``ANNEX II: THE MISSION``, words no list holds) is
  read too, last, and kept only when its table holds people: three rows at least, nearly all
  with a known nationality (a results or turnout table names parties or regions);
- an annex whose title names observers is kept when nearly all its rows are people (a family
  name and a known nationality); one whose rows are not (a contents line naming the annex, read
  as its heading, with the chapters' numbered paragraphs after it) gives way to a later annex
  whose rows are, and is kept only when none is;
- headings are the lines set apart typographically (bold or larger than the table text), or
  in the table's own type by position and white space: one cell at the table's left edge,
  spanning columns or standing as far from its neighbours as rows do (a wrapped cell sits
  closer to its row); a heading in larger type, or one followed directly by another heading,
  encloses the headings after it (``Long-Term Observers`` › ``ODIHR EOM Core Team``);
- a heading that is a country's name (a list grouped by country) gives the country of the
  observers under it; their delegation is the nearest heading that is not a country;
- each heading's lines on one page are one table (:mod:`odihr.parse.observers.table`): columns
  are the left edges its cells share, and a cell wrapped onto extra lines (``US Helsinki`` /
  ``Commission Staff``) joins the row it is centred on;
- every observer gets the ISO code of the nationality (:func:`odihr.countries.country_code`)
  and the kind of the delegation (:func:`odihr.parse.observers.delegations.delegation_kind`).

An annex heading naming observers with no readable table under it raises
:class:`~odihr.errors.UnknownLayout`; a report without such an annex has no observers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from odihr.countries import country_code
from odihr.errors import UnknownLayout
from odihr.parse.document.contents import report_contents
from odihr.parse.document.headings import annex_heading, toc_entry
from odihr.parse.document.joining import is_capitalised
from odihr.parse.document.layout import Line, body_size, content_lines
from odihr.parse.observers.delegations import delegation_kind
from odihr.parse.observers.headings import mark_headings
from odihr.parse.observers.names import family_first_by_order
from odihr.parse.observers.table import (
    DEFAULT_SETTINGS,
    TableSettings,
    cells_of,
    header_kinds,
    table_rows,
)
from odihr.parse.pdf import PdfReport
from odihr.records import Observer

#: Words of an annex heading that announce a list of people (observers, mission members).
PEOPLE_WORDS = re.compile(
    r"OBSERVER|MEMBERS|НАБЛЮДАТЕЛ|СПОСТЕРІГАЧ|СОСТАВ|ЧЛЕН|OBSERVATEUR|BEOBACHTER|OBSERVADOR|"
    r"VËZHGUES|OSSERVATOR|POSMATRA")
#: Of those, the words naming observers or the mission itself.
OBSERVER_WORDS = re.compile(r"OBSERV|НАБЛЮД|СПОСТЕР|MISSION|МИССИ|BEOBACHT|VËZHG|POSMATR")


def read_observers(pdf: PdfReport, settings: TableSettings = DEFAULT_SETTINGS, *,
                   unnamed_annexes: bool = True) -> tuple[Observer, ...]:
    """The observers listed in the report's observer annex, in listed order; ``()`` without one.

    ``unnamed_annexes=False`` reads only annexes whose heading names observers or members: a
    report written before any observer was deployed (a needs assessment, an interim report)
    lists no observers, and a table of people with nationalities in its annexes is another
    list (``ANNEX: LIST OF MEETINGS`` with the embassies met).

    Raises:
        UnknownLayout: an annex heading naming observers was found, set apart as a heading, but
            no observer could be read under it.
    """
    unread: tuple[int, str] | None = None
    fallback: tuple[Observer, ...] = ()  # a named annex's rows that are mostly not people
    for start, rank in annex_pages(pdf):
        if rank == UNNAMED and not unnamed_annexes:
            continue
        observers, title = _read_annex(pdf, start, settings)
        if observers and (_mostly_people(observers) if rank < UNNAMED
                          else _a_list_of_people(observers)):
            return observers
        if observers and rank < UNNAMED:
            fallback = fallback or observers
        if title and rank == NAMES_OBSERVERS and unread is None:
            unread = (start, title)
    if fallback:
        return fallback
    if unread is not None:
        raise UnknownLayout(unread[0], f"a table of observers (names, country) under {unread[1]!r}",
                            "no line with a name in the table's first two columns")
    return ()


#: Ranks of an annex (:func:`annex_pages`): its heading names observers or the mission, names
#: other people (members), or names neither (``ANNEX 3: THE MISSION``, in a wording no list
#: holds) and must prove itself a list of people by its table.
NAMES_OBSERVERS, NAMES_PEOPLE, UNNAMED = 0, 1, 2
#: An annex whose heading names no people is a list of observers when at least this many rows
#: were read and nearly all of them (:data:`PEOPLE_SHARE`) have a known nationality.
PEOPLE_ROWS, PEOPLE_SHARE = 3, 0.9


def annex_pages(pdf: PdfReport) -> list[tuple[int, int]]:
    """Pages (1-based) where an annex starts, found on the fast page text, and its rank: those
    whose heading names observers or the mission first, then other lists of members, then
    annexes naming neither (their table decides, :func:`_a_list_of_people`). Contents pages are
    skipped; headings match in any case (``Annex II: List of Observers``)."""
    pages: list[tuple[int, int]] = []
    contents = report_contents(pdf)  # the table of contents names every annex
    for number, text in enumerate(pdf.texts, start=1):
        skip = contents.get(number, range(0))
        lines = [" ".join(ln.split()) for i, ln in enumerate(text.split("\n"))
                 if ln.strip() and i not in skip]
        for i, line in enumerate(lines):
            if _opens_list(line) and not toc_entry(line):
                following = lines[i + 1] if i + 1 < len(lines) else ""
                heading = f"{line} {following}" if is_capitalised(following) or \
                    following[:1].isupper() and len(following.split()) <= 4 else line
                if PEOPLE_WORDS.search(heading.upper()):
                    rank = NAMES_PEOPLE if not OBSERVER_WORDS.search(heading.upper()) \
                        else NAMES_OBSERVERS
                    pages.append((rank, number))
                    break
                if annex_heading(line) is not None:
                    pages.append((UNNAMED, number))
                    break
    return [(number, rank) for rank, number in sorted(pages)]


def _a_list_of_people(observers: Sequence[Observer]) -> bool:
    """Rows read from an annex whose heading names no people are observers when nearly all of
    them have a nationality: a results or turnout table's rows name parties or regions."""
    known = sum(o.country_code is not None and bool(o.family_name) for o in observers)
    return len(observers) >= PEOPLE_ROWS and known >= PEOPLE_SHARE * len(observers)


def _mostly_people(observers: Sequence[Observer]) -> bool:
    """Rows read under a heading naming observers that are people: nearly all have a family
    name and a known nationality. A contents line naming the annex, read as its heading, is
    followed by chapters whose numbered paragraphs make rows of neither; the annex itself comes
    later, so a later annex whose rows are people wins over earlier rows that are not."""
    known = sum(o.country_code is not None and bool(o.family_name) for o in observers)
    return known >= PEOPLE_SHARE * len(observers)


def _opens_list(text: str) -> bool:
    """An annex or appendix heading, or a ``LIST OF …`` heading outside an annex."""
    return annex_heading(text) is not None


def _read_annex(pdf: PdfReport, start: int, settings: TableSettings) \
        -> tuple[tuple[Observer, ...], str]:
    """Read the annex starting on page ``start`` until the next capitalised heading; also the
    annex's title (``""`` when no heading set apart as one opens it on that page)."""
    title, lines = _annex_lines(pdf, start)
    observers: list[Observer] = []
    header: Line | None = None  # the last header row: it names the columns of pages without one
    order: list[tuple[str, str, object] | None] = []  # name columns told apart by position
    for stack, block in _blocks(lines, title, settings):
        header = next((line for line in block if header_kinds(line, settings)), header)
        teams = [h for h in stack if country_code(h) is None] or [title]
        by_country = country_code(stack[-1]) is not None if stack else False
        group = teams[-1] if by_country else (stack[-1] if stack else title)
        parent = (teams[-2] if len(teams) > 1 else None) if by_country else \
            (stack[-2] if len(stack) > 1 else None)
        for row in table_rows(block, settings, has_country=not by_country,
                              earlier_header=header):
            country = row.country or (stack[-1] if by_country else None)
            observers.append(Observer(
                position=len(observers) + 1, given_name=row.given_name,
                family_name=row.family_name, country=country, role=row.role,
                delegation=group, delegation_parent=parent, page=row.page,
                country_code=country_code(_clean_country(country)),
                delegation_kind=delegation_kind(group, parent)))
            order.append((row.given_name, row.family_name, (group, parent, country))
                         if row.by_position else None)
    if family_first_by_order(order, settings.order_pairs, settings.order_share):
        observers = [replace(o, given_name=o.family_name, family_name=o.given_name)
                     if key is not None else o for o, key in zip(observers, order, strict=True)]
    return tuple(observers), title


def _clean_country(country: str | None) -> str | None:
    """A printed nationality without footnote markers or a trailing star."""
    return re.sub(r"[\d*†‡]+$", "", country).strip(" ,.;:") if country else None


def annex_blocks(lines: Sequence[Line], title: str = "",
                 settings: TableSettings = DEFAULT_SETTINGS) \
        -> list[tuple[str, str | None, list[Line]]]:
    """Cut the annex's lines into table blocks: ``(group, enclosing group, lines)`` per heading
    and page (see :func:`_blocks`)."""
    return [(stack[-1] if stack else title, stack[-2] if len(stack) > 1 else None, block)
            for stack, block in _blocks(lines, title, settings)]


def _blocks(lines: Sequence[Line], title: str = "",
            settings: TableSettings = DEFAULT_SETTINGS) -> list[tuple[list[str], list[Line]]]:
    """Cut the annex's lines into table blocks: ``(enclosing headings, lines)`` per heading and
    page, outermost heading first. Lines before any heading are listed under no heading.

    A heading encloses the headings after it while they rank lower: smaller, or as large but not
    bold. A heading followed directly by another of the same rank encloses it too (it has no
    table of its own), until a heading of its rank comes.
    """
    size = body_size(ln for ln in lines if not ln.bold)
    headings: list[tuple[tuple[float, bool], str]] = []  # enclosing headings: (rank, text)
    blocks: list[tuple[list[str], list[Line]]] = []
    block: list[Line] = []

    def flush() -> None:
        if block:
            blocks.append(([text for _, text in headings], list(block)))
        block.clear()

    marked = mark_headings(lines, size, settings)
    for i, (line, rank) in enumerate(marked):
        if rank is None:
            if block and block[-1].page != line.page:
                flush()
            if abs(line.size - size) <= 1.0:
                block.append(line)
            continue
        flush()
        following = marked[i + 1][1] if i + 1 < len(marked) else None
        if following == rank:
            rank = (rank[0] + 1.0, rank[1])  # a heading over headings encloses them
        while headings and headings[-1][0] <= rank:
            headings.pop()
        headings.append((rank, line.text))
    flush()
    return blocks


def _annex_lines(pdf: PdfReport, start: int) -> tuple[str, list[Line]]:
    """The annex title and the content lines after it, up to the next section; ``("", [])``
    when no annex heading set apart as one (bold, larger or capitals) opens on page ``start``.

    The next section is another annex, or a capitalised heading followed by running text
    (``ABOUT ODIHR``): a capitalised group heading (``OSCE PA``) is followed by a table row or
    by another heading.
    """
    out: list[Line] = []
    title = ""
    for number in range(start, pdf.page_count + 1):
        lines = content_lines(pdf, number)
        if number == start:
            size = body_size(lines)
            first = next((i for i, ln in enumerate(lines) if _opens_list(ln.text) and (
                ln.bold or ln.size > size + 0.4 or is_capitalised(ln.text))), None)
            if first is None:
                return "", []
            heading, lines = lines[first], lines[first + 1:]
            title = heading.text
            while lines and _wraps(heading, lines[0]):
                heading, lines = lines[0], lines[1:]
                title = f"{title} {heading.text}"
        size = body_size(lines)
        for i, line in enumerate(lines):
            styled = line.bold or line.size > size
            if styled and _ends_annex(line, lines[i + 1] if i + 1 < len(lines) else None, size):
                return title, out + list(lines[:i])
        out.extend(lines)
    return title, out


def _wraps(heading: Line, line: Line) -> bool:
    """The line continues the heading above it: same type and case, at line spacing below it
    (a title-case group heading in the same type stands further apart)."""
    capitals = is_capitalised(heading.text)
    gap = (0.5 if capitals else 0.35) * heading.size
    return line.bold == heading.bold and line.size == heading.size and \
        line.top - heading.bottom < gap and is_capitalised(line.text) == capitals and \
        len(cells_of(line, DEFAULT_SETTINGS)) == 1


def _ends_annex(line: Line, following: Line | None, size: float) -> bool:
    """Another annex, or a capitalised heading followed by running text or nothing."""
    if annex_heading(line.text) is not None:
        return True
    if not is_capitalised(line.text) or country_code(line.text) is not None:
        return False
    if following is None:
        return True
    heading_next = following.bold or following.size > size or \
        country_code(following.text) is not None
    return not heading_next and len(cells_of(following, DEFAULT_SETTINGS)) < 2
