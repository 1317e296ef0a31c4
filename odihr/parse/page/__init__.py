"""The page model every part reader shares: words, lines, rules, fonts and rotation of a page.

* :mod:`.words` — the one word reader (PDFium characters → :class:`Word`, upright or turned by
  ``/Rotate``, with font size and boldness);
* :mod:`.lines` — the one :class:`Line` type and the grouping rules (:class:`LineSettings`);
* :mod:`.rules` — the horizontal ruling lines of a page, as it is shown.
"""

from odihr.parse.page.lines import BASELINE_LINES, OVERLAP_LINES, Line, LineSettings, group_lines
from odihr.parse.page.words import Shown, Word, page_words

__all__ = ["BASELINE_LINES", "OVERLAP_LINES", "Line", "LineSettings", "Shown", "Word",
           "group_lines", "page_words"]
