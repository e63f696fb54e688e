"""The query catalog: every .cypher file loads, has a header, and is used somewhere."""

from __future__ import annotations

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


def test_cypher_dir_is_the_repository_folder() -> None:
    assert CYPHER_DIR == REPO / "cypher"
