"""Scale-out on one machine, as it runs across hosts: several API processes behind nginx.

``puckpath serve --behind-nginx`` (``make scale``) starts ``API_WORKERS`` (at least 2)
separate uvicorn processes on free ports of 127.0.0.1, each what one host would run, and
nginx (``graph_api/runtime/nginx_local.py``, ``deploy/nginx/``) on ``API_HOST:API_PORT``
in front of them, round robin, WebSockets included. Battle rooms live in Redis, so the
players of one room may sit on different processes; a process stopped with SIGTERM tells its
battle sockets "server restarting" (close code 1012) and they reconnect through nginx to
another one, keeping their seats. The scale-out test starts the same thing.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import httpx

from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.nginx_local import LocalNginx
from graph_api.runtime.providers import free_port

MIN_PROCESSES = 2
START_TIMEOUT_S = 90.0


@dataclass
class ApiProcess:
    """One uvicorn process (one worker) of the API on 127.0.0.1."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log_tail(self, chars: int = 2000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def stop(self, timeout_s: float = 20.0) -> None:
        """SIGTERM (battle sockets are told, then uvicorn shuts down gracefully)."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def start_api_process(env: Mapping[str, str], log: Path, ws_max_bytes: int) -> ApiProcess:
    """One API process on a free port, returned once its ``/health`` answers."""
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--factory", "graph_api.asgi:make_app",
                "--host", "127.0.0.1", "--port", str(port),
                "--ws-max-size", str(ws_max_bytes),
                # nginx on this machine sets X-Forwarded-For: the client's address counts.
                "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
            ],
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    api = ApiProcess(port, process, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeUnavailable(f"API process on {port} exited:\n{api.log_tail()}")
        try:
            if httpx.get(f"http://{api.address}/health", timeout=1).status_code == 200:
                return api
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    api.stop()
    raise RuntimeUnavailable(f"API process on {port} did not answer:\n{api.log_tail()}")


@dataclass
class ScaleOut:
    nginx: LocalNginx
    processes: list[ApiProcess] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.nginx.url

    def by_address(self, address: str) -> ApiProcess:
        """The process nginx names in its ``X-Upstream`` header."""
        return next(p for p in self.processes if p.address == address)


@contextmanager
def scaled_out(
    count: int,
    env: Mapping[str, str],
    folder: Path,
    host: str,
    port: int,
    ws_max_bytes: int,
) -> Iterator[ScaleOut]:
    """``count`` API processes and nginx on ``host:port`` in front of them; all stopped
    after the block (the processes first, so their sockets hear "server restarting")."""
    if count < MIN_PROCESSES:
        raise ValueError(f"scale-out needs at least {MIN_PROCESSES} API processes")
    shutil.rmtree(folder / "nginx", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    processes: list[ApiProcess] = []
    nginx: LocalNginx | None = None
    try:
        for index in range(count):
            log = folder / f"api-{index}.log"
            processes.append(start_api_process(env, log, ws_max_bytes))
        nginx = LocalNginx(folder / "nginx", host, port, [p.address for p in processes])
        nginx.start()
        yield ScaleOut(nginx, processes)
    finally:
        for process in processes:
            process.stop()
        if nginx is not None:
            nginx.stop()


def serve_until_stopped(scale: ScaleOut) -> None:
    """Block until SIGTERM, Ctrl-C, or one of the processes (or nginx) exits."""

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            exited = [p for p in scale.processes if p.process.poll() is not None]
            if exited:
                raise RuntimeUnavailable(f"API process {exited[0].address} exited")
            if scale.nginx.process is None or scale.nginx.process.poll() is not None:
                raise RuntimeUnavailable("nginx exited")
            time.sleep(0.5)
    except KeyboardInterrupt:
        return
    finally:
        signal.signal(signal.SIGTERM, previous)
