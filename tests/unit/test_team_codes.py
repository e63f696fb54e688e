"""The historical team-code maps of loader/teams.py, derived again from the data: for each
(season, team) of the statsapi rosters, the Databank ``tmID`` most of its players (by season
and folded last name) played for."""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from pathlib import Path

from graph_api.names import fold_name
from loader.teams import NHL_CODE_TO_FRANCHISE, graph_code, nhl_code


def _rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_api_tricode_maps_to_the_databank_team_and_franchise(shared_data: Path) -> None:
    bank = shared_data / "hockey-databank"
    names = {r["playerID"]: r["lastName"] for r in _rows(bank / "Master.csv.gz") if r["playerID"]}
    teams_of: dict[tuple[int, str], set[str]] = defaultdict(set)
    for r in _rows(bank / "Scoring.csv.gz"):
        if r["lgID"] == "NHL":
            teams_of[(int(r["year"]), fold_name(names[r["playerID"]]))].add(r["tmID"])
    franchise = {r["tmID"]: r["franchID"] for r in _rows(bank / "Teams.csv.gz")}
    statsapi = shared_data / "nhl-statsapi"
    tricode = {
        r["team_id"]: r["abbreviation"] for r in _rows(statsapi / "nhl_teams_statsapi_2021.csv")
    }
    votes: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for r in _rows(statsapi / "nhl_rosters_statsapi_1917_2021.csv.gz"):
        season = int(r["season_start"])
        last = fold_name(r["player_name"].split(" ", 1)[-1])
        found = teams_of.get((season, last), set())
        if len(found) == 1:
            votes[(tricode[r["team_id"]], season)][next(iter(found))] += 1
    assert len(votes) > 1400
    for (code, season), counter in votes.items():
        databank = counter.most_common(1)[0][0]
        assert graph_code(code) == nhl_code(databank), (code, season, databank)
        assert NHL_CODE_TO_FRANCHISE[code] == franchise[databank], (code, season)
