"""What a results table is about: its title and its contest kind.

The title follows the contract: the table's own caption when it prints one ("A. Presidential
election" → "Presidential election"), else the election's name as the report's cover prints it,
without its date ("Early Parliamentary Elections"). Titles are never composed from prose.
"""

from __future__ import annotations

import re
from datetime import date

from odihr.parse.results.columns import TableModel
from odihr.parse.results.context import ReportContext
from odihr.parse.results.kinds import adjacent
from odihr.parse.results.layout import Band
from odihr.parse.results.segment import RawTable
from odihr.parse.results.vocab import (
    ANNEX_HEADING,
    LOCAL,
    MAJORITARIAN,
    PARLIAMENTARY,
    PRESIDENTIAL,
    PROPORTIONAL,
    REFERENDUM,
    TURNOUT_LABELS,
    find_dates,
    round_number,
)

_KIND_WORDS = (("referendum", REFERENDUM), ("presidential", PRESIDENTIAL), ("local", LOCAL),
               ("majoritarian", MAJORITARIAN), ("party_list", PROPORTIONAL),
               ("parliamentary", PARLIAMENTARY))
#: Kinds of election a table of this shape can report.
_FITS = {"referendum": {"referendum"},
         "candidates": {"presidential", "local", "majoritarian", "parliamentary"},
         "lists": {"party_list", "majoritarian", "parliamentary", "local"}}
_CANDIDATE = re.compile(r"candidat|кандидат", re.IGNORECASE)
_OPTION = re.compile(r"answer|option|choice|ответ|вариант|question", re.IGNORECASE)
_NOT_CAPTION = re.compile(r"^(source|note|question|\W)|[.:;?!”\"»]$", re.IGNORECASE)
#: A line that ends as a sentence does ("… as follows:"), not as a title or a question.
_SENTENCE = re.compile(r"[^\W\d_]{2,}[.:;!]$")
_MARKER = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)\]]))\d{1,3}$")
_LIST_LETTER = re.compile(r"^(?:[A-Z]|[IVX]{1,4}|\d{1,2})[.)]\s+")


def _caption_lines(raw: RawTable) -> list[str]:
    """The one-line paragraphs just above the table (a caption, a round), nearest last."""
    paragraphs: list[list[Band]] = []
    for band in raw.captions:
        if paragraphs and adjacent(paragraphs[-1][-1], band) and not band.ruled:
            paragraphs[-1].append(band)
        else:
            paragraphs.append([band])
    # a paragraph of prose between ends the captions: what stands above it (a chapter's
    # heading) is no caption of this table
    prose = [i for i, p in enumerate(paragraphs) if len(p) > 1 or len(p[0].lines) > 1]
    paragraphs = paragraphs[prose[-1] + 1:] if prose else paragraphs
    return [p[0].text.strip() for p in paragraphs[-2:]
            if len(p[0].text.split()) <= 12]


def table_round(raw: RawTable) -> int | None:
    """The round a table's caption names ("Second round"), if any."""
    for text in reversed(_caption_lines(raw)):
        number = round_number(text)
        if number:
            return number
    return None


def caption_dates(raw: RawTable) -> list[date]:
    """Dates printed in the table's caption ("Second round, 13 November 2016")."""
    lines = [ln for ln in _caption_lines(raw) if not ln.rstrip().endswith((".", ";", "!"))]
    return find_dates(lines[-1]) if lines else []  # not from a sentence of prose


def contest_kind(raw: RawTable, model: TableModel, heading: str, context: ReportContext) -> str:
    """The contract's contest kind: ``party_list``, ``mixed``, ``presidential``, ``referendum``,
    ``local`` or ``majoritarian``.

    Seats won by list and in districts make a mixed contest. Otherwise the most specific text
    that names one kind of election decides (the table's caption, the annex heading, then the
    election's title); where a text names several ("Presidential Election and Constitutional
    Referendum"), the table's own shape chooses among them.
    """
    roles = {c.role for c in model.columns}
    if {"seats_pr", "seats_smd"} <= roles:
        return "mixed"
    seats = bool(roles & {"seats", "seats_pr", "seats_smd"})
    shape = "referendum" if _OPTION.search(model.name_label) else (
        "candidates" if _CANDIDATE.search(model.name_label) and not seats else "lists")
    for text in [*reversed(_caption_lines(raw)), heading, context.election_title]:
        named = [kind for kind, pattern in _KIND_WORDS if pattern.search(text)]
        if {"majoritarian", "party_list"} & set(named):
            named = [k for k in named if k != "parliamentary"]  # the component is more precise
        if len(named) > 1:
            fitting = [k for k in named if k in _FITS[shape]]
            named = fitting if len(fitting) == 1 else []
        if named:
            kind = named[0]
            if kind == "parliamentary":
                return "majoritarian" if shape == "candidates" else "party_list"
            return kind
    return {"referendum": "referendum", "candidates": "majoritarian"}.get(shape, "party_list")


def contest_title(raw: RawTable, context: ReportContext) -> str:
    """The contract's ``contest``: the table's own caption (without its list letter), else the
    election's name as the report's cover prints it, without its date. Never composed from prose.
    """
    return _caption(raw) or context.cover_name or "Election"


def _caption(raw: RawTable) -> str | None:
    """The last short line above the table that reads as a title, not as prose or a label."""
    for text in reversed(_caption_lines(raw)):
        if _SENTENCE.search(text):
            return None  # a sentence introducing the table: what is above it is no caption
        if not _NOT_CAPTION.search(text) and not round_number(text) and not find_dates(text) \
                and not ANNEX_HEADING.match(text) \
                and not any(p.search(text) for _, p in TURNOUT_LABELS):
            return _LIST_LETTER.sub("", _MARKER.sub("", text)).strip() or None
    return None
