"""Joining printed lines back into running text: line-end hyphens and capitalised headings.

A hyphen at the end of a printed line is either part of the word (``election-`` + ``related``)
or only breaks the word across lines (``recom-`` + ``mendations``). ODIHR reports are not
hyphenated automatically, so a hyphen is kept unless the report itself shows the word is one
word: printed elsewhere whole and never with that hyphen (:func:`join_hyphenated`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from odihr.parse.pdf import PdfReport

SOFT_HYPHEN = "\u00ad"
#: How PDFium's page text marks a hyphen that ends a line.
_LINE_END_MARKS = ("\x02", "\ufffe")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

_vocabulary_cache: WeakKeyDictionary[PdfReport, frozenset[str]] = WeakKeyDictionary()


def join_lines(lines: Iterable[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """Join printed lines into one text: a space between lines, line-end hyphens repaired."""
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if text.endswith(("-", SOFT_HYPHEN)) and not text.endswith(" -"):
            text = join_hyphenated(text, line, vocabulary)
        else:
            text = f"{text} {line}" if text else line
    return text


def join_hyphenated(left: str, right: str, vocabulary: frozenset[str]) -> str:
    """Join ``left``, which ends in a hyphen, and the next line ``right``.

    A soft hyphen is dropped. A hard hyphen is kept (``election-`` + ``related``), unless the
    word it splits is in ``vocabulary`` (words the report prints whole) and its hyphenated form
    is not: then the hyphen only broke the word across lines (``recom-`` + ``mendations``).
    """
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    head = re.findall(r"[^\W\d_]+$", left[:-1])
    tail = re.findall(r"^[^\W\d_]+", right)
    if head and tail and tail[0][:1].islower():
        whole = (head[0] + tail[0]).lower()
        if whole in vocabulary and f"{head[0]}-{tail[0]}".lower() not in vocabulary:
            return left[:-1] + right
    return left + right


def report_vocabulary(pdf: PdfReport) -> frozenset[str]:
    """Lower-cased words the report prints whole; a word broken at a line end is not counted."""
    if pdf not in _vocabulary_cache:
        words: set[str] = set()
        for text in pdf.texts:
            for mark in (*_LINE_END_MARKS, SOFT_HYPHEN):
                text = text.replace(mark, " ")
            words.update(w.lower() for w in _WORD.findall(text))
        _vocabulary_cache[pdf] = frozenset(words)
    return _vocabulary_cache[pdf]


def is_capitalised(text: str) -> bool:
    """True when the text has letters and all of them are capitals (``ABOUT ODIHR``, ``СМИ``)."""
    letters = 0
    for c in text:  # one pass, stopping at the first small letter (most lines have one early)
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 2
