"""The query catalog: every .cypher file loads, has a header, and is used somewhere; every
query name the code uses has its file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graph_api.graph.catalog import CYPHER_DIR, MissingQuery, QueryCatalog

REPO = Path(__file__).resolve().parents[2]
# Folders whose files are used by folder, not by name: the schema is applied in order, and the
# Browser queries are run one by one by tests/integration/test_browser_queries.py.
USED_BY_FOLDER = ("schema/", "browser/")


def test_every_file_loads_with_a_header_comment() -> None:
    catalog = QueryCatalog.load()
    assert len(catalog) > 0
    for name in catalog:
        text = catalog[name]
        assert text.lstrip().startswith("//"), f"{name}.cypher has no header comment"


def test_missing_required_query_fails_at_load(tmp_path: Path) -> None:
    (tmp_path / "read").mkdir()
    (tmp_path / "read" / "one.cypher").write_text("// one\nRETURN 1 AS one\n")
    assert QueryCatalog.load(tmp_path, require=["read/one"])["read/one"].endswith("RETURN 1 AS one")
    with pytest.raises(MissingQuery, match="read/two"):
        QueryCatalog.load(tmp_path, require=["read/two"])


def test_file_without_statement_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.cypher").write_text("// only a comment\n")
    with pytest.raises(ValueError, match="no Cypher statement"):
        QueryCatalog.load(tmp_path)


def test_schema_statements_are_idempotent_forms() -> None:
    catalog = QueryCatalog.load()
    for name in catalog.under("schema"):
        assert "IF NOT EXISTS" in catalog[name], f"{name} must be safe to apply twice"


def test_every_cypher_file_is_used() -> None:
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("graph_api", "loader", "bench")
        for path in (REPO / folder).rglob("*.py")
    )
    catalog = QueryCatalog.load()
    unused = [
        name
        for name in catalog
        if not name.startswith(USED_BY_FOLDER)
        and not re.search(rf"[\"']{re.escape(name)}[\"']", sources)
    ]
    assert not unused, f"Cypher files no code refers to: {unused}"


def query_names_in_code() -> dict[str, list[str]]:
    """Every string in the code that looks like a query name (``folder/name`` with a folder
    of cypher/), with the files that use it."""
    folders = {path.name for path in CYPHER_DIR.iterdir() if path.is_dir()}
    shape = re.compile(rf"^(?:{'|'.join(sorted(folders))})/[a-z0-9_]+$")
    used: dict[str, list[str]] = {}
    for folder in ("graph_api", "loader", "bench", "scripts"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and shape.match(text):
                    used.setdefault(text, []).append(str(path.relative_to(REPO)))
    return used


def test_every_query_name_in_the_code_has_a_cypher_file() -> None:
    used = query_names_in_code()
    assert {"read/shortest_path", "load/merge_players"} <= used.keys()  # the scan sees them
    catalog = QueryCatalog.load()
    missing = {name: files for name, files in used.items() if name not in catalog}
    assert not missing, f"query names with no cypher/<name>.cypher file: {missing}"


def test_cypher_dir_is_the_repository_folder() -> None:
    assert CYPHER_DIR == REPO / "cypher"
