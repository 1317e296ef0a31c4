"""The vocabulary of ODIHR title pages: report types, mission types, election kinds, languages.

Each reader takes one printed line (English or Russian) and returns the contract's value, or
``None`` when the line is not that kind of phrase. They know words, never positions: the layout
is :mod:`odihr.parse.metadata`'s business.
"""

from __future__ import annotations

import re
from collections import Counter

# --- report types ---------------------------------------------------------------------------

#: (pattern matching the end of a title line, contract report_type). The part of the line before
#: the match is usually the mission (``OSCE/ODIHR Election Observation Mission Final Report``).
_REPORT_TYPES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), code) for pattern, code in (
        (r"needs[\s-]+assessment\s+mission\s+report$", "needs_assessment"),
        (r"(?:(?:first|second|third|\d+(?:st|nd|rd|th))\s+)?interim\s+report"
         r"(?:\s+(?:no\.?\s*)?\d+)?$", "interim"),
        (r"statement\s+of\s+preliminary\s+findings\s+and\s+conclusions$", "preliminary_statement"),
        (r"final\s+report$", "final"),
        # Older reports are titled "<mission> Report" (``OSCE/ODIHR Election Observation Mission
        # Report``): the final report. Only "Report" is consumed; the rest names the mission.
        (r"(?<=mission)\s+report$", "final"),
        (r"(?<=team)\s+report$", "final"),
        (r"^отч[её]т\s+миссии\b.*\bпо\s+оценке\s+потребностей", "needs_assessment"),
        (r"^промежуточный\s+отч[её]т", "interim"),
        (r"^заявление\s+о\s+предварительных\s+выводах(?:\s+и\s+заключениях)?",
         "preliminary_statement"),
        (r"^(?:заключительный|окончательный|итоговый)\s+отч[её]т", "final"),
    )
)


def report_type(line: str) -> tuple[str, str] | None:
    """``(report_type, rest of the line)`` when ``line`` names a report type, else ``None``."""
    for pattern, code in _REPORT_TYPES:
        match = pattern.search(line)
        if match:
            rest = line[: match.start()] + line[match.end():]
            return code, rest.strip(" -–—,")
    return None


# --- mission types --------------------------------------------------------------------------

#: Abbreviations used in report text (``the ODIHR LEOM``, ``МНВ БДИПЧ ОБСЕ``).
MISSION_ABBREVIATIONS = {
    "EOM": "Election Observation Mission",
    "LEOM": "Limited Election Observation Mission",
    "EAM": "Election Assessment Mission",
    "SEAM": "Special Election Assessment Mission",
    "ROM": "Referendum Observation Mission",
    "LROM": "Limited Referendum Observation Mission",
    "EET": "Election Expert Team",
    "NAM": "Needs Assessment Mission",
    "МНВ": "Election Observation Mission",
    "ОМНВ": "Limited Election Observation Mission",
    "МОВ": "Election Assessment Mission",
}
JOINT_MISSION = "International Election Observation Mission"
_ORG_PREFIX = re.compile(r"^(?:(?:OSCE\s*/\s*)?ODIHR|OSCE)\s+", re.IGNORECASE)
_EN_MISSION = re.compile(
    r"^(?P<name>(?:(?:international|limited|special)\s+)*(?:election|referendum|needs)\s+"
    r"(?:observation|assessment|expert)\s+(?:mission|team))$", re.IGNORECASE,
)
_RU_MISSION = re.compile(
    r"^(?P<joint>международн\w+\s+)?(?P<limited>ограниченн\w+\s+)?мисси\w*\b(?P<rest>.*)$"
)
_RU_MISSION_KINDS = (
    ("по оценке потребностей", "Needs Assessment Mission"),
    ("по оценке выборов", "Election Assessment Mission"),
    ("по наблюдению за референдумом", "Referendum Observation Mission"),
    ("по наблюдению за выборами", "Election Observation Mission"),
)


def mission_type(line: str) -> str | None:
    """The mission named by a title line (``ODIHR LIMITED REFERENDUM OBSERVATION MISSION``).

    Returns the name in title case without the organisation (``Limited Referendum Observation
    Mission``), :data:`JOINT_MISSION` for the joint international mission, or ``None``.
    """
    text = " ".join(line.split())
    bare = _ORG_PREFIX.sub("", text)
    if bare.upper() in MISSION_ABBREVIATIONS and bare.isupper() and bare != text:
        return MISSION_ABBREVIATIONS[bare.upper()]
    english = _EN_MISSION.match(bare)
    if english:
        return " ".join(word.capitalize() for word in english["name"].split())
    russian = _RU_MISSION.match(text.lower().replace("ё", "е"))
    if russian:
        rest = russian["rest"]
        for phrase, name in _RU_MISSION_KINDS:
            if phrase in rest:
                if russian["joint"]:
                    return JOINT_MISSION
                return ("Limited " + name) if russian["limited"] else name
    return None


_ABBREVIATION_IN_TEXT = re.compile(
    r"(?:\b(?:OSCE/)?ODIHR\s+(?P<en>L?EOM|S?EAM|L?ROM|EET)\b)|(?:\b(?P<ru>О?МНВ|МОВ)\s+БДИПЧ)"
)
_FULL_IN_TEXT = re.compile(
    r"(?<!International )\b(?:(?:Limited|Special)\s+)?(?:Election|Referendum)\s+"
    r"(?:Observation|Assessment)\s+Mission\b"
)


def mission_from_text(text: str) -> str | None:
    """The mission a report's prose names most (``ODIHR LEOM``), else its first full name."""
    counts = Counter(m["en"] or m["ru"] for m in _ABBREVIATION_IN_TEXT.finditer(text))
    if counts:
        return MISSION_ABBREVIATIONS[counts.most_common(1)[0][0]]
    full = _FULL_IN_TEXT.search(text)
    return " ".join(full.group().split()) if full else None


# --- elections ------------------------------------------------------------------------------

_KINDS = (
    ("presidential", "presidential"), ("parliamentary", "parliamentary"),
    ("general", "parliamentary"), ("legislative", "parliamentary"), ("local", "local"),
    ("municipal", "local"), ("mayoral", "local"), ("referendum", "referendum"),
    ("plebiscite", "referendum"),
)
_EARLY = re.compile(r"\b(?:early|snap|extraordinary|pre-term|preterm)\b", re.IGNORECASE)
_EN_ELECTION = re.compile(
    r"^(?P<phrase>(?:[^\W\d_][\w'’-]*\s+){0,5}?(?:elections?|referendum|plebiscite))"
    r"(?:\s+(?:in|of)\s+(?P<country>[^\W\d_][\w\s'’-]*))?$",
    re.IGNORECASE,
)
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


def _title_case(phrase: str) -> str:
    if not phrase.isupper():
        return phrase
    words = phrase.lower().split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def election_phrase(text: str) -> tuple[str, str, bool, str | None] | None:
    """Read an election phrase such as ``EARLY PARLIAMENTARY ELECTIONS`` or ``Выборы президента``.

    Returns ``(English phrase as the site titles it, election_type, early, country printed after
    "in" or None)``, or ``None`` when ``text`` is not an election phrase (prose is rejected).
    """
    text = " ".join(text.split())
    english = _EN_ELECTION.match(text)
    modifiers = english["phrase"].lower().split()[:-1] if english else []
    bare_elections = not modifiers and not re.search(r"(?:referendum|plebiscite)$", text, re.I)
    if english and not bare_elections and not any(
        w in _SMALL_WORDS and w != "and" for w in modifiers
    ):
        phrase = _title_case(english["phrase"])
        lower = phrase.lower()
        kind = next((k for word, k in _KINDS if re.search(rf"\b{word}\b", lower)), None)
        if kind is None:
            words = [w for w in lower.split()[:-1] if not _EARLY.fullmatch(w)]
            kind = words[-1] if words else "general"
        return phrase, kind, bool(_EARLY.search(phrase)), english["country"]
    lower = text.lower().replace("ё", "е")
    if len(lower.split()) > 6 or not re.search(r"\b(?:выборы|референдум)", lower):
        return None
    for stem, english_phrase, kind in _RU_ELECTIONS:
        if stem in lower:
            early = bool(_RU_EARLY.search(lower))
            return ("Early " if early else "") + english_phrase, kind, early, None
    return None


# --- language -------------------------------------------------------------------------------

_LATIN_STOPWORDS = {
    "en": ("the", "and", "of", "to", "in", "was", "were", "with"),
    "fr": ("le", "la", "les", "des", "et", "du", "une", "est"),
    "de": ("der", "die", "und", "das", "den", "nicht", "mit", "wurde"),
}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` by script, then by common words for Latin script."""
    letters = [c for c in text.lower() if c.isalpha()]
    if not letters:
        return None
    scripts = Counter(
        "cyrillic" if "\u0400" <= c <= "\u04ff" else "georgian" if "\u10a0" <= c <= "\u10ff"
        else "armenian" if "\u0530" <= c <= "\u058f" else "latin" if c.isascii() or c < "\u0250"
        else "other" for c in letters
    )
    script = scripts.most_common(1)[0][0]
    if script == "cyrillic":
        if sum(c in "іїєґ" for c in letters) > len(letters) / 200:
            return "uk"
        if sum(c in "ђћџљњј" for c in letters) > len(letters) / 200:
            return "sr"
        return "ru"
    if script in ("georgian", "armenian"):
        return {"georgian": "ka", "armenian": "hy"}[script]
    if script != "latin":
        return None
    words = Counter(re.findall(r"[^\W\d_]+", text.lower()))
    scores = {code: sum(words[w] for w in stop) for code, stop in _LATIN_STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] else "en"
