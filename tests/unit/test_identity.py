"""Identity linking on the real files: famous players, hard pairs, the targets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from loader.identity import (
    IdentityLinks,
    IdentitySources,
    Unlinked,
    link_people,
    read_identity_sources,
)
from loader.identity.checks import check_links
from loader.identity.link import LinkIndex
from loader.identity.names import first_name_keys, last_name_keys
from loader.problems import Problems


@pytest.fixture(scope="module")
def sources(shared_data: Path) -> IdentitySources:
    problems = Problems()
    found = read_identity_sources(shared_data, problems)
    assert not problems, problems.items[:5]
    return found


@pytest.fixture(scope="module")
def links(sources: IdentitySources) -> IdentityLinks:
    return link_people(sources)


def only(sources: IdentitySources, databank: set[str], nhl: set[int]) -> IdentitySources:
    """The real rows of a few people: no crosswalk, no rosters (so names and dates decide)."""
    return dataclasses.replace(
        sources,
        databank_memberships=frozenset(
            row for row in sources.databank_memberships if row[0] in databank
        ),
        crosswalk={},
        nhl_people={n: p for n, p in sources.nhl_people.items() if n in nhl},
        nhl_memberships=frozenset(),
    )


@pytest.mark.parametrize(
    ("databank_id", "nhl_id"),
    [
        ("gretzwa01", 8447400),  # Wayne Gretzky
        ("howego01", 8448000),  # Gordie Howe
        ("orrbo01", 8450070),  # Bobby Orr
        ("richama01", 8448321),  # Maurice Richard
        ("vezinge01", 8450137),  # Georges Vezina
        ("malonjo01", 8447594),  # Joe Malone
        ("lemiema01", 8448782),  # Mario Lemieux
        ("roypa01", 8451033),  # Patrick Roy
        ("messima01", 8449573),  # Mark Messier
        ("jagrja01", 8448208),  # Jaromir Jagr (crosswalk)
    ],
)
def test_famous_players_get_their_nhl_id(
    sources: IdentitySources, links: IdentityLinks, databank_id: str, nhl_id: int
) -> None:
    assert links.nhl_id(databank_id) == nhl_id
    assert links.databank_id(nhl_id) == databank_id
    databank, nhl = sources.databank_people[databank_id], sources.nhl_people[nhl_id]
    assert (databank.last_name, databank.birth_date) == (nhl.last_name, nhl.birth_date)


def test_lemieux_and_roy_share_a_birth_date_and_stay_two_people(
    sources: IdentitySources, links: IdentityLinks
) -> None:
    lemieux, roy = sources.databank_people["lemiema01"], sources.databank_people["roypa01"]
    assert lemieux.birth_date == roy.birth_date
    assert links.nhl_id("lemiema01") != links.nhl_id("roypa01")
    # Without the crosswalk and the rosters, the birth date alone still does not merge them.
    alone = link_people(only(sources, {"lemiema01", "roypa01"}, {8448782, 8451033}))
    assert {d: link.nhl_id for d, link in alone.links.items()} == {
        "lemiema01": 8448782,
        "roypa01": 8451033,
    }
    assert {link.method for link in alone.links.values()} == {"birth_date_last_name"}


def test_syl_apps_senior_and_junior_share_a_name_and_stay_two_people(
    sources: IdentitySources, links: IdentityLinks
) -> None:
    senior, junior = sources.databank_people["appssy01"], sources.databank_people["appssy02"]
    assert senior.name == junior.name == "Syl Apps"
    assert sources.nhl_people[8445022].last_name == "Apps Jr."
    assert links.nhl_id("appssy01") == 8444954
    assert links.nhl_id("appssy02") == 8445022


def test_a_day_month_swap_is_linked_by_team_season_and_last_name(
    sources: IdentitySources, links: IdentityLinks
) -> None:
    databank, nhl = sources.databank_people["bannidr01"], sources.nhl_people[8458962]
    assert databank.name == nhl.name == "Drew Bannister"
    assert databank.birth_date is not None
    assert nhl.birth_date is not None
    assert (databank.birth_date.month, databank.birth_date.day) == (
        nhl.birth_date.day,
        nhl.birth_date.month,
    )
    link = links.links["bannidr01"]
    assert (link.nhl_id, link.method) == (8458962, "team_season")
    assert "birth date 1974-09-04 here, 1974-04-09 at the NHL" in link.note


def test_a_given_name_form_matches_larry_and_lawrence(
    sources: IdentitySources, links: IdentityLinks
) -> None:
    assert sources.databank_people["pleaula01"].first_name == "Larry"
    assert sources.nhl_people[8450472].first_name == "Lawrence"
    assert first_name_keys("Larry") & first_name_keys("Lawrence")
    assert links.links["pleaula01"].nhl_id == 8450472
    assert "first name" in links.links["pleaula01"].note
    # Tier (d) alone: Raymond Bourque (Databank) is Ray Bourque (NHL) by birth date + form.
    found = LinkIndex.build(sources).by_birth_date("bourqra01", "first")
    assert set(found) == {8445621}


def test_twins_link_by_first_name_and_a_tie_stays_unlinked(sources: IdentitySources) -> None:
    """Peter and Chris Ferraro share a birth date and a last name."""
    twins = {"ferrape01", "ferrach01"}
    peter, chris = sources.databank_people["ferrape01"], sources.databank_people["ferrach01"]
    assert (peter.birth_date, peter.last_name) == (chris.birth_date, chris.last_name)
    nhl_twins = {n for n, p in sources.nhl_people.items() if p.birth_date == peter.birth_date}
    both = link_people(only(sources, twins, nhl_twins))
    assert {link.method for link in both.links.values()} == {"birth_date_first_name"}
    assert sources.nhl_people[both.links["ferrape01"].nhl_id].first_name == "Peter"
    assert sources.nhl_people[both.links["ferrach01"].nhl_id].first_name == "Chris"
    # With only Peter on the NHL side, Chris must not get Peter's id on birth date + last name.
    peter_id = both.links["ferrape01"].nhl_id
    one = link_people(only(sources, twins, {peter_id}))
    assert one.nhl_id("ferrape01") == peter_id
    assert one.unlinked["ferrach01"].candidates == (peter_id,)
    assert "linked to ferrape01" in one.unlinked["ferrach01"].reason


def test_name_folding_on_real_name_pairs() -> None:
    pairs = [
        ("Apps", "Apps Jr."),
        ("Descoteaux", "Descôteaux"),
        ("St. Pierre", "St Pierre"),
        ("DiPietro", "Di Pietro"),
        ("Forsbacka-Karlsson", "Forsbacka Karlsson"),
        ("LaVallee", "Lavallee-Smotherman"),
        ("Burakovsky", "Burakowsky"),
        ("MacLean", "McLean"),
    ]
    for databank, nhl in pairs:
        assert last_name_keys(databank) & last_name_keys(nhl), (databank, nhl)
    assert not last_name_keys("Lemieux") & last_name_keys("Roy")
    assert not last_name_keys("Van Impe") & last_name_keys("Van Allen")


def test_targets(sources: IdentitySources, links: IdentityLinks) -> None:
    checks = check_links(sources, links)
    assert checks.players == len({row[0] for row in sources.databank_memberships})
    assert checks.linked_share >= 0.99, checks.by_method
    assert checks.ids_used_twice == ()
    assert checks.twins == ()
    assert checks.crosswalk_agreeing == checks.crosswalk_total == len(sources.crosswalk)
    assert checks.linked + checks.unlinked == checks.players


def test_no_link_rests_on_a_name_alone(sources: IdentitySources, links: IdentityLinks) -> None:
    index = LinkIndex.build(sources)
    for d, link in links.links.items():
        if link.method == "crosswalk":
            continue
        databank, nhl = sources.databank_people[d], sources.nhl_people[link.nhl_id]
        same_birth = databank.birth_date == nhl.birth_date
        shared = index.careers[d] & index.rosters.get(link.nhl_id, set())
        assert same_birth or shared, (d, link)


def test_every_databank_team_season_has_one_statsapi_team(sources: IdentitySources) -> None:
    index = LinkIndex.build(sources)
    mapped = sorted((season, tm) for (season, _), tm in index.team_map.items())
    expected = sorted((ts.season_start, ts.tm_id) for ts in sources.databank_team_seasons)
    assert mapped == expected


def test_the_twin_check_finds_a_person_left_unlinked(
    sources: IdentitySources, links: IdentityLinks
) -> None:
    """Undo Gretzky's link: the check must see him twice, by name + birth date and career."""
    unlinked = links.unlinked | {"gretzwa01": Unlinked("gretzwa01", "Wayne Gretzky", "undone", ())}
    without = IdentityLinks(
        {d: link for d, link in links.links.items() if d != "gretzwa01"}, unlinked
    )
    twins = check_links(sources, without).twins
    assert {(t.databank_id, t.nhl_id, t.why) for t in twins} == {
        ("gretzwa01", 8447400, "same name and birth date"),
        ("gretzwa01", 8447400, "same team-seasons"),
    }


def test_without_the_crosswalk_the_other_tiers_reproduce_it(sources: IdentitySources) -> None:
    """An independent check of tiers (b)-(d): the crosswalk was built from other data."""
    alone = link_people(dataclasses.replace(sources, crosswalk={}))
    differ = {
        d: (entry.nhl_id, alone.nhl_id(d))
        for d, entry in sources.crosswalk.items()
        if alone.nhl_id(d) not in (None, entry.nhl_id)
    }
    assert differ == {}
    agree = sum(alone.nhl_id(d) == entry.nhl_id for d, entry in sources.crosswalk.items())
    assert agree >= 0.99 * len(sources.crosswalk)
