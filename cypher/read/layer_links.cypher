// The links between two layers of a shortest-path search (graph_api/graph/strongest.py
// walks out from the meeting layer with it), with each link's strength, under the
// constraints of read/shortest_path_constrained (open values when there are none).
// Params: $from, $to (lists of Player.id: a layer and the one beside it);
//   $from_season, $to_season, $check_seasons, $team_seasons, $min_games, $exclude.
// Returns: one row: a (list of Player.id in $from), b (list of Player.id in $to, same
//   order), strength (list of int: TEAMMATE_OF.strength, 0 when the graph has none).
// Both ends are looked up by index and the links joined between them (the hints): much
// cheaper than filtering every neighbour of $from against a long $to list.
MATCH (a:Player)-[r:TEAMMATE_OF]-(n:Player)
USING INDEX a:Player(id)
USING INDEX n:Player(id)
WHERE a.id IN $from AND n.id IN $to AND NOT n.id IN $exclude
  AND r.last_season >= $from_season AND r.first_season <= $to_season
  AND ($min_games IS NULL OR r.games_together >= $min_games)
  AND (NOT $check_seasons OR any(s IN r.seasons WHERE s >= $from_season AND s <= $to_season))
  AND ($team_seasons IS NULL OR any(ts IN r.team_seasons WHERE ts IN $team_seasons))
RETURN collect(a.id) AS a, collect(n.id) AS b, collect(coalesce(r.strength, 0)) AS strength
