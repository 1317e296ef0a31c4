"""The parse's speed-ups give the answers of the code they replace, on generated text.

Each fast path (session 6 of the extraction benchmark) is checked against the plain version
it stands in for, over random text drawn from the characters that decide it: spaces of every
kind, digits (ASCII and others), letters, figures, dashes and per cents.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from odihr.parse.document.layout import _normalized_pages, normalize_running
from odihr.parse.pdf import _NOT_ALNUM, alnum_share
from odihr.parse.results.locate import _ROW_LIKE, row_like

#: Characters that decide the checks: spaces of every kind, ASCII and other digits, letters
#: (Latin, Cyrillic, Greek), separators of figures, dashes, per cents, underscores, line ends.
_DECIDING = (" \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2009\u202f\u3000"
             "0123456789\u0660\u0969\u00b2"
             "aZéЖжΣς_"
             ",.'’%-–—|:")
_TEXT = st.text(alphabet=st.sampled_from(_DECIDING), max_size=40)


def _alnum_share_plain(text: str) -> float:
    printed = "".join(text.split())
    return len(_NOT_ALNUM.sub("", printed)) / len(printed) if printed else 0.0


@given(st.text(max_size=60) | _TEXT)
@settings(max_examples=300, deadline=None)
def test_alnum_share_counts_as_the_regular_expression(text: str) -> None:
    assert alnum_share(text) == _alnum_share_plain(text)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_row_like_answers_as_the_backtracking_expression(line: str) -> None:
    assert row_like(line) == (_ROW_LIKE.match(line) is not None)


class _Texts:
    """A report as the running-line reader sees it: its pages' texts."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = tuple(texts)


@given(st.lists(_TEXT, max_size=4))
@settings(max_examples=200, deadline=None)
def test_running_keys_of_a_page_are_its_lines_normalised_one_by_one(texts: list[str]) -> None:
    expected = [[normalize_running(ln) for ln in text.split("\n") if ln.strip()]
                for text in texts]
    assert _normalized_pages(_Texts(texts)) == expected  # type: ignore[arg-type]


def test_a_digit_run_holds_no_space() -> None:
    """Why the keys can be made page by page: no character is both a digit and a space."""
    digits = re.compile(r"\d")
    assert not [c for c in map(chr, range(0x110000)) if c.isspace() and digits.match(c)]
