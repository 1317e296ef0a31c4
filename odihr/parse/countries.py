"""Country names as the ODIHR site lists them, from the forms reports print.

Reports print formal names (``REPUBLIC OF KAZAKHSTAN``, ``KYRGYZ REPUBLIC``,
``РЕСПУБЛИКА МОЛДОВА``); the site names countries by their short name (``Kazakhstan``,
``Kyrgyzstan``, ``Moldova``). The table covers the OSCE participating States and the names they
have had in ODIHR reports, in English and Russian.
"""

from __future__ import annotations

import re

#: Site name -> other names (English and Russian, any case) that mean the same country.
SITE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Albania": ("Албания",),
    "Andorra": ("Андорра",),
    "Armenia": ("Армения",),
    "Austria": ("Австрия",),
    "Azerbaijan": ("Азербайджан", "Азербайджанская Республика"),
    "Belarus": ("Беларусь", "Белоруссия"),
    "Belgium": ("Бельгия",),
    "Bosnia and Herzegovina": ("Босния и Герцеговина",),
    "Bulgaria": ("Болгария",),
    "Canada": ("Канада",),
    "Croatia": ("Хорватия",),
    "Cyprus": ("Кипр",),
    "Czech Republic": ("Czechia", "Чехия", "Чешская Республика"),
    "Denmark": ("Дания",),
    "Estonia": ("Эстония",),
    "Finland": ("Финляндия",),
    "France": ("French Republic", "Франция"),
    "Georgia": ("Грузия",),
    "Germany": ("Германия",),
    "Greece": ("Hellenic Republic", "Греция"),
    "Holy See": ("Святой Престол",),
    "Hungary": ("Венгрия",),
    "Iceland": ("Исландия",),
    "Ireland": ("Ирландия",),
    "Italy": ("Italian Republic", "Италия"),
    "Kazakhstan": ("Казахстан",),
    "Kyrgyzstan": ("Kyrgyz Republic", "Кыргызстан", "Киргизия", "Кыргызская Республика"),
    "Latvia": ("Латвия",),
    "Liechtenstein": ("Лихтенштейн",),
    "Lithuania": ("Литва",),
    "Luxembourg": ("Люксембург",),
    "Malta": ("Мальта",),
    "Moldova": ("Молдова", "Молдавия"),
    "Monaco": ("Монако",),
    "Mongolia": ("Монголия",),
    "Montenegro": ("Черногория",),
    "Netherlands": ("Нидерланды",),
    "North Macedonia": (
        "Macedonia", "former Yugoslav Republic of Macedonia", "Северная Македония", "Македония",
    ),
    "Norway": ("Норвегия",),
    "Poland": ("Польша",),
    "Portugal": ("Portuguese Republic", "Португалия"),
    "Romania": ("Румыния",),
    "Russian Federation": ("Russia", "Российская Федерация", "Россия"),
    "San Marino": ("Сан-Марино",),
    "Serbia": ("Сербия",),
    "Slovakia": ("Slovak Republic", "Словакия", "Словацкая Республика"),
    "Slovenia": ("Словения",),
    "Spain": ("Испания",),
    "Sweden": ("Швеция",),
    "Switzerland": ("Swiss Confederation", "Швейцария"),
    "Tajikistan": ("Таджикистан",),
    "Türkiye": ("Turkey", "Турция", "Турецкая Республика"),
    "Turkmenistan": ("Туркменистан", "Туркмения"),
    "Ukraine": ("Украина",),
    "United Kingdom": (
        "United Kingdom of Great Britain and Northern Ireland", "Соединённое Королевство",
        "Великобритания",
    ),
    "United States of America": (
        "United States", "USA", "Соединённые Штаты Америки", "Соединенные Штаты", "США",
    ),
    "Uzbekistan": ("Узбекистан",),
}

#: Words of a formal name that the site's short name drops (``Republic of``, ``Kingdom of``...).
_FORMAL_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:federal\s+|democratic\s+|socialist\s+)?republic|kingdom|principality|"
    r"grand\s+duchy|state|(?:федеративная\s+)?республика|королевство|княжество)\s+(?:of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_FORMAL_SUFFIX = re.compile(r"\s+республика$", re.IGNORECASE)


def _key(name: str) -> str:
    name = name.casefold().replace("ё", "е").replace("\u00a0", " ")
    name = re.sub(r"[\d*†‡]+$", "", name)  # a footnote marker glued to the name
    return " ".join(name.replace("–", "-").split()).strip(" ,.;:")


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for site_name, others in SITE_COUNTRIES.items():
        for name in (site_name, *others):
            index[_key(name)] = site_name
    return index


_INDEX = _build_index()


def site_country(printed: str) -> str | None:
    """The site's name of the country a report prints, or ``None`` if it is not a known country.

    >>> site_country("REPUBLIC OF KAZAKHSTAN"), site_country("РЕСПУБЛИКА МОЛДОВА")
    ('Kazakhstan', 'Moldova')
    """
    key = re.sub(r"^the\s+", "", _key(printed))
    if not key:
        return None
    if key in _INDEX:
        return _INDEX[key]
    shorter = _key(_FORMAL_PREFIX.sub("", key))
    if shorter in _INDEX:
        return _INDEX[shorter]
    shorter = _key(_FORMAL_SUFFIX.sub("", shorter))
    return _INDEX.get(shorter)
