"""Row bands of a results page: where the table's rules put the boundaries between rows.

The horizontal rules that run under the first column separate table rows (a rule that starts
further right underlines merged header cells). Lines between two such rules form one band, so a
row whose cells wrap over several lines, top-, middle- or bottom-aligned, stays one row; lines
outside any ruled interval are bands of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from odihr.parse.pdf import PdfReport
from odihr.parse.results.geometry import Rule, page_geometry
from odihr.parse.results.layout import DEFAULT_LAYOUT, Band, LayoutSettings, Line, group_lines


@dataclass
class PageLayout:
    """The lines and row rules of one page."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    row_rules: list[Rule] = field(default_factory=list)
    #: The tolerances the page was read with (also those its bands are cut with).
    settings: LayoutSettings = DEFAULT_LAYOUT


def read_page(pdf: PdfReport, number: int, settings: LayoutSettings = DEFAULT_LAYOUT) -> PageLayout:
    """Read page ``number`` once: its words grouped into lines, and its row rules."""
    words, edges, width, height = page_geometry(pdf, number, settings.backend)
    layout = PageLayout(number, width, height, group_lines(words, settings), settings=settings)
    layout.row_rules = _row_rules(edges, layout.lines, settings)
    return layout


def _row_rules(edges: list[Rule], lines: list[Line],
               settings: LayoutSettings) -> list[Rule]:
    """Horizontal rules that run under the first column: they separate table rows.

    A rule with text left of it is not one: text running across it (a merged header cell), or
    the nearest row below it, or above it inside the table, starting further left.
    """
    if not edges:
        return []
    widest = max(x1 - x0 for _, x0, x1 in edges)
    rules: list[Rule] = []
    for y, x0, x1 in sorted(edges):
        if x1 - x0 < settings.min_rule_share * widest or (rules and y - rules[-1][0] < 2):
            continue
        left = x0 - settings.rule_slack
        if any(ln.top < y - 1 and ln.bottom > y + 1 and ln.x0 < left for ln in lines):
            continue  # underlines merged header cells: the text beside it spans both rows
        beside = [ln for ln in lines if ln.x0 < x1]
        reach = settings.rule_search
        below = min((ln for ln in beside if 0 <= ln.top - y + 1 < reach), key=lambda ln: ln.top,
                    default=None)
        above = max((ln for ln in beside if 0 <= y + 1 - ln.bottom < reach and rules and
                     rules[-1][0] < ln.top), key=lambda ln: ln.bottom, default=None)
        if any(ln is not None and ln.x0 < left for ln in (below, above)):
            continue
        rules.append((y, x0, x1))
    return rules


def bands(layout: PageLayout, top: float = 0.0, bottom: float | None = None) -> list[Band]:
    """The page's lines between ``top`` and ``bottom`` as bands (ruled rows kept together)."""
    bottom = layout.height if bottom is None else bottom
    lines = [line for line in layout.lines if top <= line.top and line.bottom <= bottom]
    rules = layout.row_rules
    out: list[Band] = []
    pending: list[Line] = []
    current: tuple[float, float] | None = None
    for line in lines:
        middle = (line.top + line.bottom) / 2
        interval = next(((a[0], b[0]) for a, b in zip(rules, rules[1:], strict=False)
                         if a[0] < middle < b[0] and _overlap(a, b)), None)
        if interval is not None and interval == current:
            pending.append(line)
            continue
        out.extend(_ruled_band(layout.number, pending, current, layout.settings))
        pending, current = [line], interval
    out.extend(_ruled_band(layout.number, pending, current, layout.settings))
    return out


def _ruled_band(page: int, lines: list[Line], interval: tuple[float, float] | None,
                settings: LayoutSettings) -> list[Band]:
    """The lines between two rules as one row, except blocks of lines set well apart from both
    rules (a caption between two tables whose rules only run under their rows)."""
    if not lines:
        return []
    if interval is None:
        return [Band(page, tuple(lines))]
    blocks: list[list[Line]] = [[lines[0]]]
    for line in lines[1:]:
        if line.top - blocks[-1][-1].bottom > settings.block_gap * line.size:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    out = []
    for block in blocks:
        size = max(ln.size for ln in block)
        near = block[0].top - interval[0] <= settings.rule_reach * size or \
            interval[1] - block[-1].bottom <= settings.rule_reach * size
        out.append(Band(page, tuple(block), ruled=near))
    return out


def _overlap(a: Rule, b: Rule) -> bool:
    shared = min(a[2], b[2]) - max(a[1], b[1])
    return shared >= 0.5 * min(a[2] - a[1], b[2] - b[1])
