"""A parse batch (one ``parse-batch`` task run) keeps one outcome per report: a report that cannot
be read is its own quarantine, never the batch's failure, and the artifact names every report."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from flows.parsing import batch_markdown, parse_items, verdicts
from flows.steps import WorkItem
from odihr.isolation import ParseLimits

SAMPLE = Path(__file__).resolve().parents[1] / "odihr" / "sample_site" / "files" / "f" / "documents"


def _item(document_id: int, path: Path) -> WorkItem:
    return WorkItem(
        document_id=document_id, version_id=document_id, url_path=f"/files/f/documents/{path.name}",
        path=str(path), translation_of=None, country=None, election_dates=(), report_type=None,
        language=None,
    )  # fmt: skip


def test_one_bad_report_is_quarantined_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:  # fmt: skip
    monkeypatch.setenv("ODIHR_VALIDATE_ISOLATION", "inline")
    damaged = tmp_path / "900001.pdf"
    damaged.write_bytes(b"%PDF-1.4\n% cut short\n")
    unreadable = tmp_path / "900002.pdf"
    unreadable.mkdir()  # reading it raises OSError, not a ReportError: still one outcome
    good = SAMPLE / "8" / "0" / "275321.pdf"
    items = [_item(1, damaged), _item(2, good), _item(3, unreadable)]
    batch = parse_items(7, items, ParseLimits(isolate=False))
    assert [o.url_path for o in batch.outcomes] == [i.url_path for i in items]
    bad, parsed, broken = batch.outcomes
    assert bad.parsed is None and bad.error_code and bad.reason
    assert broken.parsed is None and broken.error_code == "parser_error"
    assert parsed.parsed is not None and batch.validation is not None
    assert parsed.url_path in batch.validation.reports
    rows = {name: (verdict, detail) for name, verdict, detail in verdicts(batch)}
    assert rows["900001"][0] == rows["900002"][0] == "quarantined"
    assert rows["275321"][0] in ("loaded", "partial")
    markdown = batch_markdown(batch)
    assert markdown.startswith("## parse batch 7 (3 reports)")
    assert all(f"| {name} |" in markdown for name in rows)


#: (pdf, what the site's pages say: country, dates, report type, language) — agreeing, silent
#: and disagreeing site facts, so the prepared notes include site fills and disagreements.
PREPARE_CASES = [
    ("8/0/275321.pdf", None, (), None, None),
    ("8/0/275321.pdf", "Atlantis", (date(1999, 1, 1),), "final", "fr"),
    ("1/0/14112.pdf", "Atlantis", (), "interim", None),
    ("4/7/250536.pdf", None, (date(2030, 5, 5),), None, "ru"),
]


@pytest.mark.parametrize(("pdf", "country", "dates", "report_type", "language"), PREPARE_CASES)
def test_the_parse_task_prepares_what_the_load_would_compute(
    monkeypatch: pytest.MonkeyPatch, pdf: str, country: str | None, dates: tuple,
    report_type: str | None, language: str | None,
) -> None:  # fmt: skip
    """The plan, notes and digest travel from the worker (pickled, as Dask sends them) and are
    exactly what the flow process would have computed itself (``flows.finish.prepare``)."""
    import pickle
    from dataclasses import replace

    from flows.finish import prepare

    monkeypatch.setenv("ODIHR_VALIDATE_ISOLATION", "inline")
    item = replace(
        _item(1, SAMPLE / pdf), country=country, election_dates=dates,
        report_type=report_type, language=language,
    )  # fmt: skip
    batch = pickle.loads(pickle.dumps(parse_items(1, [item], ParseLimits(isolate=False))))
    (outcome,), (notes,), (ready,) = batch.outcomes, batch.site_notes, batch.prepared
    assert ready is not None and ready.digest is not None
    assert ready == prepare(item, outcome, batch.validation, notes)
    if country is not None:
        assert any(country in n or "Atlantis" in n for n in ready.notes), ready.notes
def test_thread_runner_batches_do_not_import_distributed() -> None:
    """Asking whether a batch runs on a Dask worker must not import ``distributed`` (~0.5 CPU s
    of the flow process before the first parse) when no Dask worker could be running."""
    code = (
        "import sys\n"
        "from flows.parsing import _threads\n"
        "from odihr.isolation import ParseLimits\n"
        "assert _threads(ParseLimits(workers=2)) == 2\n"
        "print('distributed' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("first", "second"), [(6, 6), (9, 2), (2, 9)])
def test_batches_are_parsed_in_the_order_they_were_submitted(
    monkeypatch: pytest.MonkeyPatch, first: int, second: int
) -> None:
    """Two batches in flight share the parse threads first come, first served: the earlier
    batch is not slowed down by the next one (its validation and load overlap that parse)."""
    import threading
    import time

    import flows.parsing as parsing
    from odihr.outcomes import ParseOutcome

    started: list[str] = []

    def fake_parse(item: WorkItem, limits: ParseLimits) -> ParseOutcome:
        started.append(item.url_path)
        time.sleep(0.02)
        return ParseOutcome(item.url_path, error_code="pdf_damaged", reason="test")

    monkeypatch.setattr(parsing, "_parse_one", fake_parse)
    monkeypatch.setattr(parsing, "_threads", lambda limits: 2)
    one = [_item(n, Path(f"a{n}.pdf")) for n in range(first)]
    two = [_item(100 + n, Path(f"b{n}.pdf")) for n in range(second)]
    runner = threading.Thread(target=parse_items, args=(1, one, ParseLimits()))
    runner.start()
    while not started:
        time.sleep(0.001)
    parse_items(2, two, ParseLimits())
    runner.join()
    order = ["a" if "/a" in path else "b" for path in started]
    assert order == ["a"] * first + ["b"] * second
