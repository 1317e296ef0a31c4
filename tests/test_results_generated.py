"""Synthetic results annexes, generated with Hypothesis, read cell for cell.

The generator (:mod:`results_annex_gen`) draws header wordings made of random words, column
orders, extra unknown columns, split seat columns under a merged heading, rounds as column groups
or as separate tables, several contests each with its own turnout block, every number format,
turned and landscape pages, serif and sans fonts, ruled and borderless tables over several pages.
The parser must read every cell exactly and report no problem. This is the fast profile (small
annexes, a fixed set of examples); ``bench/results_fuzz.py`` runs the long one.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from results_annex_gen import Annex, annexes, comparable, expected, observed, write

from odihr.parse.pdf import PdfReport
from odihr.parse.results import read_results

#: A fixed set of 200 examples; a failure is reported as drawn (shrinking a PDF is slow).
FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(annexes(max_contests=2, max_rows=10, max_pages=4))
def test_every_cell_of_a_generated_annex_is_read(annex: Annex) -> None:
    data = write(annex)
    with PdfReport(data) as pdf:
        reading = read_results(pdf)
    want = expected(annex)
    if os.environ.get("RESULTS_GEN_DUMP") and (
            reading.problems or comparable(want, observed(reading)) != want):
        Path(os.environ["RESULTS_GEN_DUMP"]).write_bytes(data)  # to look at a failure
    assert reading.problems == ()
    assert comparable(want, observed(reading)) == want
