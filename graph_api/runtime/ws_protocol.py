"""uvicorn's WebSocket protocol (websockets' Sans-I/O connection), letting go of the closed
connection's state at once instead of leaving it for the garbage collector.

websockets' ``Protocol`` parses frames with a generator it keeps in ``self.parser``, and the
generator's frame refers back to the connection: every connection is a reference cycle. With
permessage-deflate (which browsers and the battle clients ask for) the connection holds a zlib
compressor and decompressor, ~50 kB outside Python's own allocator. A battle socket lives for
the whole game, long enough to be moved to the collector's middle generation, so a closed
socket's state waited for the next middle pass (every ~20 young passes: about 18 minutes of
100-room play, ``GC_THRESHOLDS``, docs/operations.md): ~10 MB per 100 games per worker that
glibc then kept. Here, once uvicorn has handled the lost connection (it reads and sends
nothing more on it), the parser is closed and the parse error dropped (its traceback holds the
parser's frame), so reference counting frees the connection and its zlib state
(tests/integration/test_uvicorn_protocols.py; the soak in bench/README.md, session 9).

Both ways of starting the API use it, as they use ``http_protocol``: ``puckpath serve``
(``uvicorn.run(ws=...)``) and a scaled-out or test process (``uvicorn --ws ...``).
"""

from __future__ import annotations

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

# What uvicorn's --ws (and uvicorn.run's ws=) takes: an import string.
WS_PROTOCOL = f"{__name__}:ClosedReleasingProtocol"


class ClosedReleasingProtocol(WebSocketsSansIOProtocol):
    """uvicorn's websockets Sans-I/O protocol, without the parser cycle once the socket is
    lost."""

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        # uvicorn's send() stops at ``disconnected`` and its shutdown() only walks the live
        # connections, so nothing steps the parser again.
        self.conn.parser.close()
        self.conn.parser_exc = None
