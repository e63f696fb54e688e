"""The benchmarks' one way to put a folder first on a child process's import path."""

from __future__ import annotations

import os
from pathlib import Path


def with_first_on_path(env: dict[str, str], folder: Path) -> None:
    """Put ``folder`` before whatever ``env``'s PYTHONPATH already holds (a source tree to
    serve instead of this one, or a probe's ``sitecustomize``)."""
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH")]))
