"""Country names as the ODIHR site lists them, from the forms reports print.

Reports print formal names (``REPUBLIC OF KAZAKHSTAN``, ``KYRGYZ REPUBLIC``,
``РЕСПУБЛИКА МОЛДОВА``); the site names countries by their short name (``Kazakhstan``,
``Kyrgyzstan``, ``Moldova``). Recognising a printed name is :func:`odihr.countries.country_code`'s
job (ISO names in English and Russian, official forms, aliases); this module only maps the ISO
code of an OSCE participating State to the site's short name.
"""

from __future__ import annotations

import re

from odihr.countries import country_code
from odihr.parse.text.elections import title_case

#: ISO 3166-1 alpha-2 → the site's name, for the OSCE participating States ODIHR observes.
SITE_NAMES: dict[str, str] = {
    "AL": "Albania",
    "AD": "Andorra",
    "AM": "Armenia",
    "AT": "Austria",
    "AZ": "Azerbaijan",
    "BY": "Belarus",
    "BE": "Belgium",
    "BA": "Bosnia and Herzegovina",
    "BG": "Bulgaria",
    "CA": "Canada",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czech Republic",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "GE": "Georgia",
    "DE": "Germany",
    "GR": "Greece",
    "VA": "Holy See",
    "HU": "Hungary",
    "IS": "Iceland",
    "IE": "Ireland",
    "IT": "Italy",
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "LV": "Latvia",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "MD": "Moldova",
    "MC": "Monaco",
    "MN": "Mongolia",
    "ME": "Montenegro",
    "NL": "Netherlands",
    "MK": "North Macedonia",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RU": "Russian Federation",
    "SM": "San Marino",
    "RS": "Serbia",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
    "CH": "Switzerland",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
    "TR": "Türkiye",
    "UA": "Ukraine",
    "GB": "United Kingdom",
    "US": "United States of America",
    "UZ": "Uzbekistan",
}

#: A footnote marker glued to the end of a printed name (``KAZAKHSTAN1``, ``Moldova*``).
_MARKER = re.compile(r"[\d*†‡]+$")
#: A bracketed qualifier after the name: the union or federation the state was part of
#: (``Republic of Serbia (Serbia and Montenegro)``).
_QUALIFIER = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<qualifier>[^()]+)\)$")


def site_country(printed: str) -> str | None:
    """The site's name of the country a report prints, or ``None`` if it is not an OSCE State.

    >>> site_country("REPUBLIC OF KAZAKHSTAN"), site_country("РЕСПУБЛИКА МОЛДОВА")
    ('Kazakhstan', 'Moldova')
    """
    name = _MARKER.sub("", printed.replace("\u00a0", " ")).strip(" ,.;:")
    code = country_code(name)
    qualified = _QUALIFIER.match(name) if code is None else None
    if qualified:  # the state named before its qualifier, else the qualifier if it is one
        code = country_code(qualified["name"]) or country_code(qualified["qualifier"])
    return SITE_NAMES.get(code) if code else None


def fallback_country(printed: str | None) -> str | None:
    """A country the table does not know: its printed name without the formal prefix."""
    if not printed:
        return None
    bare = re.sub(r"^(?:the\s+)?(?:republic|kingdom|principality)\s+of\s+", "", printed,
                  flags=re.IGNORECASE)
    return title_case(bare.upper())
