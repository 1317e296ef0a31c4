"""Lines and tokens of results pages: words grouped into lines, lines into row bands.

Words (with their size and boldness) are grouped into text lines by the page model
(:mod:`odihr.parse.page.lines`, ``"overlap"`` grouping); a smaller word on a line is a
footnote marker, kept apart from the line's text. Tokens are words after space-grouped
thousands (``6 183 757``) are joined again. A :class:`Band` is one table row: the lines between
two row rules (see :mod:`bands`), or a single unruled line.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from odihr.parse.page import lines as page_model
from odihr.parse.page.lines import LineSettings
from odihr.parse.pdf import Word
from odihr.parse.text.numbers import is_dash, looks_numeric


@dataclass(frozen=True)
class LayoutSettings:
    """Tolerances of the geometry, in PDF points or as shares of the font size."""

    #: A word smaller than this share of its line's font size is a superscript (footnote mark).
    superscript_ratio: float = 0.8
    #: Words overlapping vertically by this share of the smaller height share a line.
    line_overlap: float = 0.5
    #: A gap up to this share of the font size joins digit groups into one number.
    digit_group_gap: float = 0.45
    #: A gap wider than this share of the font size starts a new cell.
    cell_gap: float = 0.9
    #: Rules narrower than this share of the widest rule are decoration (footnote separators).
    min_rule_share: float = 0.3
    #: How far (points) a row rule may start right of the leftmost word near it.
    rule_slack: float = 3.0
    #: Where word boxes and rules come from: ``"pdfium"`` (fast) or ``"pdfplumber"``.
    backend: str = "pdfium"
    #: Share of the page height at the top and at the bottom where running headers and
    #: footers sit.
    margin_share: float = 0.12
    #: A line set smaller than this share of the page's usual size, opening with a number at
    #: the left edge, starts the footnotes.
    footnote_size: float = 0.92
    #: Lines between two row rules further apart than this share of the font size are
    #: separate blocks of text.
    block_gap: float = 0.9
    #: A block of lines this many font sizes away from both rules around it is not inside
    #: the row (a caption between two tables).
    rule_reach: float = 1.5
    #: How far (points) from a rule the rows it separates are looked for.
    rule_search: float = 25.0

    def __post_init__(self) -> None:
        if not 0 < self.margin_share < 0.5:
            raise ValueError(f"LayoutSettings.margin_share must be a share of the page below "
                             f"one half, got {self.margin_share!r}")
        for name in ("superscript_ratio", "line_overlap", "digit_group_gap", "cell_gap",
                     "footnote_size", "block_gap", "rule_reach"):
            if not 0 < getattr(self, name) < 5:
                raise ValueError(f"LayoutSettings.{name} must be a positive share, got "
                                 f"{getattr(self, name)!r}")
        if not 0 < self.rule_search < 200:
            raise ValueError(f"LayoutSettings.rule_search must be a positive distance in points, "
                             f"got {self.rule_search!r}")
        if self.backend not in ("pdfium", "pdfplumber"):
            raise ValueError(f"LayoutSettings.backend must be 'pdfium' or 'pdfplumber', got "
                             f"{self.backend!r}")

    @property
    def lines(self) -> LineSettings:
        """The page model's grouping rule for table lines: by vertical overlap, markers by
        size, a line's size the median of its words'."""
        return LineSettings(grouping="overlap", line_overlap=self.line_overlap,
                            mark_size_ratio=self.superscript_ratio,
                            size_measure="median")


DEFAULT_LAYOUT = LayoutSettings()
_DIGIT_HEAD = re.compile(r"\d{1,3}(?: \d{3})*")
_DIGIT_GROUP = re.compile(r"\d{3}(?:[.,]\d+)?%?")


@dataclass(frozen=True)
class Token(Word):
    """A word (or a number rebuilt from its digit groups) on one line."""

    superscript: bool = False

    @property
    def numeric(self) -> bool:
        """A number, a per cent or a dash."""
        return not self.superscript and looks_numeric(self.text.strip("()"))

    @property
    def dash(self) -> bool:
        """A "not applicable" dash."""
        return is_dash(self.text)

    @property
    def center(self) -> float:
        """Horizontal middle."""
        return (self.x0 + self.x1) / 2


#: A table line: the page model's line of tokens, grouped by vertical overlap.
Line = page_model.Line[Token]


def trailing_numbers(line: Line) -> tuple[Token, ...]:
    """The run of numeric tokens that ends the line (a row's figures)."""
    run: list[Token] = []
    for token in reversed(line.body):
        if not token.numeric:
            break
        run.append(token)
    return tuple(reversed(run))


def line_figures(line: Line, glue: float = 0.45) -> tuple[Token, ...]:
    """Trailing numbers that stand in cells of their own: a number a word space after the
    text before it ends that text ("List 21", "Party 2000"), it is not a figure."""
    run = trailing_numbers(line)
    if run:
        before = [t for t in line.body if t.x1 <= run[0].x0]
        if before and run[0].x0 - before[-1].x1 <= glue * line.size and \
                not before[-1].numeric and not before[-1].text.endswith(":"):
            run = run[1:]
    return run


@dataclass(frozen=True)
class Band:
    """One table row (the lines between two row rules), or one unruled line."""

    page: int
    lines: tuple[Line, ...]
    ruled: bool = False

    @property
    def top(self) -> float:
        """Top of the first line."""
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        """Bottom of the last line."""
        return self.lines[-1].bottom

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Every regular token, line by line."""
        return tuple(t for line in self.lines for t in line.body)

    @property
    def text(self) -> str:
        """The band's text, lines joined by spaces."""
        return " ".join(line.text for line in self.lines if line.text)

    def numbers(self) -> tuple[Token, ...]:
        """Trailing numeric tokens of every line, left to right."""
        found = [t for line in self.lines for t in trailing_numbers(line)]
        return tuple(sorted(found, key=lambda t: t.x0))

    def figures(self) -> tuple[Token, ...]:
        """The row's figures: :meth:`numbers` without numbers that end a name."""
        found = [t for line in self.lines for t in line_figures(line)]
        return tuple(sorted(found, key=lambda t: t.x0))

    def label_tokens(self) -> tuple[Token, ...]:
        """The regular tokens that are not the row's figures."""
        figures = {id(t) for t in self.numbers()}
        return tuple(t for t in self.tokens if id(t) not in figures)


def group_lines(words: Iterable[Word], settings: LayoutSettings = DEFAULT_LAYOUT, page: int = 0
                ) -> list[Line]:
    """Group words into lines (superscripts join the line they overlap) and tokenise them."""
    rule = settings.lines
    out: list[Line] = []
    for body, marks in page_model.word_rows(words, rule):
        tokens = _tokens(sorted((*body, *marks), key=lambda w: w.x0), {id(w) for w in marks},
                         settings)
        out.append(page_model.Line(page, tuple(t for t in tokens if not t.superscript),
                                   tuple(t for t in tokens if t.superscript), rule))
    return out


def _tokens(words: list[Word], marks: set[int], settings: LayoutSettings) -> tuple[Token, ...]:
    """The line's words as tokens, digit groups of one number (and a ``%`` after it) joined."""
    size = max(statistics.median(w.size for w in words), 0.1)
    tokens: list[Token] = []
    for word in words:
        small = id(word) in marks
        token = Token(word.text, word.x0, word.x1, word.top, word.bottom, word.size, word.bold,
                      superscript=small)
        previous = tokens[-1] if tokens else None
        if previous is not None and not small and not previous.superscript and \
                word.x0 - previous.x1 <= settings.digit_group_gap * size and (
                (_DIGIT_HEAD.fullmatch(previous.text) and _DIGIT_GROUP.fullmatch(word.text))
                or (word.text == "%" and looks_numeric(previous.text))):
            joiner = "" if word.text == "%" else " "
            token = Token(previous.text + joiner + word.text, previous.x0, word.x1,
                          min(previous.top, word.top), max(previous.bottom, word.bottom),
                          previous.size, previous.bold)
            tokens[-1] = token
            continue
        tokens.append(token)
    return tuple(tokens)


def cells(line: Line, settings: LayoutSettings = DEFAULT_LAYOUT) -> list[list[Token]]:
    """Split a line's regular tokens where the gap is wider than a word space."""
    out: list[list[Token]] = []
    for token in line.body:
        if out and token.x0 - out[-1][-1].x1 <= settings.cell_gap * line.size:
            out[-1].append(token)
        else:
            out.append([token])
    return out
