"""uvicorn's HTTP/1.1 protocol (httptools), letting go of its request parser once a connection
has become a WebSocket.

The protocol and its httptools parser refer to each other (the parser calls the protocol
back). uvicorn breaks that cycle when the connection is lost, but after an upgrade the
connection belongs to the WebSocket protocol: the HTTP protocol is never told, and it stays in
the cycle with the transport and everything they hold, about 50 kB per closed battle socket,
until the garbage collector's middle pass. The workers run that pass rarely
(``GC_THRESHOLDS``, docs/operations.md), so every socket closed in between waited there: this
was the workers' resident memory rising ~10 MB per 100-room soak wave and keeping the high
point (bench/README.md, session 8). Here the parser is dropped as soon as the upgrade is done
(the HTTP protocol reads nothing after it), and a closed socket is freed at once.

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
