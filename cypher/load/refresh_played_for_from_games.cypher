// Season totals of team-seasons from the games in the graph (PLAYED_IN); a goalie who
// only dressed has no game. Rows whose totals come from the Databank keep them.
// Params: $team_seasons: list of TeamSeason ids.
// Returns: nothing.
UNWIND $team_seasons AS ts_id
MATCH (ts:TeamSeason {id: ts_id})-[:PLAYED_HOME|PLAYED_AWAY]->(g:Game)<-[r:PLAYED_IN]-(p:Player)
WHERE r.team = ts.code
WITH ts, p, g, r
ORDER BY g.id
WITH ts, p,
     sum(CASE WHEN g.game_type = "R" AND (r.toi_seconds > 0 OR r.position <> "G") THEN 1 ELSE 0 END) AS games,
     sum(CASE WHEN g.game_type = "R" THEN coalesce(r.goals, 0) ELSE 0 END) AS goals,
     sum(CASE WHEN g.game_type = "R" THEN coalesce(r.assists, 0) ELSE 0 END) AS assists,
     sum(CASE WHEN g.game_type = "P" AND (r.toi_seconds > 0 OR r.position <> "G") THEN 1 ELSE 0 END) AS playoff_games,
     sum(CASE WHEN g.game_type = "P" THEN coalesce(r.goals, 0) ELSE 0 END) AS playoff_goals,
     sum(CASE WHEN g.game_type = "P" THEN coalesce(r.assists, 0) ELSE 0 END) AS playoff_assists,
     head(collect(r.position)) AS position
MERGE (p)-[pf:PLAYED_FOR]->(ts)
WITH pf, games, goals, assists, playoff_games, playoff_goals, playoff_assists, position
WHERE NOT "hockey-databank" IN coalesce(pf.sources, [])
SET pf.games = games,
    pf.goals = goals,
    pf.assists = assists,
    pf.points = goals + assists,
    pf.pim = coalesce(pf.pim, 0),
    pf.playoff_games = playoff_games,
    pf.playoff_goals = playoff_goals,
    pf.playoff_assists = playoff_assists,
    pf.position = coalesce(pf.position, position),
    pf.sources = [s IN coalesce(pf.sources, []) WHERE s <> "nhl-api"] + ["nhl-api"]
