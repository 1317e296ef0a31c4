"""Hostile PDFs written byte by byte: decompression bombs, page-count bombs, deep trees, mutations.

Test and bench helper (``bench/hostile_pdfs.py`` imports it). Every generator returns the bytes
of a syntactically valid PDF (correct xref offsets) unless it is a mutation of another file.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Sequence
from functools import lru_cache

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def write_pdf(objects: Sequence[bytes], root: int = 1) -> bytes:
    """A PDF of ``objects`` (object n is ``objects[n - 1]``) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, filters: Sequence[str] = ()) -> bytes:
    """A stream object body; ``filters`` are already applied to ``data`` (outermost first)."""
    names = b" ".join(b"/" + f.encode() for f in filters)
    head = b"<< /Length %d" % len(data) + (b" /Filter [" + names + b"]" if filters else b"")
    return head + b" >>\nstream\n" + data + b"\nendstream"


def _pages(contents: Sequence[int], first_free: int) -> tuple[list[bytes], int]:
    """Page objects for content stream object numbers; returns (objects, pages-tree number)."""
    tree = first_free
    font = first_free + 1
    kids = b" ".join(b"%d 0 R" % (first_free + 2 + i) for i in range(len(contents)))
    objects = [
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(contents),
        _FONT,
    ]
    for content in contents:
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (tree, content, font)
        )
    return objects, tree


def text_page_pdf(lines: Sequence[str], pages: int = 1) -> bytes:
    """A plain report-like PDF: ``pages`` pages that share one content stream of ``lines``."""
    ops = [b"BT /F1 4 Tf 20 830 Td 5 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + safe.encode("latin-1", "replace") + b") '")
    ops.append(b"ET")
    content = stream(zlib.compress(b"\n".join(ops)), ["FlateDecode"])
    # 1 catalog, 2 content, then the pages tree
    page_objects, tree = _pages([2] * pages, 3)
    return write_pdf([b"<< /Type /Catalog /Pages %d 0 R >>" % tree, content, *page_objects])


@lru_cache(maxsize=2)
def inflation_bomb(inflated_mib: int = 1024, payload: bytes = b"A") -> bytes:
    """A few KB whose page content inflates to ``inflated_mib`` MiB of text (Flate applied twice).

    ``payload=b" "`` gives the "compressed spaces" case: a page of nothing but blanks.
    """
    packer = zlib.compressobj(9)
    chunk = payload * (1024 * 1024)
    parts = [packer.compress(b"BT /F1 1 Tf 10 10 Td (")]
    parts += [packer.compress(chunk) for _ in range(inflated_mib)]
    parts += [packer.compress(b") Tj ET"), packer.flush()]
    twice = zlib.compress(b"".join(parts), 9)
    content = stream(twice, ["FlateDecode", "FlateDecode"])
    page_objects, tree = _pages([2], 3)
    return write_pdf([b"<< /Type /Catalog /Pages %d 0 R >>" % tree, content, *page_objects])


def page_bomb(pages: int = 999) -> bytes:
    """A small PDF of ``pages`` text-filled pages sharing one content stream."""
    lines = [f"Line {i} of a page that repeats: Parliamentary Elections 2024, votes 12 345"
             for i in range(150)]
    return text_page_pdf(lines, pages=pages)


def deep_tree(depth: int = 5000) -> bytes:
    """A pages tree nested ``depth`` levels deep with one page at the bottom."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 3 0 R >>",
                            stream(b"BT /F1 12 Tf 72 700 Td (deep) Tj ET")]
    first = 3
    for level in range(depth):
        number = first + level
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    leaf = first + depth
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents 2 0 R >>"
                   % (leaf - 1))
    return write_pdf(objects)


def deep_array(depth: int = 100_000) -> bytes:
    """An info-less catalog holding an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    page_objects, tree = _pages([2], 3)
    catalog = b"<< /Type /Catalog /Pages %d 0 R /Junk " % tree + nested + b" >>"
    return write_pdf([catalog, stream(b"BT ET"), *page_objects])


def xref_loop() -> bytes:
    """A pages tree whose kid points back at itself."""
    return write_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ])


Mutation = Callable[[bytes, random.Random], bytes]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))] + (b"\n%%EOF\n" if rng.random() < 0.7 else b"")


def _splice(data: bytes, rng: random.Random) -> bytes:
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    c = rng.randrange(len(data))
    return data[:c] + data[a:b] + data[c:]


def _delete(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 4096):]


def _numbers(data: bytes, rng: random.Random) -> bytes:
    """Replace some integers (lengths, offsets, counts) with extreme ones."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        while at < len(out) and not chr(out[at]).isdigit():
            at += 1
        if at >= len(out):
            break
        end = at
        while end < len(out) and chr(out[end]).isdigit():
            end += 1
        value = rng.choice([b"0", b"-1", b"2147483647", b"99999999999", b"4294967296"])
        out[at:end] = value
    return bytes(out)


MUTATIONS: dict[str, Mutation] = {
    "flip": _flip, "cut": _cut, "splice": _splice, "delete": _delete, "numbers": _numbers,
}


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random mutation of ``data``: its name and the mutated bytes."""
    name = rng.choice(sorted(MUTATIONS))
    return name, MUTATIONS[name](data, rng)
