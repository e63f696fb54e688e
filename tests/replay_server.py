"""A local stand-in for the NHL web APIs: it replays ../shared/data/nhl-api and injects faults.

Every recorded response listed in ``nhl-api/MANIFEST.csv`` is served at its endpoint path
(``/v1/roster/EDM/20242025``, ``/stats/rest/en/team``) on 127.0.0.1 and a free port;
anything else is a 404. Like the live API, a schedule date that was not recorded is
answered with the next recorded week (whose ``regularSeasonStartDate`` tells the client
where the season starts). With ``derived`` (tests/replay_derived.py), paths and seasons that
nothing recorded are answered from responses DERIVED from the real rows of ../shared/data.

Faults follow a deterministic plan: the n-th distinct path asked for (n = 0, 1, ...) with
``n % every == 0`` fails its first ``repeat`` attempts with the next fault kind in turn:
``429`` (with Retry-After), ``500``, ``503``, ``slow`` (answers after ``slow_s``, past
the client's timeout), ``drop`` (closes the connection without answering) and
``truncate`` (a 200 whose JSON body is cut in half). ``injected`` counts what was done.
"""

from __future__ import annotations

import csv
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from tests.replay_derived import DerivedResponses

FAULT_KINDS = ("429", "500", "503", "slow", "drop", "truncate")


@dataclass
class FaultPlan:
    every: int = 0
    repeat: int = 1
    kinds: tuple[str, ...] = FAULT_KINDS
    retry_after_s: int = 1
    slow_s: float = 1.5


@dataclass
class ReplayState:
    routes: dict[str, Path]
    weeks: list[str]
    plan: FaultPlan
    derived: DerivedResponses | None = None
    order: dict[str, int] = field(default_factory=dict)
    attempts: Counter[str] = field(default_factory=Counter)
    injected: Counter[str] = field(default_factory=Counter)
    requests: int = 0
    # (time.monotonic(), path) of every request, in order: when each was asked for.
    seen: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fault_for(self, path: str, recorded: bool) -> str | None:
        """The fault to inject for this request (a cut body only for a recorded path)."""
        with self.lock:
            self.requests += 1
            self.seen.append((time.monotonic(), path))
            number = self.order.setdefault(path, len(self.order))
            attempt = self.attempts[path]
            self.attempts[path] += 1
            plan = self.plan
            if plan.every <= 0 or number % plan.every or attempt >= plan.repeat:
                return None
            kind = plan.kinds[(number // plan.every) % len(plan.kinds)]
            if kind == "truncate" and not recorded:
                return None
            self.injected[kind] += 1
            return kind


def recorded_routes(api_dir: Path) -> dict[str, Path]:
    """Endpoint path -> recorded file, from MANIFEST.csv (query-built endpoints left out)."""
    routes: dict[str, Path] = {}
    with (api_dir / "MANIFEST.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            host, _, rest = row["endpoint"].partition(" ")
            path = rest.split(" ")[0]
            if "{" in path or "?" in path or not path.startswith("/"):
                continue
            web = host == "api-web" and path.startswith("/v1/")
            stats = host == "api.nhle.com" and path.startswith("/stats/rest/")
            if not (web or stats):
                continue
            key = path
            if key in routes and "earlier" in row["file"]:
                continue
            routes[key] = api_dir / row["file"]
    return routes


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        state = self.server.state
        path, _, query = self.path.partition("?")
        body = self._body(path, query)
        fault = state.fault_for(path, recorded=body is not None)
        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault in ("429", "500", "503"):
            headers = {"Retry-After": str(state.plan.retry_after_s)} if fault == "429" else {}
            self._send(int(fault), b'{"error": "injected"}', headers)
            return
        if fault == "slow":
            time.sleep(state.plan.slow_s)
        if body is None:
            self._send(404, b'{"error": "not recorded"}')
            return
        if fault == "truncate":
            body = body[: len(body) // 2]
        self._send(200, body)

    def _body(self, path: str, query: str) -> bytes | None:
        state = self.server.state
        derived = state.derived
        file = state.routes.get(path)
        if file is None and path.startswith("/v1/schedule/"):
            day = path.rsplit("/", 1)[-1]
            recorded_season = bool(state.weeks) and state.weeks[0][:4] <= day <= state.weeks[-1]
            later = [week for week in state.weeks if week >= day]
            if later and (derived is None or recorded_season):
                file = state.routes.get(f"/v1/schedule/{later[0]}")
        if file is not None:
            body = file.read_bytes()
            if derived is not None and path.startswith("/v1/schedule/"):
                body = derived.finish_recorded_week(body)
            return body
        return derived.body(path, query) if derived is not None else None

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    state: ReplayState


class ReplayServer:
    """``with ReplayServer(shared_data / "nhl-api", FaultPlan(every=5)) as server: ...``"""

    def __init__(
        self,
        api_dir: Path,
        plan: FaultPlan | None = None,
        derived: DerivedResponses | None = None,
    ) -> None:
        routes = recorded_routes(api_dir)
        weeks = sorted(p.rsplit("/", 1)[-1] for p in routes if p.startswith("/v1/schedule/"))
        self.state = ReplayState(routes, weeks, plan or FaultPlan(), derived)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self.state
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def web_url(self) -> str:
        return f"{self.base_url}/v1"

    @property
    def stats_url(self) -> str:
        return f"{self.base_url}/stats/rest"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
