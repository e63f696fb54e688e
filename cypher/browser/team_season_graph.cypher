// Neo4j Browser (graph view): one team-season with its franchise and everyone who played for it.
//
//   :param team_season => 'EDM-19871988'
//
// $team_season  a TeamSeason.id, '<code>-<season>' ('MTL-19761977', 'PIT-20082009')
// Columns: roster (a path (:Player)-[:PLAYED_FOR]->(:TeamSeason)-[:OF_TEAM]->(:Team))
MATCH roster = (:Player)-[:PLAYED_FOR]->(:TeamSeason {id: $team_season})-[:OF_TEAM]->(:Team)
RETURN roster
