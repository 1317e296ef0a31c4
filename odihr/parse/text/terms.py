"""The vocabulary of ODIHR title pages: report types, mission types, election kinds, languages.

Each reader takes one printed line (English or Russian) and returns the contract's value, or
``None`` when the line is not that kind of phrase. They know words, never positions: the layout
is :mod:`odihr.parse.metadata.reader`'s business.
"""

from __future__ import annotations

import re
from collections import Counter

from odihr.parse.text.elections import election_phrase

__all__ = ["JOINT_MISSION", "detect_language", "election_phrase", "mission_from_text",
           "mission_type", "report_type"]

# --- report types ---------------------------------------------------------------------------

#: A label is a short line that names a report kind; whatever else it holds names the mission
#: (``OSCE/ODIHR Limited Election Observation Mission Final Report``) or, on an interim report,
#: its number and period (``INTERIM REPORT No. 3 18 April – 2 May 2007``).
_LABEL_MAX_WORDS = 16
#: A lower-case word of running text; a label's other words are capitalised or upper case.
_PROSE_WORD = re.compile(r"(?<![\w/])[a-z]{3,}\b")
_MISSION_REPORT = re.compile(r"(?<=\S)\s+report$", re.IGNORECASE)
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)?)"
_REPORT_TYPES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), code) for pattern, code in (
        (r"\bneeds[\s-]+assessment(?:\s+mission)?\s+report\b", "needs_assessment"),
        (rf"(?:\b(?:post|pre)[\s-]*election\s+|\b{_ORDINAL}\s+)?\binterim\s+report\b"
         r"(?:\s*(?:no\.?|number|nr\.?|#)\s*\d{1,2}\b|\s+\d{1,2}(?=\s*$))?", "interim"),
        (r"(?:^|(?<=\s))(?:(?:joint\s+)?statement\s+(?:of|on)\s+)?preliminary\s+"
         r"(?:findings|conclusions|statement)"
         r"(?:\s+(?:and|&)\s+(?:conclusions|findings))?\b", "preliminary_statement"),
        (r"\bfinal\s+report(?:\s+\d{1,2})?$", "final"),  # a spaced footnote mark after it
        # "<mission> Report" without "Final" (2003–2008: ``OSCE/ODIHR Election Observation
        # Mission Report``, ``Election Assessment Report``): the final report, if what precedes
        # "Report" names a mission (checked in report_type).
        (_MISSION_REPORT.pattern, "final"),
        (r"^отч[её]т\s+миссии\b.*\bпо\s+оценке\s+потребностей", "needs_assessment"),
        (r"^промежуточный\s+отч[её]т", "interim"),
        (r"^заявление\s+о\s+предварительных\s+выводах(?:\s+и\s+заключениях)?",
         "preliminary_statement"),
        (r"^(?:заключительный|окончательный|итоговый)\s+отч[её]т", "final"),
    )
)


def report_type(line: str) -> tuple[str, str] | None:
    """``(report_type, rest of the line)`` when ``line`` is a label naming a report kind.

    The rest is usually the mission (``OSCE/ODIHR Election Observation Mission``); ``None``
    when the line names no report kind or is prose (too long, or a sentence).
    """
    line = " ".join(line.split())
    if len(line.split()) > _LABEL_MAX_WORDS or re.search(r"[a-z]\.\s+[A-Z]", line):
        return None
    for pattern, code in _REPORT_TYPES:
        match = pattern.search(line)
        if not match:
            continue
        rest = (line[: match.start()] + " " + line[match.end():]).strip(" -–—,:")
        rest = re.sub(r"^(?:of|by)\s+(?:the\s+)?", "", " ".join(rest.split()), flags=re.IGNORECASE)
        if len(_PROSE_WORD.findall(rest)) >= 2:
            continue  # "The interim report covers the period": a sentence, not a label
        if pattern.pattern == _MISSION_REPORT.pattern:
            kind = mission_type(rest)
            if kind is None or kind == JOINT_MISSION:
                continue
        if code == "preliminary_statement" and rest and not _ORG_ONLY.match(rest) \
                and mission_type(rest) is None:
            continue
        return code, rest
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
_ORG_ONLY = re.compile(r"^(?:(?:OSCE\s*/\s*)?ODIHR|OSCE)$", re.IGNORECASE)
#: A mission phrase whatever its qualifiers: ``[International|Limited|Special|Joint…] Election|
#: Referendum Observation|Assessment|Expert [Mission|Team]`` (banners may drop "Mission").
_EN_MISSION = re.compile(
    r"^(?P<quals>(?:(?:international|limited|special|joint|full[\s-]scale|short[\s-]term)\s+)*)"
    r"(?P<what>election|referendum)\s+(?P<how>observation|assessment|expert)"
    r"(?:\s+(?P<unit>mission|team))?$", re.IGNORECASE,
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
        quals = english["quals"].lower().split()
        if "international" in quals or "joint" in quals:
            return JOINT_MISSION
        unit = english["unit"] or ("team" if english["how"].lower() == "expert" else "mission")
        words = [*quals, english["what"], english["how"], unit]
        return " ".join(word.capitalize() for word in words)
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


# --- language -------------------------------------------------------------------------------

_LATIN_STOPWORDS = {
    "en": ("the", "and", "of", "to", "in", "was", "were", "with"),
    "fr": ("le", "la", "les", "des", "et", "du", "une", "est"),
    "de": ("der", "die", "und", "das", "den", "nicht", "mit", "wurde"),
}


#: The scripts :func:`detect_language` tells apart, by their letters (Latin: ASCII and Latin
#: extensions below U+0250); any other letter is "other".
_SCRIPTS = (("cyrillic", re.compile("[\u0400-\u04ff]")),
            ("georgian", re.compile("[\u10a0-\u10ff]")),
            ("armenian", re.compile("[\u0530-\u058f]")),
            ("latin", re.compile("[\x00-\u024f]")))
_UKRAINIAN, _SERBIAN = re.compile("[іїєґ]"), re.compile("[ђћџљњј]")


def _main_script(letters: str) -> str:
    """The script most letters are in; on a tie, the one whose first letter comes first."""
    counts: list[tuple[int, str, int]] = []  # (first letter's index, script, letters)
    counted = 0
    for name, pattern in _SCRIPTS:
        found = pattern.findall(letters)
        if found:
            counts.append((letters.index(found[0]), name, len(found)))
            counted += len(found)
    if counted < len(letters):
        other = next(i for i, c in enumerate(letters)
                     if not any(p.match(c) for _, p in _SCRIPTS))
        counts.append((other, "other", len(letters) - counted))
    counts.sort()  # by first occurrence, as Counter.most_common breaks ties
    return max(counts, key=lambda c: c[2])[1]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` by script, then by common words for Latin script."""
    letters = "".join(filter(str.isalpha, text.lower()))
    if not letters:
        return None
    script = _main_script(letters)
    if script == "cyrillic":
        if len(_UKRAINIAN.findall(letters)) > len(letters) / 200:
            return "uk"
        if len(_SERBIAN.findall(letters)) > len(letters) / 200:
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
