"""Operating the service: Prometheus metrics, the request id and the log format.

- :mod:`.metrics`: every metric the service records, and the multi-worker set-up.
- :mod:`.requests`: the pure ASGI middleware that gives each request or WebSocket an id and
  records the HTTP and WebSocket metrics.
- :mod:`.logs`: the log configuration (text or one JSON object per line), each line with the
  request id.
- :mod:`.routes`: ``GET /metrics``.
"""
