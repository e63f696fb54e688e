"""The web page (path finder and battles), served at ``/`` with its files under ``/static``.

The page is plain HTML, CSS and JavaScript modules in ``graph_api/static``: no build step and
no external CDN. It talks to the same public API as everyone else (``/players``, ``/paths/*``,
``/battles``, ``/ws/battles/{room_code}``).

Caching without a build step: the modules import each other by relative URL (``./api.js``),
so their names cannot carry a hash. The whole folder gets one instead: ``/`` rewrites the
page's ``/static/`` references to ``/static/<version>/``, where the version is a digest of
every file, and a module's relative imports resolve under the same prefix. Those URLs never
change content, so they are cached for a year (``immutable``); a new deploy has a new
version, hence new URLs. The page itself is ``no-cache`` (revalidated on every visit). An
unversioned ``/static/...`` URL (an old page, a bookmark) still answers, with ``no-cache``
and the ETag that lets the browser revalidate it cheaply. Text files go out gzip-compressed
when the browser accepts it.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
# The page changes with the code; make browsers check for a new one on every visit.
NO_CACHE = {"Cache-Control": "no-cache"}
IMMUTABLE = "public, max-age=31536000, immutable"
# Smaller bodies are not worth a gzip stream (the favicon, tiny modules).
GZIP_MIN_BYTES = 500

router = APIRouter(include_in_schema=False)


@cache
def static_version() -> str:
    """A digest of every file under ``static/``: changes whenever any of them does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def static_prefix() -> str:
    return f"/static/{static_version()}/"


@cache
def index_html() -> str:
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    return page.replace('"/static/', f'"{static_prefix()}')


@router.get("/")
async def index() -> HTMLResponse:
    return HTMLResponse(index_html(), headers=NO_CACHE)


class CachedStaticFiles(StaticFiles):
    """``StaticFiles`` (with its ETag and 304 answers) plus one ``Cache-Control`` header."""

    def __init__(self, cache_control: str, directory: Path) -> None:
        super().__init__(directory=directory)
        self.cache_control = cache_control

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = self.cache_control
        return response


def install_web(app: FastAPI) -> None:
    """Serve the page at ``/`` and its assets at ``/static/<version>`` and ``/static``."""
    app.include_router(router)
    versioned = CachedStaticFiles(IMMUTABLE, STATIC_DIR)
    app.mount(
        static_prefix().rstrip("/"),
        GZipMiddleware(versioned, minimum_size=GZIP_MIN_BYTES),
        name="static-versioned",
    )
    app.mount(
        "/static",
        GZipMiddleware(CachedStaticFiles("no-cache", STATIC_DIR), minimum_size=GZIP_MIN_BYTES),
        name="static",
    )
