"""HTML of the scaled mirror's pages, in the sample mirror's markup (used by scaled_mirror.py).

The page chrome (header, navigation, sidebar with decoy handbook links, footer) is the sample
listing page's own; only ``<main>`` is generated, with the classes the site's pages carry
(listing teasers, pager, a country page's "Elections" list, an election page's metadata and
"Documents" block with language versions).
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

Frame = tuple[str, str]


def page_frame(sample: Path) -> Frame:
    """(everything before ``<main``, everything after ``</main>``) of the sample listing page."""
    html = (sample / "odihr" / "elections" / "index.html").read_text(encoding="utf-8")
    start, end = html.index("<main"), html.index("</main>") + len("</main>")
    return html[:start], html[end:]


def _nb(text: str) -> str:
    return escape(text).replace(" ", "&nbsp;")


def _day(d: date) -> str:
    return _nb(f"{d.day} {d:%B %Y}")


def _time(d: date, hour: str = "12:00:00") -> str:
    return f'<time datetime="{d.isoformat()}T{hour}Z">{_day(d)}</time>'


def _page(frame: Frame, title: str, main: str) -> str:
    head, tail = frame
    head = head.replace("<title>Elections | OSCE</title>", f"<title>{escape(title)} | OSCE</title>")
    return f'{head}<main role="main" class="layout-container">\n{main}\n</main>{tail}'


def listing_page(frame: Frame, elections: list[Any], number: int, pages: int) -> str:
    """Listing page ``number`` (0-based) of ``pages``: teasers newest first and a pager."""
    rows = []
    for e in elections:
        rows.append(f"""    <div class="views-row">
      <article class="node node--type-election node--view-mode-teaser">
        <div class="field field--name-field-date">{_time(e.dates[0])}</div>
        <h3 class="node__title"><a href="{e.path}" rel="bookmark"><span>{escape(e.country)}, {_nb(e.title)}</span></a></h3>
        <div class="field field--name-field-mission-type">{escape(e.mission)}</div>
        <div class="field field--name-field-country"><a href="/odihr/elections/{e.slug}" hreflang="en">{escape(e.country)}</a></div>
      </article>
    </div>""")  # noqa: E501
    items = [
        f'<li class="pager__item{" is-active" if n == number else ""}">'
        f'<a href="?page={n}">{n + 1}</a></li>'
        for n in range(max(0, number - 2), min(pages, number + 3))
    ]
    if number + 1 < pages:
        items.append(
            f'<li class="pager__item pager__item--next"><a href="?page={number + 1}" '
            f'title="Go to next page" rel="next">Next &rsaquo;</a></li>'
        )
        items.append(
            f'<li class="pager__item pager__item--last"><a href="?page={pages - 1}" '
            f'title="Go to last page">Last &raquo;</a></li>'
        )
    main = f"""<div class="layout-content">
<h1 class="page-title">Elections</h1>
<div class="view view-elections view-id-elections view-display-id-page_1">
  <div class="view-content">
{chr(10).join(rows)}
  </div>
<nav class="pager" role="navigation"><ul class="pager__items">{"".join(items)}</ul></nav>
</div>
</div>"""
    return _page(frame, "Elections", main)


def country_page(frame: Frame, elections: list[Any]) -> str:
    """A country's page: its "Elections" list, newest first."""
    country = escape(elections[0].country)
    rows = "\n".join(
        f'    <li><a href="{e.path}">{_nb(e.title)}</a> <span class="mission">'
        f"{escape(e.mission)}</span></li>"
        for e in elections
    )
    main = f"""<div class="layout-content">
<h1 class="page-title">{country}</h1>
<section class="block block-views"><h2>Elections</h2>
  <ul class="election-list">
{rows}
  </ul>
</section>
</div>"""
    return _page(frame, elections[0].country, main)


def _document(election: Any, document: Any) -> str:
    first = document.versions[0]
    languages = " | ".join(
        f'<a href="{v.url_path}" hreflang="{v.language}" type="application/pdf">'
        f"{'English' if v.language == 'en' else 'Русский'}</a>"
        for v in document.versions
    )
    css = {"needs_assessment": "nam", "preliminary_statement": "prelim"}.get(
        document.report_type, document.report_type
    )
    return f"""    <div class="views-row">
      <article class="document document--type-{css}">
        <div class="field field--name-field-document-type">{escape(document.label)}</div>
        <h3 class="document__title"><a href="{first.url_path}">{escape(election.country)}, {_nb(election.title)}: {escape(document.label)}</a></h3>
        <div class="field field--name-field-date">{_time(document.published, "10:00:00")}</div>
        <div class="field field--name-field-languages">Available in:&nbsp; {languages}</div>
      </article>
    </div>"""  # noqa: E501


def election_page(frame: Frame, e: Any) -> str:
    """An election's page: metadata and its "Documents" block."""
    dates = " and ".join(_time(d) for d in e.dates)
    kind = "Referendum" if e.kind == "Constitutional" else e.kind
    ongoing = (
        ""
        if e.has_final
        else '<div class="messages messages--status">The final report will be published '
        "after the election.</div>\n"
    )
    documents = "\n".join(_document(e, d) for d in e.documents)
    main = f"""<div class="layout-content">
<article class="node node--type-election node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{_nb(e.title)}</span></h1>
{ongoing}<div class="election-meta">
  <div class="field field--name-field-country"><div class="field__label">Country</div><div class="field__item"><a href="/odihr/elections/{e.slug}">{escape(e.country)}</a></div></div>
  <div class="field field--name-field-mission-type"><div class="field__label">Type of mission</div><div class="field__item">{escape(e.mission)}</div></div>
  <div class="field field--name-field-election-type"><div class="field__label">Type of election</div><div class="field__item">{kind}</div></div>
  <div class="field field--name-field-election-date"><div class="field__label">Election date</div><div class="field__item">{dates}</div></div>
</div>
<section class="block block-views block-views-blockdocuments-block-1">
  <h2>Documents</h2>
  <div class="view-content">
{documents}
  </div>
</section>
</article>
</div>"""  # noqa: E501
    return _page(frame, f"{e.country}, {e.title}", main)
