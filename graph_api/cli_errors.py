"""How the command lines (``puckpath``, ``loader``) report an error: one red line with the
message, the hint on the next, exit code 2 and no traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from graph_api.errors import AppError


def exit_with(console: Console, message: str, hint: str | None = None) -> typer.Exit:
    """Print the error (and what to do about it); the caller raises the returned Exit."""
    console.print(f"[bold red]error:[/] {message}")
    if hint:
        console.print(hint)
    return typer.Exit(code=2)


@contextmanager
def reported(console: Console) -> Iterator[None]:
    """Any ``AppError`` inside becomes the error line, its hint, and exit code 2."""
    try:
        yield
    except AppError as exc:
        raise exit_with(console, str(exc), exc.hint) from None
