"""robots.txt that the site does not serve (404) allows every path (RFC 9309), read once."""

from __future__ import annotations

from pathlib import Path

from odihr.settings import Settings
from odihr.site.client import SiteClient
from odihr.site.server import MirrorServer


def test_a_missing_robots_txt_allows_all(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "odihr").mkdir(parents=True)
    (root / "odihr" / "index.html").write_text("<html><body>elections</body></html>")
    with MirrorServer(root) as server:
        settings = Settings(base_url=server.base_url, requests_per_second=200,
                            data_dir=tmp_path / "data")
        with SiteClient(settings) as client:
            assert client.allowed("/files/f/documents/1/2/3.pdf")
            assert client.allowed("/odihr")
            client.get_page("/odihr")
        assert server.paths() == ["/robots.txt", "/odihr"]
