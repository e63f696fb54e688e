"""The loader's errors: one base class under the application's tree (``graph_api.errors``).

``str(error)`` is the message the command lines print and ``hint`` what to do about it, so
``loader`` and ``puckpath serve`` catch ``AppError`` once instead of listing classes.
"""

from __future__ import annotations

from graph_api.errors import AppError


class LoaderError(AppError):
    """Input the loader cannot use, or a source it cannot read."""

    status_code = 422
    code = "load_failed"
