"""The operator's side of ``odihr``: honest exits, no silent wrong targets, common options.

Each test drives the real command line (``main`` in-process, or a subprocess for the version)
against real SQLite files and the real mirror server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from odihr.cli import build_parser, main
from odihr.commands import task_runner
from odihr.exitcodes import EXIT_OK, EXIT_USAGE
from odihr.settings import Settings, SettingsError
from odihr.site.server import MirrorServer

pytest_plugins = ["warehouse_fixtures"]

SAMPLE_SITE = Path(__file__).resolve().parents[1] / "odihr" / "sample_site"
EVERY_COMMAND = [
    ["demo"], ["nightly"], ["backfill"], ["reparse"], ["status"], ["runs"],
    ["db", "upgrade"], ["db", "grant-readonly", "reader"],
]


def test_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "odihr.cli", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("odihr "), done.stdout


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: " ".join(c[:2]))
def test_every_command_takes_the_common_options(command: list[str], tmp_path: Path) -> None:
    args = build_parser().parse_args(
        [*command, "--db", "sqlite:///x.db", "--data-dir", str(tmp_path), "--log-level", "info",
         "-q", "-v"]
    )
    assert args.database_url == "sqlite:///x.db"
    assert args.data_dir == tmp_path
    assert args.log_level == "INFO"


def test_reparse_help_shows_only_what_it_uses() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    text = sub.choices["reparse"].format_help()
    assert "--base-url" not in text and "--rate" not in text
    assert "--dry-run" in text


@pytest.mark.parametrize("url", ["foo://bar", "notaurl", "mysql://me:secret@db/warehouse"])
def test_a_malformed_database_url_is_bad_usage(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--db", url]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "ODIHR_DATABASE_URL" in err and "Traceback" not in err
    assert "secret" not in err
    assert len(err.strip().splitlines()) == 1


def test_status_never_creates_a_warehouse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.db"
    assert main(["status", "--db", f"sqlite:///{typo}", "--data-dir", str(tmp_path)]) \
        == EXIT_USAGE
    assert "no warehouse at" in capsys.readouterr().err
    assert not typo.exists()
    assert main(["runs", "--db", f"sqlite:///{typo}"]) == EXIT_USAGE
    assert not typo.exists()


def test_dask_without_its_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "prefect_dask", None)  # an import of it now fails
    with pytest.raises(SettingsError, match=r"pip install 'odihr-warehouse\[dask\]'"):
        task_runner(Settings(task_runner="dask"))


def test_status_json_runs_and_dry_run_on_a_loaded_warehouse(
    sqlite_warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sqlite_warehouse.url
    assert main(["status", "--db", db, "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["documents"]["loaded"] >= 1
    assert report["runs"][0]["kind"] == "backfill"
    assert report["runs"][0]["parameters"]["countries"] == []

    assert main(["runs", "--db", db, "--json"]) == EXIT_OK
    [run] = [r for r in json.loads(capsys.readouterr().out) if r["kind"] == "backfill"][:1]
    assert run["outcome"] == "completed" and run["seconds"] is not None
    assert run["counts"]["discovered"] == 26

    assert main(["runs", "--db", db, "--failed"]) == EXIT_OK
    assert "no failed runs" in capsys.readouterr().out

    data_dir = Path(db.removeprefix("sqlite:///")).parent / "data"
    argv = ["reparse", "--dry-run", "--db", db, "--data-dir", str(data_dir),
            "--country", "kazakhstan"]
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert "nothing is written" in out
    assert "/250536.pdf" in out and "/14112.pdf" not in out

    assert main([*argv[:-1], "kazakstan"]) == EXIT_USAGE
    assert "did you mean kazakhstan" in capsys.readouterr().err


@pytest.mark.slow
def test_an_unknown_country_is_bad_usage_with_suggestions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ODIHR_REQUESTS_PER_SECOND", "500")
    db = tmp_path / "w.db"
    with MirrorServer(SAMPLE_SITE) as mirror:
        code = main(["backfill", "--base-url", mirror.base_url, "--db", f"sqlite:///{db}",
                     "--data-dir", str(tmp_path / "data"), "--country", "kazakstan"])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "unknown --country 'kazakstan' (did you mean kazakhstan" in err
    assert "Traceback" not in err
    # The run was refused before any document was fetched; the .db file alone is whole.
    raw = tmp_path / "data" / "raw"
    assert not raw.exists() or not any(raw.rglob("*.pdf"))
    wal = Path(str(db) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.slow
def test_an_unreachable_database_during_a_backfill_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ODIHR_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "odihr.cli", "backfill", "--base-url", "http://127.0.0.1:9",
         "--db", f"postgresql+psycopg://nobody:secret@127.0.0.1:{port}/nothing"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "secret" not in done.stderr
    assert "cannot reach the warehouse database" in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2, done.stderr
