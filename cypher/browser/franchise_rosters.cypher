// Neo4j Browser: a franchise's rosters season by season, most games first, in a season window.
//
//   :param team => 'EDM'
//   :param from_season => 19831984
//   :param to_season => 19891990
//
// $team  a Team.id (the Databank franchID: 'MTL', 'TOR', 'EDM', 'WPG' for Atlanta/Winnipeg ...)
// $from_season, $to_season  the window, both ends included (8-digit seasons)
// Columns: season, team_season, name, players, roster (list of "name: games GP, points P")
MATCH (:Team {id: $team})<-[:OF_TEAM]-(ts:TeamSeason)
WHERE $from_season <= ts.season <= $to_season
MATCH (p:Player)-[pf:PLAYED_FOR]->(ts)
WITH ts, p, pf
ORDER BY pf.games DESC, p.name
RETURN ts.season AS season, ts.id AS team_season, ts.name AS name, count(p) AS players,
       collect(p.name + ': ' + toString(pf.games) + ' GP, ' + toString(pf.points) + ' P')
         AS roster
ORDER BY season, team_season
