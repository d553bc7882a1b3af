"""Data flows one way: source → store → parse → understand → apply → rules → reply → outbox.

No package reaches back up the flow: ``parsers`` knows nothing downstream, and ``rules`` and
``db`` know only the parsed types (``parsers.types``), never the service or each other. SQL is
written in ``db/`` only: elsewhere code calls named query functions (``db/*.py``) and imports
no query construct. Each check is also run on a synthetic module, so that a check which
silently sees nothing fails.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from parsers.types import SECTORS
from tests.flow import REPO

ALLOWED = {
    "parsers": set(),
    "rules": {"parsers.types"},
    "db": {"parsers.types"},
}
PROJECT = ("mailbot", "parsers", "rules", "db")
#: SQLAlchemy's query constructs: whoever imports one is writing SQL.
QUERY_CONSTRUCTS = frozenset({"select", "insert", "update", "delete", "func", "text"})
#: The packages that must leave SQL to ``db/``.
NO_SQL = ("mailbot", "rules", "parsers")


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


def imported_names(file: Path) -> list[str]:
    """Every module name a file imports (``from x import y`` gives ``x``)."""
    tree = ast.parse(file.read_text("utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
        elif isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
    return names


def nlp_imports(folder: Path) -> set[tuple[str, str]]:
    """Imports of the readers' inner modules (``parsers.nlp``) from the files under
    ``folder``: the service must use the public surface of ``parsers`` instead."""
    return {
        (file.name, name)
        for file in folder.rglob("*.py")
        for name in imported_names(file)
        if name == "parsers.nlp" or name.startswith("parsers.nlp.")
    }


def test_the_service_uses_only_the_public_surface_of_parsers() -> None:
    assert nlp_imports(REPO / "mailbot") == set()


def test_the_nlp_check_sees_a_violation(tmp_path: Path) -> None:
    (tmp_path / "review.py").write_text("from parsers.nlp.sectors import classify_sector\n")
    (tmp_path / "edits.py").write_text("import parsers.nlp.municipality\n")

    assert nlp_imports(tmp_path) == {
        ("review.py", "parsers.nlp.sectors"),
        ("edits.py", "parsers.nlp.municipality"),
    }


def query_constructs(source: str) -> set[str]:
    """The query constructs a module takes from SQLAlchemy: imported by name (``from
    sqlalchemy import select``, ``from sqlalchemy.sql import func``, ``*``) or used through the
    module (``import sqlalchemy as sa`` … ``sa.select(...)``)."""
    tree = ast.parse(source)
    found: set[str] = set()
    module_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found |= {a.name for a in node.names if a.name in QUERY_CONSTRUCTS | {"*"}}
        elif isinstance(node, ast.Import):
            module_names |= {
                (a.asname or a.name).split(".")[0]
                for a in node.names
                if a.name.split(".")[0] == "sqlalchemy"
            }
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in QUERY_CONSTRUCTS:
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in module_names:
                found.add(node.attr)
    return found


@pytest.mark.parametrize("package", NO_SQL)
def test_sql_is_written_in_db_only(package: str) -> None:
    bad = {
        (str(file.relative_to(REPO)), construct)
        for file in (REPO / package).rglob("*.py")
        for construct in query_constructs(file.read_text("utf-8"))
    }

    assert bad == set()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from sqlalchemy import select, Engine\n", {"select"}),
        ("from sqlalchemy.sql import func as f\n", {"func"}),
        ("from sqlalchemy.sql.expression import text, update\n", {"text", "update"}),
        ("import sqlalchemy as sa\n\nq = sa.delete(x)\n", {"delete"}),
        ("import sqlalchemy\n\nq = sqlalchemy.sql.insert(x)\n", {"insert"}),
        ("from sqlalchemy import *\n", {"*"}),
        ("from sqlalchemy import Engine\nfrom sqlalchemy.orm import Session\n", set()),
        ("from mylib import select\nimport sqlalchemy\n\nsqlalchemy.Engine\n", set()),
    ],
)
def test_the_sql_check_sees_a_query_construct(source: str, expected: set[str]) -> None:
    assert query_constructs(source) == expected


def test_the_sql_check_sees_the_queries_in_db() -> None:
    assert "select" in query_constructs((REPO / "db" / "registry.py").read_text("utf-8"))


def _without_annotations(node: ast.AST) -> str:
    """The definition as code, less its type annotations: a copy that was only annotated is
    still a copy."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
            inner.returns = None
        elif isinstance(inner, ast.arg):
            inner.annotation = None
    return ast.dump(node)


def repeated_definitions(sources: dict[str, str]) -> list[list[str]]:
    """Top-level functions and classes defined alike (name, arguments, decorators, body;
    annotations aside) in more than one of the given module sources: helpers copied instead
    of shared."""
    seen: dict[str, list[str]] = {}
    for module, source in sources.items():
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                seen.setdefault(_without_annotations(node), []).append(f"{module}:{node.name}")
    return [places for places in seen.values() if len(places) > 1]


def test_no_helper_is_defined_twice_across_tests() -> None:
    """Every Python file below tests/, the fixture generators and their shared builders
    (``tests/fixtures/mailbuild.py``) included."""
    sources = {
        str(file.relative_to(REPO)): file.read_text("utf-8")
        for file in (REPO / "tests").rglob("*.py")
    }

    assert repeated_definitions(sources) == []


def test_the_helper_check_sees_a_copy() -> None:
    helper = "def fixture(name: str) -> bytes:\n    return name.encode()\n"
    other = "def fixture(name: str) -> bytes:\n    return name.encode('latin-1')\n"

    annotated = "def fixture(name):\n    return name.encode()\n"

    found = repeated_definitions({"a.py": helper, "b.py": helper, "c.py": other, "d.py": annotated})

    assert found == [["a.py:fixture", "b.py:fixture", "d.py:fixture"]]


def imported_test_modules(source: str) -> set[str]:
    """The test modules (``tests.test_*``) a module imports: shared helpers belong in a
    support module, so that a test file can be run, moved or deleted on its own."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {".".join(n.split(".")[:2]) for n in names if n.startswith("tests.test_")}
    return found


def test_no_test_module_imports_another() -> None:
    imports = {
        str(file.relative_to(REPO)): imported_test_modules(file.read_text("utf-8"))
        for file in (REPO / "tests").glob("*.py")
    }

    assert {module: found for module, found in imports.items() if found} == {}


def test_the_test_import_check_sees_one() -> None:
    assert imported_test_modules("from tests.test_mime import parse\n") == {"tests.test_mime"}
    assert imported_test_modules("import tests.test_cli\n") == {"tests.test_cli"}
    assert imported_test_modules("from tests import test_cli\n") == {"tests.test_cli"}
    assert imported_test_modules("from tests.mailmaker import make_mail\n") == set()


#: The first event's own vocabulary ("kulturskulen", "kultursk[ou]l"): it belongs to the
#: event file (``ExtractionContext``) and to the word lists of ``parsers/data``, never to code.
EVENT_WORD = re.compile(r"kultursk", re.IGNORECASE)
#: The contract's seven sector names are declared once, where the contract is.
CONTRACT = {"parsers/types.py": frozenset(SECTORS)}


def event_words_in_code(source: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Identifiers and string literals of ``source`` that hold an event word; docstrings,
    other bare strings and comments (examples of real mail) are not code and do not count."""
    tree = ast.parse(source)
    prose = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = "" if id(node) in prose else node.value
        elif isinstance(node, ast.Name):
            text = node.id
        elif isinstance(node, ast.Attribute):
            text = node.attr
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            text = node.name
        elif isinstance(node, ast.arg):
            text = node.arg
        elif isinstance(node, ast.alias):
            text = f"{node.name} {node.asname or ''}"
        else:
            continue
        if EVENT_WORD.search(text) and text not in allowed:
            found.append(text)
    return found


def test_parsers_code_holds_no_event_vocabulary() -> None:
    found = {
        str(file.relative_to(REPO)): event_words_in_code(
            file.read_text("utf-8"), CONTRACT.get(str(file.relative_to(REPO)), frozenset())
        )
        for file in (REPO / "parsers").rglob("*.py")
    }

    assert {file: words for file, words in found.items() if words} == {}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('WORDS_RE = re.compile(r"\\b(?:vi|kultursk[ou]len)\\s+trekk")\n', 1),
        ("def is_kulturskole_word(word: str) -> bool:\n    return True\n", 1),
        ("from x import kulturskole_prefixes\n", 1),
        ('ROLE = RoleHead(word, "kulturskole", True)\n', 1),
        ('def f() -> None:\n    """Read "kulturskulerektor" as a role."""\n', 0),
        ("# the kulturskole's own\nX = 1\n", 0),
    ],
)
def test_the_event_word_check_sees_a_violation(source: str, expected: int) -> None:
    assert len(event_words_in_code(source)) == expected


def test_the_event_word_check_allows_the_contracts_sector_names_where_declared() -> None:
    source = (REPO / "parsers" / "types.py").read_text("utf-8")
    assert event_words_in_code(source) != []
    assert event_words_in_code(source, CONTRACT["parsers/types.py"]) == []


#: Norwegian words a pattern of the reading is made of (bokmål and nynorsk): they are data
#: (``parsers/data/*.toml``), so a word the readers miss is a data change, not a code change.
NORWEGIAN_WORD = re.compile(
    r"(?<!\w)(?:ikke|ikkje|og|som|fra|frå|ved|på|hos|vi|me|eg|jeg|meg|kan|har|"
    r"kommune\w*|meld\w*|påmeld\w*|deltak\w*|hilsen|helsing|svar|fråvær\w*|fravær\w*)(?!\w)",
    re.IGNORECASE,
)
REGEX_FUNCTIONS = frozenset(
    {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "finditer", "findall"}
)


def norwegian_words_in_patterns(source: str) -> list[str]:
    """The Norwegian words in the regular expressions ``source`` writes as literals (the
    pattern argument of a ``re`` function): escapes such as ``\\b`` and ``\\s`` are no words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in REGEX_FUNCTIONS
            and node.args
        ):
            continue
        for part in ast.walk(node.args[0]):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text = re.sub(r"\\[A-Za-z]", " ", part.value)
                found += [m.group() for m in NORWEGIAN_WORD.finditer(text)]
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('X = re.compile(r"\\b(?:ikke|ikkje)\\s+med\\b", re.I)\n', ["ikke", "ikkje"]),
        ('X = re.search(rf"(?:fra|frå)\\s+{name}", text)\n', ["fra", "frå"]),
        ('X = re.compile(r"\\bmeld(?:er|ar)\\b|\\s+som\\s")\n', ["meld", "som"]),
        ('X = re.compile(r"^\\s*(?:[-*]|\\d{1,2}[.)])\\s+\\w+")\n', []),
        ('X = pattern("passed_on", "kind.toml")\n', []),
    ],
)
def test_the_pattern_word_check_sees_a_violation(source: str, expected: list[str]) -> None:
    assert norwegian_words_in_patterns(source) == expected


def test_parsers_code_writes_no_norwegian_word_into_a_pattern() -> None:
    found = {
        str(file.relative_to(REPO)): norwegian_words_in_patterns(file.read_text("utf-8"))
        for file in (REPO / "parsers").rglob("*.py")
    }

    assert {file: words for file, words in found.items() if words} == {}
