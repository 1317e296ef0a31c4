"""The words results annexes use, in the languages ODIHR publishes in (English, Russian, French).

Every decision the results parser takes from a label is a pattern here, so adding a language or
a wording is one line. Patterns are matched case-insensitively against normalised text.
"""

from __future__ import annotations

import re

from odihr.parse.document.headings import ANNEX_WORDS
from odihr.parse.text.dates import MONTH_WORD, find_dates


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- where results are ---------------------------------------------------------------------------
#: An annex/appendix heading: the word, an optional numeral, a separator.
ANNEX_HEADING = _rx(rf"^\s*(?:{ANNEX_WORDS})\b"
                    r"\s*(?:[IVXLC]+|\d+|[A-Z])?\b\s*(?P<sep>[:.–—-])?\s*(?P<rest>.*)$")
RESULTS_WORD = _rx(r"result|résultat|результат|итог|підсумк")
#: Results annexes that are not election results (media monitoring, observation statistics).
NOT_ELECTION_RESULTS = _rx(r"media|monitor|survey|questionnaire|observ|complain|сми|мониторинг|"
                           r"наблюден")
#: A table of contents line: dot leaders.
TOC_LEADER = re.compile(r"(\.\s?){4,}|…{2,}|_{4,}")

# --- table header -----------------------------------------------------------------------------
NAME_HEADER = _rx(r"\b(candidates?|party|parties|list|lists|electoral|coalition|bloc|answer|"
                  r"option|choice|contestants?|subject|кандидат\w*|парти\w*|блок\w*|списк\w*|"
                  r"ответ\w*|вариант\w*|liste|candidat\w*|parti)\b")
NOMINATOR_HEADER = _rx(r"nominat|proposed|supported|put forward|affiliation|выдвин|предлож|"
                       r"propos")
VOTES_HEADER = _rx(r"vote|ballots|голос|voix|suffrage|glas")
SHARE_HEADER = _rx(r"%|per\s?cent|percent|share|процент|доля")
SEATS_HEADER = _rx(r"seat|mandate|мандат|мест|siège|elected|избран")
PR_HEADER = _rx(r"\bPR\b|proportional|\blists?\b|пропорц|по списк")
SMD_HEADER = _rx(r"majorit|\bSMDs?\b|single[- ]member|constituenc|district|мажорит|округ")
ROUND_HEADER = _rx(r"\bround\b|\bтур\b|\bтура\b|\btour\b|\bкруг\b")
ORDINALS = (
    (1, _rx(r"\b(first|1st|I|первый|первого|premier)\b")),
    (2, _rx(r"\b(second|2nd|II|второй|второго|повторн\w*|second|run-?off)\b")),
    (3, _rx(r"\b(third|3rd|III|третий|третьего)\b")),
)

# --- rows that are not contestants ------------------------------------------------------------
#: Checked in this order: "Total number of registered voters" is a turnout line, not a total.
TURNOUT_LABELS = (
    ("invalid_ballots", _rx(r"\binvalid|spoil|недействительн|nuls?\b")),
    ("turnout_pct", _rx(r"\bturnout\b|явка|participation rate|taux de participation")),
    ("voters_participated", _rx(r"took part|participated|who voted|received (a )?ballots|"
                                r"ballots issued|issued ballots|ballots cast|cast (their )?ballots|"
                                r"votes cast|принявш|получивш|проголосовавш|votants")),
    ("registered_voters", _rx(r"registered|voter lists?|voters'? lists?|voter register|"
                              r"electoral (roll|register)|entitled to vote|eligible voters|"
                              r"включенных в списк|в списках|зарегистрир|inscrits")),
)
VALID_LABEL = _rx(r"\bvalid (votes|ballots)\b|действительных (голосов|бюллетеней)|"
                  r"suffrages exprimés")
#: A source line or a note under a table: never part of a row.
NOTE_LABEL = _rx(r"^\s*(\d{1,3}\s+|\*\s*)?(sources?|notes?|nb|источник\w*|примечани\w*)\b")
TOTAL_LABEL = _rx(r"^\s*(total|totals|всего|итого|sum)\b")

# --- what the contest is
# ---------------------------------------------------------------------------------------------
ELECTION_WORD = _rx(r"election|referend|выбор|референдум|élection|scrutin")
REFERENDUM = _rx(r"referend|референдум|plebiscit")
PRESIDENTIAL = _rx(r"presiden|президент")
LOCAL = _rx(r"\blocal\b|municipal|mayor|city council|town council|councillor|местн|муниципал|"
            r"communal")
#: Words naming one component of a parliamentary election.
MAJORITARIAN = _rx(r"majoritarian|single[- ]member|first[- ]past|мажоритар|одномандат")
PROPORTIONAL = _rx(r"proportional|party[- ]list|пропорционал|партийн\w+ спис")
PARLIAMENTARY = _rx(r"parliament|legislat|assembly|majilis|sabor|duma|парламент|депутат")

# --- dates ------------------------------------------------------------------------------------
# One date module for every reader (odihr.parse.text.dates): captions and round headers use it too.
__all__ = ["MONTH_WORD", "find_dates"]


def round_number(text: str) -> int | None:
    """The round a header or caption names ("First round", "Второй тур"), if any."""
    if not ROUND_HEADER.search(text):
        return None
    for number, pattern in ORDINALS:
        if pattern.search(text):
            return number
    found = re.search(r"\b(\d)\b", text)
    return int(found.group(1)) if found else None
