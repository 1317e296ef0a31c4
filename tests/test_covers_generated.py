"""Generated covers and title blocks of every era, read back from real PDFs.

Hypothesis draws each axis of a cover on its own (label and era, election phrase, date form, case,
banner or letterhead, line order, publication line, running header; see ``cover_pdfs``) and the
parsed metadata must equal what the drawn parts say, field by field. This is the fast profile; the
long one is ``bench/covers_fuzz.py``.
"""

from __future__ import annotations

from datetime import date

from cover_pdfs import Cover, cover_pdf, covers
from hypothesis import HealthCheck, given, settings

from odihr.parse.metadata.reader import read_metadata
from odihr.parse.pdf import PdfReport

FAST = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def parsed(cover: Cover) -> dict[str, object]:
    """The metadata read from the cover's PDF, as the fields :class:`Cover` expects."""
    with PdfReport(cover_pdf(cover)) as pdf:
        meta = read_metadata(pdf)
    assert meta.pages == 3
    return {key: getattr(meta, key) for key in cover.expected}


@FAST
@given(covers())
def test_generated_cover_reads_exactly(cover: Cover) -> None:
    assert parsed(cover) == cover.expected, "\n".join(
        cover.lines + ["-- title block:", *cover.title_block, "-- header:", *cover.header])


def test_a_label_wrapped_inside_its_mission_words() -> None:
    # Found by the long profile: "MISSION REPORT" alone names no report; with the line above it
    # it is the label of an observation mission's report.
    for label in (["OSCE/ODIHR ELECTION OBSERVATION", "MISSION REPORT"],
                  ["OSCE/ODIHR Election Observation Mission", "Report"],
                  ["ODIHR Limited Election Observation", "Mission Report"]):
        lines = ["Office for Democratic Institutions and Human Rights",
                 "STATE DUMA ELECTIONS JULY 13, 2009", "REPUBLIC OF BELARUS", *label,
                 "27 DECEMBER 2009", "Warsaw"]
        mission = "Limited Election Observation Mission" if "Limited" in label[0] \
            else "Election Observation Mission"
        expected = {"report_type": "final", "mission_type": mission,
                    "published_on": date(2009, 12, 27), "country": "Belarus"}
        assert parsed(Cover(lines, [], [], expected)) == expected, label
