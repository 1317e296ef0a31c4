"""The OCR stage's pure parts and settings: garbage text layers, steady sizes, bold words, the
cache's naming, ``ODIHR_OCR*`` and ``ODIHR_OCR=off`` (no Tesseract run here)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from odihr.errors import GarbageTextLayer, NoTextLayer
from odihr.isolation import ParseLimits
from odihr.ocr.cache import cache_path
from odihr.ocr.clean import clean_page, estimate_skew
from odihr.ocr.options import OcrOptions, missing_languages
from odihr.ocr.sizes import BOTH_SPAN, ONE_SPAN, span, steady_sizes, tsv_words
from odihr.ocr.textlayer import rewrite, sizes
from odihr.ocr.weight import WordInk, bold_flags, stroke_width
from odihr.parse.pdf import PdfReport
from odihr.parse_job import parse_file
from odihr.settings import Settings, SettingsError

from results_pdfs import ReportPdf

SCANNED = Path(__file__).parent / "fixtures" / "broken" / "scanned.pdf"


def _pdf(lines: list[str]) -> bytes:
    pdf = ReportPdf()
    pdf.new_page()
    pdf.paragraph(*lines)
    return pdf.save()


def test_a_text_layer_of_symbols_is_garbage_and_needs_ocr() -> None:
    garbage = _pdf(["#$%&*+<=>@^|~{}[] " * 4] * 12)
    with PdfReport(garbage) as pdf, pytest.raises(GarbageTextLayer) as raised:
        pdf.require_text_layer()
    assert raised.value.code == "no_text_layer"  # the same outcome as a scan: OCR reads it
    assert isinstance(raised.value, NoTextLayer)
    assert "garbage text layer" in str(raised.value) and "needs OCR" in str(raised.value)


def test_figures_and_words_are_not_garbage() -> None:
    table = _pdf(["Registered voters 2,210,189 60.5 %"] * 6 + ["12,345 67,890 1.2 3.4 %"] * 12)
    with PdfReport(table) as pdf:
        pdf.require_text_layer()  # a results annex is mostly digits: still a real text layer


def test_ocr_off_keeps_the_needs_ocr_quarantine() -> None:
    outcome = parse_file("/scan.pdf", str(SCANNED), 100, OcrOptions(mode="off"))
    assert outcome.error_code == "no_text_layer"
    assert "needs OCR" in (outcome.reason or "")
    assert outcome.ocr_pages == 0


def test_ocr_settings_are_read_validated_and_reach_the_parse_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ODIHR_OCR", "off")
    monkeypatch.setenv("ODIHR_OCR_LANGUAGES", "eng")
    monkeypatch.setenv("ODIHR_OCR_MAX_PAGES", "7")
    monkeypatch.setenv("ODIHR_OCR_PAGE_SECONDS", "9.5")
    limits = ParseLimits.from_settings(Settings.from_env())
    assert limits.ocr == OcrOptions(mode="off", languages="eng", max_pages=7, page_seconds=9.5)
    assert Settings().ocr == "auto" and Settings().ocr_languages == "eng+Latin+rus"
    for name, value in (("ODIHR_OCR", "maybe"), ("ODIHR_OCR_LANGUAGES", "eng; rm -rf"),
                        ("ODIHR_OCR_MAX_PAGES", "0")):
        monkeypatch.setenv(name, value)
        with pytest.raises(SettingsError, match=name):
            Settings.from_env()
        monkeypatch.delenv(name)


def test_the_cache_is_named_by_content_and_engine_never_by_url(tmp_path: Path) -> None:
    options = OcrOptions()
    path = cache_path(tmp_path, b"%PDF-1.4 scan", options, "tesseract 5.3.0")
    assert path.parent == tmp_path
    digest = hashlib.sha256(b"%PDF-1.4 scan").hexdigest()
    assert path.name.startswith(f"{digest}.ocr-") and path.name.endswith(".pdf")
    assert cache_path(tmp_path, b"%PDF-1.4 scan", options, "tesseract 5.4.0") != path
    assert cache_path(tmp_path, b"%PDF-1.4 scan", OcrOptions(languages="eng"), "tesseract 5.3.0") \
        != path
    assert cache_path(tmp_path, b"%PDF-1.4 scan", OcrOptions(page_seconds=5),
                      "tesseract 5.3.0") == path  # caps do not change what is read


TESSERACT_PAGE = (
    b"BT\n3 Tr 1 0 0 1 72 700 Tm /f-0-0 12 Tf 100 Tz [ <004100420043> ] TJ 30 0 Td "
    b"98 Tz [ <0044> ] TJ \nET\nBT\n1 0 0 1 72 680 Tm /f-0-0 11 Tf 101 Tz [ <00450046> ] TJ "
    b"\nET\nBT\n1 0 0 1 72 600 Tm /f-0-0 8 Tf 100 Tz [ <0047> ] TJ \nET\n"
)


def test_a_size_one_point_off_the_body_is_the_body_and_bold_words_get_the_bold_font() -> None:
    assert sizes(TESSERACT_PAGE) == {12.0: 4, 11.0: 2, 8.0: 1}
    out = rewrite(TESSERACT_PAGE, 12.0, [True, False, False, False])
    assert sizes(out.replace(b"/f-0-1", b"/f-0-0")) == {12.0: 6, 8.0: 1}  # the footnote stays
    assert b"/f-0-1 12 Tf 100 Tz [ <004100420043> ] TJ 30 0 Td /f-0-0 12 Tf 98 Tz" in out
    assert out.count(b"/f-0-1") == 1
    # a flag list that does not match the words is ignored rather than misapplied
    assert b"/f-0-1" not in rewrite(TESSERACT_PAGE, 12.0, [True])


def test_measured_sizes_replace_tesseracts_and_words_keep_their_width() -> None:
    """A word set at a measured size is scaled to keep its printed width; a word ending in
    Tesseract's appended space is widened so its letters span the box (a letter short before)."""
    page = (b"BT 1 0 0 1 72 700 Tm /f-0-0 9 Tf 90 Tz [ <004A0061006E0020> ] TJ 30 0 Td "
            b"80 Tz [ <00530020> ] TJ ET BT 1 0 0 1 72 600 Tm /f-0-0 11 Tf 100 Tz "
            b"[ <0058> ] TJ ET")
    out = rewrite(page, 12.0, None, [10.0, 10.0, None])
    assert b"/f-0-0 10 Tf 108 Tz [ <004A0061006E0020> ] TJ" in out  # 90 * 9/10 * 4/3
    assert b"/f-0-0 10 Tf 144 Tz [ <00530020> ] TJ" in out  # 80 * 9/10 * 2/1
    assert b"/f-0-0 12 Tf 91.667 Tz [ <0058> ] TJ" in out  # unmeasured: near the body
    # a speck read as a lone mark is set as an empty run (it would open a table column)
    speck = b"BT /f-0-0 10 Tf 100 Tz [ <002E0020> ] TJ 9 0 Td 100 Tz [ <0033002E0020> ] TJ ET"
    cleaned = rewrite(speck, 10.0, None)
    assert b"[ <> ] TJ" in cleaned and b"<0033002E0020>" in cleaned


TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth" \
    "\theight\tconf\ttext\n"


def _tsv(paragraphs: list[list[list[tuple[str, int]]]]) -> str:
    """Tesseract TSV of paragraphs of lines of ``(word, box height in pixels)``."""
    rows = [TSV_HEADER]
    for block, lines in enumerate(paragraphs, 1):
        for number, line in enumerate(lines, 1):
            rows.extend(f"5\t1\t{block}\t1\t{number}\t{i}\t{i * 100}\t0\t90\t{h}\t95\t"
                        f"{text}\n" for i, (text, h) in enumerate(line, 1))
    return "".join(rows)


def test_line_sizes_come_from_word_boxes_and_one_type_gets_one_size() -> None:
    """At 300 dpi a 10 pt word with a capital spans 0.74 em = 30.8 px, with a descender too
    0.94 em = 39.2 px. Rows of one table whose boxes vary by a few pixels (and one whose first
    box swallowed a speck) come out at one size; a 12 pt heading stays apart; a row Tesseract
    merged with a wrapped cell beside it (every box grown) takes its paragraph's size; a line
    of x-height letters only keeps Tesseract's size."""
    assert span("Jan") == span("gun") == ONE_SPAN and span("Gayane") == BOTH_SPAN
    assert span("men") is None and span("Ödön") is None
    page = tsv_words(_tsv([
        [[("HEADING", 37)]],                      # 12 pt capitals
        [[("Jan", 31), ("Petersen-Dahl", 31)],
         [("Tomas", 45), ("Lithuania", 46)],      # merged with a wrapped cell: all grown
         [("Judit", 45), ("Hungary", 40)],        # a speck in Judit's box: the smaller counts
         [("Kalin", 30), ("Angelov", 39)],
         [("Mariya", 38), ("Petrov", 39)]],
        [[("sun", 20)]],
    ]))
    sizes_ = steady_sizes([page], 300)[0]
    assert sizes_[0] == 12.0
    assert set(sizes_[1:-1]) == {10.0}
    assert sizes_[-1] is None


def _word(width: int) -> np.ndarray:
    ink = np.zeros((20, 60), dtype=bool)
    for x in range(2, 58, 10):
        ink[2:18, x:x + width] = True
    return ink


def test_bold_words_have_thicker_strokes_than_the_page_body() -> None:
    assert stroke_width(_word(2)) == pytest.approx(2.0)
    assert stroke_width(_word(4)) == pytest.approx(4.0)
    body = [WordInk("w", 0.1)] * 40 + [WordInk("HEADING", 0.16)]
    cover = [WordInk("Title", 0.2), WordInk("place", 0.11)]
    flags = bold_flags([cover, body])
    assert flags[1][-1] and not any(flags[1][:-1])
    assert flags[0] == [True, False]  # a cover takes the other pages' reference


def test_a_skewed_page_is_straightened() -> None:
    page = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(page)
    for top in range(100, 1500, 40):
        draw.rectangle((100, top, 1100, top + 12), fill=0)
    skewed = page.rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert estimate_skew(skewed) == pytest.approx(-1.2, abs=0.1)
    assert abs(estimate_skew(clean_page(skewed))) <= 0.1


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_languages_tesseract_lacks_are_named() -> None:
    assert "xxx" in missing_languages("eng+xxx")
    assert "eng" not in missing_languages("eng+xxx")
