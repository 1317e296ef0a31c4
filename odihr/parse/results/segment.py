"""Cutting a results section into tables: what each band is, and where each table starts and ends.

A band is a table header (column labels), a contestant row, a totals row, a turnout line
("Registered voters 3,513,884") or text (a caption, an introduction, a referendum question).
A table starts at a header band and runs on over rows, totals and turnout lines, across pages,
skipping a repeated header, until text that is not a wrapped cell or a different header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from odihr.parse.results.kinds import PLAIN_INT, BandKind, adjacent, classify, is_header
from odihr.parse.results.layout import Band, cells, trailing_numbers
from odihr.parse.results.merging import header_like, joined, merge_headers, merge_wrapped
from odihr.parse.results.pagebreaks import closed, page_edge_text, same_header
from odihr.parse.results.settings import DEFAULT_SEGMENT, SegmentSettings
from odihr.parse.results.vocab import NOTE_LABEL


@dataclass
class RawTable:
    """The bands of one table, before its columns are understood."""

    header: list[Band]
    captions: list[Band] = field(default_factory=list)
    rows: list[Band] = field(default_factory=list)
    totals: list[Band] = field(default_factory=list)
    turnout: list[Band] = field(default_factory=list)

    @property
    def page(self) -> int:
        """Page where the table starts."""
        return (self.header or self.rows)[0].page


def split_rows(band: Band) -> list[Band]:
    """A ruled band holding several rows (rules only around the body) as one band per line."""
    if is_header(band):
        # figure lines over the header inside its rules (a turnout block above it) split off
        lead = next((i for i, ln in enumerate(band.lines) if not trailing_numbers(ln)),
                    len(band.lines))
        rest = Band(band.page, band.lines[lead:], ruled=band.ruled)
        if 0 < lead < len(band.lines) and is_header(rest):
            return [*(Band(band.page, (line,), ruled=False) for line in band.lines[:lead]),
                    rest]
        return [band]
    if sum(1 for ln in band.lines if trailing_numbers(ln)) < 2:
        return [band]  # (an unruled block of lines between two tables' rules splits too)
    return [Band(band.page, (line,), ruled=False) for line in band.lines]


def segment(bands: list[Band], settings: SegmentSettings = DEFAULT_SEGMENT) -> list[RawTable]:
    """Group the section's bands into tables (see the module docstring)."""
    tables: list[RawTable] = []
    table: RawTable | None = None  # the open table
    pending_text: list[Band] = []
    pending_turnout: list[Band] = []
    flat = merge_headers([part for band in bands for part in split_rows(band)])
    kinds = [classify(b) for b in flat]
    for i in range(len(flat) - 1):
        if kinds[i] is not BandKind.TEXT or kinds[i + 1] is not BandKind.ROW:
            continue
        for start in range(i, max(i - 3, -1), -1):  # the header's last line, or its lines
            if start < i and (kinds[start] is not BandKind.TEXT or
                              not adjacent(flat[start], flat[start + 1])):
                break
            if laid_out_header(joined(flat[start:i + 1]), flat[i + 1]):
                kinds[start:i + 1] = [BandKind.HEADER] * (i + 1 - start)
                break  # labels over the figures, whatever their words
    index = 0
    while index < len(flat):
        band, kind = flat[index], kinds[index]
        previous = flat[index - 1] if index else None
        following = flat[index + 1] if index + 1 < len(flat) else None
        index += 1
        if kind is BandKind.HEADER:
            if table is not None and not table.rows and (
                    band.page == table.header[-1].page or not same_header(table, band)):
                table.header.append(band)  # a header spread over several bands
                continue
            if table is not None and same_header(table, band) and not closed(table) and \
                    band.page != (table.rows or table.header)[-1].page:
                # the header repeated on the next page (or left at the foot of a page and
                # printed again over the rows)
                while index < len(flat) and kinds[index] is BandKind.TEXT and \
                        adjacent(flat[index - 1], flat[index]) and same_header(table,
                                                                               flat[index]):
                    index += 1  # its wrapped lines
                continue
            captions, above = _header_lines(pending_text, band)
            if tables and pending_turnout and _captioned_after(captions, pending_turnout, settings):
                tables[-1].turnout.extend(pending_turnout)  # under the last table's caption
                pending_turnout = []
            table = RawTable(header=[*above, band], captions=captions, turnout=pending_turnout)
            tables.append(table)
            pending_text, pending_turnout = [], []
            while index < len(flat) and kinds[index] is BandKind.TEXT and \
                    adjacent(flat[index - 1], flat[index]) and (
                        header_like(flat[index]) or _over_figures(flat[index], band)):
                table.header.append(flat[index])  # an unruled header continued ("votes", "%")
                index += 1
            continue
        if table is not None:
            if kind is BandKind.ROW:
                table.rows.append(band)
            elif kind is BandKind.TOTAL:
                table.totals.append(band)
            elif kind is BandKind.TURNOUT:
                table.turnout.append(band)
            elif band.ruled and previous is not None and previous.ruled and \
                    not _over_next_header(flat, kinds, index, settings):
                pass  # a sub-heading or empty row inside a ruled table
            elif page_edge_text(flat, kinds, index - 1, table, settings):
                pass  # notes at the foot of a page, or a running header, inside the table
            elif not band.ruled and not NOTE_LABEL.match(band.text) and (
                    _wraps(previous, band, table) or _wraps(following, band, table)):
                table.rows.append(band)  # a wrapped cell line of an unruled table
            else:
                table = None
                pending_text.append(band)
            continue
        if kind is BandKind.TEXT:
            pending_text.append(band)
        else:  # figure lines outside a table: a turnout block, whatever their labels
            if tables and not pending_text and not pending_turnout:
                tables[-1].turnout.append(band)  # turnout printed under the table
            else:
                pending_turnout.append(band)
    if tables and _turnout_block_after(pending_text, pending_turnout, settings):
        tables[-1].turnout.extend(pending_turnout)  # "Turnout" caption, then its own table
    if not tables:
        tables = _headerless(flat, kinds)
    for raw in tables:
        raw.header = _without_repeat(raw.header)
        raw.captions = _without_header_copy(raw.captions, raw.header)
        raw.rows = merge_wrapped(raw.rows)
    return tables


def _over_next_header(flat: list[Band], kinds: list[BandKind], index: int,
                      settings: SegmentSettings) -> bool:
    """Whether a header follows the band before ``flat[index]``, under more caption lines and a
    turnout block's unruled lines or alone: then the band is the next table's caption, set
    within reach of the rule under the last row (tables whose rules run only under their rows),
    not a sub-heading. A caption after the block's lines is the next table's own: then the band
    heads the block printed under its table ("Turnout")."""
    end = min(len(flat), index + settings.block_lines + 1)
    figures = False
    for j in range(index, end):
        if kinds[j] is BandKind.HEADER:
            return True
        if flat[j].ruled:
            return False  # rows of its table
        if figures and kinds[j] is BandKind.TEXT:
            # the first lines of a header set over several lines, or a caption of its own
            k = j
            while k + 1 < len(flat) and kinds[k + 1] is BandKind.TEXT and \
                    adjacent(flat[k], flat[k + 1]):
                k += 1
            return k + 1 < len(flat) and kinds[k + 1] is BandKind.HEADER and \
                adjacent(flat[k], flat[k + 1])
        figures = figures or kinds[j] is not BandKind.TEXT
    return False


def _without_header_copy(captions: list[Band], header: list[Band]) -> list[Band]:
    """Captions without the table's header printed at the foot of the page before (its first
    lines, left there alone and printed again over the rows)."""
    if not header or not captions or captions[-1].page >= header[0].page:
        return captions
    words = " ".join(b.text for b in header).split()
    tail = [b for b in captions if b.page == captions[-1].page]
    for start in range(len(tail)):
        copy = " ".join(b.text for b in tail[start:]).split()
        if copy and words[:len(copy)] == copy:
            return captions[:len(captions) - len(tail) + start]
    return captions


def _without_repeat(header: list[Band]) -> list[Band]:
    """A header left at the foot of a page and printed again on the next, once (the copy over
    the rows)."""
    pages = sorted({band.page for band in header})
    if len(pages) != 2:
        return header
    first, second = ([b for b in header if b.page == page] for page in pages)
    same = " ".join(b.text for b in first).split() == " ".join(b.text for b in second).split()
    return second if same else header


def _captioned_after(texts: list[Band], turnout: list[Band], settings: SegmentSettings) -> bool:
    """Whether a caption stands between a turnout block and the next table: the block then
    belongs to the table above it, under whose caption it is printed."""
    last = max((b.page, b.top) for b in turnout)
    return any((b.page, b.top) > last and len(b.lines) == 1 and len(cells(b.lines[0])) == 1
               and 0 < len(b.tokens) <= settings.caption_words
               and not b.text.rstrip().endswith((".", ":", "?")) for b in texts)


def laid_out_header(band: Band, row: Band) -> bool:
    """Whether ``band`` labels the columns of ``row`` just under it, whatever its words: one
    line of separate cells without figures, two or more of them over the row's figures."""
    figures = row.figures()
    if len(figures) < 2 or not adjacent_or_ruled(band, row) or len(band.lines) > 3:
        return False
    if any(t.numeric and not PLAIN_INT.fullmatch(t.text) for t in band.tokens):
        return False
    if band.text.rstrip().endswith((".", ":", ";", "?")):
        return False
    start = figures[0].x0 - 2
    over = [c for line in band.lines for c in cells(line) if c[-1].x1 > start]
    return len(over) >= 2


def adjacent_or_ruled(first: Band, second: Band) -> bool:
    """Neighbours: within a line's leading on one page, both in ruled rows, or the last band of
    a page and the first of the next (a header left at the foot of a page)."""
    if first.page + 1 == second.page:
        return True
    if first.page != second.page:
        return False
    return adjacent(first, second) or (first.ruled and second.ruled) or \
        second.top - first.bottom <= 1.5 * max(ln.size for ln in first.lines)


def _turnout_block_after(texts: list[Band], turnout: list[Band],
                         settings: SegmentSettings) -> bool:
    """Whether turnout lines left over at the end of the section are a turnout block printed
    under the last table behind a caption or a source line: two lines or more, and between the
    table and them only short one-line captions, not prose."""
    return len(turnout) >= 2 and all(
        len(band.lines) == 1 and len(band.tokens) <= settings.caption_words for band in texts)


def _headerless(bands: list[Band], kinds: list[BandKind]) -> list[RawTable]:
    """A table printed without column labels: the longest run of at least three rows that have
    two figures or more, one of them a per cent (so a list of counts is not taken for results).
    """
    best: list[int] = []
    run: list[int] = []
    for i, kind in enumerate([*kinds, BandKind.TEXT]):
        if kind in (BandKind.ROW, BandKind.TOTAL) and i < len(bands) and \
                len(bands[i].numbers()) >= 2:
            run.append(i)
            continue
        if len(run) > len(best):
            best = run
        run = []
    rows = [bands[i] for i in best if kinds[i] is BandKind.ROW]
    share_like = sum(1 for b in rows if any(t.text.endswith("%") or re.search(r"\d[.,]\d{1,2}$",
                                                                              t.text)
                                            for t in b.numbers()))
    if len(rows) < 3 or share_like < len(rows) // 2:
        return []
    first = best[0]
    turnout = [b for b, k in zip(bands[:first], kinds[:first], strict=True)
               if k is BandKind.TURNOUT]
    after = [bands[i] for i in range(best[-1] + 1, len(bands)) if kinds[i] is BandKind.TURNOUT]
    captions = [b for b, k in zip(bands[:first], kinds[:first], strict=True) if k is BandKind.TEXT]
    return [RawTable(header=[], captions=captions, rows=rows,
                     totals=[bands[i] for i in best if kinds[i] is BandKind.TOTAL],
                     turnout=turnout + after)]


def _wraps(neighbour: Band | None, band: Band, table: RawTable) -> bool:
    """Whether ``band`` (text) can be a wrapped line of the unruled row ``neighbour``."""
    if neighbour is None or neighbour.ruled:
        return False
    if table.totals and (band.page, band.top) > max((b.page, b.top) for b in table.totals):
        return False  # under the totals row the contestants have ended: a caption
    if all(ln.bold for ln in band.lines) and not all(ln.bold for ln in neighbour.lines):
        return False  # a bold caption over a plain line, not a cell of its row
    if neighbour is not (table.rows[-1] if table.rows else None) and \
            classify(neighbour) is not BandKind.ROW:
        return False
    pair = (neighbour, band) if neighbour.top < band.top else (band, neighbour)
    return adjacent(*pair)


def _header_lines(texts: list[Band], header: Band) -> tuple[list[Band], list[Band]]:
    """Captions above a table, and the text lines just above its header that belong to it."""
    captions = list(texts)
    above: list[Band] = []
    while captions:
        below = above[0] if above else header
        if not (not captions[-1].ruled and header_like(captions[-1]) and
                adjacent(captions[-1], below)) and not (
                _over_figures(captions[-1], joined([*above, header])) and
                adjacent_or_ruled(captions[-1], below)):
            break
        above.insert(0, captions.pop())
    return captions, above


def _over_figures(band: Band, header: Band) -> bool:
    """A line whose words all stand right of the header's first cell (a merged group label over
    figure columns), not a caption starting at the table's left edge."""
    first = min((c for line in header.lines for c in cells(line)), key=lambda c: c[0].x0,
                default=None)
    return first is not None and bool(band.tokens) and \
        min(t.x0 for t in band.tokens) > first[-1].x1 + 2
