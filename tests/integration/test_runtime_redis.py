"""The project-managed redis-server: real server, round trip, clean stop."""

from __future__ import annotations

from pathlib import Path

import redis

from graph_api.runtime.providers import RedisEndpoint, free_port
from graph_api.runtime.redis_local import LocalRedisServer


def test_round_trip(redis_endpoint: RedisEndpoint) -> None:
    client = redis.Redis.from_url(redis_endpoint.url)
    try:
        client.set("puckpath:test:key", "Gretzky", ex=30)
        assert client.get("puckpath:test:key") == b"Gretzky"
    finally:
        client.delete("puckpath:test:key")
        client.close()


def test_local_server_lifecycle(tmp_path: Path) -> None:
    server = LocalRedisServer(tmp_path / "redis", free_port())
    server.start()
    try:
        pid = server.running_pid()
        assert pid is not None
        client = redis.Redis.from_url(server.url)
        assert client.ping() is True
        client.close()
    finally:
        server.stop()
    assert server.running_pid() is None
    # Match the process by its config path: pids are reused quickly on a busy machine.
    config = str(tmp_path / "redis" / "redis.conf").encode()
    alive = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if config in (proc / "cmdline").read_bytes():
                    alive.append(proc.name)
            except OSError:
                continue
    assert alive == [], f"redis-server outlived stop(): {alive}"
