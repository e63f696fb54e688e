// One shortest teammate path that uses only links passing every constraint. Each predicate
// is checked per relationship or per node, so Neo4j keeps its bidirectional ShortestPath
// search (no exhaustive fallback); paths stop at 15 hops.
// Params: $from_id, $to_id (Player.id, different);
//   $from_season, $to_season (int: the season window, 0 and 99999999 when open);
//   $check_seasons (bool: the window must hold for a shared season, not only overall);
//   $team_seasons (list of TeamSeason.id the link must share one of, or null);
//   $min_games (int or null: minimum games_together); $exclude (list of Player.id).
// Returns: players, links (as read/shortest_path). No row when there is no such path.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = shortestPath((a)-[:TEAMMATE_OF*..15]-(b))
WHERE all(r IN relationships(p) WHERE
        r.last_season >= $from_season AND r.first_season <= $to_season
        AND ($min_games IS NULL OR r.games_together >= $min_games)
        AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
        AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons)))
  AND all(n IN nodes(p) WHERE NOT n.id IN $exclude)
RETURN [n IN nodes(p) | n {.id, .name, .position, .first_season, .last_season, .games}] AS players,
       [r IN relationships(p) | r {.seasons, .team_seasons, .teams, .games_together,
                                   .games_played_together, .strength, .strength_estimated}] AS links
