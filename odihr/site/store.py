"""Content-addressed store of downloaded documents: ``<raw_dir>/ab/<sha256>.pdf``.

File names come from the content's sha256 only, never from URLs. Writes are atomic (a temporary
file in the same directory, fsync, ``os.replace``) and idempotent: storing the same bytes twice
leaves one file. Whatever the bytes are (an HTML page served as ``.pdf`` included) they are kept
as downloaded, so a quarantined document can be inspected.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from odihr.settings import Settings

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class RawStore:
    """Content-addressed raw documents under one directory (``settings.raw_dir``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def from_settings(cls, settings: Settings) -> RawStore:
        """The store at ``<data_dir>/raw``."""
        return cls(settings.raw_dir)

    def path_for(self, sha256: str) -> Path:
        """Where the document with this digest lives (whether or not it is stored).

        Raises:
            ValueError: ``sha256`` is not 64 lower-case hex digits.
        """
        if not _SHA256.match(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}.pdf"

    def store(self, data: bytes) -> tuple[str, Path]:
        """Keep ``data``; returns ``(sha256, path)``. Storing the same bytes again is a no-op."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.path_for(digest)
        if path.is_file() and path.stat().st_size == len(data):
            return digest, path
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        return digest, path

    def exists(self, sha256: str) -> bool:
        """True if a document with this digest is stored."""
        return self.path_for(sha256).is_file()

    def load(self, sha256: str) -> bytes:
        """The stored bytes for ``sha256``.

        Raises:
            FileNotFoundError: nothing is stored under this digest.
            ValueError: the stored file no longer matches its digest (damaged on disk).
        """
        data = self.path_for(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError(f"stored file {self.path_for(sha256)} does not match its sha256")
        return data


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same directory,
    fsync, then ``os.replace``; readable by the group (report files are shared)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
