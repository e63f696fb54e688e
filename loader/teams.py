"""Team codes: Databank ``tmID`` -> NHL tricode, and NHL tricode -> franchise (``Team.id``).

``Team.id`` is the Hockey Databank ``franchID``; franchises founded after the Databank's
last season (2017-18) use their tricode (``SEA``, ``UTA``).
"""

from __future__ import annotations

# Databank codes that differ from the NHL tricode of the same team (docs/graph-model.md).
DATABANK_TO_NHL_CODE: dict[str, str] = {
    "AND": "ANA",
    "CAL": "CGY",
    "CBS": "CBJ",
    "FLO": "FLA",
    "NAS": "NSH",
    "PHO": "PHX",
    "VEG": "VGK",
    "WAS": "WSH",
}

# The franchise of every tricode of the NHL API era (2009-10 on), from the Databank's
# Teams.csv (``franchID``) where it knows the team.
NHL_CODE_TO_FRANCHISE: dict[str, str] = {
    "ANA": "AND",
    "ARI": "ARI",
    "ATL": "WPG",
    "BOS": "BOS",
    "BUF": "BUF",
    "CAR": "CAR",
    "CBJ": "CBS",
    "CGY": "CAL",
    "CHI": "CHI",
    "COL": "COL",
    "DAL": "DAL",
    "DET": "DET",
    "EDM": "EDM",
    "FLA": "FLO",
    "LAK": "LAK",
    "MIN": "MIN",
    "MTL": "MTL",
    "NJD": "NJD",
    "NSH": "NAS",
    "NYI": "NYI",
    "NYR": "NYR",
    "OTT": "OTT",
    "PHI": "PHI",
    "PHX": "ARI",
    "PIT": "PIT",
    "SEA": "SEA",
    "SJS": "SJS",
    "STL": "STL",
    "TBL": "TBL",
    "TOR": "TOR",
    "UTA": "UTA",
    "VAN": "VAN",
    "VGK": "VEG",
    "WPG": "WPG",
    "WSH": "WAS",
}


def nhl_code(databank_code: str) -> str:
    """The TeamSeason code of a Databank ``tmID`` (unchanged for pre-API-era teams)."""
    return DATABANK_TO_NHL_CODE.get(databank_code, databank_code)


def franchise_of(code: str) -> str:
    """``Team.id`` of an NHL-API-era tricode; an unknown (new) team is its own franchise."""
    return NHL_CODE_TO_FRANCHISE.get(code, code)
