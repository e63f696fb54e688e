"""Assemble the graph's rows from every source: one node per person, merged totals.

Identity: a Databank id that identity linking (:mod:`loader.identity`) gives an NHL id becomes
that NHL id, so every linked person is keyed like the NHL's API knows him (Wayne Gretzky is
``8447400``) and a player whose career spans both sources (Jaromir Jagr) is one node; an
unlinked person keeps his Databank id. Season totals (``PLAYED_FOR``) come
from the Databank where it has the player-team-season, else they are summed from the
per-game appearances; ``sources`` names every source that saw the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph_api.names import fold_name
from loader.birth_places import BirthPlace, BirthPlaces
from loader.databank import DatabankPerson
from loader.identity import IdentityLinks
from loader.modern import CrosswalkEntry, NhlPerson
from loader.problems import Problems
from loader.records import (
    Appearance,
    GameRecord,
    PlayedForRecord,
    PlayerRecord,
    Position,
    TeamSeasonRecord,
    team_season_id,
)
from loader.teams import franchise_of

PER_GAME_SOURCE = "nhl-per-game"


@dataclass
class GraphData:
    """Everything one load writes, in write order."""

    team_seasons: list[TeamSeasonRecord] = field(default_factory=list)
    players: list[PlayerRecord] = field(default_factory=list)
    games: list[GameRecord] = field(default_factory=list)
    played_for: list[PlayedForRecord] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)
    # How Databank ids were linked to NHL ids: kept by the snapshot, not written to the graph
    # (its Player nodes carry both ids).
    identity: IdentityLinks | None = None

    def seasons(self) -> list[int]:
        return sorted({ts.season for ts in self.team_seasons})

    def row_count(self) -> int:
        return (
            len(self.team_seasons)
            + len(self.players)
            + len(self.games)
            + len(self.played_for)
            + len(self.appearances)
        )


@dataclass
class People:
    """The people every source knows, and how Databank ids map to graph ids (``links``).

    ``crosswalk`` only supplies the NHL's spelling of a name the per-game files lack.
    """

    links: IdentityLinks
    databank: dict[str, DatabankPerson] = field(default_factory=dict)
    nhl: dict[int, NhlPerson] = field(default_factory=dict)
    crosswalk: dict[str, CrosswalkEntry] = field(default_factory=dict)
    birth_places: BirthPlaces = field(default_factory=lambda: BirthPlaces({}, {}, {}))

    def graph_id(self, databank_id: str) -> str:
        nhl_id = self.links.nhl_id(databank_id)
        return databank_id if nhl_id is None else str(nhl_id)

    def record(self, graph_id: str) -> PlayerRecord | None:
        """The Player row of a graph id, preferring NHL names (they have accents)."""
        nhl_id = int(graph_id) if graph_id.isdigit() else None
        databank_id = graph_id if nhl_id is None else self._databank_of(nhl_id)
        db = self.databank.get(databank_id) if databank_id else None
        nhl = self.nhl.get(nhl_id) if nhl_id is not None else None
        link = self.crosswalk.get(databank_id) if databank_id else None
        if nhl is not None:
            name, first, last = nhl.name, nhl.first_name, nhl.last_name
        elif link is not None and db is not None:
            name, first, last = link.nhl_name or db.name, db.first_name, db.last_name
        elif db is not None:
            name, first, last = db.name, db.first_name, db.last_name
        else:
            return None
        births = (
            nhl.birth_date if nhl else None,
            link.nhl_birth_date if link else None,
            db.birth_date if db else None,
        )
        positions = (nhl.position if nhl else None, db.position if db else None)
        place = self.birth_places.of(nhl_id, databank_id) or BirthPlace(None, None, None)
        return PlayerRecord(
            id=graph_id,
            name=name,
            search_name=fold_name(name),
            first_name=first,
            last_name=last,
            birth_date=next((b for b in births if b is not None), None),
            birth_city=place.city,
            birth_state=place.state,
            birth_country=place.country,
            position=next((p for p in positions if p is not None), None),
            nhl_id=nhl_id,
            databank_id=databank_id,
        )

    def _databank_of(self, nhl_id: int) -> str | None:
        return self.links.databank_id(nhl_id)


def modern_team_seasons(
    games: Iterable[GameRecord], known: set[str], names: dict[str, str]
) -> list[TeamSeasonRecord]:
    """TeamSeasons of the per-game seasons that the Databank does not have."""
    found: dict[str, TeamSeasonRecord] = {}
    for game in games:
        for code in (game.home, game.away):
            ts = team_season_id(code, game.season)
            if ts in known or ts in found:
                continue
            found[ts] = TeamSeasonRecord(
                id=ts,
                code=code,
                season=game.season,
                name=names.get(code, code),
                team_id=franchise_of(code),
            )
    return sorted(found.values(), key=lambda r: r.id)


def per_game_totals(appearances: Iterable[Appearance]) -> dict[tuple[str, str], PlayedForRecord]:
    """PLAYED_FOR rows summed from appearances; a goalie who only dressed has no game."""
    sums: dict[tuple[str, str], list[int]] = {}
    positions: dict[tuple[str, str], Position | None] = {}
    for a in appearances:
        key = (a.player, a.team_season)
        entry = sums.get(key)
        if entry is None:
            entry = sums[key] = [0, 0, 0, 0, 0, 0]
            positions[key] = a.position  # type: ignore[assignment]
        offset = 3 if a.playoff else 0
        if a.played or not a.is_goalie:
            entry[offset] += 1
        entry[offset + 1] += a.goals or 0
        entry[offset + 2] += a.assists or 0
    return {
        key: PlayedForRecord(
            player=key[0],
            team_season=key[1],
            games=v[0],
            goals=v[1],
            assists=v[2],
            points=v[1] + v[2],
            playoff_games=v[3],
            playoff_goals=v[4],
            playoff_assists=v[5],
            position=positions[key],
            sources=(PER_GAME_SOURCE,),
        )
        for key, v in sums.items()
    }


def merge_played_for(
    databank_rows: Iterable[PlayedForRecord],
    per_game: dict[tuple[str, str], PlayedForRecord],
    people: People,
) -> list[PlayedForRecord]:
    """Databank rows (ids mapped to graph ids) win; per-game rows fill the rest."""
    merged: dict[tuple[str, str], PlayedForRecord] = {}
    for row in databank_rows:
        key = (people.graph_id(row.player), row.team_season)
        extra = per_game.get(key)
        sources = row.sources + (extra.sources if extra else ())
        merged[key] = row.model_copy(update={"player": key[0], "sources": sources})
    for key, row in per_game.items():
        merged.setdefault(key, row)
    return [merged[key] for key in sorted(merged)]


def player_records(
    player_ids: Iterable[str], people: People, problems: Problems
) -> list[PlayerRecord]:
    records = []
    for graph_id in sorted(set(player_ids)):
        record = people.record(graph_id)
        if record is None:
            problems.add(f"player {graph_id}", "appears in a team but no source names them")
            continue
        records.append(record)
    return records
