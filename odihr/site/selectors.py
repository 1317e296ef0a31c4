"""Every CSS selector and marker the crawler reads the site's pages with, in one place.

When the site's markup changes, this is the one module to update. A page where the selectors
that must find something find nothing raises :class:`~odihr.errors.SiteLayoutChanged` naming
the page and these selectors (see :mod:`odihr.site.pages`), so a changed site stops the run
loudly instead of quietly ingesting nothing.
"""

from __future__ import annotations

# --- the election listing (/odihr/elections?page=N) -------------------------------------------
#: One teaser per election.
LISTING_ITEM = "article.node--type-election"
#: A teaser in full view mode is the page's own node, not a listed election.
LISTING_ITEM_FULL_CLASS = "node--view-mode-full"
LISTING_TITLE = (".node__title a[href]", "h2 a[href]")
LISTING_COUNTRY = ".field--name-field-country a[href]"
LISTING_DATE = ".field--name-field-date time[datetime]"
LISTING_MISSION = ".field--name-field-mission-type"
PAGER = "nav.pager, .pager"
PAGER_NEXT = ("a[rel~=next]", ".pager__item--next a[href]")

# --- a country page ------------------------------------------------------------------------------
COUNTRY_ELECTION_LIST = "ul.election-list"
#: Fallback: the lists under a heading with this text.
COUNTRY_ELECTIONS_HEADING = "elections"
COUNTRY_MISSION = ".mission"

# --- an election page ----------------------------------------------------------------------------
ELECTION_NODE = "article.node--type-election"
ELECTION_META = ".election-meta"
ELECTION_DATE_FIELD = ".field--name-field-election-date"
ELECTION_TITLE = (".field--name-title", "h1")
ELECTION_ONGOING = ".messages--status"
#: A section or div whose class contains this word holds the election's documents...
DOCUMENTS_BLOCK_CLASS_WORD = "documents"
#: ... or, failing that, the parent of a heading with one of these texts.
DOCUMENTS_HEADINGS = ("documents", "reports")
DOCUMENT_ENTRY = ("article.document", ".views-row")
DOCUMENT_TYPE = ".field--name-field-document-type"
DOCUMENT_DATE = ".field--name-field-date time[datetime]"
DOCUMENT_TITLE = (".document__title a[href]", "h3 a[href]")
#: Path segment of the site's report files (``/files/f/documents/4/7/250536.pdf``): an election
#: page linking such files outside any documents section has changed its markup.
DOCUMENT_FILE_MARKER = "/f/documents/"


def field(name: str) -> tuple[str, str]:
    """Selectors of an election page's field ``name`` (its item first, then the field)."""
    return (f".field--name-field-{name} .field__item", f".field--name-field-{name}")


def documents_block_selectors() -> tuple[str, ...]:
    """How a documents section is looked for, as named in a SiteLayoutChanged error."""
    return (
        f"section/div with a class containing {DOCUMENTS_BLOCK_CLASS_WORD!r}",
        *(f"h2/h3 heading {h!r}" for h in DOCUMENTS_HEADINGS),
    )
