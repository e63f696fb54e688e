"""The rule of ``loader import --if-changed``: skip only when the last finished file import
recorded exactly this input's digest."""

from __future__ import annotations

from loader.dataset import DatasetState, source_hash
from loader.import_check import holds_input
from loader.importer import FILES_SOURCE

DIGEST = "hockey-databank/Master.csv.gz=1f2e|modern/nhl_games_2009_2026.csv.gz=9a8b"


def test_the_same_input_is_held() -> None:
    state = DatasetState("77f46c2dcb1a2e5f", [], {FILES_SOURCE: source_hash(DIGEST)})
    assert holds_input(state, DIGEST)


def test_other_input_an_empty_graph_or_another_source_is_not() -> None:
    assert not holds_input(DatasetState(None, [], {}), DIGEST)
    other = DatasetState("77f46c2dcb1a2e5f", [], {FILES_SOURCE: source_hash(DIGEST + "x")})
    assert not holds_input(other, DIGEST)
    fetched_only = DatasetState("5c1d", [], {"api-20242025": source_hash(DIGEST)})
    assert not holds_input(fetched_only, DIGEST)
