"""Shared pytest fixtures for the site layer: a real local server over the sample mirror.

Load them with ``pytest_plugins = ["sitefixtures"]`` (in a test module or the root conftest);
test modules take constants from fixtures rather than importing this module, so pytest can
rewrite its asserts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import odihr
from odihr.settings import Settings
from odihr.site.client import SiteClient
from odihr.site.server import MirrorServer

SAMPLE_SITE = Path(odihr.__file__).parent / "sample_site"
SITE_TRUTH = Path(__file__).parent / "truth" / "site.json"


def fast_settings(base_url: str, data_dir: Path, **overrides: Any) -> Settings:
    """Settings for tests: high rate limit, tiny backoff, short timeouts, two retries."""
    values: dict[str, Any] = dict(
        base_url=base_url, data_dir=data_dir, requests_per_second=200.0, connect_timeout=2.0,
        read_timeout=2.0, retries=2, backoff_seconds=0.001,
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def site_truth() -> dict[str, Any]:
    """``tests/truth/site.json``: what a correct crawler discovers in the sample mirror."""
    return json.loads(SITE_TRUTH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_site() -> Path:
    """Root of the bundled sample mirror (``odihr/sample_site``)."""
    return SAMPLE_SITE


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    """The sample mirror served on a free loopback port (fresh log, faults and overrides)."""
    with MirrorServer(SAMPLE_SITE) as server:
        yield server


@pytest.fixture
def site_settings(mirror: MirrorServer, tmp_path: Path) -> Settings:
    """Settings pointing at :func:`mirror`, with a data dir under ``tmp_path``."""
    return fast_settings(mirror.base_url, tmp_path / "data")


@pytest.fixture
def site_client(site_settings: Settings) -> Iterator[SiteClient]:
    """A :class:`SiteClient` for :func:`mirror`."""
    with SiteClient(site_settings) as client:
        yield client


@pytest.fixture
def make_client(mirror: MirrorServer, tmp_path: Path) -> Iterator[Callable[..., SiteClient]]:
    """Factory: ``make_client(retries=1, read_timeout=0.2, sleep=...)`` -> a client for
    :func:`mirror` with those settings overridden (``sleep``/``rng`` go to the client)."""
    clients: list[SiteClient] = []

    def make(**overrides: Any) -> SiteClient:
        hooks = {k: overrides.pop(k) for k in ("sleep", "rng", "session") if k in overrides}
        client = SiteClient(fast_settings(mirror.base_url, tmp_path / "data", **overrides),
                            **hooks)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
