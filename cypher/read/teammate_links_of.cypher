// Every TEAMMATE_OF link of one player in one row, as stored: what the battles judge the
// answers of a turn against without another round trip (fetched when the turn begins).
// Params: $a_id (Player.id, canonical).
// Returns: links (list of [b_id, b_name, team_seasons, seasons, games_together], one per
//   teammate; the same properties read/teammate_link returns for one pair). No teammate
//   (or no such player): an empty list.
OPTIONAL MATCH (:Player {id: $a_id})-[r:TEAMMATE_OF]-(b:Player)
RETURN collect([b.id, b.name, r.team_seasons, r.seasons, r.games_together]) AS links
