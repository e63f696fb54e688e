// Battles: teammates of a player under a room's rules, for the post-game "could have said".
// Params: $id (Player.id); $from_season, $to_season (int, 8 digits: 0 and 99999999 when
//   open); $min_games (int, 0 = no minimum, else games_together >= it); $exclude (list of
//   Player.id, e.g. everyone already named); $limit (int).
// Returns: id, name; most career games first.
MATCH (:Player {id: $id})-[t:TEAMMATE_OF]-(o:Player)
WHERE NOT o.id IN $exclude
  AND t.last_season >= $from_season AND t.first_season <= $to_season
  AND any(s IN t.seasons WHERE s >= $from_season AND s <= $to_season)
  AND ($min_games = 0 OR coalesce(t.games_together, 0) >= $min_games)
RETURN o.id AS id, o.name AS name
ORDER BY o.games DESC, o.id
LIMIT $limit
