"""A project-managed ``redis-server`` (Debian's package) on a loopback port."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from graph_api.runtime.errors import RuntimeUnavailable


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
    """One redis-server process with its own folder; nothing is persisted to disk."""

    home: Path
    port: int

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
                    "# Written by puckpath; nothing is persisted to disk.",
                    "bind 127.0.0.1",
                    f"port {self.port}",
                    f'dir "{self.home}"',
                    'save ""',
                    "appendonly no",
                    "protected-mode yes",
                    "daemonize no",
                    # The config path stays visible in ps, so leftovers can be found.
                    'proc-title-template "{title} {listen-addr} {config-file}"',
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
