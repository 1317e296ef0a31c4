"""Country names as ODIHR reports print them, mapped to ISO 3166-1 alpha-2 codes.

The ISO 3166-1 names come from ``pycountry`` (Debian's iso-codes): every country's English short,
common and official names, and their Russian forms from its ``ru`` translation catalogue.
:data:`ALIASES` adds the names reports actually print that ISO does not use (``Turkey``,
``Russia``, ``the former Yugoslav Republic of Macedonia``, ``Korea, South``, ``USA``,
``Кыргызстан`` …), historical states that observer lists and 1990s reports name, and the
1990s transliterations (``Kazakstan``, ``Azerbaidjan``, ``Byelorussia``, ``Kirgizstan``). Matching
ignores case, accents on Latin letters, ``ё``/``е``, a leading "the" and punctuation, so
``The Netherlands`` and ``Netherlands`` agree.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import cache, lru_cache

import pycountry

#: Languages whose ISO 3166-1 translations are matched besides English.
TRANSLATIONS = ("ru",)

#: Names reports print that ISO 3166-1 does not list, by ISO code.
#: ``XK`` (Kosovo) is the user-assigned code the EU and the OSCE use; ``CS``/``YU``/``SU`` are the
#: transitionally reserved codes of states that no longer exist, for 1990s reports and observers.
ALIASES: dict[str, tuple[str, ...]] = {
    "AM": ("Republic of Armenia",),
    "AZ": ("Republic of Azerbaijan", "Azerbaidjan", "Azerbaidzhan"),
    "BA": ("Bosnia-Herzegovina", "Bosnia & Herzegovina", "BiH"),
    "BY": ("Belarus, Republic of", "Byelorussia", "Belorussia", "Белоруссия"),
    "CZ": ("Czech Rep.",),
    "DE": ("Federal Republic of Germany", "ФРГ"),
    "GB": ("UK", "U.K.", "Great Britain", "Britain", "Великобритания"),
    "IR": ("Iran", "Исламская Республика Иран"),
    "KG": ("Kyrgyz Rep.", "Kirghizia", "Kirgizstan", "Kyrgystan", "Кыргызстан",
           "Кыргызская Республика"),
    "KR": ("Korea, South", "Republic of Korea", "Korea (South)", "Korea"),
    "KZ": ("Republic of Kazakhstan", "Kazakstan", "Republic of Kazakstan", "Республика Казахстан"),
    "MD": ("Moldova, Rep.", "Moldavia", "Молдова"),
    "MK": (
        "Macedonia",
        "former Yugoslav Republic of Macedonia",
        "FYR Macedonia",
        "FYROM",
        "Republic of Macedonia",
        "Македония",
        "бывшая югославская Республика Македония",
    ),
    "NL": ("Holland",),
    "RU": ("Russia", "Россия"),
    "SK": ("Slovak Republic", "Словацкая Республика"),
    "SY": ("Syria",),
    "TR": ("Turkey", "Republic of Turkey", "Турция", "Турецкая Республика"),
    "TW": ("Taiwan",),
    "US": ("USA", "U.S.A.", "US", "U.S.", "America", "США", "Соединённые Штаты"),
    "VA": ("Holy See", "Vatican", "Vatican City", "Святой Престол", "Ватикан"),
    "VN": ("Vietnam",),
    "XK": ("Kosovo", "Republic of Kosovo", "Косово"),
    "CS": ("Serbia and Montenegro", "State Union of Serbia and Montenegro", "Сербия и Черногория"),
    "YU": ("Yugoslavia", "Federal Republic of Yugoslavia", "FRY", "Югославия"),
    "SU": ("USSR", "Soviet Union", "СССР"),
}

_PUNCT = re.compile(r"[^\w\s&]+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)  # pure; observer lists print the same few countries again and again
def normalise_country(name: str) -> str:
    """The matching key of a printed country name (case, accents and "the" ignored).

    Punctuation, including parentheses, becomes a space, so ``Korea (South)`` keeps its qualifier
    as a word the way ISO's own names do.
    """
    text = unicodedata.normalize("NFKC", name).replace("’", "'").strip()
    text = text.casefold().replace("ё", "е")
    # Drop accents of Latin letters (Türkiye, Côte d'Ivoire) but keep Cyrillic й intact.
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and kept and kept[-1].isascii():
            continue
        kept.append(ch)
    text = unicodedata.normalize("NFC", "".join(kept))
    text = _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def iso_names() -> dict[str, list[str]]:
    """Every ISO 3166-1 country's names by alpha-2 code: English short, common and official
    names, then their forms in each of :data:`TRANSLATIONS`."""
    catalogues = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                      fallback=True) for lang in TRANSLATIONS]
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        english = [getattr(country, attr, None) for attr in ("name", "common_name",
                                                              "official_name")]
        own = [n for n in english if n]
        translated = [c.gettext(n) for c in catalogues for n in own]
        names[country.alpha_2] = list(dict.fromkeys(own + translated))
    return names


@cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, names in iso_names().items():
        for name in names:
            table.setdefault(normalise_country(name), code)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            table[normalise_country(alias)] = code
    return table


def country_code(name: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a printed country name, or None if it is not recognised.

    >>> country_code("Kazakhstan"), country_code("The Netherlands"), country_code("Испания")
    ('KZ', 'NL', 'ES')
    """
    if name is None or not name.strip():
        return None
    return _table().get(normalise_country(name))


def country_keys() -> list[str]:
    """Every recognised normalised name (the value set the observer suites check against)."""
    return sorted(_table())
