// The players who played with both of two players, with the team-seasons each shared.
// Params: $a, $b (Player.id).
// Returns: player (map: id, name, position, first_season, last_season, games),
//   with_a (list of TeamSeason.id shared with $a), with_b (list shared with $b),
//   games_with_a, games_with_b (strength of each link, null on an older graph);
//   most games with both first. No row when there is none (or an id is unknown).
MATCH (a:Player {id: $a})-[ra:TEAMMATE_OF]-(c:Player)-[rb:TEAMMATE_OF]-(b:Player {id: $b})
WHERE c <> a AND c <> b
RETURN c {.id, .name, .position, .first_season, .last_season, .games} AS player,
       ra.team_seasons AS with_a, rb.team_seasons AS with_b,
       ra.strength AS games_with_a, rb.strength AS games_with_b
ORDER BY coalesce(ra.strength, 0) + coalesce(rb.strength, 0) DESC, player.id
