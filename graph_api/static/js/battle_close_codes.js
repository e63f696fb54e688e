// The WebSocket close codes of the battle server, mirrored from
// graph_api/battle/websocket/close_codes.py (a unit test keeps the two equal);
// docs/battle-protocol.md says when each is sent.
export const CLOSE = Object.freeze({
  NORMAL: 1000,
  POLICY_VIOLATION: 1008,
  INTERNAL_ERROR: 1011,
  SERVER_RESTARTING: 1012,
  TRY_AGAIN_LATER: 1013,
  REPLACED: 4001,
  ROOM_LOST: 4404,
});
