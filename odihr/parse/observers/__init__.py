"""The observer annex: who observed, from which country, in what role, in which delegation.

Modules, in reading order: :mod:`.reader` (the annex found, its pages read, the entry point
:func:`read_observers`), :mod:`.headings` (which lines head the rows under them),
:mod:`.table` (the borderless table's cells, columns and rows) and :mod:`.delegations` (the
contract's ``delegation_kind`` from the headings an observer is listed under).
"""

from odihr.parse.observers.reader import read_observers

__all__ = ["read_observers"]
