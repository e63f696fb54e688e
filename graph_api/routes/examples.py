"""OpenAPI examples: real players (ids as in the graph)."""

from __future__ import annotations

# Connor McDavid, Sidney Crosby; Wayne Gretzky by his NHL id and by his Hockey Databank id
# (accepted too: answers carry the NHL id); Jaromir Jagr.
FROM_EXAMPLES = ["8478402", "8471675"]
TO_EXAMPLES = ["8447400", "gretzwa01", "8448208"]
PLAYER_EXAMPLES = ["8448208", "8447400", "gretzwa01"]
# How every player-id parameter is described.
PLAYER_ID_HELP = "NHL player id, or a Hockey Databank id (gretzwa01); answers use the NHL id"
# How every season parameter is described.
SEASON_HELP = "8-digit season, e.g. 19871988 for 1987-88"
