"""Team codes: Databank ``tmID`` -> NHL tricode, and NHL tricode -> franchise (``Team.id``).

The NHL API names historical teams by its own tricodes (``HFD``, ``MMR``, ``SEN``); the graph
keeps the Databank code for those team-seasons (``HAR``, ``MTM``, ``OTS``), so a sync from the
API lands on the team-seasons a file import made. Both historical maps were derived from data:
for every (season, team) of ``nhl-statsapi/nhl_rosters_statsapi_1917_2021.csv.gz`` the Databank
``tmID`` that most of its players (by season + folded last name) played for in ``Scoring.csv``;
every tricode votes for one code in every season (tests/unit/test_team_codes.py re-derives it).

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
    # Teams gone before the NHL API era (franchID of Teams.csv).
    "AFM": "CAL",
    "BRK": "BKN",
    "CGS": "CLE",
    "CLE": "CLE",
    "CLR": "NJD",
    "DCG": "DET",
    "DFL": "DET",
    "HAM": "BKN",
    "HFD": "CAR",
    "KCS": "NJD",
    "MMR": "MTM",
    "MNS": "DAL",
    "MWN": "MTW",
    "NYA": "BKN",
    "OAK": "CLE",
    "PIR": "PHQ",
    "QBD": "BKN",
    "QUA": "PHQ",
    "QUE": "COL",
    "SEN": "STE",
    "SLE": "STE",
    "TAN": "TOR",
    "TSP": "TOR",
    "WIN": "ARI",
}

# NHL API tricodes of historical teams whose Databank code (the graph's TeamSeason code)
# differs; every other tricode is the graph's code as it is.
NHL_TO_GRAPH_CODE: dict[str, str] = {
    "AFM": "ATF",
    "BRK": "BKN",
    "CGS": "CLF",
    "CLR": "COR",
    "DCG": "DTC",
    "DFL": "DTF",
    "HFD": "HAR",
    "MMR": "MTM",
    "MWN": "MTW",
    "PIR": "PIP",
    "QBD": "QUB",
    "QUA": "PHQ",
    "SEN": "OTS",
    "SLE": "STE",
    "TAN": "TOA",
    "TSP": "TRS",
}


def nhl_code(databank_code: str) -> str:
    """The TeamSeason code of a Databank ``tmID`` (unchanged for pre-API-era teams)."""
    return DATABANK_TO_NHL_CODE.get(databank_code, databank_code)


def franchise_of(code: str) -> str:
    """``Team.id`` of an NHL tricode; an unknown (new) team is its own franchise."""
    return NHL_CODE_TO_FRANCHISE.get(code, code)


def graph_code(nhl_tricode: str) -> str:
    """The TeamSeason code the graph uses for an NHL API tricode (``HFD`` -> ``HAR``)."""
    return NHL_TO_GRAPH_CODE.get(nhl_tricode, nhl_tricode)
