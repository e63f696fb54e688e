"""The WebSocket close codes the battle server sends, named once (as in starlette's
``status.py``); ``graph_api/static/js/battle_close_codes.js`` mirrors them for the page, and
``docs/battle-protocol.md`` says when each is sent. Every close except ``NORMAL`` follows an
error frame that says why."""

from __future__ import annotations

NORMAL = 1000  # the client left, or the server shuts the connection down cleanly
POLICY_VIOLATION = 1008  # bad token, no join, repeated abuse
INTERNAL_ERROR = 1011  # a server bug on this connection
SERVER_RESTARTING = 1012  # this worker is shutting down (SIGTERM): reconnect, the seat is kept
TRY_AGAIN_LATER = 1013  # the room store is down, or the client reads too slowly
REPLACED = 4001  # the same seat connected again elsewhere
ROOM_LOST = 4404  # the room no longer exists
