// A player's teammates, optionally only those of one season and/or one team, paged.
// Most games together first (TEAMMATE_OF.strength: exact from 2009-10, an upper bound
// before; games_together on an older graph), then most shared seasons, then better-known
// players.
// Params: $id (Player.id), $season (int or null), $team (franchise id or team code, or null),
//   $team_prefix ($team + "-", matches TeamSeason ids of that code), $offset, $limit (int).
// Returns: total (int, before paging), items (list of maps: player {id, name, position,
//   first_season, last_season, games}, link {seasons, team_seasons, teams, games_together,
//   games_played_together, strength, strength_estimated}). No row for an unknown id.
MATCH (p:Player {id: $id})
OPTIONAL MATCH (p)-[r:TEAMMATE_OF]-(q:Player)
WHERE ($season IS NULL OR $season IN r.seasons)
  AND ($team IS NULL OR $team IN r.teams OR any(ts IN r.team_seasons WHERE ts STARTS WITH $team_prefix))
WITH p, q, r
ORDER BY coalesce(r.strength, r.games_together, -1) DESC, size(r.seasons) DESC, coalesce(q.games, 0) DESC, q.id
WITH p, collect(CASE WHEN q IS NULL THEN null ELSE {
       player: q {.id, .name, .position, .first_season, .last_season, .games},
       link: r {.seasons, .team_seasons, .teams, .games_together, .games_played_together,
               .strength, .strength_estimated}}
     END) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS items
