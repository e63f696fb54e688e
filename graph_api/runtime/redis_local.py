"""A project-managed ``redis-server`` (Debian's package) on a loopback port.

Battle rooms survive a crash or a restart of the server: it keeps an append-only file in its
folder and fsyncs it before answering a write (``appendfsync always``). The battle service
tells a client that an action happened only after Redis answered the save, so an action a
client saw acknowledged is on disk. ``everysec`` would lose up to a second (or two, when a
background fsync is slow) of acknowledged actions on a power loss or a kernel crash; the
cost of ``always`` is one fsync per event-loop turn of Redis (writes arriving together share
it), small beside a human's pace of moves. Starting again on the same folder replays the file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from graph_api.runtime.errors import RuntimeUnavailable

# Redis 7 keeps the file (base + increments + manifest) in <dir>/appendonlydir.
APPEND_FILE = "puckpath.aof"


def find_redis_server() -> Path:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if found is None:
        raise RuntimeUnavailable(
            "redis-server was not found. Install it (Debian: apt-get install redis-server; "
            "`make setup` does this when run as root), or set REDIS_URL to a running Redis."
        )
    return Path(found)


@dataclass
class LocalRedisServer:
    """One redis-server process with its own folder, where its append-only file lives."""

    home: Path
    port: int
    # More redis.conf lines (a cluster node's, for one: graph_api/runtime/redis_cluster_local.py).
    extra_config: tuple[str, ...] = ()
    # The redis-server this object started (kept, so its exit status can be read).
    process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def _pid_file(self) -> Path:
        return self.home / "redis.pid"

    def running_pid(self) -> int | None:
        try:
            pid = int(self._pid_file.read_text().strip())
            os.kill(pid, 0)
        except (OSError, ValueError):
            return None
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists() and b"redis-server" not in cmdline.read_bytes():
            return None
        return pid

    def start(self, timeout_s: float = 20.0) -> None:
        if self.running_pid() is not None:
            self.wait_until_ready(timeout_s)
            return
        binary = find_redis_server()
        self.home.mkdir(parents=True, exist_ok=True)
        config = self.home / "redis.conf"
        config.write_text(
            "\n".join(
                [
                    "# Written by puckpath. Rooms persist in the append-only file, fsynced",
                    "# before every acknowledged write (see graph_api/runtime/redis_local.py).",
                    "bind 127.0.0.1",
                    f"port {self.port}",
                    f'dir "{self.home}"',
                    'save ""',
                    "appendonly yes",
                    f'appendfilename "{APPEND_FILE}"',
                    "appendfsync always",
                    "protected-mode yes",
                    "daemonize no",
                    # The config path stays visible in ps, so leftovers can be found.
                    'proc-title-template "{title} {listen-addr} {config-file}"',
                    *self.extra_config,
                    "",
                ]
            )
        )
        with (self.home / "redis.log").open("ab") as out:
            process = subprocess.Popen(
                [str(binary), str(config)],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.process = process
        self._pid_file.write_text(f"{process.pid}\n")
        self.wait_until_ready(timeout_s, process)

    def wait_until_ready(
        self, timeout_s: float, process: subprocess.Popen[bytes] | None = None
    ) -> None:
        deadline = time.monotonic() + timeout_s
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        try:
            while time.monotonic() < deadline:
                if process is not None and process.poll() is not None:
                    log_text = (self.home / "redis.log").read_text(errors="replace")[-1500:]
                    raise RuntimeUnavailable(
                        f"redis-server exited with code {process.returncode}: {log_text}"
                    )
                try:
                    if client.ping():
                        return
                except redis.ConnectionError:
                    time.sleep(0.1)
        finally:
            client.close()
        raise RuntimeUnavailable(f"redis-server did not answer on {self.url} in {timeout_s}s")

    def stop(self, timeout_s: float = 20.0) -> None:
        pid = self.running_pid()
        if pid is None:
            self._pid_file.unlink(missing_ok=True)
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                waited, _ = os.waitpid(pid, os.WNOHANG)
                if waited == pid:
                    break
            except ChildProcessError:
                pass
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
        self._pid_file.unlink(missing_ok=True)
