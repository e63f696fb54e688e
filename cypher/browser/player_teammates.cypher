// Neo4j Browser: a player's teammates, the ones he played the most games with first.
//
// Set the parameter first (paste this line into Browser, then run the query):
//   :param player => 'Wayne Gretzky'
//
// $player  a Player.id ('8471675'), a Hockey Databank id ('gretzwa01') or a full name in
//          any case, without accents ('connor mcdavid'; it is compared with
//          Player.search_name). Two players can share a name (there are two Sebastian Ahos):
//          use an id then.
// Columns: player, teammate_id, teammate, seasons, teams, games_together, games_played_together
// games_together is null for teammates from before 2009-10 (no per-game data); those sort last.
MATCH (p:Player)
WHERE p.id = $player OR p.databank_id = $player
   OR p.search_name = toLower($player)
MATCH (p)-[t:TEAMMATE_OF]-(mate:Player)
RETURN p.name AS player, mate.id AS teammate_id, mate.name AS teammate, t.seasons AS seasons,
       t.teams AS teams, t.games_together AS games_together,
       t.games_played_together AS games_played_together
ORDER BY coalesce(games_together, -1) DESC, size(seasons) DESC, teammate
LIMIT 300
