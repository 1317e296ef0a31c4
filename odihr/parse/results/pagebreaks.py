"""Text at a page break inside a table: page furniture and notes the table goes on past, or the
caption of what comes next.

A table that runs on across pages may have text at the foot of one page (notes, a running
footer the furniture detection missed) or at the top of the next (a running header): the table
goes on past it when its rows (or its header repeated) follow. Text followed by a few figure
lines and then a header is the caption of the next table's turnout block, whatever its words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from odihr.parse.results.kinds import BandKind, adjacent, classify
from odihr.parse.results.layout import Band
from odihr.parse.results.settings import DEFAULT_SEGMENT, SegmentSettings

if TYPE_CHECKING:
    from odihr.parse.results.segment import RawTable


def closed(table: RawTable) -> bool:
    """Whether the table's turnout lines or its totals row are printed under its rows: it has
    ended."""
    if not table.rows:
        return False
    last = max((b.page, b.top) for b in table.rows)
    return any((b.page, b.top) > last for b in (*table.turnout, *table.totals))


def page_edge_text(flat: list[Band], kinds: list[BandKind], index: int, table: RawTable,
                   settings: SegmentSettings = DEFAULT_SEGMENT) -> bool:
    """Whether text at ``index`` sits between the rows of a table that goes on across a page
    break: only text after it on its page and rows next, or only text before it on a new page.
    """
    band = flat[index]
    if closed(table) or _opens_table(flat, kinds, index, settings):
        return False
    same_page = [k for b, k in zip(flat, kinds, strict=True) if b.page == band.page]
    before = [k for b, k in zip(flat[:index], kinds, strict=False) if b.page == band.page]
    if band.page != (table.rows or table.header)[-1].page:
        after_it = next(((b, k) for b, k in zip(flat[index + 1:], kinds[index + 1:],
                                                strict=True) if k is not BandKind.TEXT),
                        (band, None))
        # the table goes on under it (rows, or its header repeated with this line over it),
        # else it is the caption of what follows
        going_on = after_it[1] in (BandKind.ROW, BandKind.TOTAL) or (
            after_it[1] is BandKind.HEADER and same_header(table, after_it[0])
            and same_header(table, band))
        return all(k is BandKind.TEXT for k in before) and going_on
    after = same_page[len(before) + 1:]
    following = next((k for b, k in zip(flat[index:], kinds[index:], strict=True)
                      if b.page != band.page and k is not BandKind.TEXT), None)
    return all(k is BandKind.TEXT for k in after) and following in (
        BandKind.ROW, BandKind.TOTAL, BandKind.HEADER) and not _header_left_at_foot(flat, index)


def _opens_table(flat: list[Band], kinds: list[BandKind], index: int,
                 settings: SegmentSettings) -> bool:
    """Whether the text at ``index`` is followed by a turnout block's figure lines and then
    straight by a header: the caption of a block printed above its own table (a table going on
    across a page prints its rows, or its header first, not a few figure lines and a header)."""
    start = index + 1
    while start < len(flat) and start <= index + settings.caption_lines and \
            kinds[start] is BandKind.TEXT:
        start += 1  # more captions ("Round 1") before the block
    for seen, at in enumerate(range(start, len(flat))):
        if kinds[at] in (BandKind.HEADER, BandKind.TEXT):  # (or the header's first lines)
            return 0 < seen <= settings.block_lines and (kinds[at] is BandKind.HEADER or
                                                _header_next(flat, kinds, at))
    return False


def _header_next(flat: list[Band], kinds: list[BandKind], index: int) -> bool:
    """Whether the text at ``index`` is a first line of a header: the lines adjacent to it that
    follow end in a header band."""
    at = index
    while at + 1 < len(flat) and kinds[at + 1] is BandKind.TEXT and adjacent(flat[at],
                                                                            flat[at + 1]):
        at += 1
    return at + 1 < len(flat) and kinds[at + 1] is BandKind.HEADER and \
        adjacent(flat[at], flat[at + 1])


def _header_left_at_foot(flat: list[Band], index: int) -> bool:
    """Whether the text from ``index`` to the foot of its page ends with the lines that open the
    next page: a new table's header printed at the foot of one page and again over its rows."""
    page = flat[index].page
    foot = " ".join(b.text for b in flat[index:] if b.page == page).split()
    opening: list[str] = []
    for band in flat[index:]:
        if band.page == page + 1:
            if classify(band) not in (BandKind.TEXT, BandKind.HEADER):
                break
            opening += band.text.split()
        elif band.page > page + 1:
            break
    return bool(opening) and len(opening) <= len(foot) and foot[-len(opening):] == opening


def same_header(table: RawTable, band: Band) -> bool:
    """Whether every word of ``band`` is a word of the table's header (a repeated header)."""
    words = " ".join(b.text for b in table.header)
    return all(token.text in words for token in band.tokens)
