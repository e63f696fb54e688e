"""`puckpath serve` restarts the project-managed Neo4j and Redis when they die.

A thread of the serve process checks every ``SUPERVISOR_POLL_S`` that each server it started
is alive. When one is gone (``kill -9``, an out-of-memory kill, a crash) it logs how it
ended, marks it ``restarting`` in the status file the API workers read (:mod:`.supervision`;
``/ready`` then answers 503 with status ``restarting``), and starts it again on the same
folder: Neo4j recovers its transaction log, Redis replays its append-only file. A restart
that fails is tried again after a wait that doubles from 1 s up to
``SUPERVISOR_BACKOFF_MAX_S``. More than ``SUPERVISOR_RESTARTS_PER_MINUTE`` restarts of one
server within a minute means something is wrong that restarting will not fix: the server is
marked ``failed`` and left alone (the log says so; ``/ready`` stays 503).

Servers given by URI/URL or run by Docker are not the project's to restart.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from graph_api.errors import Unavailable
from graph_api.observability.metrics import count_server_restart
from graph_api.runtime.supervision import ServerState, ServerStatus, write_status
from graph_api.settings import SupervisorSettings

log = logging.getLogger(__name__)
WINDOW_S = 60.0
FIRST_BACKOFF_S = 1.0


class SupervisedServer(Protocol):
    """A server process the project started (LocalNeo4jServer, LocalRedisServer)."""

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The process the server object started last, if any."""

    def running_pid(self) -> int | None: ...

    def start(self, timeout_s: float) -> None: ...


@dataclass
class Watched:
    name: str
    server: SupervisedServer
    start_timeout_s: float
    pid: int | None = None
    state: ServerState = "running"
    detail: str = "running"
    restarts: int = 0
    failures: int = 0  # failed restarts in a row (for the backoff)
    recent: deque[float] = field(default_factory=deque)  # restart times within the window


def how_it_ended(process: subprocess.Popen[bytes] | None, pid: int | None) -> str:
    """``killed by SIGKILL``, ``exited with code 1``, or ``gone`` (a process not started by
    this serve, e.g. one left running by an earlier one)."""
    if process is None or process.pid != pid:
        return "gone"
    code = process.poll()  # reaps it
    if code is None:  # reaped already by someone else, or not quite dead
        try:
            code = process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            return "gone"
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"


class Supervisor:
    """Watches servers from a thread; :meth:`stop` ends the thread before the servers stop."""

    def __init__(self, settings: SupervisorSettings, status_path: Path) -> None:
        self.settings = settings
        self.status_path = status_path
        self.watched: list[Watched] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="supervisor", daemon=True)

    def watch(self, name: str, server: SupervisedServer, start_timeout_s: float) -> None:
        self.watched.append(Watched(name, server, start_timeout_s, server.running_pid()))

    def start(self) -> None:
        self._publish()
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        self.status_path.unlink(missing_ok=True)

    def check_once(self) -> None:
        """Restart (or give up on) every watched server that is not running."""
        for item in self.watched:
            if item.state == "failed" or self._stopping.is_set():
                continue
            pid = item.server.running_pid()
            if pid is not None and item.state == "running":
                item.pid = pid
                continue
            # Dead, or alive but not yet answering after a restart that timed out.
            self._revive(item)

    def _run(self) -> None:
        while not self._stopping.wait(self.settings.poll_s):
            self.check_once()

    def _revive(self, item: Watched) -> None:
        if item.state == "running":
            ended = how_it_ended(item.server.process, item.pid)
            log.warning("%s (pid %s) %s; restarting it", item.name, item.pid, ended)
            self._set(item, "restarting", f"{item.name} {ended}; restarting")
        now = time.monotonic()
        while item.recent and now - item.recent[0] > WINDOW_S:
            item.recent.popleft()
        if len(item.recent) >= self.settings.restarts_per_minute:
            log.error(
                "%s: %d restarts within a minute; not restarting it again (restart serve)",
                item.name,
                len(item.recent),
            )
            self._set(item, "failed", f"{item.name} died too often; restart puckpath serve")
            count_server_restart(item.name, "gave_up")
            return
        if item.failures:
            wait = min(FIRST_BACKOFF_S * 2 ** (item.failures - 1), self.settings.backoff_max_s)
            if self._stopping.wait(wait):
                return
        item.recent.append(time.monotonic())
        started = time.monotonic()
        try:
            item.server.start(item.start_timeout_s)
        except (Unavailable, OSError) as exc:
            item.failures += 1
            log.error("%s did not start again (attempt %d): %s", item.name, item.failures, exc)
            count_server_restart(item.name, "failed")
            return
        item.failures = 0
        item.restarts += 1
        item.pid = item.server.running_pid()
        log.info(
            "%s is back (pid %s) after %.1f s", item.name, item.pid, time.monotonic() - started
        )
        count_server_restart(item.name, "ok")
        self._set(item, "running", "running")

    def _set(self, item: Watched, state: ServerState, detail: str) -> None:
        item.state, item.detail = state, detail
        self._publish()

    def _publish(self) -> None:
        write_status(
            self.status_path,
            {w.name: ServerStatus(w.state, w.detail, w.restarts) for w in self.watched},
        )


@contextmanager
def supervising(
    settings: SupervisorSettings,
    status_path: Path,
    servers: dict[str, tuple[SupervisedServer, float]],
) -> Iterator[Supervisor]:
    """Watch ``servers`` (name -> (server, start timeout)) for the duration of the block."""
    supervisor = Supervisor(settings, status_path)
    for name, (server, timeout_s) in servers.items():
        supervisor.watch(name, server, timeout_s)
    if settings.restarts_per_minute == 0 or not servers:
        yield supervisor
        return
    supervisor.start()
    try:
        yield supervisor
    finally:
        supervisor.stop()
