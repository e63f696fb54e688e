// The TEAMMATE_OF links of given pairs of players, with their evidence (the links drawn in
// the picture of every shortest path, graph_api/graph/path_graph.py).
// Params: $pairs (list of [Player.id, Player.id]).
// Returns: a, b (Player.id, as given), link (map: seasons, team_seasons, teams,
//   games_together, games_played_together, strength, strength_estimated); one row per pair
//   that are teammates.
UNWIND $pairs AS pair
MATCH (a:Player {id: pair[0]})-[r:TEAMMATE_OF]-(b:Player {id: pair[1]})
RETURN a.id AS a, b.id AS b,
       r {.seasons, .team_seasons, .teams, .games_together, .games_played_together, .strength,
          .strength_estimated} AS link
