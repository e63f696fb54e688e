// Node counts by label.
// Params: none.
// Returns: label, count.
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
