"""``GET /metrics``: the Prometheus text format, summed over every worker."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.concurrency import run_in_threadpool

from graph_api.observability.metrics import multiprocess_dir

log = logging.getLogger(__name__)
router = APIRouter(tags=["operations"])


class RunningRooms(Collector):
    """Rooms whose clock runs now (a game under way or a seat in its grace period), read
    from the room store at scrape time: one number for all workers."""

    def __init__(self, running: int) -> None:
        self.running = running

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield GaugeMetricFamily(
            "puckpath_battle_rooms_active",
            "Battle rooms with a running clock (a game under way or a seat in its grace "
            "period), from the room store.",
            value=self.running,
        )


def _exposition(running: int | None) -> bytes:
    if multiprocess_dir() is not None:
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    text = generate_latest(registry)
    if running is not None:
        rooms = CollectorRegistry()
        rooms.register(RunningRooms(running))
        text += generate_latest(rooms)
    return text


async def _running_rooms(request: Request) -> int | None:
    services = getattr(request.app.state, "services", None)  # the composition root's
    if services is None:
        return None
    battles = services.battles
    try:
        running: int = await battles.store.running_rooms()
    except Exception as exc:  # the store counts its own errors; the scrape still answers
        log.warning("metrics: cannot count the running rooms: %s", exc)
        return None
    return running


@router.get(
    "/metrics",
    summary="Prometheus metrics (text format), summed over every worker",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "The metrics."}},
)
async def prometheus_metrics(request: Request) -> Response:
    running = await _running_rooms(request)
    body = await run_in_threadpool(_exposition, running)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
