"""Bad input: every malformed row or response is reported with where it came from.

Transforms never raise on one bad row. They record a :class:`Problem` (file and line, or
URL) in a :class:`Problems` collection and skip the row. At the end of the transform the
loader either reports them and goes on, or, with ``--strict``, stops before writing
anything, so nothing already in the graph is lost either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from loader.errors import LoaderError


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class StrictModeError(LoaderError):
    """Raised in strict mode when the input had problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} bad input row(s); nothing was loaded:\n{shown}{more}")


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(Problem(where, message))

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_strict(self, strict: bool) -> None:
        if strict and self.items:
            raise StrictModeError(self.items)


def describe_error(exc: Exception) -> str:
    """One line for a parse or validation error."""
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return str(exc)
