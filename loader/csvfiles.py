"""Reading the source CSVs (plain or gzipped) row by row, with file and line numbers."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

from loader.errors import LoaderError


class MissingSourceFile(LoaderError):
    """A source file the import needs is not in the data directory."""


class BadSourceFile(LoaderError):
    """A source file without the columns the import needs."""


class CsvTable:
    """One CSV file: its header's column positions and its data rows with line numbers.

    Rows are plain lists (the bulk files have ~750,000 rows, so no object per row); a row
    shorter than the header is padded with empty cells and the transforms decide what is
    malformed.
    """

    def __init__(self, path: Path, label: str, required: tuple[str, ...]) -> None:
        if not path.exists():
            raise MissingSourceFile(f"missing source file {path}")
        self.path = path
        self.label = label
        with self._open() as handle:
            header = next(csv.reader(handle), None)
        if header is None:
            raise BadSourceFile(f"{label}: the file is empty")
        self.columns = {name.strip(): index for index, name in enumerate(header)}
        missing = [name for name in required if name not in self.columns]
        if missing:
            raise BadSourceFile(f"{label}: missing column(s) {', '.join(missing)}")
        self.width = len(header)

    def _open(self) -> io.TextIOWrapper:
        # The caller closes the wrapper, which closes the raw file.
        raw = gzip.open(self.path, "rb") if self.path.suffix == ".gz" else self.path.open("rb")  # noqa: SIM115
        return io.TextIOWrapper(raw, encoding="utf-8", newline="")

    def where(self, line: int) -> str:
        return f"{self.label}:{line}"

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(line number, cells)`` for every non-empty data row."""
        width = self.width
        with self._open() as handle:
            reader = csv.reader(handle)
            next(reader, None)
            for cells in reader:
                if not cells:
                    continue
                if len(cells) < width:
                    cells = cells + [""] * (width - len(cells))
                yield reader.line_num, cells


def file_digest(path: Path) -> str:
    """sha256 of a source file's bytes (the dataset version is built from these)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
