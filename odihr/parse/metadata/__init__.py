"""What a report says about itself: its cover, the title block over its body, its running header.

Modules: :mod:`.reader` (the lines classified and outvoted, the entry point
:func:`read_metadata`), :mod:`.cover_lines` (the kinds of line a cover is made of),
:mod:`.title_blocks` (where a report repeats its title) and :mod:`.countries` (a printed
country as the site names it).
"""

from odihr.parse.metadata.reader import read_metadata

__all__ = ["read_metadata"]
