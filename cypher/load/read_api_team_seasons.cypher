// Team-seasons with memberships that only the NHL API gave (roster entries, or seasons
// fetched with `loader fetch`): a file import recomputes their TEAMMATE_OF from the graph.
// Params: none.
// Returns: id.
MATCH (:Player)-[r:PLAYED_FOR]->(ts:TeamSeason)
WHERE "nhl-api" IN r.sources
RETURN DISTINCT ts.id AS id
