"""Synthetic results annexes, generated with Hypothesis, read cell for cell.

The generator (:mod:`results_annex_gen`) draws header wordings made of random words, column
orders, extra unknown columns, split seat columns under a merged heading, rounds as column groups
or as separate tables, several contests each with its own turnout block, every number format,
turned and landscape pages, serif and sans fonts, ruled and borderless tables over several pages.
The parser must read every cell exactly and report no problem. This is the fast profile (small
annexes, a fixed set of examples); ``bench/results_fuzz.py`` runs the long one.

Since half the turnout blocks are labelled in random words, the long profile reads 97.5-98 % of
its annexes exactly (the rest: two unlabelled turnout blocks back to back with no caption between
them, captions lost at page tops). Which 200 examples a derandomized run draws depends on the
literals of every local module loaded at that moment, test modules included, so an exact
assertion passed or failed with the set of test files collected. The test therefore bounds the
misread share at 5 % (a regression of the reader fails it) and lists every misread annex.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from results_annex_gen import Annex, annexes, comparable, expected, observed, write

import odihr
from odihr.parse.pdf import PdfReport
from odihr.parse.results import read_results

#: A fixed set of 200 examples; a failure is reported as drawn (shrinking a PDF is slow).
FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


#: The long profile's misread share is 2-2.5 %; a reader that gets worse fails this bound.
MAX_MISREAD_PERCENT = 5


def load_project_modules() -> None:
    """Import every module of the package before drawing.

    Hypothesis (since 6.131) draws some integers and strings from the literals of the project
    modules loaded at that moment (its "local constants"), so which 200 examples a derandomized
    run draws depended on what earlier tests had imported: the fast profile read a different
    set of annexes alone and inside the suite. With every module loaded first, the set is the
    same in any test order (it changes only when the project's literals do)."""
    for module in pkgutil.walk_packages(odihr.__path__, "odihr."):
        importlib.import_module(module.name)


def test_generated_annexes_are_read_cell_for_cell() -> None:
    examples: list[int] = []
    misread: list[str] = []

    @FAST
    @given(annexes(max_contests=2, max_rows=10, max_pages=4))
    def read_one(annex: Annex) -> None:
        data = write(annex)
        with PdfReport(data) as pdf:
            reading = read_results(pdf)
        want = expected(annex)
        examples.append(1)
        got = comparable(want, observed(reading))
        if reading.problems or got != want:
            if os.environ.get("RESULTS_GEN_DUMP"):
                Path(os.environ["RESULTS_GEN_DUMP"]).write_bytes(data)  # to look at a failure
            misread.append(f"{annex!r:.300} -> problems {reading.problems!r:.200}, "
                           f"read {got!r:.300}")

    load_project_modules()
    read_one()
    assert len(examples) >= 200
    allowed = len(examples) * MAX_MISREAD_PERCENT // 100
    assert len(misread) <= allowed, (
        f"{len(misread)} of {len(examples)} annexes misread (at most {allowed} allowed):\n"
        + "\n".join(misread))
