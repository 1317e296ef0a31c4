"""Long profile of the synthetic whole-report suite: thousands of generated reports, every axis
varied independently (tests/synth_report.py), recommendations and observers compared exactly.

Run from the repository root::

    PYTHONPATH=$PWD python bench/reports_fuzz.py [--examples 2000] [--seed 0]

Prints how many examples covered each value of each axis, and every failing spec (exit 1).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from synth_report import CHAPTERS, ReportSpec, build_report, report_specs  # noqa: E402

from odihr.parse.observers.reader import read_observers  # noqa: E402
from odihr.parse.pdf import PdfReport  # noqa: E402
from odihr.parse.recommendations.reader import read_recommendations  # noqa: E402


def axes(spec: ReportSpec, observer_pages: int) -> dict[str, object]:
    """The value of each axis in one spec."""
    obs = spec.observers
    out: dict[str, object] = {
        "heading case": "upper" if spec.upper else "title",
        "numbering": spec.numbering,
        "contents": spec.toc,
        "contents page shared": spec.toc != "none" and spec.toc_shares_page,
        "contents heading": spec.toc_title or "(none)" if spec.toc != "none" else "(no contents)",
        "contents wording": "shorter" if spec.toc_short else "as the body",
        "running header": "Page: N in header" if spec.page_header else "footer",
        "results annex": spec.results_annex,
        "recommendations": spec.recs.structure,
        "letters dotted": spec.recs.dotted,
        "topic headings": "bold" if spec.recs.bold_topics else "body type",
        "item marker": spec.recs.marker,
        "topic words": "random" if spec.recs.topics else "known",
        "footnotes": spec.recs.footnotes,
        "sub-points": spec.recs.sub_points,
        "numbering restarts": spec.recs.restart and spec.recs.structure in ("lettered_topics",
                                                                            "terms"),
        "chapter wording": spec.recs.chapter,
        "priority part headings": spec.recs.parts,
        "bullet": spec.recs.bullet if "bullets" in spec.recs.structure else "(none)",
        "item labels": spec.recs.labels or "numbers",
        "sub-point labels": "roman" if spec.recs.roman_sub else "letters",
        "footnote at a page break": spec.recs.break_notes,
        "labelled text": ("hanging" if spec.recs.hanging else "under the label")
        if spec.recs.labels else "(no labels)",
        "label glued to the text": spec.recs.glued,
        "chapters before the recommendations": len(CHAPTERS) + spec.more_chapters,
        "about ODIHR": spec.about,
        "observer annex": "no annex" if obs is None else f"grouping {obs.grouping}",
    }
    if obs is not None:
        out |= {"annex wording": obs.wording, "annex form": obs.form,
                "annex case": "title" if obs.title_case else "upper",
                "team prefix": obs.prefix.strip() or "(none)",
                "header row": obs.header_row,
                "country headings": "capitals" if obs.caps_countries else "title case",
                "group heading size": "as the title" if obs.group_size >= 12 else "smaller",
                "group heading words": "random" if obs.names else "known",
                "table columns": obs.columns,
                "group headings": "plain" if obs.plain_headings else "styled",
                "roles wrapped": obs.long_roles,
                "annex title words": "random" if obs.title_words else "known",
                "country column": obs.country_at,
                "family names": "capitals" if obs.family_caps else "as written",
                "family name comma": obs.family_comma and obs.columns == "family_first",
                "header row on every page": obs.page_headers,
                "header row wording": obs.header_words,
                "sorted by family name": obs.sorted_rows,
                "full name in one cell": obs.full_names and obs.columns == "standard" and
                obs.country_at == "third" and obs.grouping not in ("country", "countries"),
                "observer list pages": "1" if observer_pages <= 1 else
                ("2-9" if observer_pages < 10 else "10+")}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-rows", type=int, default=40,
                        help="observers per group at most (one list in four has 180-240 a group"
                             " over three groups: 10+ pages)")
    args = parser.parse_args()
    counts: dict[str, Counter[object]] = {}
    failed: dict[str, Counter[object]] = {}
    failures: list[str] = []
    examples = 0
    started = time.perf_counter()

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(report_specs(max_group=5, max_rows=args.max_rows, long_lists=True))
    def run(spec: ReportSpec) -> None:
        nonlocal examples
        examples += 1
        data, expected = build_report(spec)
        with PdfReport(data) as pdf:
            recs = [(r.number, r.priority, r.section, r.text, r.numbered)
                    for r in read_recommendations(pdf)]
            found = read_observers(pdf)
        obs = [(o.given_name, o.family_name, o.country, o.role, o.delegation,
                o.delegation_parent, o.country_code, o.delegation_kind) for o in found]
        bad = recs != expected.recommendations or obs != expected.observers
        for axis, value in axes(spec, len({o.page for o in found})).items():
            counts.setdefault(axis, Counter())[value] += 1
            failed.setdefault(axis, Counter())[value] += bad
        if bad:
            failures.append(repr(spec))

    run()
    elapsed = time.perf_counter() - started
    print(f"{examples} generated reports in {elapsed:.0f} s, {len(failures)} failing")
    for axis, counter in counts.items():
        values = ", ".join(
            f"{value}: {n}" + (f" ({failed[axis][value]} failed)" if failed[axis][value] else "")
            for value, n in sorted(counter.items(), key=str))
        print(f"  {axis}: {values}")
    for failure in failures[:20]:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
