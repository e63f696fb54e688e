// read/strongest_of_shortest_paths under constraints: enumerates at most $cap shortest
// paths (Neo4j's bidirectional allShortestPaths, constraints per link and player), keeps the
// one whose weakest link is strongest (ties: larger total strength, then smaller ids hop by
// hop). When $cap paths were enumerated the answer may be incomplete: the API then builds
// the shortest-path DAG instead (graph_api/graph/strongest.py).
// Params: $from_id, $to_id (Player.id, different), $cap (int), and the constraint params of
//   read/shortest_path_constrained ($from_season, $to_season, $check_seasons, $team_seasons,
//   $min_games, $exclude).
// Returns: paths (int: how many were enumerated, at most $cap), players, links (as
//   read/shortest_path, of the strongest). With no path: paths 0, players and links null.
// The ranking takes the largest weakest link, then among those paths the largest total,
// and compares the player ids only among the paths still tied (no sort of every path:
// about 6-8% less time per pair than ORDER BY over all of them, bench/README.md, issue 13).
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = allShortestPaths((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE
        r.last_season >= $from_season AND r.first_season <= $to_season
        AND ($min_games IS NULL OR r.games_together >= $min_games)
        AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
        AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons)))
  AND all(n IN nodes(p) WHERE NOT n.id IN $exclude)
WITH p LIMIT $cap
WITH p, [r IN relationships(p) | coalesce(r.strength, 0)] AS strengths
WITH collect({p: p, weakest: reduce(low = strengths[0], s IN strengths | CASE WHEN s < low THEN s ELSE low END),
              total: reduce(total = 0, s IN strengths | total + s)}) AS ranked
WITH size(ranked) AS found, ranked,
     reduce(best = -1, x IN ranked | CASE WHEN x.weakest > best THEN x.weakest ELSE best END) AS weakest
WITH found, [x IN ranked WHERE x.weakest = weakest] AS strongest
WITH found, strongest,
     reduce(best = -1, x IN strongest | CASE WHEN x.total > best THEN x.total ELSE best END) AS total
WITH found, [x IN strongest WHERE x.total = total | x.p] AS tied
WITH found, reduce(first = head(tied), q IN tail(tied) |
       CASE WHEN [n IN nodes(q) | n.id] < [n IN nodes(first) | n.id] THEN q ELSE first END) AS p
RETURN found AS paths,
       [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links
