"""nginx in front of several API workers, run unprivileged from a prefix folder.

The configuration is the repository's ``deploy/nginx/puckpath.conf.template``; this module
fills its ``@{...}`` fields (listen address, one ``server`` line per worker) and runs
``nginx -p PREFIX -c PREFIX/nginx.conf -e PREFIX/logs/error.log -g 'daemon off;'``: the pid
file, the logs and nginx's temp folders all stay inside PREFIX. nginx is the Debian package
(``scripts/setup.sh`` installs it for the tests and ``make scale``).
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import string
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from graph_api.runtime.errors import RuntimeUnavailable

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "puckpath.conf.template"
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class NginxTemplate(string.Template):
    """``@{name}`` fields: nginx's own ``$variables`` stay as they are."""

    delimiter = "@"


def find_nginx() -> Path:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise RuntimeUnavailable(
        "nginx is not installed: run `PUCKPATH_SCALE=1 scripts/setup.sh` (Debian package nginx)"
    )


def render_config(listen: str, upstreams: Sequence[str]) -> str:
    """The configuration for nginx on ``listen`` (``HOST:PORT``) in front of ``upstreams``."""
    if not upstreams:
        raise ValueError("nginx needs at least one upstream worker")
    # Started as root, nginx's workers would switch to `nobody`, who cannot use the prefix
    # folder: they keep this user instead. Started as anyone else, no user line is needed.
    user_line = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    line = "        server {} max_fails=1 fail_timeout=5s;"
    servers = "\n".join(line.format(address) for address in upstreams)
    return NginxTemplate(TEMPLATE.read_text()).substitute(
        user_line=user_line, listen=listen, upstream_servers=servers
    )


class LocalNginx:
    """One nginx master process serving ``listen`` from the folder ``prefix``."""

    def __init__(self, prefix: Path, host: str, port: int, upstreams: Sequence[str]) -> None:
        self.prefix = prefix
        self.host = host
        self.port = port
        self.upstreams = list(upstreams)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.prefix / "logs" / "access.log"

    @property
    def error_log(self) -> Path:
        return self.prefix / "logs" / "error.log"

    def start(self, timeout_s: float = 15.0) -> None:
        binary = find_nginx()
        for folder in ("logs", *(f"tmp/{name}" for name in TEMP_FOLDERS)):
            (self.prefix / folder).mkdir(parents=True, exist_ok=True)
        config = self.prefix / "nginx.conf"
        config.write_text(render_config(f"{self.host}:{self.port}", self.upstreams))
        command = [str(binary), "-p", str(self.prefix), "-c", str(config)]
        command += ["-e", str(self.error_log), "-g", "daemon off;"]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        if checked.returncode != 0:
            raise RuntimeUnavailable(f"nginx refused {config}: {checked.stderr.strip()}")
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._wait_listening(timeout_s)

    def _wait_listening(self, timeout_s: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeUnavailable(f"nginx exited: {self._error_tail()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeUnavailable(f"nginx did not listen on {self.url}: {self._error_tail()}")

    def _error_tail(self) -> str:
        if not self.error_log.exists():
            return "(no error log)"
        return self.error_log.read_text(errors="replace")[-1500:]

    def stop(self, timeout_s: float = 10.0) -> None:
        """nginx's fast shutdown (SIGTERM; open sockets are cut), SIGKILL after ``timeout_s``."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
