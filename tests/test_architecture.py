"""Data flows one way: source → store → parse → understand → apply → rules → reply → outbox.

No package reaches back up the flow: ``parsers`` knows nothing downstream, and ``rules`` and
``db`` know only the parsed types (``parsers.types``), never the service or each other.
"""

from __future__ import annotations

import ast

import pytest

from tests.flow import REPO

ALLOWED = {
    "parsers": set(),
    "rules": {"parsers.types"},
    "db": {"parsers.types"},
}
PROJECT = ("mailbot", "parsers", "rules", "db")


def project_imports(package: str) -> set[tuple[str, str]]:
    found = set()
    for file in (REPO / package).rglob("*.py"):
        tree = ast.parse(file.read_text("utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                if name.split(".")[0] in PROJECT and name.split(".")[0] != package:
                    found.add((str(file.relative_to(REPO)), name))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_no_package_reaches_back_up_the_flow(package: str) -> None:
    allowed = ALLOWED[package]

    bad = {(f, n) for f, n in project_imports(package) if n not in allowed}

    assert bad == set()


def test_the_check_sees_imports() -> None:
    assert ("db/registry.py", "parsers.types") in project_imports("db")
