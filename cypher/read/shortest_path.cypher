// One shortest teammate path between two players, with no constraints. The search runs
// over the membership graph (Player)-[:PLAYED_FOR]-(TeamSeason), 57,798 relationships
// instead of the 578,943 TEAMMATE_OF pairs (two players are teammates exactly when they
// share a team-season), as Neo4j's bidirectional breadth-first ShortestPath operator;
// then the evidence of each found hop is read from its TEAMMATE_OF link, matched in the
// direction it is stored (from the smaller Player.id to the larger, load/merge_teammates),
// so Expand(Into) scans half the relationships. Paths stop at 15 teammate hops (30
// memberships).
// Params: $from_id, $to_id (Player.id, different).
// Returns: players (list of maps: id, name, position, first_season, last_season, games),
//   links (list of maps: seasons, team_seasons, teams, games_together, games_played_together,
//   strength, strength_estimated).
//   No row when either player is missing or they are not connected.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = shortestPath((a)-[:PLAYED_FOR*..30]-(b))
WITH [i IN range(0, length(p), 2) | nodes(p)[i]] AS path
WITH path, [n IN path | n {.id, .name, .position, .first_season, .last_season, .games}] AS players
RETURN players,
       COLLECT {
         UNWIND range(0, size(path) - 2) AS i
         WITH i, path[i] AS x, path[i + 1] AS y, players[i].id < players[i + 1].id AS up
         WITH i, CASE WHEN up THEN x ELSE y END AS low, CASE WHEN up THEN y ELSE x END AS high
         MATCH (low)-[r:TEAMMATE_OF]->(high)
         RETURN r {.seasons, .team_seasons, .teams, .games_together, .games_played_together, .strength, .strength_estimated}
         ORDER BY i
       } AS links
