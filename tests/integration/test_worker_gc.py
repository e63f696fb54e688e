"""A worker's garbage collector after start-up (the loaded graph, rooms in memory): what
start-up built is frozen out of the collector's passes, and the young generation is collected
every GC_THRESHOLDS[0] allocations instead of Python's 700, so full passes (95-654 ms stalls
of every live game at 500 rooms, bench/README.md, issue 11) stop coming every few seconds.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from graph_api.app import create_app
from graph_api.services import GC_THRESHOLDS
from graph_api.settings import Settings

PYTHON_DEFAULT_THRESHOLDS = (700, 10, 10)


@pytest.fixture
def default_collector() -> Iterator[None]:
    """Python's own collector settings for the test (as a fresh worker has them), and the
    test process's own put back after it."""
    thresholds = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(*PYTHON_DEFAULT_THRESHOLDS)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


@pytest.mark.asyncio(loop_scope="session")
@pytest.mark.usefixtures("default_collector")
async def test_start_up_freezes_what_it_built_and_raises_the_thresholds(
    loaded_app_settings: Settings,
) -> None:
    assert GC_THRESHOLDS[0] > PYTHON_DEFAULT_THRESHOLDS[0]
    battle = loaded_app_settings.battle.model_copy(update={"store": "memory"})
    app = create_app(loaded_app_settings.model_copy(update={"battle": battle}))
    assert gc.get_freeze_count() == 0
    async with app.router.lifespan_context(app):
        assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
