"""The observer annex: who observed, from which country, in what role, in which delegation.

ODIHR final reports close with an annex (``ANNEX II: LIST OF OBSERVERS …``, ``LIST OF MEMBERS OF
THE ODIHR LIMITED ELECTION OBSERVATION MISSION``, ``ПРИЛОЖЕНИЕ II: СПИСОК НАБЛЮДАТЕЛЕЙ …``) that
lists observers under group headings (``OSCE Parliamentary Assembly``, ``ODIHR EOM Core Team``…)
as a borderless table: given names | family names | country | role. The parser reads it by
structure:

- the annex is found on the fast PDFium text; only its pages are read with word positions;
- headings are the lines set apart typographically (bold or larger than the table text); a
  heading in larger type, or one followed directly by another heading, encloses the headings
  after it (``Long-Term Observers`` › ``ODIHR EOM Core Team``);
- each heading's lines on one page are one table (:mod:`odihr.parse.observers_table`): columns
  are the left edges its cells share, and a cell wrapped onto extra lines (``US Helsinki`` /
  ``Commission Staff``) joins the row it is centred on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from odihr.parse.joining import is_capitalised
from odihr.parse.layout import ANNEX_WORD, TOC_LINE, Line, body_size, content_lines
from odihr.parse.observers_table import (
    DEFAULT_SETTINGS,
    TableSettings,
    cells_of,
    header_kinds,
    spans_columns,
    table_rows,
)
from odihr.parse.pdf import PdfReport
from odihr.records import Observer

#: A list heading outside an annex (older reports): ``LIST OF OBSERVERS``, ``СПИСОК …``.
LIST_HEADING = re.compile(r"^(LIST OF|СПИСОК|СОСТАВ|LISTE DES|COMPOSITION)\b")
#: Words of an annex heading that announce a list of people (observers, mission members).
PEOPLE_WORDS = re.compile(
    r"OBSERVER|MEMBERS|НАБЛЮДАТЕЛ|СПОСТЕРІГАЧ|СОСТАВ|ЧЛЕН|OBSERVATEUR|BEOBACHTER|OBSERVADOR|"
    r"VËZHGUES|OSSERVATOR|POSMATRA")
#: Of those, the words naming observers or the mission itself.
OBSERVER_WORDS = re.compile(r"OBSERV|НАБЛЮД|СПОСТЕР|MISSION|МИССИ|BEOBACHT|VËZHG|POSMATR")


def read_observers(pdf: PdfReport, settings: TableSettings = DEFAULT_SETTINGS) \
        -> tuple[Observer, ...]:
    """The observers listed in the report's observer annex, in listed order; ``()`` without one."""
    for start in annex_pages(pdf):
        observers = _read_annex(pdf, start, settings)
        if observers:
            return observers
    return ()


def annex_pages(pdf: PdfReport) -> list[int]:
    """Pages (1-based) where an annex listing people starts, found on the fast page text:
    annexes naming observers or the mission first, then other lists of members."""
    pages: list[tuple[bool, int]] = []
    for number, text in enumerate(pdf.texts, start=1):
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        if sum(1 for ln in lines if TOC_LINE.search(ln)) >= 3:
            continue  # the table of contents names every annex
        for i, line in enumerate(lines):
            if _opens_list(line) and not TOC_LINE.search(line):
                following = lines[i + 1] if i + 1 < len(lines) else ""
                heading = f"{line} {following}" if is_capitalised(following) else line
                if PEOPLE_WORDS.search(heading.upper()):
                    pages.append((not OBSERVER_WORDS.search(heading.upper()), number))
                    break
    return [number for _, number in sorted(pages)]


def _opens_list(text: str) -> bool:
    """An annex heading, or a capitalised ``LIST OF …`` heading outside an annex."""
    return bool(ANNEX_WORD.match(text) or LIST_HEADING.match(text) and is_capitalised(text))


def _read_annex(pdf: PdfReport, start: int, settings: TableSettings) -> tuple[Observer, ...]:
    """Read the annex starting on page ``start`` until the next capitalised heading."""
    title, lines = _annex_lines(pdf, start)
    observers: list[Observer] = []
    kinds: list[str] | None = None  # the columns a header row named, for pages without one
    for group, parent, block in annex_blocks(lines, title, settings):
        kinds = next((k for k in map(header_kinds, block) if k), kinds)
        for row in table_rows(block, settings, kinds):
            observers.append(Observer(
                position=len(observers) + 1, given_name=row.given_name,
                family_name=row.family_name, country=row.country, role=row.role,
                delegation=group, delegation_parent=parent, page=row.page))
    return tuple(observers)


def annex_blocks(lines: Sequence[Line], title: str = "",
                 settings: TableSettings = DEFAULT_SETTINGS) \
        -> list[tuple[str, str | None, list[Line]]]:
    """Cut the annex's lines into table blocks: ``(group, enclosing group, lines)`` per heading
    and page. Lines before any heading are listed under the annex ``title``.

    A heading encloses the headings after it while they rank lower: smaller, or as large but not
    bold. A heading followed directly by another of the same rank encloses it too (it has no
    table of its own), until a heading of its rank comes.
    """
    size = body_size(ln for ln in lines if not ln.bold)
    headings: list[tuple[tuple[float, bool], str]] = []  # enclosing headings: (rank, text)
    blocks: list[tuple[str, str | None, list[Line]]] = []
    block: list[Line] = []

    def flush() -> None:
        if block:
            group = headings[-1][1] if headings else title
            parent = headings[-2][1] if len(headings) > 1 else None
            blocks.append((group, parent, list(block)))
        block.clear()

    marked = _mark_headings(lines, size, settings)
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
    """The annex title and the content lines after it, up to the next section.

    The next section is another annex, or a capitalised heading followed by running text
    (``ABOUT ODIHR``): a capitalised group heading (``OSCE PA``) is followed by a table row.
    """
    out: list[Line] = []
    title = ""
    for number in range(start, pdf.page_count + 1):
        lines = content_lines(pdf, number)
        if number == start:
            first = next((i for i, ln in enumerate(lines) if _opens_list(ln.text)), None)
            if first is None:
                return "", []
            heading, lines = lines[first], lines[first + 1:]
            title = heading.text
            while lines and lines[0].bold == heading.bold and lines[0].size == heading.size \
                    and is_capitalised(lines[0].text) and \
                    lines[0].top - heading.bottom < 0.5 * heading.size:  # the heading wraps
                heading, lines = lines[0], lines[1:]
                title = f"{title} {heading.text}"
        size = body_size(lines)
        for i, line in enumerate(lines):
            styled = line.bold or line.size > size
            following = lines[i + 1] if i + 1 < len(lines) else None
            if ANNEX_WORD.match(line.text) or styled and is_capitalised(line.text) and (
                    following is None or len(cells_of(following, DEFAULT_SETTINGS)) < 2):
                return title, out + list(lines[:i])
        out.extend(lines)
    return title, out


def _mark_headings(lines: Sequence[Line], size: float, settings: TableSettings) \
        -> list[tuple[Line, tuple[float, bool] | None]]:
    """Pair each line with its heading level ``(size, bold)``, or ``None`` for table lines.

    A heading wrapped over two lines is merged into one.
    """
    marked: list[tuple[Line, tuple[float, bool] | None]] = []
    for i, line in enumerate(lines):
        styled = line.bold or line.size >= size + settings.heading_size_step
        if len(cells_of(line, settings)) > 1 or not (styled or spans_columns(lines, i, settings)):
            marked.append((line, None))
            continue
        level = (line.size, line.bold)
        if marked and marked[-1][1] == level and marked[-1][0].page == line.page and \
                line.top - marked[-1][0].bottom < settings.heading_wrap_gap * line.size:
            prev = marked[-1][0]
            marked[-1] = (Line(prev.page, prev.words + line.words), level)
            continue
        marked.append((line, level))
    return marked


