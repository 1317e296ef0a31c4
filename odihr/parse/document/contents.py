"""The table of contents, including one with neither a title nor page numbers.

:func:`odihr.parse.document.headings.toc_extents` finds a contents page by its title (``TABLE OF
CONTENTS``) or by its page numbers and dot leaders. A few reports print neither: the contents are
then only a list of headings. What still tells them apart is repetition: each of those lines is
a heading (numbered, an annex, or a short line in capitals or title case) printed again once on
a later page, as the chapter it names. Running headers repeat too, but on nearly every page;
body text does not repeat at all. Numbered or annex headings right after such a run belong to it
even when the body words them differently (an entry shortened to fit its line), and so does one
heading-shaped line between two repeated ones. A run of
unnumbered headings is the contents when the body prints them in the listed order, each chapter's
text between them (a cover printed again as the title page repeats line after line).

:func:`contents_extents` is :func:`~odihr.parse.document.headings.toc_extents` plus such untitled
lists, so the part readers never take a contents line for the heading it names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from weakref import WeakKeyDictionary

from odihr.parse.document.headings import (
    NONE,
    TOC_MIN_LINES,
    annex_heading,
    heading_key,
    split_number,
    toc_extents,
)
from odihr.parse.pdf import PdfReport

#: An untitled list of headings is the contents when it runs to this many lines at least …
UNTITLED_MIN_LINES = TOC_MIN_LINES + 1
#: … of which this many are numbered chapters or annexes …
UNTITLED_MIN_NUMBERED = TOC_MIN_LINES
#: … each printed again at most this many times (a running header is on most pages).
MAX_REPEATS = 2
#: A contents line is at most this long.
MAX_ENTRY_CHARS = 90


_report_cache: WeakKeyDictionary[PdfReport, Mapping[int, range]] = WeakKeyDictionary()


def report_contents(pdf: PdfReport) -> Mapping[int, range]:
    """:func:`contents_extents` of a report's page texts, worked out once per open report (the
    observer and recommendation readers both skip the contents)."""
    if pdf not in _report_cache:
        _report_cache[pdf] = contents_extents(pdf.texts)
    return _report_cache[pdf]


def contents_extents(texts: Sequence[str]) -> dict[int, range]:
    """For each page holding part of the table of contents, the range of its text lines that
    belong to it: :func:`~odihr.parse.document.headings.toc_extents`, or when it finds none, the
    first run of heading lines each printed again further on (see module doc)."""
    found = toc_extents(texts)
    if found:
        return found
    pages = [[" ".join(ln.split()) for ln in text.split("\n")] for text in texts]
    after: Counter[str] = Counter()  # how often each key is printed after the current line
    seen_at: dict[str, int] = {}  # where each key is printed next (a line index over all pages)
    again: list[list[int | None]] = []  # per line: where it is printed again, if it is
    position = sum(len(raw) for raw in pages)
    for raw in reversed(pages):
        nexts: list[int | None] = []
        for line in reversed(raw):
            position -= 1
            key = heading_key(line) if line else ""
            nexts.append(seen_at.get(key) if line and after[key] >= 1 else None)
            after[key] += 1
            seen_at[key] = position
        again.append(nexts[::-1])
    again.reverse()
    for number, (raw, nexts) in enumerate(zip(pages, again, strict=True), start=1):
        listed = [n is not None and after[heading_key(line)] <= MAX_REPEATS + 1 and
                  _heading_shaped(line) for line, n in zip(raw, nexts, strict=True)]
        run = _repeated_run(raw, listed, nexts)
        if run is not None:
            return {number: run}  # the contents come before the chapters they list
    return {}


def _repeated_run(raw: Sequence[str], listed: Sequence[bool],
                  nexts: Sequence[int | None]) -> range | None:
    """The longest run of lines printed again further on (``listed``), when it is long enough
    and names enough numbered chapters or annexes, or lists unnumbered chapters in their order
    in the body, each apart from the next (:func:`_in_body_order`); blank lines do not break
    it, nor does one heading-shaped line between two listed ones (an entry the body words
    otherwise: ``RECOMMENDATIONS`` for ``RECOMMENDATIONS AND CONCLUSIONS``)."""
    best: range | None = None
    start: int | None = None
    bridge: int | None = None  # an entry worded apart from its chapter, inside the run
    numbered = 0
    best_numbered = 0
    for i, line in enumerate([*raw, "."]):  # a sentinel ends the last run
        if not line:
            continue
        if i < len(raw) and listed[i]:
            if start is None:
                start, numbered = i, 0
            numbered += _numbered(line)
            bridge = None
            continue
        if start is not None and bridge is None and i < len(raw) and _heading_shaped(line):
            bridge = i  # part of the run if a listed line follows
            continue
        if start is not None:
            end = i if bridge is None else bridge
            kept = [(ln, n) for ln, n in zip(raw[start:end], nexts[start:end], strict=True)
                    if ln and n is not None]
            entries = len(kept)
            ordered = _in_body_order([n for _, n in kept])
            if entries >= UNTITLED_MIN_LINES and (
                    numbered >= UNTITLED_MIN_NUMBERED or ordered) and \
                    (best is None or entries > len(best)):
                best, best_numbered = range(start, end), numbered or ordered
            start, bridge = None, None
    return _extended(raw, best) if best is not None and best_numbered else None


def _in_body_order(nexts: Sequence[int | None]) -> bool:
    """Entries printed again in the order listed, most with other lines between two of them
    (each chapter's text): unnumbered contents. A cover printed again as the title page
    repeats line after line."""
    places = [n for n in nexts if n is not None]
    if len(places) < 2 or len(places) < len(nexts):
        return False
    steps = [b - a for a, b in zip(places, places[1:], strict=False)]
    return all(step > 0 for step in steps) and \
        sum(step > 1 for step in steps) * 2 >= len(steps)


def _heading_shaped(line: str) -> bool:
    """Short, ending no sentence, numbered or capitalised."""
    return len(line) <= MAX_ENTRY_CHARS and not line.endswith((".", ",", ";", ":")) and (
        _numbered(line) or line.isupper() or line[:1].isupper())


def _extended(raw: Sequence[str], run: range) -> range:
    """The run with the numbered or annex headings right after it whose wording the body does
    not repeat exactly (an entry shortened to fit its line), up to the first heading the
    contents named already (the first chapter, sharing the page)."""
    seen = {heading_key(ln) for ln in raw[run.start:run.stop] if ln}
    end = run.stop
    for i in range(run.stop, len(raw)):
        line = raw[i]
        if not line:
            continue
        if heading_key(line) in seen or len(line) > MAX_ENTRY_CHARS or not _numbered(line):
            break
        seen.add(heading_key(line))
        end = i + 1
    return range(run.start, end)


def _numbered(line: str) -> bool:
    return split_number(line).style != NONE or annex_heading(line) is not None
