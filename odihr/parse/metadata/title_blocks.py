"""Where a report repeats its title: the running header of its pages and the title block over
the first section of its body (after the cover and the table of contents).
"""

from __future__ import annotations

import re
from collections import Counter

from odihr.parse.document.headings import ARABIC, DECIMAL, ROMAN, split_number
from odihr.parse.metadata.cover_lines import clean
from odihr.parse.metadata.settings import DEFAULT_SETTINGS, MetadataSettings
from odihr.parse.pdf import PdfReport

#: A numbered section heading (``I. INTRODUCTION``, ``2. FINDINGS``, ``A. BACKGROUND``).
HEADING = re.compile(r"^(?:[IVXLC]+|\d{1,2}|[A-H])\.\s+\S")
#: The title of a table of contents.
TOC = re.compile(r"^(?:table\s+of\s+)?contents$|^содержание$", re.IGNORECASE)
#: A line of running text (three lower-case words and more), never part of a title block.
PROSE = re.compile(r"[a-zа-я]{3,}\s+[a-zа-я]{3,}\s+[a-zа-я]{3,}.{40,}")
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…)\s*\d+$")


def is_section_heading(line: str) -> bool:
    """A numbered section heading: :data:`HEADING`, or one without the dot after its number
    (``II SUMMARY``, ``1 INTRODUCTION``, ``III.1 General``) whose title holds no figure (so
    ``7 NOVEMBER 2004 REFERENDUM`` is no heading)."""
    if HEADING.match(line):
        return True
    numbered = split_number(line)
    return numbered.style in (ROMAN, ARABIC, DECIMAL) \
        and not any(char.isdigit() for char in numbered.title)


def running_header(pdf: PdfReport, settings: MetadataSettings = DEFAULT_SETTINGS) -> list[str]:
    """Lines repeated at the top of at least two pages after the first, in printed order."""
    tops: list[list[str]] = []
    for number in range(2, min(pdf.page_count, settings.header_pages) + 1):
        lines = [line for line in map(clean, pdf.text(number).splitlines()) if line]
        tops.append(lines[:settings.header_depth])
    counts = Counter(line for top in tops for line in set(top))
    header: list[str] = []
    for top in tops:
        for line in top:
            if counts[line] >= 2 and line not in header:
                header.append(line)
    return header


def body_title_block(pdf: PdfReport, settings: MetadataSettings = DEFAULT_SETTINGS) \
        -> list[str]:
    """The title block over the first section of the body (after the cover and contents):
    ``REPUBLIC OF MOLDOVA PARLIAMENTARY ELECTIONS 2009`` / ``OSCE/ODIHR Needs Assessment Mission
    Report`` / ``I. INTRODUCTION``. Empty when the first page of text does not open with a few
    short lines and a heading."""
    for number in range(2, min(pdf.page_count, settings.body_pages) + 1):
        lines = [line for line in map(clean, pdf.text(number).splitlines()) if line]
        if not lines:
            continue
        if any(TOC.match(line) for line in lines[:settings.header_depth + 1]) \
                or sum(bool(_TOC_ENTRY.search(line)) for line in lines) >= 3:
            continue
        heading = next((i for i, line in enumerate(lines[:settings.body_block_max_lines])
                        if is_section_heading(line)), None)
        block = lines[:heading] if heading else []
        return [] if any(PROSE.search(line) for line in block) else block
    return []
