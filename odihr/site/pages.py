"""Pure parsers of the site's HTML pages: listing, country and election pages.

Links are only taken from the page regions that list elections or documents -- listing teasers
(``article.node--type-election``) and the pager, a country page's "Elections" list, an election
page's "Documents" block -- never from navigation, body text, "News" or "Related" lists, so
press releases, galleries, handbooks and other sites are never followed.

``page_url`` is the URL a page was fetched from; relative links resolve against it and links to a
site host are re-based onto its origin (see :mod:`odihr.site.urls`).

Translations: one document entry on an election page may link the same document in several
languages (``Available in: English | Русский``). Each distinct PDF of the entry is one
:class:`DiscoveredDocument`. The **original** is the English version if the entry has one,
otherwise the version the entry's title links to, otherwise the first one listed; every other
version gets ``translation_of`` = the original's ``url_path``. A PDF linked several times (title,
language link, download button, or another entry on the page) is one document, the first wins.
"""

from __future__ import annotations

import re
from datetime import date

from bs4 import BeautifulSoup, Tag

from odihr.countries import country_code
from odihr.errors import SiteLayoutChanged
from odihr.parse.text.dates import leading_ymd, search_dates
from odihr.site import selectors as sel
from odihr.site.models import DiscoveredDocument, DiscoveredElection, ListingEntry
from odihr.site.urls import (
    file_language,
    is_pdf_path,
    path_segments,
    pdf_id,
    site_link,
    url_path,
    without_query,
)

ORIGINAL_LANGUAGE = "en"
_EARLY = re.compile(r"\b(early|snap|pre-term|extraordinary)\b", re.I)
_KNOWN_TYPES = ("parliamentary", "presidential", "referendum", "local", "municipal", "regional",
                "mayoral", "general", "legislative", "provincial")
_NOT_TYPE = {"early", "snap", "pre", "term", "extraordinary", "and", "election", "elections",
             "the", "of", "round", "second", "repeat"}
_TYPE_CLASSES = {"nam": "needs_assessment", "prelim": "preliminary_statement",
                 "interim": "interim", "final": "final"}


def clean(text: str | None) -> str:
    """Collapse whitespace (including no-break spaces) and strip."""
    return " ".join((text or "").split())


def _text(node: Tag | None) -> str | None:
    if node is None:
        return None
    return clean(node.get_text(" ")) or None


def _first(node: Tag, selectors: tuple[str, ...]) -> Tag | None:
    """The first match of the first selector that matches anything."""
    for selector in selectors:
        found = node.select_one(selector)
        if found is not None:
            return found
    return None


def _main(soup: BeautifulSoup) -> Tag:
    main = soup.find("main")
    return main if isinstance(main, Tag) else soup


def title_date(text: str) -> date | None:
    """The first date printed in a title: ``30 October and 13 November 2016`` -> 2016-10-30
    (read by the project's one date reader, :func:`odihr.parse.text.dates.search_dates`)."""
    found = search_dates(text)
    return found[0] if found else None


def _site_id(url: str) -> int | None:
    segments = path_segments(url)
    return int(segments[-1]) if segments and segments[-1].isdigit() else None


def _link(node: Tag | None, page_url: str) -> str | None:
    if node is None or not node.get("href"):
        return None
    return site_link(str(node["href"]), page_url)


def report_type_code(label: str | None, css_classes: list[str] | tuple[str, ...] = ()) -> str:
    """Contract ``report_type`` for a document label (``Final Report`` -> ``final``)."""
    text = (label or "").lower()
    for needle, code in (("needs assessment", "needs_assessment"),
                         ("needs-assessment", "needs_assessment"),
                         ("preliminary", "preliminary_statement"), ("interim", "interim"),
                         ("final", "final")):
        if needle in text:
            return code
    for css in css_classes:
        if css.startswith("document--type-") and css[15:] in _TYPE_CLASSES:
            return _TYPE_CLASSES[css[15:]]
    return "other"


def election_type(type_text: str | None, title: str = "") -> tuple[str | None, bool]:
    """``("parliamentary", True)`` from ``Parliamentary (early)`` or ``Early Parliamentary ...``.

    The type is the known election kind named by the "Type of election" field (else the title);
    several kinds are joined with ``_`` (``parliamentary_presidential``); an unknown kind is its
    first word, lower-cased.
    """
    early = bool(_EARLY.search(type_text or "") or _EARLY.search(title))
    source = type_text or title.split(",")[0]
    words = [w for w in re.findall(r"[a-z]+", source.lower()) if w not in _NOT_TYPE]
    known = list(dict.fromkeys(w for w in words if w in _KNOWN_TYPES))
    if known:
        return "_".join(known), early
    return (words[0] if words else None), early


def parse_listing_page(html: str, page_url: str) -> tuple[tuple[ListingEntry, ...],
                                                           tuple[str, ...], str | None]:
    """``(entries, country_page_urls, next_page_url)`` of one listing page."""
    main = _main(BeautifulSoup(html, "html.parser"))
    entries: list[ListingEntry] = []
    countries: dict[str, str] = {}
    for teaser in main.select(sel.LISTING_ITEM):
        if sel.LISTING_ITEM_FULL_CLASS in (teaser.get("class") or []):
            continue
        title_link = _first(teaser, sel.LISTING_TITLE)
        url = _link(title_link, page_url)
        site_id = _site_id(url) if url else None
        if url is None or site_id is None:
            continue
        country_node = teaser.select_one(sel.LISTING_COUNTRY)
        country = _text(country_node)
        country_url = _link(country_node, page_url)
        if country_url:
            countries.setdefault(url_path(country_url), without_query(country_url))
        segments = path_segments(url)
        slug = path_segments(country_url)[-1] if country_url else (
            segments[-2] if len(segments) >= 2 else None)
        title = _text(title_link) or ""
        if country and title.startswith(country + ", "):
            title = title[len(country) + 2:]
        when = teaser.select_one(sel.LISTING_DATE)
        entries.append(ListingEntry(
            url=without_query(url), url_path=url_path(url), site_id=site_id, title=title,
            country=country, country_slug=slug,
            election_date=leading_ymd(when["datetime"]) if when else title_date(title),
            mission_type=_text(teaser.select_one(sel.LISTING_MISSION)),
        ))
    return tuple(entries), tuple(countries.values()), _next_page(main, page_url)


def _next_page(main: Tag, page_url: str) -> str | None:
    pager = main.select_one(sel.PAGER)
    if pager is None:
        return None
    node = _first(pager, sel.PAGER_NEXT)
    url = _link(node, page_url)
    return url if url and url_path(url) == url_path(page_url) and url != page_url else None


def parse_country_page(html: str, page_url: str) -> tuple[ListingEntry, ...]:
    """The elections listed in a country page's "Elections" list (not its "News")."""
    main = _main(BeautifulSoup(html, "html.parser"))
    lists = main.select(sel.COUNTRY_ELECTION_LIST)
    if not lists:
        for heading in main.find_all(["h2", "h3"]):
            if clean(heading.get_text()).lower() == sel.COUNTRY_ELECTIONS_HEADING and \
                    heading.parent is not None:
                lists.extend(heading.parent.find_all("ul"))
    country = _text(main.select_one("h1"))
    slug = path_segments(page_url)[-1] if path_segments(page_url) else None
    entries: list[ListingEntry] = []
    for ul in lists:
        for item in ul.find_all("li", recursive=False):
            node = item.find("a", href=True)
            url = _link(node if isinstance(node, Tag) else None, page_url)
            site_id = _site_id(url) if url else None
            if url is None or site_id is None:
                continue
            title = _text(node) or ""
            entries.append(ListingEntry(
                url=without_query(url), url_path=url_path(url), site_id=site_id, title=title,
                country=country, country_slug=slug, election_date=title_date(title),
                mission_type=_text(item.select_one(sel.COUNTRY_MISSION)), source="country",
            ))
    return tuple(entries)


def parse_election_page(html: str, page_url: str) -> DiscoveredElection | None:
    """The election and its documents; None if the page is not an election (a press release)."""
    soup = BeautifulSoup(html, "html.parser")
    node = _main(soup).select_one(sel.ELECTION_NODE)
    site_id = _site_id(page_url)
    if node is None or site_id is None:
        return None
    date_field = node.select_one(sel.ELECTION_DATE_FIELD)
    if node.select_one(sel.ELECTION_META) is None and date_field is None:
        return None

    def field(name: str) -> Tag | None:
        return _first(node, sel.field(name))

    title = _text(_first(node, sel.ELECTION_TITLE)) or ""
    country_node = field("country")
    country_link = country_node.find("a", href=True) if country_node else None
    country_url = _link(country_link if isinstance(country_link, Tag) else None, page_url)
    segments = path_segments(page_url)
    slug = path_segments(country_url)[-1] if country_url else (
        segments[-2] if len(segments) >= 2 else "")
    country = _text(country_node) or slug
    kind, early = election_type(_text(field("election-type")), title)
    dates = tuple(d for d in (leading_ymd(t.get("datetime"))
                              for t in (date_field.select("time[datetime]") if date_field else []))
                  if d is not None)
    html_tag = soup.find("html")
    page_lang = None
    if isinstance(html_tag, Tag) and html_tag.get("lang"):
        page_lang = str(html_tag["lang"]).split("-")[0].lower()
    path = url_path(page_url)
    return DiscoveredElection(
        url=without_query(page_url), url_path=path, site_id=site_id, country=country,
        country_slug=slug, country_code=country_code(country) or country_code(slug),
        title=title, election_type=kind, early=early,
        election_date=dates[0] if dates else title_date(title), election_dates=dates,
        mission_type=_text(field("mission-type")),
        status="ongoing" if node.select_one(sel.ELECTION_ONGOING) else "completed",
        documents=_documents(node, page_url, path, page_lang),
        unread=_unread_entries(node, page_url),
    )


def _has_pdf_links(node: Tag, page_url: str) -> bool:
    """True when ``node`` links a report file (not a handbook or another PDF of the body text)."""
    return any(
        (url := _link(a, page_url)) is not None and is_pdf_path(url)
        and sel.DOCUMENT_FILE_MARKER in url_path(url)
        for a in node.find_all("a", href=True)
    )


def _document_entries(node: Tag, page_url: str) -> list[Tag]:
    """The document entries of an election page.

    Raises:
        SiteLayoutChanged: the page links PDFs but no documents section is found, or its
            documents section links PDFs outside any document entry: the markup changed.
    """
    blocks = [b for b in node.find_all(["section", "div"])
              if any(sel.DOCUMENTS_BLOCK_CLASS_WORD in c for c in (b.get("class") or []))]
    if not blocks:
        blocks = [h.parent for h in node.find_all(["h2", "h3"])
                  if clean(h.get_text()).lower() in sel.DOCUMENTS_HEADINGS and h.parent]
    if not blocks and _has_pdf_links(node, page_url):
        raise SiteLayoutChanged(url_path(page_url),
                                "PDF links but no documents section",
                                sel.documents_block_selectors())
    entries: list[Tag] = []
    taken: set[int] = set()
    for block in blocks:
        for entry in block.select(sel.DOCUMENT_ENTRY[0]) or block.select(sel.DOCUMENT_ENTRY[1]):
            if id(entry) not in taken:
                taken.add(id(entry))
                entries.append(entry)
    if not entries and any(_has_pdf_links(b, page_url) for b in blocks):
        raise SiteLayoutChanged(url_path(page_url),
                                "a documents section whose PDF links are in no document entry",
                                sel.DOCUMENT_ENTRY)
    return entries


def _documents(node: Tag, page_url: str, election_path: str,
               page_lang: str | None) -> tuple[DiscoveredDocument, ...]:
    out: list[DiscoveredDocument] = []
    seen: set[str] = set()
    for entry in _document_entries(node, page_url):
        label = _text(entry.select_one(sel.DOCUMENT_TYPE)) or "Document"
        code = report_type_code(label, entry.get_attribute_list("class"))
        when = entry.select_one(sel.DOCUMENT_DATE)
        published = leading_ymd(when["datetime"]) if when else None
        title_node = _first(entry, sel.DOCUMENT_TITLE)
        title_url = _link(title_node, page_url)
        versions: dict[str, tuple[str, str | None]] = {}  # url_path -> (url, hreflang)
        for link in entry.find_all("a", href=True):
            url = _link(link, page_url)
            if url is None or not (is_pdf_path(url) or link.get("type") == "application/pdf"):
                continue
            path = url_path(url)
            lang = str(link.get("hreflang") or "").split("-")[0].lower() or file_language(path)
            if path not in versions or (versions[path][1] is None and lang):
                versions[path] = (without_query(url), lang)
        versions = {p: v for p, v in versions.items() if p not in seen}
        if not versions:
            continue
        original = next((p for p, (_, lang) in versions.items() if lang == ORIGINAL_LANGUAGE),
                        url_path(title_url) if title_url and url_path(title_url) in versions
                        else next(iter(versions)))
        for path, (url, lang) in versions.items():
            seen.add(path)
            out.append(DiscoveredDocument(
                url=url, url_path=path, pdf_id=pdf_id(url), document_type=label,
                report_type=code, language=lang or page_lang, published_on=published,
                translation_of=None if path == original else original,
                election_url_path=election_path,
            ))
    return tuple(out)


def _unread_entries(node: Tag, page_url: str) -> tuple[tuple[str, str], ...]:
    """``(url, reason)`` of document entries that link a document but no PDF: the report's text
    published as a web page. Listed, so the run reports each one instead of dropping it."""
    out: list[tuple[str, str]] = []
    for entry in _document_entries(node, page_url):
        links = [url for a in entry.find_all("a", href=True)
                 if (url := _link(a, page_url)) is not None]
        if not links or any(is_pdf_path(u) for u in links) or entry.find(
                "a", attrs={"type": "application/pdf"}):
            continue
        title = _link(_first(entry, sel.DOCUMENT_TITLE), page_url) or links[0]
        label = _text(entry.select_one(sel.DOCUMENT_TYPE)) or "Document"
        out.append((without_query(title), f"{label}: published as a web page, not as a PDF; "
                                          "its text is not read"))
    return tuple(out)
