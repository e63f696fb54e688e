"""The query catalog: every ``cypher/**/*.cypher`` file, loaded once, by name.

A query's name is its path under ``cypher/`` without the extension, e.g.
``read/shortest_path`` or ``schema/01_player_id``. Each file holds one statement with a
header of ``//`` comments (what it does, its ``$params``, its columns) that Neo4j Browser
ignores, so the files paste into Browser as they are. A name that is asked for and missing
fails at start-up, not at the first request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"


class MissingQuery(LookupError):
    """A query name that has no ``.cypher`` file."""


@dataclass(frozen=True)
class QueryCatalog(Mapping[str, LiteralString]):
    """Immutable name -> statement map."""

    queries: Mapping[str, LiteralString]

    @classmethod
    def load(cls, root: Path = CYPHER_DIR, require: Iterable[str] = ()) -> QueryCatalog:
        queries: dict[str, LiteralString] = {}
        for path in sorted(root.rglob("*.cypher")):
            name = path.relative_to(root).with_suffix("").as_posix()
            text = path.read_text(encoding="utf-8").strip()
            if not _statement_body(text):
                raise ValueError(f"{path} holds no Cypher statement")
            # The files are part of the code base, never user input: mypy treats
            # LiteralString as str, so no cast is needed here.
            queries[name] = text
        catalog = cls(queries)
        missing = [name for name in require if name not in queries]
        if missing:
            raise MissingQuery(f"missing Cypher files under {root}: {', '.join(missing)}")
        return catalog

    def __getitem__(self, name: str) -> LiteralString:
        try:
            return self.queries[name]
        except KeyError:
            raise MissingQuery(f"no Cypher file named {name!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.queries)

    def __len__(self) -> int:
        return len(self.queries)

    def under(self, folder: str) -> list[str]:
        """The names under ``folder/``, sorted (e.g. the schema statements in order)."""
        prefix = folder.rstrip("/") + "/"
        return sorted(name for name in self.queries if name.startswith(prefix))


def _statement_body(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(lines).strip()
