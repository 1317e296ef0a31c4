"""Joining the lines of a results section into bands: a header spread over several unruled
lines becomes one header band, and a wrapped cell line (a long name) joins its row."""

from __future__ import annotations

from odihr.parse.results.kinds import PLAIN_INT, BandKind, adjacent, classify, is_header
from odihr.parse.results.layout import Band, Line, cells
from odihr.parse.results.vocab import ROUND_HEADER, SEATS_HEADER, SHARE_HEADER, VOTES_HEADER


def merge_headers(bands: list[Band]) -> list[Band]:
    """Join the lines of an unruled header spread over several lines into one header band.

    Of each run of adjacent unruled bands without figures, the shortest tail that reads as a
    header becomes one band, with the lines just above it that overlap it or look like header
    lines (bold, naming a round or a figure); the lines above stay text (captions, prose).
    """
    out: list[Band] = []
    index = 0
    while index < len(bands):
        end = index
        while end < len(bands) and not bands[end].ruled and _no_figures(bands[end]) and \
                (end == index or adjacent(bands[end - 1], bands[end])):
            end += 1
        run = bands[index:end] or [bands[index]]
        start = next((k for k in range(len(run) - 1, -1, -1) if is_header(joined(run[k:]))),
                     None)
        if start is None or len(run) == 1:
            out.extend(run)
        else:
            stop = len(run)
            while stop - start > 1 and not header_like(run[stop - 1]) and \
                    is_header(joined(run[start:stop - 1])):
                stop -= 1  # a wrapped first row under the header
            while start > 0 and (run[start - 1].bottom > run[start].top or
                                 header_like(run[start - 1])):
                start -= 1
            out.extend(run[:start])
            out.append(joined(run[start:stop]))
            out.extend(run[stop:])
        index = max(end, index + 1)
    return out


def _no_figures(band: Band) -> bool:
    """No numbers but small whole ones (days, years in a header), and not a labelled line."""
    kind = classify(band)
    return kind in (BandKind.TEXT, BandKind.HEADER) or (kind is BandKind.ROW and all(
        PLAIN_INT.fullmatch(t.text) for t in band.numbers()))


def joined(bands: list[Band]) -> Band:
    lines = sorted((ln for b in bands for ln in b.lines), key=lambda ln: ln.top)
    return Band(bands[0].page, tuple(lines), ruled=bands[0].ruled)


def header_like(band: Band) -> bool:
    """A line that continues a header: naming a figure or a round, or bold labels laid out over
    several columns (a bold line of one cell is a caption)."""
    text = band.text
    if any(p.search(text) for p in (VOTES_HEADER, SHARE_HEADER, SEATS_HEADER, ROUND_HEADER)):
        return True
    return all(ln.bold for ln in band.lines) and any(len(cells(ln)) > 1 for ln in band.lines)


def merge_wrapped(rows: list[Band]) -> list[Band]:
    """Attach unruled text-only lines (wrapped names) to the row they belong to.

    A line without figures joins the row whose figures line is nearer (smaller gap); on a tie
    it joins the row above, as cells are top-aligned unless the layout shows otherwise.
    """
    anchors = [i for i, band in enumerate(rows) if band.numbers() or band.ruled]
    if not anchors or len(anchors) == len(rows):
        return rows
    groups: dict[int, list[Line]] = {i: list(rows[i].lines) for i in anchors}
    for i, band in enumerate(rows):
        if i in groups:
            continue
        before = max((a for a in anchors if a < i and rows[a].page == band.page), default=None)
        after = min((a for a in anchors if a > i and rows[a].page == band.page), default=None)
        gap_before = band.top - rows[before].bottom if before is not None else float("inf")
        gap_after = rows[after].top - band.bottom if after is not None else float("inf")
        target = after if gap_after < gap_before - 0.5 else before
        if target is None:
            continue
        groups[target].extend(band.lines)
    return [Band(rows[i].page, tuple(sorted(groups[i], key=lambda ln: ln.top)), rows[i].ruled)
            for i in anchors]
