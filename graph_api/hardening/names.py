"""Seat names as others see them: printable text of a bounded length.

Control characters (C0/C1), format characters (bidirectional overrides and isolates,
zero-width joiners, byte-order marks), private-use, surrogate and unassigned code points are
removed; any run of white space becomes one space; the result is NFC-normalised and may
have at most :data:`MAX_SEAT_NAME` characters. A name with nothing left is refused by the
battle service itself (``bad_name``, as docs/battle-protocol.md says), not here. Markup
such as ``<img ...>`` is left as typed: the page always renders names as text.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import BeforeValidator, Field

MAX_SEAT_NAME = 32
REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})


def clean_seat_name(value: object) -> object:
    """The name without invisible or direction-changing characters (non-strings unchanged)."""
    if not isinstance(value, str) or len(value) > MAX_SEAT_NAME:
        return value  # too long as sent (the documented maxLength): refused as it is
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in unicodedata.normalize("NFC", value)
        if ch.isspace() or unicodedata.category(ch) not in REMOVED_CATEGORIES
    )
    return " ".join(kept.split())


SeatName = Annotated[
    str,
    BeforeValidator(clean_seat_name),
    Field(
        max_length=MAX_SEAT_NAME,
        description="Shown to others. Control and bidirectional-override characters are "
        f"removed and white space collapsed; 1-{MAX_SEAT_NAME} characters must remain "
        "(else 422 bad_name).",
    ),
]
