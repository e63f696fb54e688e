// One shortest teammate path under a season window, a team filter and/or excluded players
// (not min_games: games together belong to a pair, see read/shortest_path_constrained),
// searched over the membership graph (Player)-[:PLAYED_FOR]-(TeamSeason) like
// read/shortest_path: every team-season on the path must be allowed, every player not
// excluded (per-node predicates, so Neo4j keeps its bidirectional ShortestPath). Two
// players linked through an allowed team-season share it, so the link passes exactly the
// checks read/shortest_path_constrained makes; the evidence is read from TEAMMATE_OF
// in its stored direction (as read/shortest_path).
// Params: $from_id, $to_id (Player.id, different); $from_season, $to_season (int: the
//   season window, 0 and 99999999 when open); $team_seasons (list of TeamSeason.id, or
//   null); $exclude (list of Player.id); $check_seasons, $min_games (accepted, unused:
//   the window is checked per team-season; min_games never comes here).
// Returns: players, links (as read/shortest_path). No row when there is no such path.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = shortestPath((a)-[:PLAYED_FOR*..30]-(b))
WHERE all(n IN nodes(p) WHERE
        CASE WHEN n:TeamSeason
          THEN n.season >= $from_season AND n.season <= $to_season
               AND ($team_seasons IS NULL OR n.id IN $team_seasons)
          ELSE NOT n.id IN $exclude
        END)
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
