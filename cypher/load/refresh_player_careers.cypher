// Recompute first/last season and career games (regular season + playoffs) of players
// from their PLAYED_FOR relationships.
// Params: $ids: list of Player ids.
// Returns: nothing.
UNWIND $ids AS id
MATCH (p:Player {id: id})
OPTIONAL MATCH (p)-[r:PLAYED_FOR]->(ts:TeamSeason)
WITH p, min(ts.season) AS first, max(ts.season) AS last,
     sum(coalesce(r.games, 0) + coalesce(r.playoff_games, 0)) AS games
SET p.first_season = first,
    p.last_season = last,
    p.games = games
