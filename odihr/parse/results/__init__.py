"""The results tables of a report: contests, their rounds, turnout blocks and contestant rows.

Modules, in reading order: :mod:`locate` (which pages hold results), :mod:`context` (the
election's name, voting days and chamber sizes around them), :mod:`geometry` and :mod:`bands`
(word boxes, rules, row bands of a page), :mod:`layout` (lines and tokens), :mod:`kinds`,
:mod:`merging`, :mod:`segment` and :mod:`pagebreaks` (what each band is; wrapped headers and
cells joined; where tables start and end; text at page breaks), :mod:`totals` (a totals row
told by its sum), :mod:`columns`, :mod:`figures`, :mod:`roles` and :mod:`scoring` (what each
column means, decided from the table's arithmetic), :mod:`rows` (rows, totals and turnout),
:mod:`turnout` (which line of a turnout block is which field, decided from the block's
arithmetic), :mod:`title` (contest titles and kinds), :mod:`composition` (a seats-only table
restating seats read before it is no contest) and :mod:`reader` (the entry point,
:func:`read_results`).
"""

from odihr.parse.results.reader import read_results

__all__ = ["read_results"]
