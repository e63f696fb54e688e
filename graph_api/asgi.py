"""ASGI entry for uvicorn: ``uvicorn --factory graph_api.asgi:make_app``.

Each worker process reads the settings from its environment (``NEO4J_URI``, ``REDIS_URL``,
...), which ``puckpath serve`` sets after it has provided the servers.
"""

from fastapi import FastAPI

from graph_api.app import create_app


def make_app() -> FastAPI:
    return create_app()
