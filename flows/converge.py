"""The last step of every run: translations follow their original's state.

A translation is parsed when its original is not loaded (it is the only copy of the facts) and
skipped when the original is loaded. Both states change over time — the original fails to
download once, then loads a night later — so after every run the warehouse is checked for
translations out of step with their original, and each is skipped (its facts leave the views) or
parsed from its stored bytes. Without this, Moldova 2016's results were counted twice for good.
"""

from __future__ import annotations

from sqlalchemy import Engine

from db.converge import skip_translation, translations_out_of_step
from db.stored import stored_versions
from flows.steps import WorkItem, process
from odihr.filters import Filters
from odihr.settings import Settings
from odihr.site.store import RawStore
from odihr.summary import RunSummary


def reconcile_translations(engine: Engine, settings: Settings, summary: RunSummary) -> None:
    """Skip translations shown beside their loaded original; parse those left without one."""
    to_skip, to_parse = translations_out_of_step(engine)
    for row in to_skip:
        skip_translation(
            engine,
            document_id=row["id"],
            reason=f"translation of {row['translation_of']}, which is loaded",
            run_id=summary.run_id,
        )
        summary.add("skipped")
    if not to_parse:
        return
    wanted = {row["id"] for row in to_parse}
    store = RawStore(settings.raw_dir)
    items = []
    for v in stored_versions(engine, Filters.build(None, None, None, None)):
        path = store.path_for(v["sha256"])
        if v["document_id"] in wanted and path.exists():
            items.append(WorkItem.from_stored(v, str(path)))
    run_id = summary.run_id
    assert run_id is not None, "reconcile inside a tracked run"
    summary.validations.extend(process(engine, settings, items, run_id, summary))
