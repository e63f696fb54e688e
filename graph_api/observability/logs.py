"""The log format: text or one JSON object per line (``LOG_FORMAT``), each with the request id.

:func:`log_config` is a :func:`logging.config.dictConfig` dictionary; ``puckpath serve``
applies it and hands it to uvicorn, which applies it again in every worker, so uvicorn's own
lines (start-up, access log) come out in the same format. Every line carries the request id
of the request it was written for (``-`` outside any request).
"""

from __future__ import annotations

import logging
import logging.config
from typing import Any

from graph_api.observability.requests import request_id
from graph_api.settings import LogSettings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (the current request's id) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def log_config(settings: LogSettings) -> dict[str, Any]:
    level = settings.level.upper()
    formatters: dict[str, Any] = {
        "text": {"format": TEXT_FORMAT},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": formatters,
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": settings.format,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["default"], "level": level},
        # uvicorn's loggers hand their lines to the root handler like everyone else's.
        "loggers": {
            name: {"handlers": [], "propagate": True, "level": level}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


def configure_logging(settings: LogSettings) -> dict[str, Any]:
    """Apply the configuration to this process; returns it (for uvicorn's workers)."""
    config = log_config(settings)
    logging.config.dictConfig(config)
    return config
