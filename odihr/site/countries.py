"""ISO 3166-1 alpha-2 codes of the OSCE participating States, by the names the site uses.

ODIHR observes elections in the 57 participating States only, so this table is complete for the
site; names it does not know give None (the warehouse then stores a null ``country_code``).
"""

from __future__ import annotations

import re
import unicodedata

_CODES = {
    "albania": "AL", "andorra": "AD", "armenia": "AM", "austria": "AT", "azerbaijan": "AZ",
    "belarus": "BY", "belgium": "BE", "bosnia and herzegovina": "BA", "bulgaria": "BG",
    "canada": "CA", "croatia": "HR", "cyprus": "CY", "czechia": "CZ", "czech republic": "CZ",
    "denmark": "DK", "estonia": "EE", "finland": "FI", "france": "FR", "georgia": "GE",
    "germany": "DE", "greece": "GR", "holy see": "VA", "hungary": "HU", "iceland": "IS",
    "ireland": "IE", "italy": "IT", "kazakhstan": "KZ", "kyrgyzstan": "KG",
    "kyrgyz republic": "KG", "latvia": "LV", "liechtenstein": "LI", "lithuania": "LT",
    "luxembourg": "LU", "malta": "MT", "moldova": "MD", "republic of moldova": "MD",
    "monaco": "MC", "mongolia": "MN", "montenegro": "ME", "netherlands": "NL",
    "north macedonia": "MK", "macedonia": "MK",
    "former yugoslav republic of macedonia": "MK", "norway": "NO", "poland": "PL",
    "portugal": "PT", "romania": "RO", "russian federation": "RU", "russia": "RU",
    "san marino": "SM", "serbia": "RS", "slovakia": "SK", "slovak republic": "SK",
    "slovenia": "SI", "spain": "ES", "sweden": "SE", "switzerland": "CH", "tajikistan": "TJ",
    "turkiye": "TR", "turkey": "TR", "turkmenistan": "TM", "ukraine": "UA",
    "united kingdom": "GB", "united states": "US", "united states of america": "US",
    "uzbekistan": "UZ",
}


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def country_code(name_or_slug: str | None) -> str | None:
    """ISO alpha-2 for a country name (``Kyrgyzstan``) or site slug (``north-macedonia``)."""
    if not name_or_slug:
        return None
    return _CODES.get(_key(name_or_slug))
