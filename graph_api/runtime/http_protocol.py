"""uvicorn's HTTP/1.1 protocol (httptools), letting go of its request parser once a connection
has become a WebSocket.

The protocol and its httptools parser refer to each other (the parser calls the protocol
back). uvicorn breaks that cycle when the connection is lost, but after an upgrade the
connection belongs to the WebSocket protocol: the HTTP protocol is never told, and it stays in
the cycle with the transport and what they hold until the garbage collector finds it (the
workers run the collector rarely, ``GC_THRESHOLDS``, docs/operations.md). Here the parser is
dropped as soon as the upgrade is done (the HTTP protocol reads nothing after it), and a closed
socket's protocol is freed at once (tests/integration/test_uvicorn_protocols.py; measured in a
soak in bench/README.md, session 8: the young passes had caught most of these cycles, and the
workers' memory growth there is something else).

Both ways of starting the API use it: ``puckpath serve`` (``uvicorn.run(http=...)``) and a
scaled-out or test process (``uvicorn --http graph_api.runtime.http_protocol:...``).
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# What uvicorn's --http (and uvicorn.run's http=) takes: an import string.
HTTP_PROTOCOL = f"{__name__}:UpgradeReleasingProtocol"


class UpgradeReleasingProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, without the protocol-parser cycle after an upgrade."""

    def handle_websocket_upgrade(self) -> None:
        super().handle_websocket_upgrade()
        self.parser = None  # type: ignore[assignment]  # as uvicorn's own connection_lost does
