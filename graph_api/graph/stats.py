"""Graph-wide facts: the data version, graph size, a player's distance to a hub player."""

from __future__ import annotations

from graph_api.graph.paths import PathQueries
from graph_api.graph.repo import GraphRepo
from graph_api.models.stats import DatasetInfo, DistanceAnswer, DistanceBucket, GraphStats


async def load_dataset_info(repo: GraphRepo) -> DatasetInfo:
    rows = await repo.read_fast("read/dataset")
    return DatasetInfo.model_validate(rows[0] if rows else {})


class StatsQueries:
    """Sizes, the data version and distances from a hub."""

    def __init__(self, repo: GraphRepo, paths: PathQueries) -> None:
        self._repo = repo
        self._paths = paths

    async def graph_stats(
        self, hub_id: str | None, dataset: DatasetInfo, hub_optional: bool = False
    ) -> GraphStats:
        """Sizes, plus how many players sit at each distance from the hub (a full BFS).

        ``hub_optional``: a hub not (yet) in the graph, as the default hub while the history
        loads in the background, gives no distances instead of NotFound."""
        rows = await self._repo.read_fast("read/graph_stats")
        row = rows[0] if rows else {}
        hub = None
        layers: list[int] = []
        if hub_id and hub_optional:
            hub = (await self._paths.players([hub_id])).get(hub_id)
        elif hub_id:
            hub = (await self._paths.require_players([hub_id]))[hub_id]
        if hub is not None:
            layers = await self._paths.distance_layers(hub.id)
        reached = sum(layers)
        players = int(row.get("players") or 0)
        mean = (
            sum(distance * count for distance, count in enumerate(layers)) / (reached - 1)
            if reached > 1
            else None
        )
        return GraphStats(
            players=players,
            teammate_links=int(row.get("teammate_links") or 0),
            teams=int(row.get("teams") or 0),
            team_seasons=int(row.get("team_seasons") or 0),
            games=int(row.get("games") or 0),
            first_season=row.get("first_season"),
            last_season=row.get("last_season"),
            dataset=dataset,
            hub=hub,
            distances=[DistanceBucket(distance=d, players=n) for d, n in enumerate(layers)],
            unreachable=max(players - reached, 0) if hub else 0,
            mean_distance=round(mean, 4) if mean is not None else None,
        )

    async def distance(self, player_id: str, hub_id: str) -> DistanceAnswer:
        """The player's "number": hops to the hub, with the path that shows it."""
        finding = await self._paths.find_shortest(player_id, hub_id)
        path = finding.path
        return DistanceAnswer(
            player=finding.source,
            hub=finding.target,
            distance=path.length if path else None,
            path=path,
        )
