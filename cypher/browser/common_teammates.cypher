// Neo4j Browser: the players who were teammates of both of two players (the "bridges" between
// them), with where each link comes from.
//
//   :param player => 'Mario Lemieux'
//   :param other => 'Evgeni Malkin'
//
// $player, $other  Player.id, Hockey Databank ids or full names without accents
//                            (Player.search_name)
// Columns: bridge, bridge_id, with_player (franchises, seasons), with_other (franchises, seasons)
MATCH (a:Player)
WHERE a.id = $player OR a.databank_id = $player
   OR a.search_name = toLower($player)
MATCH (b:Player)
WHERE b.id = $other OR b.databank_id = $other
   OR b.search_name = toLower($other)
MATCH (a)-[ta:TEAMMATE_OF]-(bridge:Player)-[tb:TEAMMATE_OF]-(b)
RETURN bridge.name AS bridge, bridge.id AS bridge_id,
       {teams: ta.teams, seasons: ta.seasons} AS with_player,
       {teams: tb.teams, seasons: tb.seasons} AS with_other
ORDER BY size(ta.seasons) + size(tb.seasons) DESC, bridge
