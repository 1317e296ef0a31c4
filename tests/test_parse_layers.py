"""The parse package's layers (odihr/parse/__init__.py): each sub-package imports only the layers
below it and never a sibling part reader, and nothing in it imports Prefect, requests or the
database. Read from the source's import statements, so a new module is checked as it lands."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PARSE = Path(__file__).resolve().parents[1] / "odihr" / "parse"

#: What each part of odihr.parse may import from odihr.parse (itself always).
#: ``pdf`` (the report) and ``tuning`` (settings validation) are the base every part may use.
BASE = frozenset({"pdf", "tuning"})
ALLOWED: dict[str, frozenset[str]] = {
    "pdf": frozenset(),
    "tuning": frozenset(),
    "text": frozenset(),
    "page": BASE,
    "document": BASE | {"page", "text"},
    "metadata": BASE | {"page", "text", "document"},
    "results": BASE | {"page", "text", "document"},
    "observers": BASE | {"page", "text", "document"},
    "recommendations": BASE | {"page", "text", "document"},
    "report": BASE | {"metadata", "results", "observers", "recommendations"},
}
FORBIDDEN_TOP = ("prefect", "requests", "sqlmodel", "sqlalchemy", "db", "tasks", "flows")


def _part(path: Path) -> str:
    relative = path.relative_to(PARSE)
    return relative.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module == "odihr.parse":
                names.extend(f"odihr.parse.{alias.name}" for alias in node.names)
            else:
                names.append(node.module)
    return names


MODULES = sorted(p for p in PARSE.rglob("*.py") if p.name != "__init__.py" or p.parent != PARSE)


def test_every_part_has_a_layer() -> None:
    assert {_part(p) for p in MODULES} == set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PARSE)))
def test_imports_follow_the_layers(path: Path) -> None:
    part = _part(path)
    for name in _imports(path):
        assert name.split(".")[0] not in FORBIDDEN_TOP, f"{name} imported by a parser"
        if name.startswith("odihr.parse."):
            target = name.split(".")[2]
            assert target == part or target in ALLOWED[part], \
                f"{path.relative_to(PARSE)} (part {part}) imports {name}"
