"""The battles benchmark's clients: a room and its scripted players over WebSockets
(see :mod:`bench.battles_bench`)."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.integration.battle_workers import Worker

KEPT = ("type", "seq", "turn", "seat", "verdict", "code", "winner", "detail")
RETRIED = ("store_unavailable", "room_busy")  # error codes after which a ready is sent again
NAMES = ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"]


@dataclass
class Room:
    code: str
    chain: list[str]
    valid: int
    sent_at: dict[int, float] = field(default_factory=dict)
    arrivals: dict[int, list[float]] = field(default_factory=dict)
    players: list[Player] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    readies: int = 0
    ready_retries: int = 0
    started: bool = False

    def answer(self, turn: int) -> str:
        """Turn k names chain[k] while the script is valid, then the start player again."""
        return self.chain[turn] if turn <= self.valid else self.chain[0]


@dataclass
class Player:
    room: Room
    seat: int
    conn: ClientConnection
    think_s: float
    rng: random.Random
    frames: list[dict[str, Any]] = field(default_factory=list)
    received: int = 0
    closed_early: bool = False
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def read(self) -> None:
        try:
            async for message in self.conn:
                now = time.perf_counter()
                frame = json.loads(message)
                self.received += 1
                self.on_frame(frame, now)
                # Keep what the integrity check needs, not whole snapshots.
                self.frames.append({k: frame.get(k) for k in KEPT if k in frame})
        except ConnectionClosed:
            self.closed_early = not self.room.done.is_set()

    def on_frame(self, frame: dict[str, Any], now: float) -> None:
        kind = frame["type"]
        if kind == "turn" and frame["seat"] == self.seat:
            task = asyncio.create_task(self.answer(frame["turn"]))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        elif kind == "guess":
            self.room.arrivals.setdefault(frame["turn"], []).append(now)
        elif kind == "result" and self.seat == 1:
            self.room.done.set()
        elif kind == "player_ready" and self.seat == 1 and frame["ready"]:
            self.room.readies += 1
            self.check_ready()
        elif kind == "error" and frame.get("code") in RETRIED and not self.room.started:
            # The protocol's "try again" (a burst of 2,000 readies can meet a busy store).
            self.room.ready_retries += 1
            task = asyncio.create_task(self.send({"type": "ready"}))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        elif kind == "snapshot" and self.seat == 1:  # a re-sync replaces the events it covers
            self.room.readies = sum(seat["ready"] for seat in frame["room"]["seats"])
            self.check_ready()

    def check_ready(self) -> None:
        if self.room.readies >= len(self.room.players) and self.room.players:
            self.room.ready.set()

    async def answer(self, turn: int) -> None:
        await asyncio.sleep(self.rng.uniform(0.5, 1.5) * self.think_s)
        self.room.sent_at[turn] = time.perf_counter()
        frame = {"type": "guess", "player_id": self.room.answer(turn), "turn": turn}
        await self.conn.send(json.dumps(frame))

    async def send(self, frame: dict[str, Any]) -> None:
        await self.conn.send(json.dumps(frame))


async def open_player(
    room: Room, worker: Worker, seat: int, join: dict[str, Any], think_s: float, seed: int
) -> Player:
    conn = await connect(
        f"{worker.ws}/ws/battles/{room.code}", open_timeout=30, close_timeout=2, max_queue=None
    )
    await conn.send(json.dumps({"type": "join", "v": 1, **join}))
    welcome = json.loads(await conn.recv())
    if welcome.get("type") != "welcome" or welcome.get("seat") != seat:
        raise RuntimeError(f"room {room.code} seat {seat}: unexpected {welcome}")
    player = Player(room, seat, conn, think_s, random.Random(seed))
    player.frames.append(welcome)
    return player


async def set_up_room(
    chain: list[str], index: int, workers: list[Worker], args: argparse.Namespace
) -> Room:
    body = {
        "name": NAMES[0],
        "start_player_id": chain[0],
        "lives": args.lives,
        "turn_seconds": 30,
        "hub_limit": 100,
        "max_players": max(args.players, 2),
    }
    host = workers[index % 2]
    async with httpx.AsyncClient(timeout=60) as http:
        response = await http.post(f"{host.http}/battles", json=body)
    if response.status_code != 201:
        raise RuntimeError(f"POST /battles: {response.status_code} {response.text}")
    created = response.json()
    room = Room(created["code"], chain, args.valid)
    think = args.think_ms / 1000
    room.players.append(
        await open_player(room, host, 1, {"token": created["token"]}, think, args.seed + index)
    )
    for seat in range(2, args.players + 1):
        worker = workers[(index + seat - 1) % 2]
        join = {"name": NAMES[seat - 1]}
        seed = args.seed + index * 10 + seat
        room.players.append(await open_player(room, worker, seat, join, think, seed))
    return room


async def bounded(limit: int, jobs: list[Any]) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def run(job: Any) -> Any:
        async with gate:
            return await job

    return await asyncio.gather(*(run(job) for job in jobs))
