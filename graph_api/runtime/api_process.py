"""One uvicorn process of the API on 127.0.0.1: what one host runs.

Started by the scale-out (:mod:`.scale_out`, several behind nginx), and by the battle tests
and benchmark (several side by side, each client choosing its process).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.http_protocol import HTTP_PROTOCOL
from graph_api.runtime.providers import free_port
from graph_api.runtime.ws_protocol import WS_PROTOCOL

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

    @property
    def http(self) -> str:
        return f"http://{self.address}"

    @property
    def ws(self) -> str:
        return f"ws://{self.address}"

    def log_tail(self, chars: int = 3000) -> str:
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


def start_api_process(
    env: Mapping[str, str],
    log: Path,
    ws_max_bytes: int,
    *,
    port: int | None = None,
    behind_proxy: bool = True,
    ws: str = WS_PROTOCOL,
    uvicorn_args: Sequence[str] = (),
) -> ApiProcess:
    """One API process on ``port`` (a free one by default), returned once its ``/health``
    answers. ``behind_proxy``: the client address is nginx's ``X-Forwarded-For``; ``ws``:
    uvicorn's ``--ws`` (the API's own protocol unless a benchmark compares another)."""
    port = port or free_port()
    proxy = ["--proxy-headers", "--forwarded-allow-ips", "127.0.0.1"] if behind_proxy else []
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--factory", "graph_api.asgi:make_app",
                "--host", "127.0.0.1", "--port", str(port),
                "--ws-max-size", str(ws_max_bytes), "--http", HTTP_PROTOCOL, "--ws", ws,
                *proxy,
                *uvicorn_args,
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
            if httpx.get(f"{api.http}/health", timeout=1).status_code == 200:
                return api
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    api.stop()
    raise RuntimeUnavailable(f"API process on {port} did not answer:\n{api.log_tail()}")
