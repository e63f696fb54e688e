from __future__ import annotations

import pytest

from graph_api.names import fold_name


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Tim Stützle", "tim stutzle"),
        ("Marcus Lundeström", "marcus lundestrom"),
        ("Jaromír Jágr", "jaromir jagr"),
        ("J.T. Miller", "j t miller"),
        ("Pierre-Luc Dubois", "pierre luc dubois"),
        ("Mads Søgaard", "mads sogaard"),
        ("  CONNOR   McDAVID ", "connor mcdavid"),
    ],
)
def test_fold_name(raw: str, folded: str) -> None:
    assert fold_name(raw) == folded
