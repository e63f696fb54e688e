"""A local Redis Cluster of N masters (Debian's ``redis-server``, Redis 7+), no replicas.

Each master is a :class:`LocalRedisServer` with ``cluster-enabled yes`` in its own folder.
:meth:`LocalRedisCluster.start` gives each an equal range of the 16,384 slots
(``CLUSTER ADDSLOTSRANGE``), introduces them (``CLUSTER MEET``) and waits until every node
reports ``cluster_state:ok``. For tests and the battle benchmark; an operator runs a real
cluster and gives one node's URL with ``REDIS_CLUSTER=true``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.providers import free_port
from graph_api.runtime.redis_local import LocalRedisServer

SLOTS = 16_384
NODE_CONFIG = (
    "cluster-enabled yes",
    "cluster-config-file nodes.conf",
    "cluster-node-timeout 5000",
    # Without replicas a slot is only on one master: keep serving the other slots if one is down.
    "cluster-require-full-coverage no",
)


@dataclass
class LocalRedisCluster:
    home: Path
    ports: list[int]
    # The nodes' cluster bus ports (default: port + 10000, which may be taken or too high).
    bus_ports: list[int] = field(default_factory=list)
    nodes: list[LocalRedisServer] = field(default_factory=list)

    @classmethod
    def on_free_ports(cls, home: Path, masters: int = 3) -> LocalRedisCluster:
        ports: list[int] = []
        while len(ports) < 2 * masters:
            port = free_port()
            if port not in ports:
                ports.append(port)
        return cls(home, ports[:masters], ports[masters:])

    @property
    def url(self) -> str:
        """One node's URL: the client learns the others from it."""
        return f"redis://127.0.0.1:{self.ports[0]}"

    def start(self, timeout_s: float = 30.0) -> None:
        bus_ports = self.bus_ports or [port + 10_000 for port in self.ports]
        self.bus_ports = bus_ports
        self.nodes = [
            LocalRedisServer(
                self.home / f"node-{port}", port, (*NODE_CONFIG, f"cluster-port {bus}")
            )
            for port, bus in zip(self.ports, bus_ports, strict=True)
        ]
        try:
            for node in self.nodes:
                node.start()
            self._form(timeout_s)
        except BaseException:
            self.stop()
            raise

    def _form(self, timeout_s: float) -> None:
        clients = [redis.Redis(host="127.0.0.1", port=port) for port in self.ports]
        try:
            count = len(clients)
            for i, client in enumerate(clients):
                if int(client.cluster("info")["cluster_slots_assigned"]) == 0:
                    low, high = i * SLOTS // count, (i + 1) * SLOTS // count - 1
                    client.cluster("ADDSLOTSRANGE", low, high)
            for client in clients[1:]:
                meet = ("127.0.0.1", self.ports[0], self.bus_ports[0])
                client.cluster("MEET", *meet)
            deadline = time.monotonic() + timeout_s
            while time.monotonic() < deadline:
                states = [client.cluster("info") for client in clients]
                if all(
                    s["cluster_state"] == "ok" and int(s["cluster_known_nodes"]) == count
                    for s in states
                ):
                    return
                time.sleep(0.1)
        finally:
            for client in clients:
                client.close()
        raise RuntimeUnavailable(f"the Redis Cluster on {self.ports} did not form in {timeout_s}s")

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
