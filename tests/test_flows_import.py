"""Smoke test without a server: every flow and deployment module imports, and the deployments
have the names, schedules, parameters and concurrency ``docs/operations.md`` promises --
registered from Python or from ``deployments/prefect.yaml`` alike."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from prefect import Flow
from prefect.client.schemas.objects import ConcurrencyLimitStrategy
from prefect.utilities.schema_tools import validate

import deployments
import flows
from deployments import entrypoints, serve, specs
from odihr.settings import DEFAULT_NIGHTLY_CRON, Settings
from tasks import politeness

PREFECT_YAML = Path(specs.__file__).with_name("prefect.yaml")
CONTRACT_FILTERS = {"date_from", "date_to", "countries", "report_types", "force"}


@pytest.mark.parametrize("package", [flows, deployments], ids=lambda p: p.__name__)
def test_every_module_imports(package: Any) -> None:
    names = [m.name for m in pkgutil.iter_modules(package.__path__)]
    assert names
    for name in names:
        importlib.import_module(f"{package.__name__}.{name}")


def test_entrypoints_are_the_flows_on_the_configured_task_runner(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    from flows.ingest import ingest
    from flows.reparse import reparse

    assert isinstance(entrypoints.ingest, Flow) and entrypoints.ingest.name == "ingest"
    assert isinstance(entrypoints.reparse, Flow) and entrypoints.reparse.name == "reparse"
    assert entrypoints.ingest.fn is ingest.fn and entrypoints.reparse.fn is reparse.fn
    monkeypatch.delenv("ODIHR_TASK_RUNNER", raising=False)
    assert isinstance(importlib.reload(entrypoints).ingest.task_runner, ThreadPoolTaskRunner)
    monkeypatch.setenv("ODIHR_TASK_RUNNER", "dask")
    try:
        reloaded = importlib.reload(entrypoints)
        assert isinstance(reloaded.ingest.task_runner, DaskTaskRunner)
        assert isinstance(reloaded.reparse.task_runner, DaskTaskRunner)
    finally:
        monkeypatch.delenv("ODIHR_TASK_RUNNER")
        importlib.reload(entrypoints)


def test_deployment_names_schedules_and_parameters() -> None:
    by_name = {s.full_name: s for s in specs.deployment_specs(Settings())}
    assert set(by_name) == {"ingest/nightly", "ingest/backfill", "reparse/reparse"}
    assert by_name["ingest/nightly"].cron == DEFAULT_NIGHTLY_CRON == "0 2 * * *"
    assert by_name["ingest/nightly"].parameters == {"kind": "nightly"}
    assert by_name["ingest/backfill"].parameters == {"kind": "backfill"}
    assert by_name["ingest/backfill"].cron is None and by_name["reparse/reparse"].cron is None
    assert by_name["ingest/nightly"].collision_strategy is ConcurrencyLimitStrategy.CANCEL_NEW
    assert by_name["ingest/backfill"].collision_strategy is ConcurrencyLimitStrategy.ENQUEUE


def test_the_nightly_cron_comes_from_odihr_nightly_cron(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODIHR_NIGHTLY_CRON", "15 4 * * 1-5")
    (nightly, *_) = specs.runner_deployments()
    assert [(s.schedule.cron, s.schedule.timezone) for s in nightly.schedules] == [
        ("15 4 * * 1-5", "UTC")
    ]
    monkeypatch.setenv("ODIHR_NIGHTLY_CRON", "every night at two")
    with pytest.raises(ValueError, match="ODIHR_NIGHTLY_CRON"):
        specs.deployment_specs()
    assert specs.main(["nightly-cron"]) == 2  # a message, not a traceback
    assert serve.main(["--check"]) == 2


def test_runner_deployments_for_serve_and_for_the_work_pool() -> None:
    served = {d.name: d for d in specs.runner_deployments(Settings())}
    pooled = {
        d.name: d
        for d in specs.runner_deployments(
            Settings(), work_pool=specs.WORK_POOL, work_queue=specs.WORK_QUEUE
        )
    }
    assert set(served) == set(pooled) == {"nightly", "backfill", "reparse"}
    for name, deployment in served.items():
        assert deployment.work_pool_name is None and deployment.work_queue_name is None
        assert pooled[name].work_pool_name == specs.WORK_POOL
        assert pooled[name].work_queue_name == specs.WORK_QUEUE
        assert deployment.concurrency_limit == 1
        assert deployment.enforce_parameter_schema
        assert deployment.tags == list(specs.TAGS)
    assert served["nightly"].flow_name == served["backfill"].flow_name == "ingest"
    assert served["reparse"].flow_name == "reparse"
    assert served["nightly"].entrypoint == served["backfill"].entrypoint == specs.INGEST_ENTRYPOINT
    assert served["reparse"].entrypoint == specs.REPARSE_ENTRYPOINT
    assert [s.schedule.cron for s in served["nightly"].schedules] == ["0 2 * * *"]
    assert served["backfill"].schedules == [] and served["reparse"].schedules == []


def test_backfill_takes_the_contracts_filters_as_parameters() -> None:
    backfill = {d.name: d for d in specs.runner_deployments(Settings())}["backfill"]
    schema = backfill._parameter_openapi_schema.model_dump()
    assert set(schema["properties"]) >= CONTRACT_FILTERS
    # what `prefect deployment run 'ingest/backfill' --param date_from=2015-01-01
    # --param countries='["kazakhstan"]'` sends
    sent = {**backfill.parameters, "date_from": "2015-01-01", "countries": ["kazakhstan"]}
    assert validate(sent, schema) == []
    assert validate({**sent, "countries": "kazakhstan"}, schema) != []
    reparse = {d.name: d for d in specs.runner_deployments(Settings())}["reparse"]
    assert set(reparse._parameter_openapi_schema.model_dump()["properties"]) >= CONTRACT_FILTERS


def test_prefect_yaml_matches_the_python_deployments(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))
    (build_step,) = config["build"]
    step = build_step["prefect.deployments.steps.run_shell_script"]
    assert step["script"] == "python -m deployments.specs nightly-cron"
    assert config["pull"] == []
    in_yaml = {d["name"]: d for d in config["deployments"]}
    for spec in specs.deployment_specs(Settings()):
        d = in_yaml.pop(spec.name)
        assert d["entrypoint"] == spec.entrypoint
        assert (d.get("parameters") or {}) == spec.parameters
        assert d["concurrency_limit"] == {
            "limit": 1,
            "collision_strategy": spec.collision_strategy.value,
        }
        assert d["work_pool"]["name"] == specs.WORK_POOL
        assert d["work_pool"]["work_queue_name"] == specs.WORK_QUEUE
        assert d["tags"] == list(specs.TAGS)
        if spec.cron:
            assert d["schedules"] == [{"cron": f"{{{{ {step['id']}.stdout }}}}", "timezone": "UTC"}]
        else:
            assert "schedules" not in d
    assert not in_yaml, f"deployments only in prefect.yaml: {sorted(in_yaml)}"
    # the build step prints the cron the settings give
    monkeypatch.setenv("ODIHR_NIGHTLY_CRON", "45 1 * * *")
    assert specs.main(["nightly-cron"]) == 0
    assert capsys.readouterr().out.strip() == "45 1 * * *"


def test_entry_points_explain_what_they_need(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve.main(["--check"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("ingest/nightly", "ingest/backfill", "reparse/reparse"))
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from deployments import deploy

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert serve.main([]) == 2
        assert deploy.main([]) == 2
    assert "PREFECT_API_URL" in capsys.readouterr().err


def test_shared_politeness_is_off_unless_named() -> None:
    assert politeness.site_throttle(None) is None
    assert politeness.site_throttle("") is None
    assert callable(politeness.site_throttle(politeness.SITE_RATE_LIMIT))
    with pytest.raises(ValueError):
        politeness.ensure_site_rate_limit(0)
