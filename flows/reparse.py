"""The ``reparse`` flow: parse stored PDFs again after a parser upgrade, without the network."""

from __future__ import annotations

from typing import Any

from prefect import flow

from db.status import country_slugs
from db.stored import stored_versions
from flows.artifacts import publish_summary
from flows.converge import reconcile_translations
from flows.lifecycle import tracked_run
from flows.params import IsoDate
from flows.steps import BATCH_SIZE, WorkItem, process_all, validates_here
from odihr.filters import Filters
from odihr.settings import Settings, base_settings
from odihr.site.store import RawStore
from odihr.summary import RunSummary
from odihr.validate.remote import warm_up


def run_reparse(settings: Settings, filters: Filters, force: bool) -> RunSummary:
    """Re-parse, re-validate and reload every stored latest version that matches ``filters``."""
    with tracked_run(settings, "reparse", {**filters.as_params(), "force": force}) as (
        engine,
        summary,
    ):
        if filters.countries:
            filters.check_countries(country_slugs(engine))
        store = RawStore(settings.raw_dir)
        items = []
        for v in stored_versions(engine, filters):
            path = store.path_for(v["sha256"])
            summary.add("discovered")
            if not path.exists():
                summary.add("failed")
                summary.quarantined.append(
                    (
                        v["url_path"],
                        f"stored bytes {v['sha256']} are missing from {store.root}; "
                        "run a backfill with --force to fetch them again",
                    )
                )
                continue
            items.append(
                WorkItem.from_stored(
                    v, str(path), facts_digest=None if force else v["facts_digest"]
                )
            )
        if items and validates_here(settings):
            warm_up()  # the validation child imports GX while the first batch is parsed
        batches = (items[at : at + BATCH_SIZE] for at in range(0, len(items), BATCH_SIZE))
        # The next batch is parsed and validated (Dask workers) while this one is loaded.
        summary.validations.extend(process_all(engine, settings, batches, summary.run_id, summary))
        reconcile_translations(engine, settings, summary)
    return summary


@flow(name="reparse", log_prints=False)
def reparse(
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    countries: list[str] | None = None,
    report_types: list[str] | None = None,
    force: bool = False,
    database_url: str | None = None,
    data_dir: str | None = None,
) -> dict[str, Any]:
    """Re-parse stored PDFs; a report whose facts come out the same is left untouched."""
    settings = base_settings().with_overrides(database_url=database_url, data_dir=data_dir)
    summary = run_reparse(
        settings, Filters.build(date_from, date_to, countries, report_types), force
    )
    publish_summary(summary)
    return {**summary.as_dict(), "text": summary.format_text()}
