"""The metadata reader's line and page counts live in one validated object (MetadataSettings),
passed down from read_metadata to the cover, the body's title block and the running header."""

from __future__ import annotations

from pathlib import Path

import pytest

from odihr.parse.metadata import read_metadata
from odihr.parse.metadata.settings import DEFAULT_SETTINGS, MetadataSettings
from odihr.parse.metadata.title_blocks import running_header
from odihr.parse.pdf import PdfReport

FINAL = Path(__file__).resolve().parents[1] / "odihr/sample_site/files/f/documents/4/7/250536.pdf"


@pytest.mark.parametrize("field", ["title_block_max_lines", "sample_pages", "header_pages",
                                   "header_depth", "body_block_max_lines", "body_pages"])
@pytest.mark.parametrize("value", [0, -3, 2.5, True])
def test_settings_refuse_what_is_not_a_count(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        MetadataSettings(**{field: value})  # type: ignore[arg-type]


def test_the_counts_are_the_settings_ones() -> None:
    """The running header is found by comparing pages after the cover: with none to compare
    there is none; a metadata reading with the defaults is the one without settings."""
    with PdfReport(FINAL.read_bytes()) as pdf:
        assert running_header(pdf, DEFAULT_SETTINGS)
        assert running_header(pdf, MetadataSettings(header_pages=2)) == []
        assert read_metadata(pdf, DEFAULT_SETTINGS) == read_metadata(pdf)
