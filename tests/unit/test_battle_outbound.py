"""The sending half of a socket: exactly once, in order, re-sync on a gap."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from graph_api.battle.game.rules import RoomRules
from graph_api.battle.game.state import RoomState
from graph_api.battle.websocket.hub import EncodedFrame
from graph_api.battle.websocket.outbound import Outbound


class FakeSocket:
    """Records what the server would put on the wire (no network in a unit test)."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.closed: tuple[int, str] | None = None

    async def send_text(self, text: str) -> None:
        self.sent.append(json.loads(text))

    async def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)


def room(seq: int) -> RoomState:
    return RoomState(code="ABCDEFGHJKMN", rules=RoomRules(), created_at=0.0, seq=seq)


def event(seq: int, kind: str = "player_ready", **data: Any) -> EncodedFrame:
    frame = {"v": 1, "type": kind, "seq": seq, **data}
    return EncodedFrame(frame, json.dumps(frame))


async def drive(out: Outbound, socket: FakeSocket) -> None:
    out.close(1000, "done")
    await asyncio.wait_for(out.run(), 2)
    assert socket.closed == (1000, "done")


def seqs(socket: FakeSocket) -> list[tuple[str, int]]:
    return [(f["type"], f["seq"]) for f in socket.sent if "seq" in f]


async def test_events_before_the_snapshot_wait_and_old_ones_are_dropped() -> None:
    socket = FakeSocket()
    states = [room(5)]

    async def load() -> RoomState:
        return states.pop(0)

    out = Outbound(socket, load)  # type: ignore[arg-type]
    out.push_events([event(4), event(5), event(6)])
    out.resync()
    out.push_events([event(6), event(7)])
    await drive(out, socket)
    assert seqs(socket) == [("snapshot", 5), ("player_ready", 6), ("player_ready", 7)]


async def test_a_gap_brings_a_fresh_snapshot() -> None:
    socket = FakeSocket()
    states = [room(3), room(9)]

    async def load() -> RoomState:
        return states.pop(0)

    out = Outbound(socket, load)  # type: ignore[arg-type]
    out.resync()
    out.push_events([event(4), event(8), event(9), event(10)])
    await drive(out, socket)
    assert seqs(socket) == [
        ("snapshot", 3),
        ("player_ready", 4),
        ("snapshot", 9),
        ("player_ready", 10),
    ]


async def test_a_lost_room_is_said_and_closed() -> None:
    socket = FakeSocket()

    async def load() -> None:
        return None

    out = Outbound(socket, load)  # type: ignore[arg-type]
    out.resync()
    await asyncio.wait_for(out.run(), 2)
    assert socket.sent[-1]["code"] == "room_lost"
    assert socket.closed == (4404, "room lost")


async def test_a_newer_connection_of_the_same_seat_closes_this_one() -> None:
    socket = FakeSocket()

    async def load() -> RoomState:
        return room(1)

    out = Outbound(socket, load)  # type: ignore[arg-type]
    out.seat, out.session = 2, 1
    out.resync()
    out.push_events([event(2, "presence", seat=2, connected=True, session=2)])
    await asyncio.wait_for(out.run(), 2)
    assert socket.sent[-1]["code"] == "replaced"
    assert socket.closed == (4001, "replaced by a newer connection")
