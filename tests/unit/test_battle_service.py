"""The battle service over the in-memory store and a Databank oracle (no servers).

The Redis store is tested against a real Redis in tests/integration/test_battle_redis_store.py;
here the service's own logic: name resolution, retries, timers, conclusion, publication.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from battle_databank import DatabankOracle, load_databank

from graph_api.battle.game.events import Rejected
from graph_api.battle.game.room_code import is_room_code
from graph_api.battle.game.rules import RoomRules
from graph_api.battle.service.battle_service import BattleService, RoomNotFound, hash_token
from graph_api.battle.service.guesses import PlayerInput
from graph_api.battle.service.oracle import LinkRules
from graph_api.battle.store.memory_store import MemoryRoomStore
from graph_api.battle.store.timers import TimerLoop

T0 = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def oracle(shared_data: Path) -> DatabankOracle:
    return DatabankOracle(load_databank(shared_data))


class Room:
    """A service, its store, the clock and everything published on the room's feed."""

    def __init__(self, oracle: DatabankOracle) -> None:
        self.clock = Clock()
        self.store = MemoryRoomStore()
        self.service = BattleService(self.store, oracle, RoomRules(), 30.0, self.clock)
        self.published: list[dict[str, object]] = []
        self.code = ""

    def _deliver(self, code: str, payload: str) -> None:
        assert code == self.code
        self.published.extend(json.loads(payload))

    async def open(self, players: int, **rules: object) -> list[str]:
        seated = await self.service.create_room(RoomRules.model_validate(rules), "Ann")
        self.code = seated.code
        feed = await self.store.open_feed(self._deliver, _ignore)
        await feed.subscribe(self.code)
        tokens = [seated.token]
        for name in ["Bob", "Cat", "Dan"][: players - 1]:
            tokens.append((await self.service.add_player(self.code, name, connected=False)).token)
        return tokens

    async def start(self, players: int, **rules: object) -> None:
        await self.open(players, **rules)
        for seat in range(1, players + 1):
            await self.service.ready(self.code, seat, True)
        await self.service.start(self.code, 1)

    def types(self) -> list[str]:
        return [str(frame["type"]) for frame in self.published]


async def _ignore(up: bool) -> None:
    return None


async def test_a_room_has_an_unguessable_code_and_secret_tokens(oracle: DatabankOracle) -> None:
    room = Room(oracle)
    tokens = await room.open(2)
    assert is_room_code(room.code)
    stored = await room.store.load(room.code)
    assert stored is not None
    assert [s.token_hash for s in stored.state.seats] == [hash_token(t) for t in tokens]
    assert all(t not in stored.state.model_dump_json() for t in tokens)
    assert await room.service.authenticate(room.code, tokens[1]) == 2


async def test_a_forged_token_or_another_rooms_token_holds_no_seat(
    oracle: DatabankOracle,
) -> None:
    first, second = Room(oracle), Room(oracle)
    second.store = first.store
    second.service = BattleService(first.store, oracle, RoomRules(), 30.0, second.clock)
    await first.open(1)
    other_tokens = await second.open(1)
    for token in [other_tokens[0], "forged-token"]:
        with pytest.raises(Rejected) as exc:
            await first.service.authenticate(first.code, token)
        assert exc.value.code == "bad_token"
    with pytest.raises(RoomNotFound):
        await first.service.authenticate("ABCDEFGHJKMN", other_tokens[0])


async def test_guess_by_free_text_is_resolved_accent_and_case_insensitively(
    oracle: DatabankOracle,
) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01")
    applied = await room.service.guess(
        room.code, 1, PlayerInput(text="  mark MESSIER "), None, room.clock()
    )
    assert applied.events[0].data["player"] == {"id": "messima01", "name": "Mark Messier"}
    assert applied.events[0].data["valid"] is True
    assert room.types()[-2:] == ["guess", "turn"]


async def test_an_ambiguous_name_gets_did_you_mean_not_a_wrong_verdict(
    oracle: DatabankOracle,
) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01")
    with pytest.raises(Rejected) as exc:
        await room.service.guess(room.code, 1, PlayerInput(text="gretzky"), None, room.clock())
    assert exc.value.code == "ambiguous"
    assert "did you mean" in exc.value.detail
    ids = {c["id"] for c in exc.value.extra["candidates"]}
    assert ids == {"gretzwa01", "gretzbr01"}
    stored = await room.store.load(room.code)
    assert stored is not None
    assert [s.lives for s in stored.state.seats] == [3, 3]
    assert stored.state.turn_seat == 1


async def test_namesakes_are_ambiguous_even_when_typed_in_full(oracle: DatabankOracle) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01")
    with pytest.raises(Rejected) as exc:
        await room.service.guess(
            room.code, 1, PlayerInput(text="Sebastian Aho"), None, room.clock()
        )
    assert exc.value.code == "ambiguous"
    assert {c["id"] for c in exc.value.extra["candidates"]} == {"ahose01", "ahose02"}


async def test_unknown_names_and_ids_cost_nothing(oracle: DatabankOracle) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01")
    for answer in [PlayerInput(text="Zzyzx Qwerty"), PlayerInput(player_id="nobody99")]:
        with pytest.raises(Rejected) as exc:
            await room.service.guess(room.code, 1, answer, None, room.clock())
        assert exc.value.code == "unknown_player"
    assert room.types().count("guess") == 0


async def test_a_right_answer_by_id_costs_one_graph_round_trip(oracle: DatabankOracle) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01")
    before = dict(oracle.calls)
    await room.service.guess(room.code, 1, PlayerInput(player_id="messima01"), 1, room.clock())
    spent = {k: v - before.get(k, 0) for k, v in oracle.calls.items() if v != before.get(k, 0)}
    assert spent == {"link": 1}
    await room.service.guess(room.code, 2, PlayerInput(player_id="lemiema01"), 2, room.clock())
    assert [f["verdict"] for f in room.published if f["type"] == "guess"] == [
        "valid",
        "not_teammates",
    ]


async def test_naming_an_already_named_player_by_id_asks_the_graph_nothing(
    oracle: DatabankOracle,
) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01")
    await room.service.guess(room.code, 1, PlayerInput(player_id="messima01"), 1, room.clock())
    before = dict(oracle.calls)
    for seat, turn, named in [(2, 2, "gretzwa01"), (1, 3, "messima01")]:
        await room.service.guess(room.code, seat, PlayerInput(player_id=named), turn, room.clock())
    assert dict(oracle.calls) == before
    guesses = [f for f in room.published if f["type"] == "guess"]
    assert [g["verdict"] for g in guesses] == ["valid", "already_named", "already_named"]
    assert guesses[1]["player"] == {"id": "gretzwa01", "name": "Wayne Gretzky"}


async def test_out_of_turn_is_refused_before_asking_the_graph(oracle: DatabankOracle) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01")
    before = dict(oracle.calls)
    with pytest.raises(Rejected) as exc:
        await room.service.guess(
            room.code, 2, PlayerInput(player_id="messima01"), None, room.clock()
        )
    assert exc.value.code == "not_your_turn"
    assert dict(oracle.calls) == before


async def test_two_workers_on_one_store_never_lose_an_update(oracle: DatabankOracle) -> None:
    """Two services (two workers) act on one room at once: compare-and-set retries."""
    room = Room(oracle)
    await room.open(1, max_players=9)
    other = BattleService(room.store, oracle, RoomRules(), 30.0, room.clock)
    names = [f"P{i}" for i in range(8)]
    services = [room.service, other] * 4
    await asyncio.gather(
        *(
            svc.add_player(room.code, name, connected=True)
            for svc, name in zip(services, names, strict=True)
        )
    )
    stored = await room.store.load(room.code)
    assert stored is not None
    assert sorted(s.name for s in stored.state.seats) == sorted(["Ann", *names])
    seqs = [int(str(f["seq"])) for f in room.published]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert seqs[-1] == stored.state.seq
    assert room.store.conflicts > 0  # the two really raced


async def test_the_timer_loop_fires_a_turn_timeout_exactly_once(oracle: DatabankOracle) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01", turn_seconds=10)
    loops = [TimerLoop(room.store, room.service.on_timer, 0.01, 5.0, room.clock) for _ in range(2)]
    tasks = [asyncio.create_task(loop.run()) for loop in loops]
    try:
        room.clock.now = T0 + 10.5
        for _ in range(50):
            await asyncio.sleep(0.01)
            if "timeout" in room.types():
                break
        await asyncio.sleep(0.1)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    assert room.types().count("timeout") == 1
    assert sum(loop.fired for loop in loops) == 1
    stored = await room.store.load(room.code)
    assert stored is not None
    assert stored.state.turn_seat == 2
    assert room.store.deadlines[room.code] == stored.state.turn_deadline


async def test_the_end_of_a_game_publishes_the_result_with_the_analysis(
    oracle: DatabankOracle,
) -> None:
    room = Room(oracle)
    await room.start(2, start_player_id="gretzwa01", lives=1)
    await room.service.guess(room.code, 1, PlayerInput(player_id="messima01"), None, room.clock())
    await room.service.guess(room.code, 2, PlayerInput(player_id="lemiema01"), None, room.clock())
    await room.service.drain()
    assert room.types()[-2:] == ["game_over", "result"]
    analysis = room.published[-1]["analysis"]
    assert isinstance(analysis, dict)
    assert analysis["shortest"]["chain_hops"] == 1
    assert analysis["shortest"]["optimal_hops"] == 1
    miss = analysis["misses"][0]
    assert miss["link"]["id"] == "messima01"
    assert miss["guessed"]["id"] == "lemiema01"
    assert len(miss["could_have_said"]) == 3
    named = {"gretzwa01", "messima01"}
    for hint in miss["could_have_said"]:
        assert hint["id"] not in named
        assert oracle.bank.shared("messima01", hint["id"]) is not None


async def test_a_race_validates_every_hop_and_analyses_against_optimal_paths(
    oracle: DatabankOracle,
) -> None:
    room = Room(oracle)
    await room.start(1, mode="race", difficulty="easy")
    stored = await room.store.load(room.code)
    assert stored is not None
    state = stored.state
    assert state.start is not None
    assert state.target is not None
    path = oracle.bank.shortest_paths(state.start.id, state.target.id, LinkRules(), 1)[0]
    assert len(path) - 1 == state.optimal_hops == 2
    answers = [PlayerInput(player_id=pid) for pid in path]
    applied = await room.service.submit(room.code, 1, answers, room.clock())
    assert applied.events[0].data["valid"] is True
    await room.service.drain()
    result = room.published[-1]
    assert result["type"] == "result"
    analysis = result["analysis"]
    assert isinstance(analysis, dict)
    assert analysis["players"][0]["extra_hops"] == 0
    assert analysis["optimal_paths"][0][0]["id"] == state.start.id


async def test_a_race_name_that_is_ambiguous_says_which_position(oracle: DatabankOracle) -> None:
    room = Room(oracle)
    await room.start(1, mode="race", difficulty="easy")
    stored = await room.store.load(room.code)
    assert stored is not None
    assert stored.state.start is not None
    chain = [PlayerInput(player_id=stored.state.start.id), PlayerInput(text="gretzky")]
    with pytest.raises(Rejected) as exc:
        await room.service.submit(room.code, 1, chain, room.clock())
    assert exc.value.code == "ambiguous"
    assert exc.value.extra["position"] == 1
