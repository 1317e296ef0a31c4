"""The arithmetic of a results table: printed precision, rounding tolerances, which total a
round's shares were computed over, and whether its rows are consistent with one another.

Everything here is plain Python over one round's rows, so the rules are easy to test and to read;
``frames.py`` puts the figures into columns that the GX suites then check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from odihr.records import ResultRound

#: Floating-point slack added to every rounding tolerance.
EPSILON = 1e-9
#: Most decimals a printed percentage is assumed to carry.
MAX_DECIMALS = 4


def decimals(value: float) -> int:
    """Decimals a printed number carries (``54.4`` → 1, ``77.12`` → 2, ``60`` → 0)."""
    text = f"{abs(value):.{MAX_DECIMALS}f}".rstrip("0")
    return len(text.split(".", 1)[1])


def half_unit(value: float) -> float:
    """Largest rounding error of a number printed with the precision ``value`` shows."""
    return 0.5 * 10.0 ** -decimals(value) + EPSILON


@dataclass(frozen=True)
class RoundArithmetic:
    """What a round's rows say about themselves.

    Attributes:
        votes_sum: sum of the rows' votes (None when no row has votes).
        share_sum: sum of the rows' shares (None when no row has shares).
        seats_sum: sum of the rows' seats (None when no row has seats).
        share_sum_tolerance: rounding slack of ``share_sum`` (half a unit per row).
        share_base_name: which total the shares fit best (``valid_votes``, ``printed_votes_total``,
            ``votes_sum``, ``voters_participated``), None without shares and votes.
        share_base: that total.
        rows_self_consistent: every row has both votes and a share (or neither, as seat-only rows
            do), every share matches its votes over the printed total or over the sum of rows
            within rounding, and the shares add up to 100 within rounding. Then the rows were read
            correctly and a printed total that disagrees with them is the source's own mistake.
            Also, where a printed total differs from the sum, the shares add up to 100 rather
            than to 100 × sum / total (shares that reflect the gap mean rows are missing).
    """

    votes_sum: int | None
    share_sum: float | None
    seats_sum: int | None
    share_sum_tolerance: float | None
    share_base_name: str | None
    share_base: int | None
    rows_self_consistent: bool


def _share_fits(pairs: Sequence[tuple[int, float]], base: int) -> tuple[int, float]:
    """(rows outside rounding, largest excess over rounding) of shares against ``base``."""
    misses, worst = 0, 0.0
    for votes, share in pairs:
        excess = abs(share - 100.0 * votes / base) - half_unit(share)
        if excess > 0:
            misses += 1
            worst = max(worst, excess)
    return misses, worst


def share_bases(rnd: ResultRound, votes_sum: int | None) -> dict[str, int]:
    """Totals a round's shares may have been computed over, in order of preference."""
    candidates = {
        "valid_votes": rnd.valid_votes,
        "printed_votes_total": rnd.printed_votes_total,
        "votes_sum": votes_sum,
        "voters_participated": rnd.voters_participated,
    }
    return {name: value for name, value in candidates.items() if value is not None and value > 0}


def round_arithmetic(rnd: ResultRound) -> RoundArithmetic:
    """Sums, share base and self-consistency of one round (see :class:`RoundArithmetic`)."""
    rows = rnd.rows
    votes = [r.votes for r in rows if r.votes is not None]
    shares = [r.vote_share for r in rows if r.vote_share is not None]
    seats = [r.seats for r in rows if r.seats is not None]
    votes_sum = sum(votes) if votes else None
    share_sum = round(sum(shares), MAX_DECIMALS + 2) if shares else None
    tolerance = sum(half_unit(s) for s in shares) if shares else None
    pairs = [
        (r.votes, r.vote_share) for r in rows if r.votes is not None and r.vote_share is not None
    ]

    base_name: str | None = None
    base: int | None = None
    fits: dict[str, tuple[int, float]] = {}
    if pairs:
        bases = share_bases(rnd, votes_sum)
        fits = {name: _share_fits(pairs, value) for name, value in bases.items()}
        if fits:
            # Fewest rows out of rounding, then smallest excess; ties keep the preference order.
            base_name = min(fits, key=lambda name: fits[name])
            base = bases[base_name]

    paired = all((r.votes is None) == (r.vote_share is None) for r in rows)
    fits_total_or_sum = any(
        fits.get(name, (1, 0.0))[0] == 0
        for name in ("valid_votes", "printed_votes_total", "votes_sum")
    )
    sums_to_100 = (
        share_sum is not None and tolerance is not None and abs(share_sum - 100.0) <= tolerance
    )
    # A printed total T ≠ sum S: if the shares add up to 100·S/T rather than to 100, they were
    # computed over T and do account for the missing votes — rows were dropped (or added).
    totals = [t for t in (rnd.valid_votes, rnd.printed_votes_total) if t and t != votes_sum]
    shares_ignore_gap = share_sum is not None and all(
        abs(share_sum - 100.0) <= abs(share_sum - 100.0 * (votes_sum or 0) / t) for t in totals
    )
    return RoundArithmetic(
        votes_sum=votes_sum,
        share_sum=share_sum,
        seats_sum=sum(seats) if seats else None,
        share_sum_tolerance=tolerance,
        share_base_name=base_name,
        share_base=base,
        rows_self_consistent=(
            bool(pairs) and paired and fits_total_or_sum and sums_to_100 and shares_ignore_gap
        ),
    )


def counts_consistent(rnd: ResultRound) -> bool:
    """Registered ≥ took part ≥ valid, and valid + invalid = took part (so each count is
    confirmed by the others and a turnout % that disagrees with them is the source's own)."""
    reg, took, valid, invalid = (
        rnd.registered_voters,
        rnd.voters_participated,
        rnd.valid_votes,
        rnd.invalid_ballots,
    )
    if reg is None or took is None or valid is None or invalid is None:
        return False
    return reg >= took >= valid and valid + invalid == took


def turnout_deviation(rnd: ResultRound) -> tuple[float | None, float | None, float | None]:
    """(turnout % recomputed from the counts, |printed − recomputed|, rounding tolerance)."""
    reg, took, pct = rnd.registered_voters, rnd.voters_participated, rnd.turnout_pct
    if reg is None or took is None or pct is None or reg <= 0:
        return None, None, None
    computed = 100.0 * took / reg
    return computed, abs(pct - computed), half_unit(pct)
