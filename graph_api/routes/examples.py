"""OpenAPI examples: real players (ids as in the graph)."""

from __future__ import annotations

# Connor McDavid, Sidney Crosby; Wayne Gretzky (Databank id: his career ended before 2009-10).
FROM_EXAMPLES = ["8478402", "8471675"]
TO_EXAMPLES = ["gretzwa01", "8448208"]
PLAYER_EXAMPLES = ["8448208", "gretzwa01"]  # Jaromir Jagr, Wayne Gretzky
