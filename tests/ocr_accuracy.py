"""How well a report read through OCR matches the shared truth (``tests/truth/*.json``).

Shared by the OCR tests and ``bench/ocr_bench.py``. The issue's yardsticks: report metadata
exact; recommendation texts at a normalised edit-distance similarity of at least 0.98 with
exact numbering; observers' names at an F1 of at least 0.95; result cells exact, or their part
quarantined by validation (never a wrong figure loaded).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from odihr.ocr.options import OcrOptions
from odihr.records import ParsedReport
from odihr.validate.parts import PartPlan, contest_parts


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    """1 - edit distance / length of the longer text (1.0: identical)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    return 1.0 - edit_distance(a, b) / max(len(a), len(b), 1)


@dataclass(frozen=True)
class Accuracy:
    """One OCR'd report against its truth."""

    metadata_exact: bool
    metadata_diff: dict[str, tuple[Any, Any]]
    recommendations: int
    numbering_exact: bool
    text_similarity: float  # over all recommendation texts (characters weighted)
    observers_f1: float | None
    cells_exact: int
    cells_missing: int
    cells_wrong_loaded: int
    cells_quarantined: int
    contestants: int = 0  # contestant names in the truth's tables of the parsed contests
    contestants_exact: int = 0


def recommendation_similarity(parsed: ParsedReport, truth: Sequence[Mapping[str, Any]]
                              ) -> tuple[bool, float]:
    """(numbering exact, the texts' similarity: one minus the summed distance over lengths)."""
    numbers = [r.number for r in parsed.recommendations]
    exact = numbers == [t["number"] for t in truth]
    got = {r.number: " ".join(r.text.split()) for r in parsed.recommendations}
    distance = length = 0
    for t in truth:
        want = " ".join(t["text"].split())
        have = got.get(t["number"], "")
        distance += edit_distance(want, have)
        length += max(len(want), len(have))
    return exact, 1.0 - distance / length if length else 1.0


def observers_f1(parsed: ParsedReport, truth: Sequence[Mapping[str, Any]]) -> float | None:
    """F1 of the observers' full names (a multiset), None when the truth lists none."""
    if not truth:
        return None
    want = Counter(f"{t['given_name']} {t['family_name']}".strip() for t in truth)
    have = Counter(f"{o.given_name} {o.family_name}".strip() for o in parsed.observers)
    hits = sum((want & have).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(have.values()), hits / sum(want.values())
    return 2 * precision * recall / (precision + recall)


#: Turnout-block cells of a round: (truth key, ResultRound attribute).
ROUND_CELLS = (("registered_voters", "registered_voters"),
               ("voters_participated", "voters_participated"), ("turnout_pct", "turnout_pct"),
               ("invalid_ballots", "invalid_ballots"), ("valid_votes_total", "valid_votes"))


def _cells(rounds: Sequence[Any]) -> dict[tuple[int, int, str], Any]:
    """Figures by (round, row position, field); row 0 holds the round's turnout block."""
    cells: dict[tuple[int, int, str], Any] = {}
    for number, rnd in enumerate(rounds, 1):
        for key, attribute in ROUND_CELLS:
            cells[(number, 0, attribute)] = rnd.get(key)
        for position, row in enumerate(rnd["rows"], 1):
            cells[(number, position, "votes")] = row.get("votes")
            cells[(number, position, "share")] = row.get("share")
    return cells


def compare(parsed: ParsedReport, truth: Mapping[str, Any], plan: PartPlan,
            metadata_fields: Sequence[str]) -> Accuracy:
    """``parsed`` (as read through OCR, validated into ``plan``) against ``truth``."""
    from truth_records import truth_to_report

    want_meta = truth_to_report(truth).metadata
    diff = {f: (getattr(parsed.metadata, f), getattr(want_meta, f)) for f in metadata_fields
            if getattr(parsed.metadata, f) != getattr(want_meta, f)}
    exact, text = recommendation_similarity(parsed, truth.get("recommendations") or [])
    status = {p.part: p.status for p in plan.parts}
    want_contests = {c["contest"]: c for c in (truth.get("results") or {}).get("contests", [])}
    counts = Counter[str]()
    for contest, key in zip(parsed.contests, contest_parts(parsed.contests), strict=True):
        want = _cells(want_contests.get(contest.title, {}).get("rounds", []))
        have: dict[tuple[int, int, str], Any] = {}
        for number, rnd in enumerate(contest.rounds, 1):
            for _, attribute in ROUND_CELLS:
                have[(number, 0, attribute)] = getattr(rnd, attribute)
            for position, row in enumerate(rnd.rows, 1):
                have[(number, position, "votes")] = row.votes
                have[(number, position, "share")] = row.vote_share
        want_names = [r["contestant"] for rnd in want_contests.get(contest.title, {})
                      .get("rounds", []) for r in rnd["rows"]]
        have_names = [r.contestant for rnd in contest.rounds for r in rnd.rows]
        counts["names"] += len(want_names)
        counts["names_exact"] += sum(1 for a, b in zip(want_names, have_names, strict=False)
                                     if a == b)
        loaded = status.get(key) == "loaded"
        for cell, value in want.items():
            if value is None:
                continue
            if not loaded:
                counts["quarantined"] += 1
            elif cell not in have or have[cell] is None:
                counts["missing"] += 1
            elif have[cell] == value:
                counts["exact"] += 1
            else:
                counts["wrong"] += 1
        counts["wrong"] += sum(1 for cell, value in have.items()
                               if loaded and cell not in want and value is not None)
    return Accuracy(
        metadata_exact=not diff, metadata_diff=diff,
        recommendations=len(parsed.recommendations), numbering_exact=exact,
        text_similarity=text, observers_f1=observers_f1(parsed, truth.get("observers") or []),
        cells_exact=counts["exact"], cells_missing=counts["missing"],
        cells_wrong_loaded=counts["wrong"], cells_quarantined=counts["quarantined"],
        contestants=counts["names"], contestants_exact=counts["names_exact"],
    )


@dataclass(frozen=True)
class ScanReading:
    """A generated scan read through the OCR stage, validated."""

    parsed: ParsedReport | None
    reason: str | None
    plan: PartPlan | None
    pages: int
    ocr_seconds: float
    ocr_pages: int


def read_scan(scan: bytes, directory: Path, options: OcrOptions | None = None) -> ScanReading:
    """Store ``scan`` in ``directory`` (as the raw store would), parse it as the parse worker
    does (OCR, cache beside it) and validate it as a run would."""
    from odihr.parse_job import parse_file
    from odihr.validate import validate_reports
    from odihr.validate.parts import plan_parts

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{hashlib.sha256(scan).hexdigest()}.pdf"
    path.write_bytes(scan)
    outcome = parse_file("/scan.pdf", str(path), 1000, options or OcrOptions())
    plan = None
    if outcome.parsed is not None:
        plan = plan_parts(outcome.parsed, validate_reports({"/scan.pdf": outcome.parsed})
                          ["/scan.pdf"])
    return ScanReading(outcome.parsed, outcome.reason, plan, outcome.pages or 0,
                       outcome.seconds, outcome.ocr_pages)
