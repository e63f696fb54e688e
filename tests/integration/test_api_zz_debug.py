from api_fixtures import api_app_fixture, graph_repo_fixture  # noqa: F401
from graph_api.graph.repo import GraphRepo

async def test_fetch(graph_repo: GraphRepo) -> None:
    rows = await graph_repo.read_fast("read/teammate_edges", timeout_s=300)
    assert rows

async def test_fetch_small(graph_repo: GraphRepo) -> None:
    rows = await graph_repo.read_fast("read/players_by_ids", ids=["8448208"])
    assert rows
