"""The recommendations of a final report, in every era's structure.

Modules: :mod:`.reader` (the section found, numbered or not, the entry point
:func:`read_recommendations`), :mod:`.section` (walking a section: numbered items, parts and
topics), :mod:`.lines` (the section's lines, page after page from its heading) and :mod:`.plain`
(recommendations printed without numbers: bullets or paragraphs).
"""

from odihr.parse.recommendations.reader import read_recommendations

__all__ = ["read_recommendations"]
