"""Read CSV files row by row with their line numbers, checking that the expected columns are there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from icshub.loading.frames import text_records
from icshub.loading.problems import ImportRefused, Problem


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def problem(self, column: str | None, message: str) -> Problem:
        return Problem(self.file, self.line, column, message)


def read_rows(path: Path, required: tuple[str, ...], label: str | None = None) -> list[Row]:
    """Every row of the CSV at ``path``; refused if it cannot be read whole (``frames.text_records``) or
    lacks a required column."""
    name = label or path.name
    columns, records = text_records(path, name, separator=",")
    missing = [column for column in required if column not in columns]
    if missing:
        raise ImportRefused(
            [Problem(name, 1, column, "this column is missing from the header row") for column in missing]
        )
    return [Row(name, line, dict(zip(columns, fields, strict=True))) for line, fields in records]
