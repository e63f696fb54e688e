"""Battles benchmark: two uvicorn workers + Redis + the loaded Neo4j graph.

ROOMS rooms x PLAYERS players (800 WebSocket connections by default) play chain games with
scripted answers: VALID real teammates (looked up in the graph beforehand), then wrong ones
(the starting player again: "already named") until one player is left. Every room's players
are split across the two workers (with ``--behind-nginx`` every client goes through nginx,
which picks the worker round robin). Measured on the clients (one clock, this process):

- guess -> broadcast latency: from sending a guess to each player of the room receiving
  the judged ``guess`` event (p50/p95/p99/max over every guess x recipient);
- messages/s: frames received by all clients while the games ran;
- integrity: every client got contiguous ``seq`` numbers after its snapshot, the players
  of a room got identical event streams, and every room ended with a ``result``.

Run (from the repository root):
    PUCKPATH_LOADED_NEO4J_URI=bolt://127.0.0.1:PORT .venv/bin/python -m bench.battles_bench
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvloop
from pydantic import SecretStr
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from graph_api.graph.catalog import QueryCatalog
from graph_api.graph.repo import GraphRepo, make_driver
from graph_api.runtime.providers import Neo4jEndpoint, free_port
from graph_api.runtime.redis_cluster_local import LocalRedisCluster
from graph_api.runtime.redis_local import LocalRedisServer
from graph_api.runtime.scale_out import scaled_out
from graph_api.settings import BattleSettings, Neo4jSettings
from tests.integration.battle_workers import Worker, running_workers, worker_env

READY_FILE = Path("/tmp/puckpath-dev/READY")
TIMELINE_S = 5
LAG_SAMPLES: list[tuple[float, float]] = []  # (perf_counter at wake-up, lag ms)
KEPT = ("type", "seq", "turn", "seat", "verdict", "code", "winner", "detail")
RETRIED = ("store_unavailable", "room_busy")  # error codes after which a ready is sent again
NAMES = ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=200)
    parser.add_argument("--players", type=int, default=4)
    parser.add_argument("--valid", type=int, default=12, help="valid answers per game")
    parser.add_argument("--lives", type=int, default=3)
    parser.add_argument(
        "--think-ms", type=float, default=2000, help="mean think time before an answer"
    )
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--neo4j-uri", default=os.environ.get("PUCKPATH_LOADED_NEO4J_URI"))
    parser.add_argument("--neo4j-password", default="puckpath-test-pw")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument("--logs", type=Path, help="keep the workers' logs in this folder")
    parser.add_argument("--ws", default="auto", help="uvicorn's WebSocket implementation")
    parser.add_argument(
        "--behind-nginx",
        action="store_true",
        help="every client through nginx (deploy/nginx) in front of the two workers, round "
        "robin, as `puckpath serve --behind-nginx` runs them",
    )
    parser.add_argument(
        "--cluster", action="store_true", help="rooms in a local Redis Cluster of three masters"
    )
    return parser.parse_args()


# --- the script: real teammate chains from the graph ---------------------------------------


async def plan_chains(neo4j: Neo4jEndpoint, rooms: int, valid: int, seed: int) -> list[list[str]]:
    settings = Neo4jSettings(uri=neo4j.uri, password=SecretStr(neo4j.password))
    repo = GraphRepo(make_driver(settings), QueryCatalog.load(), settings)
    rng = random.Random(seed)
    try:
        pool = [row["id"] for row in await repo.read("read/player_pool", min_games=400)]
        chains: list[list[str]] = []
        while len(chains) < rooms:
            chain = [rng.choice(pool)]
            while len(chain) <= valid:
                rows = await repo.read_fast(
                    "read/battle_teammates",
                    id=chain[-1],
                    exclude=chain,
                    limit=25,
                    from_season=0,
                    to_season=99_999_999,
                    min_games=0,
                )
                if not rows:
                    break
                chain.append(rng.choice(rows)["id"])
            if len(chain) == valid + 1:
                chains.append(chain)
        return chains
    finally:
        await repo.close()


def planned_chains(neo4j: Neo4jEndpoint, args: argparse.Namespace) -> list[list[str]]:
    """The chains, planned once per graph, count and seed (6,000 reads for 500 rooms) and kept
    in the temp folder, so repeated runs do not load the shared Neo4j with the same reads."""
    key = f"{neo4j.uri}-{args.rooms}-{args.valid}-{args.seed}".replace("/", "_").replace(":", "_")
    cache = Path(tempfile.gettempdir()) / f"puckpath-battle-chains-{key}.json"
    if cache.exists():
        print(f"chains from {cache}")
        return list(json.loads(cache.read_text()))
    chains = asyncio.run(plan_chains(neo4j, args.rooms, args.valid, args.seed))
    cache.write_text(json.dumps(chains))
    return chains


# --- clients --------------------------------------------------------------------------------


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


# --- checks and numbers ---------------------------------------------------------------------


def check_room(room: Room) -> list[str]:
    problems = []
    streams = []
    for player in room.players:
        snapshots = [f for f in player.frames if f["type"] == "snapshot"]
        if len(snapshots) != 1:
            problems.append(f"{room.code} seat {player.seat}: {len(snapshots)} snapshots")
            continue
        events = [f for f in player.frames if "seq" in f and f["type"] != "snapshot"]
        seqs = [e["seq"] for e in events]
        first = snapshots[0]["seq"] + 1
        if seqs != list(range(first, first + len(seqs))):
            problems.append(f"{room.code} seat {player.seat}: seq gap or reorder")
        kinds = [e["type"] for e in events]
        if "result" not in kinds:
            problems.append(f"{room.code} seat {player.seat}: no result")
        else:  # after the result come the others' goodbyes (presence), in any number
            events = events[: kinds.index("result") + 1]
        if player.closed_early:
            problems.append(f"{room.code} seat {player.seat}: closed early")
        streams.append(events)
    common = max((s[0]["seq"] for s in streams if s), default=0)
    cut = [[e for e in s if e["seq"] >= common] for s in streams]
    if any(c != cut[0] for c in cut):
        problems.append(f"{room.code}: players saw different streams")
    return problems


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def summarise(
    rooms: list[Room], started: float, ended: float, args: argparse.Namespace
) -> dict[str, Any]:
    samples = [
        (room.sent_at[turn] - started, (arrival - room.sent_at[turn]) * 1000)
        for room in rooms
        for turn, arrivals in room.arrivals.items()
        if turn in room.sent_at
        for arrival in arrivals
    ]
    latencies = [latency for _, latency in samples]
    buckets: dict[int, list[float]] = {}
    for at, latency in samples:
        buckets.setdefault(int(at // TIMELINE_S), []).append(latency)
    timeline = [
        {
            "from_s": bucket * TIMELINE_S,
            "deliveries": len(values),
            "p50": round(percentile(values, 50), 1),
            "p99": round(percentile(values, 99), 1),
        }
        for bucket, values in sorted(buckets.items())
    ]
    frames = sum(p.received for r in rooms for p in r.players)
    guesses = sum(len(r.sent_at) for r in rooms)
    problems = [problem for room in rooms for problem in check_room(room)]
    errors = Counter(
        f["code"] for r in rooms for p in r.players for f in p.frames if f["type"] == "error"
    )
    seconds = ended - started
    return {
        "rooms": len(rooms),
        "connections": sum(len(r.players) for r in rooms),
        "guesses": guesses,
        "deliveries": len(latencies),
        "seconds": round(seconds, 1),
        "guesses_per_s": round(guesses / seconds, 1),
        "messages_per_s": round(frames / seconds, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1),
            "max": round(max(latencies), 1),
            "mean": round(statistics.fmean(latencies), 1),
        },
        "unfinished_rooms": sum(not r.done.is_set() for r in rooms),
        "error_frames": dict(errors),
        "integrity_problems": problems[:20],
        "integrity_ok": not problems,
        "think_ms": args.think_ms,
        "ws": args.ws,
        "redis": "cluster of 3 masters" if args.cluster else "one redis-server",
        "timeline": timeline,
    }


# --- the run --------------------------------------------------------------------------------


def loaded_neo4j(args: argparse.Namespace) -> Neo4jEndpoint:
    uri = args.neo4j_uri
    if not uri and READY_FILE.exists():
        uri = READY_FILE.read_text().strip()
    if not uri:
        raise SystemExit("give --neo4j-uri or PUCKPATH_LOADED_NEO4J_URI (a loaded graph)")
    return Neo4jEndpoint(uri, "neo4j", args.neo4j_password, "given")


async def play(
    workers: list[Worker], chains: list[list[str]], args: argparse.Namespace
) -> dict[str, Any]:
    t0 = time.perf_counter()
    jobs = [set_up_room(chain, i, workers, args) for i, chain in enumerate(chains)]
    rooms: list[Room] = await bounded(25, jobs)
    print(f"{len(rooms)} rooms, {sum(len(r.players) for r in rooms)} connections "
          f"in {time.perf_counter() - t0:.1f}s")  # fmt: skip
    # The clients' own garbage collection must not show up as server latency.
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    readers = [asyncio.create_task(p.read()) for r in rooms for p in r.players]
    lag = asyncio.create_task(loop_lag(LAG_SAMPLES))
    for room in rooms:
        for player in room.players:
            await player.send({"type": "ready"})
    # Start only rooms whose players all are ready (on a loaded machine that takes a while).
    t_ready = time.perf_counter()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(room.ready.wait() for room in rooms)), 120)
    print(f"readies confirmed in {time.perf_counter() - t_ready:.1f}s")
    unready = [room for room in rooms if not room.ready.is_set()]
    if unready:
        print(f"{len(unready)} rooms not ready after 120 s: {not_ready_report(unready)}")
    all_rooms, rooms = rooms, [room for room in rooms if room.ready.is_set()]
    await asyncio.sleep(1)
    cpu_before = [cpu_seconds(w.process.pid) for w in workers]
    client_cpu_before = time.process_time()
    load_before = os.getloadavg()
    for room in all_rooms:
        room.started = True
    started = time.perf_counter()
    for room in rooms:  # staggered starts: games are not in lockstep
        await room.players[0].send({"type": "start"})
        await asyncio.sleep(args.think_ms / 1000 / len(rooms))
    limit = (args.valid + args.lives * args.players + 5) * args.think_ms / 1000 * 2 + 60
    try:
        await asyncio.wait_for(asyncio.gather(*(r.done.wait() for r in rooms)), limit)
    except TimeoutError:
        print(f"not finished after {limit:.0f}s: {sum(not r.done.is_set() for r in rooms)} rooms")
    ended = time.perf_counter()
    cpu_after = [cpu_seconds(w.process.pid) for w in workers]
    client_cpu_after = time.process_time()
    await asyncio.sleep(1)  # let the last frames land before checking
    for room in all_rooms:
        for player in room.players:
            await player.conn.close()
    await asyncio.gather(*readers, return_exceptions=True)
    lag.cancel()
    summary = summarise(rooms, started, ended, args)
    summary["rooms_never_ready"] = len(unready)
    summary["ready_retries"] = sum(room.ready_retries for room in all_rooms)
    summary["worker_cpu_percent"] = [
        round(100 * (after - before) / (ended - started), 1)
        for before, after in zip(cpu_before, cpu_after, strict=True)
    ]
    # The machine is shared: the 1-minute load average before and after the games.
    summary["load_average_1m"] = [round(load_before[0], 1), round(os.getloadavg()[0], 1)]
    lags = [lag for at, lag in LAG_SAMPLES if started <= at <= ended]
    summary["client_loop_lag_ms"] = {
        "p50": round(percentile(lags, 50), 1),
        "p99": round(percentile(lags, 99), 1),
        "max": round(max(lags), 1),
    }
    summary["client_cpu_percent"] = round(
        100 * (client_cpu_after - client_cpu_before) / (ended - started), 1
    )
    for window in summary["timeline"]:
        start = started + window["from_s"]
        in_window = [lag for at, lag in LAG_SAMPLES if start <= at < start + TIMELINE_S]
        window["client_lag_max"] = round(max(in_window, default=0.0), 1)
    return summary


def not_ready_report(rooms: list[Room]) -> dict[str, Any]:
    """What the players of rooms that never got all readies saw (frame kinds, errors, closes)."""
    kinds: Counter[str] = Counter()
    closes: Counter[str] = Counter()
    for room in rooms:
        for player in room.players:
            kinds.update(
                f["type"] if f["type"] != "error" else f"error:{f.get('code')}: {f.get('detail')}"
                for f in player.frames
            )
            if player.conn.close_code is not None:
                closes[f"seat {player.seat}: {player.conn.close_code}"] += 1
    return {"frames": dict(kinds), "closed": dict(closes), "rooms": [r.code for r in rooms[:5]]}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def loop_lag(samples: list[float]) -> None:
    """How late this process's own event loop wakes up (client-side share of the latency)."""
    while True:
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        samples.append((now, (now - before - 0.01) * 1000))


def behind_nginx(
    env: dict[str, str], logs: Path, chains: list[list[str]], args: argparse.Namespace
) -> dict[str, Any]:
    """The game through nginx: both "workers" of the script are nginx's address (it picks the
    worker), each with one API process's pid for the CPU figures."""
    ws_max = BattleSettings().ws_max_bytes
    with scaled_out(2, env, logs, "127.0.0.1", free_port(), ws_max) as scale:
        print(f"nginx on {scale.url} in front of {[p.address for p in scale.processes]}")
        assert scale.nginx.process is not None
        nginx_pid = scale.nginx.process.pid
        via_nginx = [Worker(scale.nginx.port, p.process, p.log) for p in scale.processes]
        nginx_workers = [int(pid) for pid in nginx_children(nginx_pid)]
        before = sum(cpu_seconds(pid) for pid in nginx_workers)
        t0 = time.perf_counter()
        summary = uvloop.run(play(via_nginx, chains, args))
        spent = sum(cpu_seconds(pid) for pid in nginx_workers) - before
        summary["nginx_cpu_percent_whole_run"] = round(100 * spent / (time.perf_counter() - t0), 1)
        upstreams = Counter(
            line.rsplit("upstream=", 1)[1].split()[0]
            for line in scale.nginx.access_log.read_text().splitlines()
            if "upstream=" in line
        )
        summary["requests_per_worker"] = dict(upstreams)
    return summary


def nginx_children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def main() -> None:
    args = parse_args()
    neo4j = loaded_neo4j(args)
    print(f"planning {args.rooms} chains of {args.valid} real teammates from {neo4j.uri} ...")
    chains = planned_chains(neo4j, args)
    with tempfile.TemporaryDirectory(prefix="battles-bench-") as tmp:
        folder = Path(tmp)
        redis_server: LocalRedisServer | LocalRedisCluster
        if args.cluster:
            redis_server = LocalRedisCluster.on_free_ports(folder / "redis-cluster")
        else:
            redis_server = LocalRedisServer(folder / "redis", free_port())
        redis_server.start()
        try:
            env = worker_env(neo4j, redis_server.url, rate_burst=50)
            env["REDIS_CLUSTER"] = str(args.cluster).lower()
            logs = args.logs or folder
            logs.mkdir(parents=True, exist_ok=True)
            if args.behind_nginx:
                summary = behind_nginx(env, logs, chains, args)
            else:
                with running_workers(2, env, logs, ws=args.ws) as workers:
                    ports = [w.port for w in workers]
                    print(f"workers on ports {ports}, redis {redis_server.url}")
                    summary = uvloop.run(play(workers, chains, args))
        finally:
            redis_server.stop()
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
