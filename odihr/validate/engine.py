"""Great Expectations, started once per process and only when a run needs it.

Importing GX costs about two seconds, so it happens lazily on the first validation and the
ephemeral context, its pandas data source (one DataFrame asset per table) and the built suites are
kept for the life of the process. Analytics are switched off before the import and GX's tqdm
progress bars are disabled in the context. A lock serialises validations: a GX context is not
meant to be used from several threads, and Prefect's thread runner may call us concurrently.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pandas as pd

from odihr.validate.suites import SuiteSpec, build_gx_suite, load_suites

log = logging.getLogger(__name__)

#: GX result format: every failing row's DataFrame index, no generated query strings.
RESULT_FORMAT: dict[str, Any] = {
    "result_format": "COMPLETE",
    "return_unexpected_index_query": False,
    "partial_unexpected_count": 0,
}

_lock = threading.Lock()
_engine: GxEngine | None = None


def _import_gx() -> ModuleType:
    # GX reads this when its context starts; we never send usage statistics.
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    # GX logs routine start-up (its temporary docs site) at INFO: not news for a person.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    started = time.perf_counter()
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.WARNING)  # import resets it

    log.debug(
        "great_expectations %s imported in %.2fs", gx.__version__, time.perf_counter() - started
    )
    return gx


@dataclass(frozen=True)
class SuiteResult:
    """The GX results of one suite over one table, and the table they index into."""

    spec: SuiteSpec
    frame: pd.DataFrame
    results: list[Any]
    seconds: float


class GxEngine:
    """An ephemeral GX context with one DataFrame asset and one built suite per table."""

    def __init__(self) -> None:
        gx = _import_gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.enable_analytics(False)
        self.context.variables.progress_bars = ProgressBarsConfig(
            globally=False, metric_calculations=False
        )
        source = self.context.data_sources.add_pandas("odihr")
        self.specs = load_suites()
        self.suites = {spec.name: build_gx_suite(gx, spec) for spec in self.specs}
        self.batches = {
            spec.name: source.add_dataframe_asset(spec.name).add_batch_definition_whole_dataframe(
                "run"
            )
            for spec in self.specs
        }

    def validate(
        self, frames: dict[str, pd.DataFrame], parameters: dict[str, Any]
    ) -> list[SuiteResult]:
        """Validate each table once with its suite; failing rows come back as index labels."""
        out: list[SuiteResult] = []
        for spec in self.specs:
            frame = frames[spec.table]
            started = time.perf_counter()
            batch = self.batches[spec.name].get_batch(batch_parameters={"dataframe": frame})
            result = batch.validate(
                self.suites[spec.name],
                result_format=RESULT_FORMAT,
                expectation_parameters=parameters,
            )
            out.append(
                SuiteResult(spec, frame, list(result.results), time.perf_counter() - started)
            )
        return out


def get_engine() -> GxEngine:
    """The process's GX engine, started on first use."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = GxEngine()
        return _engine


def run_suites(frames: dict[str, pd.DataFrame], parameters: dict[str, Any]) -> list[SuiteResult]:
    """Validate a run's frames with every suite, one GX validation per suite."""
    engine = get_engine()
    with _lock:
        return engine.validate(frames, parameters)
