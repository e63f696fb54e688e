"""Defences found by probing the service, each in one place.

- :mod:`.middleware`: ``X-Content-Type-Options: nosniff`` on every response, the request-body
  size limit (413) and the WebSocket ``Origin`` allowlist (a refused socket is closed 1008).
- :mod:`.seats`: ``Cache-Control: no-store`` on answers that carry a seat token, and the
  per-client rate limit on creating and joining rooms (429 with ``Retry-After``).
- :mod:`.names`: seat names without control or bidirectional-override characters.
"""
