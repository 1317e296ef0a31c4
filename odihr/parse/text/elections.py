"""Election phrases as covers print them: ``EARLY PARLIAMENTARY ELECTIONS``, ``Presidential
Election in Armenia``, ``ELECTIONS TO THE STATE DUMA``, ``RIIGIKOGU ELECTIONS``, ``Выборы
президента``.

An English phrase is a few words ending in *election(s)*, *referendum* or *plebiscite*, optionally
followed by ``to the <body>`` and ``in|of <country>``. Its kind comes from its structure:

* a word naming a kind (``presidential``, ``local``, ``referendum``…; a misspelt one such as
  ``PARLIAMENTART`` is read as the word it is closest to) gives that kind;
* otherwise an adjective before "elections" (``Regional Elections``) is the kind itself;
* otherwise the elections are named after a body (``State Duma Elections``, ``Elections to the
  Riigikogu``): a local body (council, city, municipality…) makes them ``local``, any other body is
  a parliament, so ``parliamentary``.
"""

from __future__ import annotations

import difflib
import re

from odihr.countries import country_code

#: Words that name a kind of election, and the contract's ``election_type`` they give.
KIND_WORDS = {
    "presidential": "presidential", "parliamentary": "parliamentary",
    "general": "parliamentary", "legislative": "parliamentary", "local": "local",
    "municipal": "local", "mayoral": "local", "referendum": "referendum",
    "plebiscite": "referendum",
}
#: Nouns that make a named body a local one (``Elections to the City Council``).
_LOCAL_BODY = re.compile(
    r"\b(?:councils?|city|municipal\w*|mayors?|local|district|communal|commune|self-government)\b",
    re.IGNORECASE,
)
#: Adjective endings: a modifier with one of these is itself a kind (``regional``, ``cantonal``).
_ADJECTIVE = re.compile(r"(?:al|ary|ive|ic|ial)$")
_ORGANISATION = re.compile(r"^(?:osce|odihr|osce/odihr|bdipch|бдипч)$|/", re.IGNORECASE)
_EARLY = re.compile(r"\b(?:early|snap|extraordinary|pre-term|preterm)\b", re.IGNORECASE)
_ENDING = r"(?:elections?|referendum|plebiscite)"
_EN_ELECTION = re.compile(
    rf"^(?P<phrase>(?P<mods>(?:[^\W\d_][\w'’-]*\s+){{0,5}}?){_ENDING}"
    r"(?:\s+(?:to|for|of|on)\s+(?:the\s+)?(?P<body>(?!(?:the|of|and|in)\b)[^\W\d_][\w'’-]*"
    r"(?:\s+[^\W\d_][\w'’-]*){0,5}))?)"
    r"$",
    re.IGNORECASE,
)
_COUNTRY_JOIN = re.compile(r"\s+(?:in|of)\s+(?=[^\W\d_][\w\s'’-]*$)", re.IGNORECASE)
#: Russian election phrases -> (English phrase as the site titles it, election_type).
_RU_ELECTIONS = (
    ("президент", "Presidential Election", "presidential"),
    ("парламент", "Parliamentary Elections", "parliamentary"),
    # Elections named after the chamber: Majilis, Jogorku Kenesh, Verkhovna Rada, State Duma...
    ("мажилис", "Parliamentary Elections", "parliamentary"),
    ("жогорку кенеш", "Parliamentary Elections", "parliamentary"),
    ("верховн", "Parliamentary Elections", "parliamentary"),
    ("государственную думу", "Parliamentary Elections", "parliamentary"),
    ("милли меджлис", "Parliamentary Elections", "parliamentary"),
    ("местн", "Local Elections", "local"),
    ("муниципальн", "Local Elections", "local"),
    ("конституционный референдум", "Constitutional Referendum", "referendum"),
    ("референдум", "Referendum", "referendum"),
)
_RU_EARLY = re.compile(r"\b(?:внеочередн|досрочн)\w*", re.IGNORECASE)
_SMALL_WORDS = frozenset({"and", "of", "in", "the", "for", "to", "on", "a"})
#: How close a misspelt word must be to a kind word to be read as it (``PARLIAMENTART``).
_TYPO_CUTOFF = 0.85
_TYPO_MIN_LENGTH = 6


def title_case(phrase: str) -> str:
    """An all-capitals phrase in title case (``ELECTIONS TO THE RIIGIKOGU`` -> ``Elections to
    the Riigikogu``); any other phrase as printed."""
    if not phrase.isupper():
        return phrase
    words = phrase.lower().split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def _spelt(word: str) -> str:
    """``word``, or the kind word it misspells, in the printed word's case."""
    lower = word.lower()
    if lower in KIND_WORDS or len(lower) < _TYPO_MIN_LENGTH or _EARLY.fullmatch(lower):
        return word
    close = difflib.get_close_matches(lower, KIND_WORDS, n=1, cutoff=_TYPO_CUTOFF)
    if not close:
        return word
    fixed = close[0]
    return fixed.upper() if word.isupper() else fixed.capitalize() if word[:1].isupper() else fixed


def _kind(modifiers: list[str], ending: str, body: str | None) -> str:
    known = [KIND_WORDS[w] for w in [*modifiers, ending] if w in KIND_WORDS]
    if known:
        return known[0]
    if body and re.search(r"\bpresident\b", body, re.IGNORECASE):
        return "presidential"  # ``Election of the President``
    named = body or " ".join(w for w in modifiers if not _EARLY.fullmatch(w))
    if not body and modifiers and _ADJECTIVE.search(modifiers[-1]) \
            and not _EARLY.fullmatch(modifiers[-1]):
        return modifiers[-1]
    if not named:
        return "general"
    return "local" if _LOCAL_BODY.search(named) else "parliamentary"


def _english(text: str) -> tuple[str, str, bool, str | None] | None:
    country = None
    for join in _COUNTRY_JOIN.finditer(text):  # "… in Armenia", "… of the Russian Federation"
        if country_code(text[join.end():]):
            text, country = text[: join.start()], text[join.end():]
            break
    english = _EN_ELECTION.match(text)
    if not english:
        return None
    printed = english["phrase"].split()
    count = len(english["mods"].split())
    words = [_spelt(w) for w in printed[:count]] + printed[count:]  # typos in the kind only
    phrase = " ".join(words)
    modifiers = [w.lower() for w in words[:count]]
    body = english["body"]
    is_vote = re.search(r"(?:referendum|plebiscite)$", english["phrase"], re.IGNORECASE)
    if not modifiers and not body and not is_vote and country is None:
        return None  # a bare "Elections" names no election; "Elections in <country>" does
    if any(w in _SMALL_WORDS and w != "and" for w in modifiers):
        return None  # prose ("the elections", "in the election")
    if any(_ORGANISATION.search(w) for w in modifiers):
        return None  # a mission's name wrapped after "Election" (``ODIHR Election``)
    kind = _kind(modifiers, words[len(modifiers)].lower(), body)
    return title_case(phrase), kind, bool(_EARLY.search(phrase)), country


def election_phrase(text: str) -> tuple[str, str, bool, str | None] | None:
    """Read an election phrase such as ``EARLY PARLIAMENTARY ELECTIONS`` or ``Выборы президента``.

    Returns ``(phrase as the site titles it, election_type, early, country printed after "in" or
    "of", or None)``, or ``None`` when ``text`` is not an election phrase (prose is rejected).
    """
    text = " ".join(text.split())
    english = _english(text)
    if english:
        return english
    lower = text.lower().replace("ё", "е")
    if len(lower.split()) > 6 or not re.search(r"\b(?:выборы|референдум)", lower):
        return None
    for stem, english_phrase, kind in _RU_ELECTIONS:
        if stem in lower:
            early = bool(_RU_EARLY.search(lower))
            return ("Early " if early else "") + english_phrase, kind, early, None
    return None
