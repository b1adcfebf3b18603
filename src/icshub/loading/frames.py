"""Read a whole CSV (or tab-separated) file, or a Parquet file, as a table of text, refusing with the file,
line and reason what cannot be read whole: an empty file, text that is not UTF-8, broken quoting, a row
with more or fewer fields than the header (a truncated file ends in one), a field longer than the csv
module's limit (128 KiB: a quote left open), or a Parquet file cut short. Nothing is guessed: a file is
read completely or refused."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from icshub.loading.problems import ImportRefused, Problem


def _refused(name: str, line: int | None, message: str) -> ImportRefused:
    return ImportRefused([Problem(name, line, None, message)])


def text_records(path: Path, label: str | None = None, separator: str | None = None) -> tuple[list[str], list]:
    """The header of the delimited file at ``path`` and its rows as (line, fields), every row as long as
    the header; ``separator`` is found from the header (tab or comma) when not given."""
    name = label or path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise _refused(name, None, "the file does not exist") from error
    except OSError as error:
        raise _refused(name, None, f"cannot be read: {error}") from error
    return delimited_records(decoded(data, name), name, separator)


def decoded(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text (a byte-order mark allowed), or a refusal naming the line that is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _refused(name, line, "is not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in Excel)") from error


def delimited_records(text: str, name: str, separator: str | None = None) -> tuple[list[str], list]:
    """The header of the delimited ``text`` (called ``name`` in refusals) and its rows as (line, fields)."""
    if not text.strip():
        raise _refused(name, None, "the file is empty: it needs a header row and the rows under it")
    header = text.split("\n", 1)[0]
    separator = separator or ("\t" if "\t" in header else ",")
    # Lines end at \n, \r\n or \r, as the csv module expects, and nowhere else.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        columns = next(reader)
        for fields in reader:
            if not fields:
                continue  # a blank line
            if len(fields) == len(columns) + 1 and fields[-1] == "":
                fields.pop()  # a separator ending the row, as Fingertips downloads have
            if len(fields) != len(columns):
                raise _refused(
                    name,
                    reader.line_num,
                    f"has {len(fields)} fields where the header has {len(columns)}: a field has a stray "
                    "separator or quote, or the file was cut short",
                )
            rows.append((reader.line_num, fields))
    except csv.Error as error:
        if "field limit" in str(error):
            message = f"has a field longer than {csv.field_size_limit():,} characters: is a quote left open?"
        else:
            message = f"cannot be read as CSV: {error}"
        raise _refused(name, reader.line_num, message) from error
    if len(set(columns)) != len(columns):
        raise _refused(name, 1, "the header names a column twice")
    return columns, rows


def read_text_table(path: Path, label: str | None = None, separator: str | None = None) -> pd.DataFrame:
    """Every row of the delimited file at ``path`` as text (empty cells as ''), with the header's columns."""
    columns, rows = text_records(path, label, separator)
    return pd.DataFrame([fields for _, fields in rows], columns=columns, dtype=str)


def read_parquet_table(path: Path, label: str | None = None) -> pd.DataFrame:
    """The Parquet file at ``path``; refused, naming it, when it is not a whole Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pandas()
    except (pa.ArrowException, OSError) as error:
        raise _refused(label or path.name, None, f"is not a whole Parquet file: {error}") from error
