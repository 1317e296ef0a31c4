"""The fields of a turnout block decided from its arithmetic (:mod:`odihr.parse.results.turnout`).

Labels here are made-up words unless a test is about labels breaking a tie: the arithmetic alone
must place each line, or leave it unread when it cannot decide.
"""

from __future__ import annotations

import itertools

import pytest

from odihr.parse.results.turnout import TurnoutLine, TurnoutSettings, assign

VOTES = 900_000  # the contestants' votes summed
R, P, INV = 1_500_000, 912_345, 12_345  # registered, took part, invalid (P = VOTES + INV)


def count(label: str, *values: int | None) -> TurnoutLine:
    return TurnoutLine(label, tuple(values), percent=False)


def pct(label: str, *values: float | None) -> TurnoutLine:
    return TurnoutLine(label, tuple(values), percent=True, places=(2,) * len(values))


BLOCK = [count("Kalo mizu", R), count("Terva", P), count("Sorpla", INV), count("Nuka", VOTES),
         pct("Blijem", 60.82), pct("Quiter hol", 1.35)]  # 1.35 = invalid share of P


@pytest.mark.parametrize("order", list(itertools.permutations(range(6)))[::37])
def test_random_words_in_any_order_are_placed_by_arithmetic(order: tuple[int, ...]) -> None:
    got = assign([BLOCK[i] for i in order], [VOTES])
    assert got == {"registered_voters": [R], "voters_participated": [P],
                   "invalid_ballots": [INV], "valid_votes": [VOTES], "turnout_pct": [60.82]}


def test_a_per_cent_that_is_not_the_turnout_is_not_taken_for_it() -> None:
    got = assign([count("Kalo", R), count("Terva", P), pct("Quiter", 1.35)], [VOTES])
    assert got == {"registered_voters": [R], "voters_participated": [P]}


def test_a_per_cent_nothing_confirms_is_read_only_when_its_label_names_the_turnout() -> None:
    assert assign([pct("Blijem", 60.82)], [VOTES]) == {}
    assert assign([pct("Turnout", 60.82)], [VOTES]) == {"turnout_pct": [60.82]}


def test_a_lone_count_is_left_unread_unless_its_label_decides() -> None:
    lone = 950_000  # registered (turnout 95 %) or took part (5 % invalid): cannot tell
    assert assign([count("Kalo", lone)], [VOTES]) == {}
    assert assign([count("Registered voters", lone)], [VOTES]) == {"registered_voters": [lone]}


def test_took_part_equal_to_the_valid_votes_is_told_only_by_its_label() -> None:
    lines = [count("Kalo", R), count("Terva", VOTES)]  # no invalid ballots: P = V
    assert assign(lines, [VOTES]) == {"registered_voters": [R]}  # (R is no P: 40 % uncounted)
    lines[1] = count("Voters who took part", VOTES)
    assert assign(lines, [VOTES]) == {"registered_voters": [R], "voters_participated": [VOTES]}


def test_voters_who_took_part_are_not_far_more_than_the_votes() -> None:
    # 1.5 million who took part for 0.9 million valid votes: registered voters, not took part
    assert assign([count("Kalo", R)], [VOTES]) == {"registered_voters": [R]}


def test_rounds_are_checked_each() -> None:
    lines = [count("Kalo", R, R + 10), count("Terva", P, 700_000), pct("Blijem", 60.82, 46.67)]
    got = assign(lines, [VOTES, 690_000])
    assert got == {"registered_voters": [R, R + 10], "voters_participated": [P, 700_000],
                   "turnout_pct": [60.82, 46.67]}


def test_a_labelled_turnout_the_counts_do_not_confirm_is_the_source_own() -> None:
    got = assign([count("Kalo", R), count("Terva", P), pct("Turnout", 61.5)], [VOTES])
    assert got["turnout_pct"] == [61.5]


def test_too_many_lines_are_no_turnout_block() -> None:
    assert assign([count(f"Kalo {i}", 100 + i) for i in range(8)], [VOTES]) == {}


def test_the_share_left_uncounted_is_a_setting() -> None:
    # 2 % of the voters who took part cast no valid vote: who took part by default, but not
    # when at most 1 % may go uncounted
    took = VOTES * 100 // 98
    lines = [count("Kalo", took), count("Mizu", 2 * took)]
    assert assign(lines, [VOTES]) == {"voters_participated": [took],
                                      "registered_voters": [2 * took]}
    assert "voters_participated" not in assign(lines, [VOTES], TurnoutSettings(uncounted=0.01))


def test_turnout_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="uncounted"):
        TurnoutSettings(uncounted=1.5)
    with pytest.raises(ValueError, match="max_lines"):
        TurnoutSettings(max_lines=0)
