"""Birth places: every player of the committed snapshot (what ``loader snapshot build`` and the
import both write) carries the place of the first source that names his birth city, checked
against the source files read independently here."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from loader.files import SourceFiles, read_birth_places
from loader.snapshot import EMBEDDED_SNAPSHOT

Place = tuple[str, str, str]


def rows_of(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def snapshot_places() -> dict[str, tuple[str, str, Place]]:
    """Player id -> (nhl_id, databank_id, (city, state, country)) of the committed snapshot."""
    return {
        r["id"]: (r["nhl_id"], r["databank_id"],
                  (r["birth_city"], r["birth_state"], r["birth_country"]))
        for r in rows_of(EMBEDDED_SNAPSHOT / "players.csv.gz")
    }  # fmt: skip


def test_famous_players_have_their_birth_places(
    snapshot_places: dict[str, tuple[str, str, Place]],
) -> None:
    assert snapshot_places["8447400"][2] == ("Brantford", "ON", "CAN")  # Wayne Gretzky
    assert snapshot_places["8448000"][2] == ("Floral", "SK", "CAN")  # Gordie Howe
    assert snapshot_places["8478402"][2] == ("Richmond Hill", "ON", "CAN")  # Connor McDavid
    # Only the modern file (current NHL API) has him: no province in that source.
    assert snapshot_places["8482116"][2] == ("Viersen", "", "DEU")  # Tim Stützle
    # Unlinked, so only the Databank knows him, with its spelled-out country.
    assert snapshot_places["gillifa01"][2] == ("Cornwall", "ON", "Canada")  # Farrand Gillie


def test_every_place_comes_whole_from_the_first_source_with_a_city(
    shared_data: Path, snapshot_places: dict[str, tuple[str, str, Place]]
) -> None:
    files = SourceFiles.find(shared_data)
    statsapi = {
        r["player_id"]: (r["birth_city"], r["birth_state_province"], r["birth_country"])
        for r in rows_of(files.statsapi[0])
        if r["birth_city"]
    }
    modern = {
        r["player_id"]: (r["birthCity"], "", r["birthCountry"])
        for r in rows_of(files.players)
        if r["birthCity"]
    }
    master = {
        r["playerID"]: (r["birthCity"], r["birthState"], r["birthCountry"])
        for r in rows_of(files.master)
        if r["playerID"] and r["birthCity"]
    }
    counts = {"statsapi": 0, "modern": 0, "databank": 0, "none": 0}
    for player_id, (nhl_id, databank_id, place) in snapshot_places.items():
        if nhl_id in statsapi:
            expected, source = statsapi[nhl_id], "statsapi"
        elif nhl_id in modern:
            expected, source = modern[nhl_id], "modern"
        elif databank_id in master:
            expected, source = master[databank_id], "databank"
        else:
            expected, source = ("", "", ""), "none"
        assert place == expected, (player_id, source)
        counts[source] += 1
    assert counts["statsapi"] > 7_500, counts
    assert counts["modern"] > 300, counts
    assert counts["databank"] == 2, counts
    # Without a place: goalies who only dressed, named by no player file with a city.
    assert counts["none"] < 400, counts
    # And the loader's own reading of the files agrees on a famous one.
    places = read_birth_places(files)
    assert places.of(8447400, "gretzwa01") == places.statsapi["8447400"]
    assert places.of(None, "gillifa01") == places.databank["gillifa01"]
