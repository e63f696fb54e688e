"""README.md stays true: the two quick-start commands, every setting, every route, every
saved Browser query, the attribution, and links that lead somewhere."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from graph_api.app import create_app
from graph_api.graph.catalog import QueryCatalog
from tests.conftest import base_settings

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
TABLE_SCRIPT = REPO / "scripts" / "settings_table.py"


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else len(README)]


def test_quick_start_is_exactly_the_two_commands_and_comes_first() -> None:
    headings = re.findall(r"^## (.+)$", README, flags=re.MULTILINE)
    assert headings[0] == "Quick start"
    block = re.search(r"```sh\n(.*?)```", section("Quick start"), flags=re.DOTALL)
    assert block is not None
    assert block.group(1).strip().splitlines() == ["make run", "make test"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, flags=re.MULTILINE)
    assert re.search(r"^test:", makefile, flags=re.MULTILINE)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_settings_table_is_generated_from_settings() -> None:
    script = runpy.run_path(str(TABLE_SCRIPT))
    expected = f"{script['START']}\n{script['markdown']()}\n{script['END']}"
    assert expected in README, "run: .venv/bin/python scripts/settings_table.py --write"
    variables = {variable for variable, _, _ in script["rows"]()}
    assert {"NEO4J_URI", "NEO4J_PASSWORD", "REDIS_URL", "API_WORKERS", "DATA_DIR"} <= variables
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    undocumented = sorted(v for v in variables if not re.search(rf"^#?\s*{v}=", example, re.M))
    assert not undocumented, f".env.example lacks {undocumented}"


def test_every_route_is_in_the_api_section() -> None:
    app = create_app(base_settings())
    documented = {
        re.sub(r"\{[^}]*\}", "{}", path) for path in re.findall(r"`(?:GET|POST) (/[^`?]*)", README)
    }
    for path in app.openapi()["paths"]:
        assert re.sub(r"\{[^}]*\}", "{}", path) in documented, f"README does not mention {path}"


def test_every_saved_browser_query_is_listed() -> None:
    listed = set(re.findall(r"^\| `(\w+)` \|", section("Neo4j Browser"), flags=re.MULTILINE))
    saved = {name.removeprefix("browser/") for name in QueryCatalog.load().under("browser")}
    assert listed == saved


def test_neo4j_browser_connection_settings() -> None:
    text = section("Neo4j Browser")
    for needed in ("http://127.0.0.1:7474/browser/", "bolt://127.0.0.1:7687", "`neo4j`"):
        assert needed in text
    assert "`NEO4J_PASSWORD` (default `puckpath-local`)" in text


def test_attribution_is_quoted_in_full() -> None:
    quoted = " ".join(
        line.removeprefix("  > ").strip()
        for line in section("Data sources and attribution").splitlines()
        if line.strip().startswith(">")
    )
    assert quoted == (
        "The information used herein was obtained free of charge from and is copyrighted by "
        "the Hockey Databank project. For more information about the Hockey Databank project "
        "please visit http://sports.groups.yahoo.com/group/hockey-databank"
    )


def test_relative_links_exist() -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README):
        assert (REPO / target).exists(), f"README links to missing {target}"
