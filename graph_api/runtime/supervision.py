"""What the supervisor in `puckpath serve` tells the API workers: one small JSON file.

The supervisor (:mod:`.supervisor`) runs in the serve process; the uvicorn workers are other
processes. It writes the state of each server it watches (``running``, ``restarting``,
``failed``) to a file beside the API's port, replacing it atomically; ``GET /ready`` reads it
only when a check fails, to tell "restarting" from plain "down". The file names the
supervisor's pid: a file left by a serve that no longer runs is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from graph_api.settings import Settings

ServerState = Literal["running", "restarting", "failed"]
STATES: tuple[ServerState, ...] = ("running", "restarting", "failed")


@dataclass(frozen=True)
class ServerStatus:
    state: ServerState
    detail: str
    restarts: int = 0


def status_file(settings: Settings) -> Path:
    """Where the supervisor of the API on ``settings.api.port`` writes its servers' states."""
    return settings.cache_dir / "run" / f"api-{settings.api.port}-supervisor.json"


def write_status(path: Path, servers: dict[str, ServerStatus]) -> None:
    """Replace the file at once (readers never see half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"pid": os.getpid(), "servers": {name: asdict(s) for name, s in servers.items()}}
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w") as out:
        json.dump(body, out)
    os.replace(temporary, path)


def read_status(path: Path) -> dict[str, ServerStatus]:
    """The servers' states, or nothing when no live supervisor wrote the file."""
    try:
        body = json.loads(path.read_text())
        os.kill(int(body["pid"]), 0)
        return {
            name: ServerStatus(s["state"], str(s["detail"]), int(s["restarts"]))
            for name, s in body["servers"].items()
            if s.get("state") in STATES
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
