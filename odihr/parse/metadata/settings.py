"""The tuning of the metadata reader, in one validated object: how many lines and pages of a
report its cover, title block and running header are looked for in."""

from __future__ import annotations

from dataclasses import dataclass

from odihr.parse.tuning import require_positive


@dataclass(frozen=True)
class MetadataSettings:
    """Line and page counts of the metadata reader; the defaults are the ones the sample and the
    generated covers are read with."""

    #: The cover's title block ends at its first section heading; it is never longer than this.
    title_block_max_lines: int = 24
    #: Pages read to detect the language and, failing the title block, the mission.
    sample_pages: int = 4
    #: Pages (from page 2) whose top lines are compared to find the running header.
    header_pages: int = 8
    #: How many top lines of a page may belong to the running header.
    header_depth: int = 4
    #: Lines the title block over the body's first section may take, running header included.
    body_block_max_lines: int = 12
    #: Pages searched for the first page of the body.
    body_pages: int = 5

    def __post_init__(self) -> None:
        require_positive(self, whole=True)


DEFAULT_SETTINGS = MetadataSettings()
