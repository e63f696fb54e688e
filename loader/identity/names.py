"""Name keys for linking: folded last names and first names with their given-name forms.

Folding (``graph_api.names.fold_name``) drops accents, case and punctuation; on top of that a
last name loses generational suffixes (``Apps Jr.`` -> ``apps``), ``Mac`` becomes ``Mc`` and
``Saint``/``Ste`` become ``St``, ``w`` counts as ``v`` (transliterations such as
``Burakowsky`` / ``Burakovsky``), and a hyphenated or two-part name also matches on each of its
parts (``Vigneault-Rivard`` or ``Van Impe`` -> ``impe``). A name key is never enough alone:
the linker always pairs it with a birth date or a shared team-season.
"""

from __future__ import annotations

from functools import cache

from graph_api.names import fold_name

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Short words of compound last names that must not match on their own.
PARTICLES = frozenset({"de", "del", "der", "des", "di", "du", "la", "le", "st", "van", "von"})

# Given-name forms: a Databank first name and an NHL first name match when both are in one
# group. Small on purpose (the forms met in the data); each group is one given name.
GIVEN_NAME_FORMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "lawrence larry",
        "robert bob bobby rob",
        "william bill billy will",
        "james jim jimmy",
        "joseph joe",
        "thomas tom tommy",
        "richard dick rick rich ricky",
        "edward ed eddie ted teddy",
        "charles charlie chuck",
        "michael mike mickey",
        "daniel dan danny",
        "david dave",
        "donald don",
        "douglas doug",
        "gerald gerry jerry",
        "kenneth ken kenny",
        "ronald ron ronnie",
        "raymond ray",
        "gregory greg",
        "anthony tony",
        "frederick fred freddy",
        "matthew matt",
        "nicholas nick",
        "christopher chris",
        "stephen steven steve",
        "alexander alexandre alex",
        "samuel sam",
        "jacob jake",
        "zachary zach zack",
        "benjamin ben",
        "andrew andy",
        "patrick pat",
        "timothy tim",
        "jonathan jon",
        "joshua josh",
        "nathan nate",
        "maxim maxime max",
    )
)
_FORM_GROUP = {name: index for index, group in enumerate(GIVEN_NAME_FORMS) for name in group}


@cache
def last_name_keys(last_name: str) -> frozenset[str]:
    """The keys a last name matches on: the whole folded name, and each part of a compound."""
    words = [_normal_word(w) for w in fold_name(last_name).split()]
    words = [w for w in words if w not in SUFFIXES]
    if not words:
        return frozenset()
    parts = {w for w in words if len(w) >= 3 and w not in PARTICLES} if len(words) > 1 else set()
    return frozenset({"".join(words), *parts})


@cache
def first_name_keys(first_name: str) -> frozenset[str]:
    """The folded first name, its first word, and the group of its given-name forms."""
    folded = fold_name(first_name)
    if not folded:
        return frozenset()
    first_word = folded.split()[0]
    keys = {folded.replace(" ", ""), first_word}
    keys |= {f"form:{_FORM_GROUP[w]}" for w in (first_word,) if w in _FORM_GROUP}
    return frozenset(keys)


def _normal_word(word: str) -> str:
    if word.startswith("mac") and len(word) > 5:
        word = "mc" + word[3:]
    return "st" if word in ("saint", "ste", "sainte") else word.replace("w", "v")
