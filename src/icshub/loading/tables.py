"""Read CSV files row by row with their line numbers, checking that the expected columns are there."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
    """Every row of the CSV at ``path``; refused if it cannot be read or lacks a required column."""
    name = label or path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [column for column in required if column not in header]
            if missing:
                raise ImportRefused(
                    [Problem(name, 1, column, "this column is missing from the header row") for column in missing]
                )
            return list(_rows(reader, name))
    except FileNotFoundError as error:
        raise ImportRefused([Problem(name, None, None, "the file does not exist")]) from error
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused([Problem(name, None, None, f"cannot be read as UTF-8 CSV: {error}")]) from error


def _rows(reader: csv.DictReader, name: str) -> Iterator[Row]:
    for values in reader:
        yield Row(name, reader.line_num, values)
