"""Path constraints, the team-season directory, search queries and the path cache (no server)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph_api.cache import PathCache, PerVersion, VersionTracker
from graph_api.errors import InvalidInput
from graph_api.graph.challenges import RULES
from graph_api.graph.players import lucene_query
from graph_api.graph.teams import TeamSeasonDirectory
from graph_api.models.paths import PathAnswer, PathConstraints, why
from graph_api.models.refs import PlayerRef, TeamSeasonRef
from graph_api.models.seasons import check_season, season_label
from graph_api.models.stats import DatasetInfo
from graph_api.names import fold_name

OILERS_88 = TeamSeasonRef(
    id="EDM-19871988", code="EDM", season=19871988, team_id="EDM", name="Edmonton Oilers"
)
KINGS_89 = TeamSeasonRef(
    id="LAK-19881989", code="LAK", season=19881989, team_id="LAK", name="Los Angeles Kings"
)
THRASHERS_10 = TeamSeasonRef(
    id="ATL-20092010", code="ATL", season=20092010, team_id="WPG", name="Atlanta Thrashers"
)
JETS_12 = TeamSeasonRef(
    id="WPG-20112012", code="WPG", season=20112012, team_id="WPG", name="Winnipeg Jets"
)
DIRECTORY = TeamSeasonDirectory(
    {ref.id: ref for ref in (OILERS_88, KINGS_89, THRASHERS_10, JETS_12)}
)


def test_seasons_must_be_eight_digits_of_consecutive_years() -> None:
    assert check_season(19871988) == 19871988
    assert check_season(None) is None
    for bad in (1987, 19871989, 19161917, 21502151):
        with pytest.raises(ValueError, match="not a season"):
            check_season(bad)
    assert season_label(19992000) == "1999-00"
    assert season_label(20252026) == "2025-26"


def test_constraints_normalise_and_validate() -> None:
    c = PathConstraints(teams=("edm", " NYI", "EDM", ""), exclude=("8448208", "8448208 "))
    assert c.teams == ("EDM", "NYI")
    assert c.exclude == ("8448208",)
    assert c.filters_links
    assert not PathConstraints(max_hops=3).filters_links
    with pytest.raises(ValidationError, match="after to_season"):
        PathConstraints(from_season=20002001, to_season=19901991)
    with pytest.raises(ValidationError, match="not a season"):
        PathConstraints(from_season=19901990)
    with pytest.raises(ValidationError):
        PathConstraints(max_hops=16)
    with pytest.raises(ValidationError):
        PathConstraints(min_games=0)


def test_constraint_cache_key_ignores_order_and_case() -> None:
    a = PathConstraints(teams=("EDM", "nyi"), exclude=("b", "a"))
    b = PathConstraints(teams=("NYI", "edm"), exclude=("a", "b"))
    assert a.cache_key() == b.cache_key()
    assert a.cache_key() != PathConstraints(teams=("EDM",)).cache_key()


def test_directory_resolves_franchises_codes_and_windows() -> None:
    # The franchise WPG covers Atlanta (ATL) and Winnipeg (WPG); a code picks one of them.
    assert DIRECTORY.resolve(["WPG"], None, None) == ["ATL-20092010", "WPG-20112012"]
    assert DIRECTORY.resolve(["ATL"], None, None) == ["ATL-20092010"]
    assert DIRECTORY.resolve(["WPG", "EDM"], 20002001, None) == ["ATL-20092010", "WPG-20112012"]
    assert DIRECTORY.resolve(["EDM", "LAK"], None, 19871988) == ["EDM-19871988"]
    with pytest.raises(InvalidInput, match="unknown team"):
        DIRECTORY.resolve(["EDM", "XYZ"], None, None)


def test_directory_names_unknown_team_seasons_from_their_id() -> None:
    assert DIRECTORY.ref("EDM-19871988") is OILERS_88
    made = DIRECTORY.ref("MTL-19761977")
    assert (made.code, made.season, made.name) == ("MTL", 19761977, "MTL")


def test_why_says_team_season_and_games() -> None:
    assert why([OILERS_88], None) == "Teammates on the 1987-88 Edmonton Oilers"
    assert why([OILERS_88, KINGS_89], 1) == (
        "Teammates on the 1987-88 Edmonton Oilers and 1 more team-season, 1 game together"
    )
    assert why([THRASHERS_10, JETS_12, OILERS_88], 80).endswith(
        "2 more team-seasons, 80 games together"
    )


def test_lucene_query_is_prefix_and_typo_tolerant() -> None:
    assert lucene_query(fold_name("Stützle")) == "+(stutzle stutzle* stutzle~1)"
    assert lucene_query("connor mcdavid") == ("+(connor connor~1) +(mcdavid mcdavid* mcdavid~1)")
    assert lucene_query("gretzky wayne") == "+(gretzky gretzky~1) +(wayne wayne* wayne~1)"
    assert lucene_query("ovechkin") == "+(ovechkin ovechkin* ovechkin~2)"
    # Short words get no fuzzy clause (too many false hits).
    assert lucene_query("st") == "+(st st*)"


def _answer() -> PathAnswer:
    jagr = PlayerRef(id="8448208", name="Jaromir Jagr")
    return PathAnswer.model_validate(
        {"from": jagr, "to": jagr, "length": 0, "path": None, "constraints": PathConstraints()}
    )


def test_path_cache_marks_hits_and_drops_old_versions() -> None:
    cache = PathCache(size=2)
    answer = _answer()
    cache.put("v1", "a", answer)
    hit = cache.get("v1", "a", PathAnswer)
    assert hit is not None
    assert hit.cached
    assert not answer.cached  # the stored answer is not changed
    assert cache.get("v2", "a", PathAnswer) is None  # a reload invalidates
    assert len(cache) == 0
    cache.put("v2", "a", answer)
    cache.put("v2", "b", answer)
    cache.get("v2", "a", PathAnswer)
    cache.put("v2", "c", answer)  # evicts b, the least recently used
    assert cache.get("v2", "b", PathAnswer) is None
    assert cache.get("v2", "a", PathAnswer) is not None
    assert cache.get(None, "a", PathAnswer) is None  # no version: never cached


def test_disabled_cache_stores_nothing() -> None:
    cache = PathCache(size=0)
    cache.put("v1", "a", _answer())
    assert cache.get("v1", "a", PathAnswer) is None


async def test_version_tracker_rereads_after_ttl() -> None:
    now = [0.0]
    versions = iter(["v1", "v2"])
    reads: list[str] = []

    async def load() -> DatasetInfo:
        reads.append(version := next(versions))
        return DatasetInfo(version=version)

    tracker = VersionTracker(load, ttl_s=2.0, clock=lambda: now[0])
    built: list[str | None] = []

    async def build() -> str:
        built.append((await tracker.current()).version)
        return f"directory of {built[-1]}"

    per_version = PerVersion(tracker, build)
    assert (await tracker.current()).version == "v1"
    assert await per_version.get() == "directory of v1"
    now[0] = 1.5
    assert (await tracker.current()).version == "v1"
    assert await per_version.get() == "directory of v1"
    now[0] = 2.5
    assert (await tracker.current()).version == "v2"
    assert await per_version.get() == "directory of v2"
    assert reads == ["v1", "v2"]


def test_challenge_rules() -> None:
    easy, medium, hard = RULES["easy"], RULES["medium"], RULES["hard"]
    assert easy.fits(2, 3)
    assert not easy.fits(2, 2)  # a single or double link is not easy
    assert not easy.fits(3, 100)
    assert medium.fits(3, 1)
    assert medium.fits(3, 500)
    assert medium.fits(2, 1)  # two hops through one teammate only
    assert not medium.fits(2, 2)
    assert not medium.fits(4, 1)
    assert hard.fits(4, 1000)
    assert hard.fits(6, 1)
    assert hard.fits(3, 3)
    assert not hard.fits(3, 4)
    assert not hard.fits(2, 1)
    assert easy.min_games > medium.min_games > hard.min_games
    # Only distances that can qualify are worth counting the paths of.
    assert [d for d in range(1, 8) if hard.may_fit(d)] == [3, 4, 5, 6, 7]
