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
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from graph_api.runtime.api_process import ApiProcess, start_api_process
from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.nginx_local import LocalNginx

MIN_PROCESSES = 2


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
