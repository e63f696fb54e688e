"""The data folder's layout (the ../shared/data tree): its folders and how a file is found.

The import (``loader/files.py``) and identity linking (``loader/identity/``) both read it,
so neither reaches into the other.
"""

from __future__ import annotations

from pathlib import Path

from loader.csvfiles import MissingSourceFile

DATABANK_DIR = "hockey-databank"
MODERN_DIR = "modern"
STATSAPI_DIR = "nhl-statsapi"


def one_file(folder: Path, pattern: str) -> Path:
    """The one file under ``folder`` matching ``pattern`` (``MissingSourceFile`` otherwise)."""
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        what = "no file" if not found else f"{len(found)} files"
        raise MissingSourceFile(f"{what} matching {folder / pattern}")
    return found[0]
