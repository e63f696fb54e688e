"""Real people the tests name, with their ids, and the Databank -> graph id map of the data.

``NHL_IDS`` are facts of the NHL's own records (``nhl-statsapi``, ../shared/data/README.md
section 3b): Hockey Databank id -> NHL player id. ``graph_ids`` is what the loader's
identity linking (``loader.identity``, tested on its own) makes of the data: the tests'
independent reference graphs take it as given, like the crosswalk before it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from loader.identity import link_data_dir
from loader.problems import Problems

NHL_IDS = {
    "gretzwa01": "8447400",  # Wayne Gretzky
    "howego01": "8448000",  # Gordie Howe
    "orrbo01": "8450070",  # Bobby Orr
    "richama01": "8448321",  # Maurice Richard
    "vezinge01": "8450137",  # Georges Vezina
    "malonjo01": "8447594",  # Joe Malone
    "lemiema01": "8448782",  # Mario Lemieux
    "roypa01": "8451033",  # Patrick Roy (same birth date as Lemieux)
    "messima01": "8449573",  # Mark Messier
    "jagrja01": "8448208",  # Jaromir Jagr (career in both sources)
    "kurrija01": "8448569",  # Jari Kurri
    "coffepa01": "8446117",  # Paul Coffey
    "dyeba01": "8445972",  # Babe Dye
    "bourqra01": "8445621",  # Ray Bourque
    "yzermst01": "8452578",  # Steve Yzerman
    "bossymi01": "8445611",  # Mike Bossy
    "laflegu01": "8448624",  # Guy Lafleur
    "trottbr01": "8451965",  # Bryan Trottier
}
# The people issue 10 names: each must be one node, under his NHL id.
LEGENDS = tuple(NHL_IDS)[:10]
GRETZKY, MCDAVID = "8447400", "8478402"


@cache
def graph_ids(data: Path) -> dict[str, str]:
    """Databank id -> NHL id (decimal string) of every linked Databank person."""
    links = link_data_dir(data, Problems())
    return {databank_id: str(link.nhl_id) for databank_id, link in links.links.items()}
