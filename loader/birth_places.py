"""Transform: where players were born (city, state or province, country), from three sources.

A player's place comes whole from the first source that names his birth city, never field by
field from two, so a city is never paired with another source's country:

1. ``nhl-statsapi/nhl_players_statsapi_*`` (the old NHL stats API, every era to 2021-22):
   ``birth_city``, ``birth_state_province``, ``birth_country``.
2. ``modern/nhl_players_*`` (the NHL's current API, 2009-10 on; players since 2021-22):
   ``birthCity``, ``birthCountry``; it has no state or province.
3. The Hockey Databank's ``Master.csv``: ``birthCity``, ``birthState``, ``birthCountry``, for the
   few people without an NHL id.

The NHL sources give the country as a three-letter code (``CAN``, ``SWE``); the Databank spells
it out (``Canada``) and is only reached for unlinked people. Pure functions of the files.
"""

from __future__ import annotations

from dataclasses import dataclass

from loader.csvfiles import CsvTable

MODERN_COLUMNS = ("player_id", "birthCity", "birthCountry")
STATSAPI_COLUMNS = ("player_id", "birth_city", "birth_state_province", "birth_country")
DATABANK_COLUMNS = ("playerID", "birthCity", "birthState", "birthCountry")


@dataclass(frozen=True)
class BirthPlace:
    city: str | None
    state: str | None
    country: str | None


def _places(
    table: CsvTable, key: str, city: str, state: str | None, country: str
) -> dict[str, BirthPlace]:
    col = table.columns
    places: dict[str, BirthPlace] = {}
    for _, cells in table.rows():
        player = cells[col[key]].strip()
        values = [
            cells[col[name]].strip() or None if name else None for name in (city, state, country)
        ]
        if player and values[0]:
            places[player] = BirthPlace(*values)
    return places


def modern_birth_places(table: CsvTable) -> dict[str, BirthPlace]:
    """By NHL id (as text), from the modern players file."""
    return _places(table, "player_id", "birthCity", None, "birthCountry")


def statsapi_birth_places(table: CsvTable) -> dict[str, BirthPlace]:
    """By NHL id (as text), from the nhl-statsapi players file."""
    return _places(table, "player_id", "birth_city", "birth_state_province", "birth_country")


def databank_birth_places(table: CsvTable) -> dict[str, BirthPlace]:
    """By Databank id, from Master.csv."""
    return _places(table, "playerID", "birthCity", "birthState", "birthCountry")


@dataclass(frozen=True)
class BirthPlaces:
    """Every source's places; ``of`` picks a person's by the order in the module docstring."""

    modern: dict[str, BirthPlace]
    statsapi: dict[str, BirthPlace]
    databank: dict[str, BirthPlace]

    def of(self, nhl_id: int | None, databank_id: str | None) -> BirthPlace | None:
        if nhl_id is not None:
            found = self.statsapi.get(str(nhl_id)) or self.modern.get(str(nhl_id))
            if found is not None:
                return found
        return self.databank.get(databank_id) if databank_id else None
