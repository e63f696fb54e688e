// Benchmark baseline (the closest peer's design, evanboyd31/nhl-degrees-of-separation): the
// bare bidirectional shortestPath over (:Player)-[:PLAYED_FOR]-(:TeamSeason), no evidence.
// Params: $from_id, $to_id (Player.id, different).
// Returns: hops (int: teammate hops, half the membership path). No row when not connected.
MATCH (a:Player {id: $from_id}), (b:Player {id: $to_id})
MATCH p = shortestPath((a)-[:PLAYED_FOR*..30]-(b))
RETURN length(p) / 2 AS hops
