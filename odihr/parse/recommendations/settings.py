"""The tuning of the recommendations reader, in one validated object (PDF points and shares of
the font size), as :class:`~odihr.parse.page.lines.LineSettings` is for lines."""

from __future__ import annotations

from dataclasses import dataclass

from odihr.parse.tuning import require_positive


@dataclass(frozen=True)
class RecommendationSettings:
    """Tolerances of the recommendations reader; the defaults are the ones the sample and the
    generated reports are read with."""

    #: Sizes within this many points are one size: a line larger by more is set apart (a
    #: heading); a line smaller by more than the section's body is a footnote.
    size_step: float = 0.5
    #: A bare item number in a column of its own: the gap to the text is at least this share of
    #: the font size.
    number_column_gap: float = 1.0
    #: An item's number sits within this many points of the first item's number.
    number_alignment: float = 8.0
    #: Two heading lines closer than this share of their size are one wrapped heading.
    heading_wrap_gap: float = 0.5
    #: A numbered heading in body type stands apart: gaps above and below wider than this share
    #: of its size.
    alone_gap: float = 0.6
    #: An unstyled topic heading is shorter than this many characters (so is the one-line topic
    #: over an item labelled in series).
    topic_max_chars: int = 60
    #: A paragraph starts after a gap wider than the line spacing plus this share of the size.
    paragraph_gap: float = 0.4
    #: A first line indented by more than this many points starts a paragraph.
    indent: float = 8.0

    def __post_init__(self) -> None:
        require_positive(self)


DEFAULT_SETTINGS = RecommendationSettings()
