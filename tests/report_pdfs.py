"""A whole synthetic final report (cover, body, recommendations, results annex with two contests,
observer list), written with PDFium by :mod:`results_pdfs`, for the per-part loading tests.

``second_shares`` are the printed shares of the second contest (a referendum of 300,000 and
200,000 votes): ``("60.00", "40.00")`` is consistent; anything else contradicts the votes, so that
contest — and only it — fails validation.
"""

from __future__ import annotations

from collections.abc import Sequence

from results_pdfs import LEFT, Column, ReportPdf

HEADER = ("Republic of Moldova", "Parliamentary Elections, 12 May 2024",
          "ODIHR Election Observation Mission Final Report")
BODY = ("The 101 members of Parliament are elected for a four-year term under a",
        "proportional system in a single nationwide constituency.")
RECOMMENDATIONS = (
    "The legal framework should be reviewed to address the gaps identified in this report.",
    "The election administration should publish all of its decisions in a timely manner.",
)
OBSERVERS = (("Geir Jørgen", "Bekkevold", "Norway", "Head of Delegation"),
             ("Marietta", "Tidei", "Italy", "Special Co-ordinator"),
             ("Rouven", "Ertlschweiger", "Austria", "MP"))
PARTIES = (("Union Party", "300,000", "60.00", "61"), ("Green Party", "150,000", "30.00", "30"),
           ("Citizens' Alliance", "50,000", "10.00", "10"))


def final_report(
    second_shares: Sequence[str] = ("60.00", "40.00"), election: str = "Parliamentary Elections"
) -> bytes:
    """The report's PDF bytes (see the module docstring); ``election`` names the election on the
    cover and in the running header."""
    r = ReportPdf(header=(HEADER[0], f"{election}, 12 May 2024", HEADER[2]))
    r.new_page().paragraph("REPUBLIC OF MOLDOVA", size=14, bold=True)
    r.paragraph(election.upper(), size=14, bold=True).paragraph("12 May 2024", size=12)
    r.paragraph("ODIHR Election Observation Mission", "Final Report", size=12)
    r.paragraph("Warsaw", "20 August 2024")
    for _ in range(2):
        r.new_page().paragraph(*BODY).paragraph("Some further text about the campaign.")
    r.new_page().paragraph("XV. RECOMMENDATIONS", size=12, bold=True)
    r.paragraph("These recommendations are offered with a view to further enhance the",
                "conduct of elections.")
    r.paragraph("A. PRIORITY RECOMMENDATIONS", size=11, bold=True)
    for number, text in enumerate(RECOMMENDATIONS, 1):
        r.text(LEFT, f"{number}.", size=11)
        r.text(LEFT + 18, text, size=11)
        r.top += 20
    r.new_page().paragraph("ANNEX I: FINAL ELECTION RESULTS", size=12, bold=True)
    four = [Column(72, right=False), Column(290), Column(410), Column(520)]
    r.paragraph("Parliament", bold=True)
    r.row(four, ["Political party", "Number of votes", "Percentage of votes", "Seats won"],
          bold=True)
    for cells in PARTIES:
        r.row(four, list(cells))
    r.row(four, ["Total", "500,000", "100.00", "101"], bold=True)
    r.top += 20
    r.paragraph("Referendum on the constitution", bold=True)
    three = [Column(72, right=False), Column(400), Column(480)]
    r.row(three, ["Option", "Votes", "%"], bold=True)
    r.row(three, ["Yes", "300,000", second_shares[0]])
    r.row(three, ["No", "200,000", second_shares[1]])
    r.row(three, ["Total", "500,000", "100.00"], bold=True)
    r.new_page().paragraph(
        "ANNEX II: LIST OF OBSERVERS IN THE INTERNATIONAL ELECTION OBSERVATION MISSION",
        size=12, bold=True)
    r.paragraph("OSCE Parliamentary Assembly", size=11, bold=True)
    columns = [Column(LEFT, right=False), Column(186, right=False), Column(306, right=False),
               Column(426, right=False)]
    r.row(columns, ["Name", "Surname", "Country", "Role"], bold=True)
    for observer in OBSERVERS:
        r.row(columns, list(observer))
    r.new_page().paragraph("ABOUT ODIHR", size=12, bold=True)
    r.paragraph("The Office for Democratic Institutions and Human Rights is the principal",
                "institution of the OSCE to assist participating States.")
    return r.save()
