"""WebSocket close codes are named once in Python and mirrored once for the page."""

from __future__ import annotations

import re
from pathlib import Path

from graph_api.battle.websocket import close_codes
from graph_api.routes.web import STATIC_DIR

BATTLE_CODE = Path(close_codes.__file__).resolve().parents[1]
MIRROR = STATIC_DIR / "js" / "battle_close_codes.js"


def python_codes() -> dict[str, int]:
    return {
        name: value
        for name, value in vars(close_codes).items()
        if name.isupper() and isinstance(value, int)
    }


def test_the_page_mirrors_every_close_code() -> None:
    mirrored = dict(re.findall(r"^\s*([A-Z_]+): (\d+),", MIRROR.read_text(), re.MULTILINE))
    assert {name: int(value) for name, value in mirrored.items()} == python_codes()


def test_no_close_code_is_written_as_a_number_elsewhere() -> None:
    numbers = "|".join(str(code) for code in python_codes().values())
    literal = re.compile(rf"\b(?:{numbers})\b")
    close_call = re.compile(r"close\([^)]*\d{4}")
    offenders = [
        path.name
        for path in [*BATTLE_CODE.rglob("*.py"), *(STATIC_DIR / "js").glob("battle*.js")]
        if path not in {Path(close_codes.__file__).resolve(), MIRROR}
        and (close_call.search(text := path.read_text()) or "event.code ===" in text)
        and literal.search(text)
    ]
    assert offenders == []
