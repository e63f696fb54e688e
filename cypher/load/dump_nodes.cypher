// Every node with its labels and properties (for the graph digest that compares loads).
// Params: none.
// Returns: key, labels, props.
MATCH (n)
RETURN coalesce(n.id, n.key) AS key, labels(n) AS labels, properties(n) AS props
