"""View definitions as each revision created them (a revision must not change after release)."""

from db.views import VIEWS

#: Revision 0001 (unreleased until the first landing: taken from db/views.py).
VIEWS_0001 = tuple(VIEWS.values())
