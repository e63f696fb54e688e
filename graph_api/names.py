"""Name folding shared by the loader (``Player.search_name``) and the search endpoint."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Letters that NFKD does not decompose into a base letter + accent.
_SPECIAL = str.maketrans(
    {"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"}
)


def fold_name(name: str) -> str:
    """Lower case, accents removed, runs of anything but letters and digits to one space.

    >>> fold_name("Tim Stützle")
    'tim stutzle'
    >>> fold_name("  J.T. Miller ")
    'j t miller'
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub(" ", ascii_only.lower()).strip()
