// Neo4j Browser: a player's career, one row per team-season, with his numbers there.
//
//   :param player => 'Jaromir Jagr'
//
// $player  a Player.id, a Hockey Databank id or a full name without accents (compared
//          with Player.search_name)
// Columns: player, season, team_season, team, games, goals, assists, points, playoff_games,
//          sources
MATCH (p:Player)
WHERE p.id = $player OR p.databank_id = $player
   OR p.search_name = toLower($player)
MATCH (p)-[pf:PLAYED_FOR]->(ts:TeamSeason)
RETURN p.name AS player, ts.season AS season, ts.id AS team_season, ts.name AS team,
       pf.games AS games, pf.goals AS goals, pf.assists AS assists, pf.points AS points,
       pf.playoff_games AS playoff_games, pf.sources AS sources
ORDER BY season, team_season
