"""What a results table is about: its title and its contest kind.

The title is the table's own caption when it prints one ("Presidential election"); else the
subject the annex heading names ("… RESULTS OF THE PRESIDENTIAL ELECTION"); else, for a
parliament, the chamber the report says is elected (with the electoral system where the report
states a mixed or a single nationwide proportional contest); else the election as the report's
running header names it ("Presidential Election, 9 June 2019" → "Presidential election").
"""

from __future__ import annotations

import re
from datetime import date

from odihr.parse.results_columns import TableModel
from odihr.parse.results_kinds import adjacent
from odihr.parse.results_layout import Band
from odihr.parse.results_locate import ReportContext
from odihr.parse.results_segment import RawTable
from odihr.parse.results_vocab import (
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
#: The election a contest kind belongs to.
_ELECTION_OF = {"party_list": "parliamentary", "mixed": "parliamentary",
                "majoritarian": "parliamentary"}
_CANDIDATE = re.compile(r"candidat|кандидат", re.IGNORECASE)
_OPTION = re.compile(r"answer|option|choice|ответ|вариант|question", re.IGNORECASE)
_NOT_CAPTION = re.compile(r"^(source|note|question|\W)|[.:;?!”\"»]$", re.IGNORECASE)
_SUBJECT = re.compile(r"results?\s+of\s+(?:the\s+)?(?P<subject>.+)$", re.IGNORECASE)
_MARKER = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)\]]))\d{1,3}$")
_ELECTION = re.compile(r"^(?:(?:early|snap|extraordinary|pre-term|repeat|досрочные|"
                       r"внеочередные|повторные)\s+)?(?P<title>.+?)(?:\s+in\s+[A-Z].*)?$",
                       re.IGNORECASE)
_WORD = r"[A-Z][\w’'-]+"
_CHAMBER = (
    re.compile(rf"\b(?:\d+|[a-z]+(?:-[a-z]+)?)[- ]member\s+(?:unicameral\s+|bicameral\s+)?"
               rf"(?:(?:lower|upper)\s+house\s+)?\(?(?P<c>{_WORD}(?:\s+(?:of\s+)?{_WORD})*)"
               rf"(?=[^.]{{0,80}}\belected\b)"),
    re.compile(rf"\b(?:\d+|[a-z]+(?:-[a-z]+)?) members of the "
               rf"(?P<c>{_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_WORD})*)"
               rf"(?=[^.]{{0,80}}\belected\b)"),
    re.compile(rf"\b(?P<c>{_WORD}) (?:deputies|members) are elected"),
)
_NATIONWIDE = re.compile(r"\bnationwide constituency\b|\bsingle national constituency\b",
                         re.IGNORECASE)
_PROPORTIONAL = re.compile(r"\bproportional", re.IGNORECASE)


def _caption_lines(raw: RawTable) -> list[str]:
    """The one-line paragraphs just above the table (a caption, a round), nearest last."""
    paragraphs: list[list[Band]] = []
    for band in raw.captions:
        if paragraphs and adjacent(paragraphs[-1][-1], band) and not band.ruled:
            paragraphs[-1].append(band)
        else:
            paragraphs.append([band])
    return [p[0].text.strip() for p in paragraphs[-2:]
            if len(p) == 1 and len(p[0].lines) == 1 and len(p[0].text.split()) <= 12]


def table_round(raw: RawTable) -> int | None:
    """The round a table's caption names ("Second round"), if any."""
    for text in reversed(_caption_lines(raw)):
        number = round_number(text)
        if number:
            return number
    return None


def caption_dates(raw: RawTable) -> list[date]:
    """Dates printed in the table's caption ("Second round, 13 November 2016")."""
    lines = _caption_lines(raw)
    return find_dates(lines[-1]) if lines else []


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


def contest_title(raw: RawTable, kind: str, heading: str, context: ReportContext) -> str:
    """The table's title (see the module docstring for where it comes from)."""
    caption = _caption(raw)
    if caption:
        return caption
    subject = _SUBJECT.search(_MARKER.sub("", heading.strip()))
    if subject:
        return sentence_case(subject.group("subject"))
    if kind in ("party_list", "mixed", "majoritarian"):
        chamber, sentence = _chamber(context.body)
        if chamber and kind == "mixed":
            return f"{chamber} (mixed system)"
        if chamber and _NATIONWIDE.search(sentence) and _PROPORTIONAL.search(sentence):
            return f"{chamber}, nationwide constituency (proportional)"
        if chamber:
            return chamber
    return election_name(context.election_title, kind) or sentence_case(kind.replace("_", " "))


def _caption(raw: RawTable) -> str | None:
    """The last short line above the table that reads as a title, not as prose or a label."""
    for text in reversed(_caption_lines(raw)):
        if not _NOT_CAPTION.search(text) and not round_number(text) and not find_dates(text) \
                and not ANNEX_HEADING.match(text) \
                and not any(p.search(text) for _, p in TURNOUT_LABELS):
            return _MARKER.sub("", text)
    return None


def _chamber(body: str) -> tuple[str | None, str]:
    """The elected chamber as the report names it ("Majilis", "Parliament", "Sabor"), and the
    sentence that says how it is elected."""
    flat = " ".join(body.split())
    found = [m for m in (p.search(flat) for p in _CHAMBER) if m]
    if not found:
        return None, ""
    first = min(found, key=lambda m: m.start())
    start = flat.rfind(". ", 0, first.start()) + 1
    end = flat.find(". ", first.end())
    return first.group("c"), flat[start:end if end > 0 else len(flat)]


def election_name(title: str, kind: str = "") -> str | None:
    """"Early Presidential Election, 9 June 2019" → "Presidential election"; of a title naming
    several elections, the one of ``kind``."""
    head = title.split(",")[0].strip()
    found = _ELECTION.match(head)
    if not found or not re.search(r"[^\W\d_]", head):
        return None
    name = found.group("title")
    parts = re.split(r"\s+(?:and|и|et)\s+", name)
    pattern = dict(_KIND_WORDS).get(_ELECTION_OF.get(kind, kind))
    matching = [p for p in parts if pattern is not None and pattern.search(p)]
    if len(parts) > 1 and len(matching) == 1:
        name = matching[0]
        if not re.search(r"election|referend|выбор|референдум", name, re.IGNORECASE):
            name += " Election"
    name = re.sub(r"\b(Elections)\b", "Election", name)
    return sentence_case(name)


def sentence_case(text: str) -> str:
    """First letter upper case, other words lower case unless they are acronyms or in capitals
    within mixed-case text ("PRESIDENTIAL ELECTION" → "Presidential election")."""
    words = text.split()
    shouting = text.upper() == text
    out = []
    for i, word in enumerate(words):
        keep = not shouting and (word.isupper() and len(word) > 1)
        low = word if keep else word.lower()
        out.append(low[:1].upper() + low[1:] if i == 0 else low)
    return " ".join(out)
