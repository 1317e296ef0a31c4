"""The ``odihr`` command line: usage errors, exit codes, help and docs for every command."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from odihr.cli import build_parser, main
from odihr.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = ["demo", "nightly", "backfill", "reparse", "status", "runs", "db"]


def test_every_command_has_help_and_is_in_the_readme() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    readme = README.read_text(encoding="utf-8")
    for name in COMMANDS:
        assert sub.choices[name].format_help().strip()
        assert re.search(rf"odihr {name}\b", readme), f"README does not show `odihr {name}`"
    for action in sub.choices["backfill"]._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, action.option_strings


@pytest.mark.parametrize(
    "argv",
    [
        ["backfill", "--from", "2016-99-01"],
        ["backfill", "--report-type", "summary"],
        ["nightly", "--task-runner", "celery"],
        ["frobnicate"],
        [],
    ],
)
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == EXIT_USAGE
    assert capsys.readouterr().err


def test_bad_setting_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ODIHR_REQUESTS_PER_SECOND", "fast")
    assert main(["status", "--db", f"sqlite:///{tmp_path / 'w.db'}"]) == EXIT_USAGE


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_unreachable_site_exits_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ODIHR_RETRIES", "1")
    monkeypatch.setenv("ODIHR_BACKOFF_SECONDS", "0.001")
    monkeypatch.setenv("ODIHR_CONNECT_TIMEOUT", "1")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code = main(
        [
            "backfill",
            "--base-url",
            f"http://127.0.0.1:{_closed_port()}",
            "--db",
            db,
            "--data-dir",
            str(tmp_path / "data"),
        ]
    )
    assert code == EXIT_FAILED
    assert "could not complete" in capsys.readouterr().err
    assert main(["status", "--db", db]) == EXIT_OK
    out = capsys.readouterr().out
    assert re.search(r"#1\s+backfill\s+failed", out), out


def test_unreachable_database_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql+psycopg://nobody@127.0.0.1:{_closed_port()}/nothing"
    assert main(["status", "--db", url]) == EXIT_FAILED
    assert "cannot reach the warehouse database" in capsys.readouterr().err


def test_db_upgrade_and_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["db", "upgrade", "--db", db]) == EXIT_OK
    assert "revision" in capsys.readouterr().out
    assert main(["status", "--db", db]) == EXIT_OK
    assert "quarantined reports: 0" in capsys.readouterr().out
