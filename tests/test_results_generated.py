"""Synthetic results annexes, generated with Hypothesis, read cell for cell.

The generator (:mod:`results_annex_gen`) draws header wordings made of random words, column
orders, extra unknown columns, split seat columns under a merged heading, rounds as column groups
or as separate tables, several contests each with its own turnout block (labelled in known or in
random words), every number format, turned and landscape pages, serif and sans fonts, ruled and
borderless tables over several pages. The parser must read every cell exactly and report no
problem. This is the fast profile (200 small annexes); ``bench/results_fuzz.py`` runs the long one.

Hypothesis draws some integers and strings from the literals of the local modules loaded at the
moment of drawing, so in-process the set of examples depended on which test modules had been
collected before. The fast profile therefore runs the long profile's script with small bounds
and a fixed seed in a clean interpreter: the same 200 annexes whatever else the test run loads.
Each misread class the long profile once found has its own annex below, read in-process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from results_annex_cases import CASES
from results_annex_gen import Annex, comparable, expected, observed, write

from odihr.parse.pdf import PdfReport
from odihr.parse.results import read_results

ROOT = Path(__file__).resolve().parents[1]
#: The fast profile: how many annexes, how large, which seed.
FAST = ["--examples", "200", "--max-contests", "2", "--max-rows", "10", "--max-pages", "4",
        "--seed", "9"]


def test_generated_annexes_are_read_cell_for_cell() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests"),
                                         env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "results_fuzz.py"), *FAST],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    report = done.stdout + done.stderr
    counts = dict(re.findall(r"^\s*([a-z ]+): (\d+)$", done.stdout, re.MULTILINE))
    assert int(counts.get("annexes", 0)) >= 200, report
    assert counts.get("read exactly") == counts["annexes"], report
    assert done.returncode == 0, report


@pytest.mark.parametrize("name", sorted(CASES))
def test_once_misread_annexes_are_read_cell_for_cell(name: str) -> None:
    annex: Annex = CASES[name]
    with PdfReport(write(annex)) as pdf:
        reading = read_results(pdf)
    want = expected(annex)
    assert reading.problems == ()
    assert comparable(want, observed(reading)) == want
