"""The recommendations reader's tuning lives in one validated object (RecommendationSettings),
passed down from read_recommendations to every rule that measures a gap, a size or an edge."""

from __future__ import annotations

import pytest
from synth_report import RecSpec, ReportSpec, build_report

from odihr.parse.pdf import PdfReport
from odihr.parse.recommendations import read_recommendations
from odihr.parse.recommendations.settings import DEFAULT_SETTINGS, RecommendationSettings


@pytest.mark.parametrize("field", ["size_step", "number_column_gap", "number_alignment",
                                   "heading_wrap_gap", "alone_gap", "topic_max_chars",
                                   "paragraph_gap", "indent"])
@pytest.mark.parametrize("value", [0, -1.0, True, "1"])
def test_settings_refuse_what_is_not_a_positive_number(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        RecommendationSettings(**{field: value})  # type: ignore[arg-type]


def test_the_paragraph_gap_is_the_settings_one() -> None:
    """Unnumbered paragraphs are told apart by the gap between them: read with the default gap
    they are the printed items; with a gap wider than any paragraph break they run together."""
    data, expected = build_report(ReportSpec(recs=RecSpec("paragraphs", groups=(3, 2))))
    with PdfReport(data) as pdf:
        default = read_recommendations(pdf, DEFAULT_SETTINGS)
        wide = read_recommendations(pdf, RecommendationSettings(paragraph_gap=50.0))
    assert [(r.number, r.priority, r.section, r.text, r.numbered) for r in default] \
        == expected.recommendations
    assert 0 < len(wide) < len(default)
