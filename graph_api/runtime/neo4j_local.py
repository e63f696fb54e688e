"""A project-managed Neo4j 5.26 Community server (its jars: :mod:`.neo4j_jars`).

Each server *instance* has its own home folder (conf, data, logs, run) so test runs never
touch the run-time graph. The JVM runs ``org.neo4j.server.CommunityEntryPoint`` in console
mode, bound to 127.0.0.1.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph_api.runtime.browser_guide import browser_guide_settings
from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.java import find_java

log = logging.getLogger(__name__)

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
# Server settings the project-managed server and the compose Neo4j container share
# (tests/unit/test_compose.py checks the container's NEO4J_* variables against them).
SERVER_TUNING = {
    "dbms.usage_report.enabled": "false",
    "db.transaction.timeout": "120s",
    # Enforce per-query timeouts within 100 ms instead of the default 2 s.
    "db.transaction.monitor.check.interval": "100ms",
    "dbms.transaction.concurrent.maximum": "2000",
}
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# What Neo4j's own launcher passes to the JVM, less what only matters for enterprise.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


@dataclass
class LocalNeo4jServer:
    """One Neo4j instance: a home folder, two loopback ports and a JVM process."""

    home: Path
    lib: Path
    bolt_port: int
    http_port: int
    password: str
    heap: str = "2g"
    page_cache: str = "2g"
    java_home: Path | None = None
    user: str = "neo4j"
    # Browser plays the API's guide of the saved queries once connected (browser_guide.py).
    browser_guide_url: str | None = None
    # The JVM this object started (kept, so its exit status can be read; see supervisor.py).
    process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    @property
    def _pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    def write_config(self) -> Path:
        conf_dir = self.home / "conf"
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        conf = conf_dir / "neo4j.conf"
        conf.write_text(
            "\n".join(
                [
                    "# Written by puckpath; edits are overwritten at the next start.",
                    "server.default_listen_address=127.0.0.1",
                    "server.default_advertised_address=127.0.0.1",
                    f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
                    f"server.bolt.advertised_address=127.0.0.1:{self.bolt_port}",
                    "server.http.enabled=true",
                    f"server.http.listen_address=127.0.0.1:{self.http_port}",
                    f"server.http.advertised_address=127.0.0.1:{self.http_port}",
                    "server.https.enabled=false",
                    "dbms.security.auth_enabled=true",
                    f"server.memory.heap.initial_size={self.heap}",
                    f"server.memory.heap.max_size={self.heap}",
                    f"server.memory.pagecache.size={self.page_cache}",
                    "server.jvm.additional=-XX:+UseG1GC",
                    *(f"{name}={value}" for name, value in SERVER_TUNING.items()),
                    *(f"{name}={value}" for name, value in self._browser_settings().items()),
                    f"server.directories.data={self.home / 'data'}",
                    f"server.directories.logs={self.home / 'logs'}",
                    f"server.directories.run={self.home / 'run'}",
                    f"server.directories.plugins={self.home / 'plugins'}",
                    f"server.directories.import={self.home / 'import'}",
                    "",
                ]
            )
        )
        return conf_dir

    def _browser_settings(self) -> dict[str, str]:
        url = self.browser_guide_url
        return browser_guide_settings(url) if url else {}

    def _java_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.home / "conf")
        return env

    def _set_initial_password(self, java: Path) -> None:
        if (self.home / "data" / "dbms" / "auth.ini").exists():
            return
        self.run_admin(["dbms", "set-initial-password", self.password], java=java)

    def run_admin(
        self, arguments: list[str], timeout_s: float = 180.0, java: Path | None = None
    ) -> str:
        """Run ``neo4j-admin`` with this instance's configuration; its output, or
        :class:`RuntimeUnavailable` with the end of its errors."""
        self.write_config()
        result = subprocess.run(
            [
                str(java or find_java(self.java_home)),
                f"-Xmx{self.heap}",
                "-cp",
                f"{self.lib}/*",
                ADMIN_TOOL,
                *arguments,
            ],
            env=self._java_env(),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeUnavailable(
                f"neo4j-admin {' '.join(arguments[:2])} failed: "
                f"{(result.stdout + result.stderr).strip()[-1000:]}"
            )
        return result.stdout

    def has_store(self) -> bool:
        """True once the ``neo4j`` database has files (created by a start or an import)."""
        return (self.home / "data" / "databases" / "neo4j").exists()

    def running_pid(self) -> int | None:
        """The pid of this instance's JVM when it is alive."""
        try:
            pid = int(self._pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return pid
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists() and ENTRY_POINT.encode() not in cmdline.read_bytes():
            return None
        return pid

    def start(self, timeout_s: float = 120.0) -> None:
        """Start the JVM (unless this instance runs already) and wait until Bolt answers."""
        if self.running_pid() is not None:
            self.wait_until_ready(timeout_s)
            return
        java = find_java(self.java_home)
        conf_dir = self.write_config()
        self._set_initial_password(java)
        command = [
            str(java),
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *_JVM_FLAGS,
            "-cp",
            f"{self.lib}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={conf_dir}",
            "--console-mode",
        ]
        with self.console_log.open("ab") as out:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._java_env(),
                start_new_session=True,
            )
        self.process = process
        self._pid_file.write_text(f"{process.pid}\n")
        log.info("Neo4j starting (pid %s, bolt %s)", process.pid, self.uri)
        self.wait_until_ready(timeout_s, process)

    def wait_until_ready(
        self, timeout_s: float, process: subprocess.Popen[bytes] | None = None
    ) -> None:
        deadline = time.monotonic() + timeout_s
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise RuntimeUnavailable(
                    f"Neo4j exited with code {process.returncode} while starting; "
                    f"last log lines:\n{self._log_tail()}"
                )
            try:
                with GraphDatabase.driver(
                    self.uri, auth=(self.user, self.password), connection_timeout=2
                ) as driver:
                    driver.verify_connectivity()
                return
            except AuthError as exc:
                raise RuntimeUnavailable(
                    f"Neo4j at {self.uri} rejected the configured password "
                    f"(data folder {self.home / 'data'} was set up with another one): {exc}"
                ) from exc
            except (ServiceUnavailable, OSError) as exc:
                last_error = exc
                time.sleep(0.5)
        raise RuntimeUnavailable(
            f"Neo4j did not answer on {self.uri} within {timeout_s:.0f}s ({last_error}); "
            f"last log lines:\n{self._log_tail()}"
        )

    def stop(self, timeout_s: float = 60.0) -> None:
        """Stop the JVM cleanly (SIGTERM), killing it only if it does not stop in time."""
        pid = self.running_pid()
        if pid is None:
            self._pid_file.unlink(missing_ok=True)
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.2)
        else:
            log.warning("Neo4j (pid %s) did not stop in %.0fs; killing it", pid, timeout_s)
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
        self._pid_file.unlink(missing_ok=True)

    def _log_tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True
