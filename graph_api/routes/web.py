"""The web page (path finder and battles), served at ``/`` with its files under ``/static``.

The page is plain HTML, CSS and JavaScript modules in ``graph_api/static``: no build step and
no external CDN. It talks to the same public API as everyone else (``/players``, ``/paths/*``,
``/battles``, ``/ws/battles/{room_code}``).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
# The page changes with the code; make browsers check for a new one on every visit.
NO_CACHE = {"Cache-Control": "no-cache"}

router = APIRouter(include_in_schema=False)


@router.get("/")
async def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", headers=NO_CACHE)


def install_web(app: FastAPI) -> None:
    """Serve the page at ``/`` and its assets at ``/static``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
