"""The hub cuts each event's text out of a published batch instead of encoding it again:
the texts must be exactly what encoding the frame would give, for every layout."""

from __future__ import annotations

import json

import pytest

from graph_api.battle.game.events import Event
from graph_api.battle.store.room_store import encode_events
from graph_api.battle.websocket.hub import split_frames

# Real players (NHL ids) and team-seasons; names with accents and quotes in JSON.
EVENTS = [
    Event(
        "guess",
        41,
        {
            "seat": 2,
            "turn": 12,
            "player": {"id": "8466148", "name": "Jarome Iginla"},
            "valid": True,
            "verdict": "valid",
            "via": ["CGY-20002001", "CGY-20012002"],
            "lives": 3,
        },
    ),
    Event(
        "turn",
        42,
        {
            "turn": 13,
            "seat": 3,
            "link": {"id": "8448208", "name": 'Jaromír Jágr "JJ68" [x],{y}'},
            "deadline": 1_800_000_012.123456,
            "seconds": 30,
        },
    ),
    Event("game_over", 43, {"winner": None, "standings": []}),
]
COMPACT = (",", ":")


def test_a_published_batch_gives_each_frame_and_its_own_encoding() -> None:
    frames = split_frames(encode_events(EVENTS))
    assert [f.data for f in frames] == [e.frame() for e in EVENTS]
    assert [f.text for f in frames] == [json.dumps(e.frame(), separators=COMPACT) for e in EVENTS]


def test_another_layout_is_decoded_and_encoded_the_same() -> None:
    spaced = json.dumps([e.frame() for e in EVENTS], indent=1)
    frames = split_frames(spaced)
    assert [f.data for f in frames] == [e.frame() for e in EVENTS]
    assert [f.text for f in frames] == [json.dumps(e.frame(), separators=COMPACT) for e in EVENTS]


def test_an_empty_batch_has_no_frames() -> None:
    assert split_frames("[]") == []


@pytest.mark.parametrize("payload", ["", "{}", "[1]", '[{"v":1}', '[{"v":1},]', '[{"v":1}]x'])
def test_an_unreadable_payload_is_refused(payload: str) -> None:
    with pytest.raises(ValueError, match=r"Expecting|Extra data|not a JSON array"):
        split_frames(payload)
