"""Digest of every parse: the sha256 of ``repr(parse_report(pdf))`` (or of its error) per PDF.

    .venv/bin/python bench/parse_digest.py [ROOT ...] [--each]

Run it before and after a change to the parser that must not change what is read (a speed-up):
the last line (the digest over every file) must be the same. ``--each`` also prints one line per
file, to find the file that changed. Default roots: the sample mirror and the test fixtures.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from odihr.parse.report import parse_report  # noqa: E402

DEFAULT_ROOTS = (ROOT / "odihr" / "sample_site", ROOT / "tests" / "fixtures")


def file_digest(path: Path) -> str:
    """The sha256 of the repr of the parse of ``path``, or of its error's type and message."""
    try:
        text = repr(parse_report(path.read_bytes()))
    except Exception as error:  # noqa: BLE001 - an error is an outcome to compare too
        text = f"{type(error).__name__}: {error}"
    return hashlib.sha256(text.encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Print the digest over every PDF under the roots (and per file with ``--each``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="*", type=Path, default=list(DEFAULT_ROOTS))
    parser.add_argument("--each", action="store_true", help="print one digest per file too")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)
    total = hashlib.sha256()
    count = 0
    for root in args.roots:
        for path in sorted(root.rglob("*.pdf")):
            digest = file_digest(path)
            total.update(f"{path.relative_to(root)}\0{digest}\n".encode())
            count += 1
            if args.each:
                print(f"{digest}  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"{count} files  {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
