"""The recommendations of a final report, in every era's structure.

The section is found on the fast PDFium text by its heading, in any case and numbering
(:mod:`odihr.parse.document.headings`): ``XV. RECOMMENDATIONS``, ``8. Recommendations``, ``2.1
Recommendations`` inside the summary, ``RECOMMENDATIONS AND CONCLUSIONS``, ``XIV. РЕКОМЕНДАЦИИ``;
contents pages are skipped. Its pages are then read line by line with positions and font sizes
(:mod:`odihr.parse.document.layout`):

- sub-headings naming recommendations (``A. PRIORITY RECOMMENDATIONS`` / ``B OTHER
  RECOMMENDATIONS``, ``Short-term recommendations``, bold or plain) open parts; an item is a
  priority recommendation only under a part that names priority. Parts that do not (short- and
  longer-term groups) name the section of their items;
- a heading set apart inside the section is the topic (``Voter Registration``) of the items under
  it; a lettered topic heading (``A. THE LEGAL FRAMEWORK`` … ``K. ELECTION OBSERVATION``, the
  1999–2012 style) is a topic, never a priority part, and its letter is dropped;
- an item starts with the next number (``12.``, ``12)``, ``12 .``, or bare in a column of its
  own) at the numbers' left edge; everything else until the next item or heading continues its
  text, across pages. After a finished item, a part or topic heading may start the numbering
  again at 1 (some 1999–2012 lists number each topic on its own): such a list is numbered
  1..n in reading order, since a printed number then names no single recommendation. A
  section without numbers is read as bullets or paragraphs
  (:mod:`odihr.parse.recommendations.plain`), numbered in reading order (``numbered=False``);
- running headers and footers, footnotes (smaller type) and footnote markers (small raised
  words) are left out; a line-end hyphen is repaired (:mod:`odihr.parse.document.joining`);
- the section ends at a numbered chapter heading, an annex, or a capitalised heading followed by
  something other than the next item (``ABOUT ODIHR``).

A heading found with nothing readable under it raises :class:`~odihr.errors.UnknownLayout`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from odihr.errors import UnknownLayout
from odihr.parse.document.contents import report_contents
from odihr.parse.document.headings import LETTER, NONE, heading_key, split_number, toc_entry
from odihr.parse.document.joining import is_capitalised, join_lines, report_vocabulary
from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations.plain import read_plain
from odihr.parse.recommendations.section import (
    ITEM,
    PRIORITY_WORD,
    REC_WORD,
    Item,
    read_section,
)
from odihr.parse.recommendations.settings import DEFAULT_SETTINGS, RecommendationSettings
from odihr.records import Recommendation

#: Phrases saying a recommendation repeats an earlier one (see :func:`previously_recommended`).
PREVIOUSLY = re.compile(
    r"previously recommended|recommended previously|as (?:was |had been )?recommended "
    r"(?:earlier|before|in (?:the |its )?(?:previous|prior|earlier|past))|"
    r"(?:previous|prior|earlier|past) (?:\S+ ){0,2}recommendations? (?:remains?|ha(?:s|ve) not)|"
    r"\b(?:previous|prior|earlier) (?:ODIHR |OSCE/ODIHR )?recommendations?\b|reiterat|"
    r"ранее рекомендова|рекомендовалось ранее|предыдущ\w* рекомендаци|прежн\w* рекомендаци|"
    r"повторно рекоменду|вновь рекоменду|précédemment recommandé|bereits empfohlen",
    re.IGNORECASE)


def read_recommendations(pdf: PdfReport, settings: RecommendationSettings = DEFAULT_SETTINGS) \
        -> tuple[Recommendation, ...]:
    """The report's recommendations in order; ``()`` when it has no recommendations section.

    Numbered items are read as printed; a section of bulleted or unnumbered paragraphs gives its
    paragraphs numbered in reading order (``numbered=False``); under a combined heading
    (:func:`is_combined_heading`) only numbered or bulleted items count.

    Raises:
        UnknownLayout: a recommendations heading was found but no recommendation under it.
    """
    starts = _section_starts(pdf)
    found: tuple[int, str] | None = None
    for page, text, nth in starts:
        items, confirmed = read_section(pdf, page, text, nth, settings)
        numbered = True
        combined = is_combined_heading(text)
        if confirmed and not items:
            items = read_plain(pdf, page, text, bullets_only=combined, nth=nth,
                               settings=settings)
            numbered = False
            printed = [m for m in (ITEM.match(i.lines[0]) for i in items if i.lines) if m]
            if items and len(printed) * 2 > len(items):
                raise UnknownLayout(page, f"recommendations under {text!r} numbered 1, 2, 3 … "
                                    "in order", f"items numbered {printed[0].group(1)}, "
                                    f"{', '.join(m.group(1) for m in printed[1:4])} …")
        if items:
            return _records(pdf, items, numbered)
        if confirmed and found is None and not combined:
            found = (page, text)
    if found is not None:
        raise UnknownLayout(found[0], "numbered, bulleted or paragraph recommendations under "
                            f"the heading {found[1]!r}", "no text under the heading")
    return ()


def _records(pdf: PdfReport, items: Sequence[Item], numbered: bool) \
        -> tuple[Recommendation, ...]:
    vocabulary = report_vocabulary(pdf)
    out = []
    for item in items:
        body = join_lines(item.lines, vocabulary)
        out.append(Recommendation(number=item.number, priority=item.priority,
                                  section=item.section, text=body,
                                  previously_recommended=previously_recommended(body),
                                  page=item.page, numbered=numbered))
    return tuple(out)


def previously_recommended(text: str) -> bool:
    """True when the text says it repeats an earlier recommendation.

    The rule: the text contains one of the phrases of :data:`PREVIOUSLY` — "as previously
    recommended", "prior recommendation", "reiterates", "ранее рекомендовалось"… A mere mention of
    past recommendations being addressed ("to address past and present … recommendations") is not.
    """
    return bool(PREVIOUSLY.search(text))


#: :data:`REC_WORD`'s words in ASCII letters. An ASCII line is its own NFKC form, so a heading
#: :func:`is_section_heading` accepts prints one of them, in capitals once upper-cased.
_REC_WORD_ASCII = re.compile("|".join(w for w in REC_WORD.split("|") if w.isascii()))


def is_section_heading(text: str) -> bool:
    """A recommendations chapter's heading, in any case and numbering style: ``XV.
    RECOMMENDATIONS``, ``8 Recommendations``, ``2.1 Recommendations``, ``RECOMMENDATIONS AND
    CONCLUSIONS``, ``5. Conclusions and Recommendations``, ``B. Recommendations`` (a lettered
    sub-section of a chapter), ``A. PRIORITY RECOMMENDATIONS`` (a list that opens with its
    priority part); a footnote number may follow."""
    if text.isascii() and not _REC_WORD_ASCII.search(text.upper()):
        return False  # (most lines: no recommendations word is printed in them at all)
    clean = re.sub(r"\s*\d{1,3}$", "", " ".join(text.split()))
    numbered = split_number(clean)
    title = numbered.title
    if numbered.style == LETTER and not (PRIORITY_WORD.search(title) or
                                         re.fullmatch(REC_WORD, heading_key(title))):
        return False  # ``B. OTHER RECOMMENDATIONS`` is a part; ``B. Recommendations`` a start
    if numbered.style == NONE and not (title[:1].isupper() or is_capitalised(title)):
        return False
    words = heading_key(title).split()
    return 1 <= len(words) <= 5 and bool(re.fullmatch(REC_WORD, words[-1]) or
                                         re.fullmatch(REC_WORD, words[0]))


def is_combined_heading(text: str) -> bool:
    """``CONCLUSIONS AND RECOMMENDATIONS``: a chapter of conclusions that may hold
    recommendations. Its prose is conclusions (a needs assessment's closing chapter), so only
    numbered or bulleted items under it are recommendations, and a chapter of prose alone is no
    unreadable recommendations section."""
    words = heading_key(split_number(re.sub(r"\s*\d{1,3}$", "", text)).title).split()
    return any(w in ("AND", "И", "ET", "UND", "Y", "E", "І") for w in words[1:-1])


def _section_starts(pdf: PdfReport) -> list[tuple[int, str, int]]:
    """Pages and heading texts of the recommendation headings outside the contents, and which
    occurrence of that text on its page each is (a short contents list without page numbers
    can share its page with the first chapter)."""
    starts = []
    contents = report_contents(pdf)
    for number, text in enumerate(pdf.texts, start=1):
        lines = [" ".join(ln.split()) for ln in text.split("\n")]
        skip = contents.get(number, range(0))
        seen: dict[str, int] = {}
        for index, line in enumerate(lines):
            if index not in skip and line and is_section_heading(line) and not toc_entry(line):
                starts.append((number, line, seen.get(line, 0)))
                seen[line] = seen.get(line, 0) + 1
    return starts
