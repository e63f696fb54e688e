// How far a history sync (`loader sync`, or the background sync of `puckpath serve`) got.
// Params: $done (int), $total (int): seasons done and planned by the run.
// Returns: nothing.
MERGE (d:Dataset {key: "nhl"})
SET d.history_seasons_done = $done,
    d.history_seasons_total = $total
