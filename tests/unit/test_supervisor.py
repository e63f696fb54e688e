"""The supervisor's rules with a real child process (``sleep``) in the place of a server:
it restarts what dies, says so in the status file, backs off, and gives up beyond the limit.
(The real Neo4j and Redis under `puckpath serve`: tests/integration/test_serve_supervision.py.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph_api.runtime.supervision import ServerStatus, read_status, write_status
from graph_api.runtime.supervisor import Supervisor, how_it_ended
from graph_api.settings import SupervisorSettings


@dataclass
class SleepServer:
    """A child process that stands in for a server; ``broken`` makes its start fail."""

    broken: bool = False
    starts: int = 0
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self.processes[-1] if self.processes else None

    def running_pid(self) -> int | None:
        live = [p for p in self.processes if p.poll() is None]
        return live[-1].pid if live else None

    def start(self, timeout_s: float) -> None:
        self.starts += 1
        if self.broken:
            raise OSError("cannot start")
        self.processes.append(subprocess.Popen(["sleep", "600"]))

    def kill(self) -> int:
        pid = self.running_pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # dead, not reaped yet
        return pid

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait()


def supervisor(tmp_path: Path, limit: int = 5) -> tuple[Supervisor, SleepServer]:
    server = SleepServer()
    server.start(1)
    watcher = Supervisor(
        SupervisorSettings(restarts_per_minute=limit, backoff_max_s=0.05, poll_s=0.01),
        tmp_path / "supervisor.json",
    )
    watcher.watch("redis", server, 1.0)
    watcher._publish()
    return watcher, server


def test_a_dead_server_is_started_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    watcher, server = supervisor(tmp_path)
    try:
        watcher.check_once()
        assert server.starts == 1  # alive: left alone
        first = server.kill()
        watcher.check_once()
        assert server.starts == 2
        assert server.running_pid() not in (None, first)
        assert read_status(watcher.status_path) == {"redis": ServerStatus("running", "running", 1)}
        assert f"redis (pid {first}) killed by SIGKILL; restarting it" in caplog.text
    finally:
        server.stop()


def test_too_many_restarts_in_a_minute_give_up(tmp_path: Path) -> None:
    watcher, server = supervisor(tmp_path, limit=2)
    try:
        for _ in range(2):
            server.kill()
            watcher.check_once()
        server.kill()
        watcher.check_once()
        assert server.starts == 3  # the first start and two restarts, not a third
        status = read_status(watcher.status_path)["redis"]
        assert status.state == "failed"
        assert "died too often" in status.detail
        watcher.check_once()
        assert server.starts == 3
    finally:
        server.stop()


def test_a_failing_restart_stays_restarting_and_is_tried_again(tmp_path: Path) -> None:
    watcher, server = supervisor(tmp_path)
    try:
        server.kill()
        server.broken = True
        watcher.check_once()
        watcher.check_once()
        assert server.starts == 3
        status = read_status(watcher.status_path)["redis"]
        assert status.state == "restarting"
        assert status.detail.endswith("restarting")
        server.broken = False
        watcher.check_once()
        assert server.running_pid() is not None
        assert read_status(watcher.status_path)["redis"].state == "running"
    finally:
        server.stop()


def test_how_a_child_ended() -> None:
    killed = subprocess.Popen(["sleep", "600"])
    os.kill(killed.pid, signal.SIGKILL)
    os.waitid(os.P_PID, killed.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped yet
    assert how_it_ended(killed, killed.pid) == "killed by SIGKILL"
    failed = subprocess.Popen(["sh", "-c", "exit 3"])
    failed.wait()
    assert how_it_ended(failed, failed.pid) == "exited with code 3"
    assert how_it_ended(None, 1234) == "gone"
    assert how_it_ended(failed, failed.pid + 1) == "gone"


def test_a_file_of_a_supervisor_that_is_gone_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "supervisor.json"
    write_status(path, {"neo4j": ServerStatus("restarting", "neo4j killed by SIGKILL")})
    assert read_status(path)["neo4j"].state == "restarting"
    gone = subprocess.Popen(["true"])
    gone.wait()
    body = json.loads(path.read_text())
    path.write_text(json.dumps({**body, "pid": gone.pid}))
    assert read_status(path) == {}
    path.write_text("{not json")
    assert read_status(path) == {}
