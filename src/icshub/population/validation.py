"""Checking rows of person-level data against the schema, vectorised so that millions of rows are checked
in seconds. Every rejected row is reported with its file, line (or row number), field and reason; the rows
that pass come back typed for the store."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from icshub.loading.problems import ImportRefused, Problem
from icshub.population.data_model import CODED, CodeSystem, Table

_ICD10 = r"[A-Z]\d{2}(\.?[0-9A-Z]{1,4})?"
_SNOMED = r"\d{6,18}"


@dataclass
class Checked:
    """Rows that passed, typed to the schema, and the problems of those that did not."""

    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0


def _typed(column: pd.Series, kind: pa.DataType) -> pd.Series:
    """The column converted to the schema's type; values that cannot be converted become missing."""
    if pa.types.is_date(kind):
        return pd.to_datetime(column, errors="coerce", format="mixed").dt.date
    if pa.types.is_integer(kind):
        numbers = pd.to_numeric(column, errors="coerce")
        return numbers.where(numbers.isna() | (numbers % 1 == 0)).astype("Int64")
    if pa.types.is_floating(kind):
        return pd.to_numeric(column, errors="coerce").astype("Float64")
    return column.astype("string").str.strip().replace("", pd.NA)


def check_rows(
    table: Table,
    frame: pd.DataFrame,
    file: str,
    line_of_first: int = 2,
    persons: Collection[str] | None = None,
) -> Checked:
    """Check ``frame`` (text or typed) against ``table``; lines are counted from ``line_of_first`` (2 for a
    CSV with a header). Rows of other tables must name a person of ``persons`` when it is given."""
    missing = [c for c in table.required if c not in frame.columns]
    if missing:
        raise ImportRefused([Problem(file, 1, c, f"the {table.name} table needs a column '{c}'") for c in missing])
    frame = frame.reset_index(drop=True)
    lines = pd.Series(range(line_of_first, line_of_first + len(frame)))
    typed = pd.DataFrame(index=frame.index)
    bad = pd.Series(False, index=frame.index)
    problems: list[Problem] = []

    def reject(mask: pd.Series, column: str, words: str) -> None:
        nonlocal bad
        mask = mask.fillna(False).astype(bool)
        # A person's pseudonym is not repeated in messages: the line and field say where to look.
        shown = column in frame and column != "person_id"
        for line, value in zip(lines[mask], frame.loc[mask, column] if shown else [""] * int(mask.sum()), strict=True):
            problems.append(Problem(file, int(line), column, f"'{value}' {words}" if str(value) else words))
        bad |= mask

    for column in table.columns:
        if column.name not in frame.columns:
            typed[column.name] = pd.Series(pd.NA, index=frame.index)
            continue
        raw = frame[column.name]
        given = raw.notna() & (raw.astype("string").str.strip() != "")
        value = _typed(raw, column.type)
        unreadable = given & value.isna()
        reject(unreadable, column.name, f"is not a {_kind(column.type)}")
        if column.required:
            reject(~given, column.name, "is empty, and it is required")
        if column.check is not None:
            present = value.notna()
            broken = pd.Series(False, index=frame.index)
            broken[present] = column.check.bad(value[present]).to_numpy()
            reject(broken, column.name, column.check.words)
        typed[column.name] = value
    if table is CODED:
        system, code = typed["system"], typed["code"].astype("string")
        wrong = ((system == CodeSystem.SNOMED) & ~code.str.fullmatch(_SNOMED)) | (
            (system == CodeSystem.ICD10) & ~code.str.fullmatch(_ICD10)
        )
        reject(wrong & ~bad, "code", "is not a code of its system (SNOMED CT: 6 to 18 digits; ICD-10: e.g. E11.9)")
    if persons is not None and table.name != "person":
        unknown = typed["person_id"].notna() & ~typed["person_id"].isin(list(persons))
        reject(unknown & ~bad, "person_id", "names no person of the person table")
    return Checked(typed[~bad].reset_index(drop=True), problems, int(bad.sum()))


def _kind(kind: pa.DataType) -> str:
    if pa.types.is_date(kind):
        return "date (YYYY-MM-DD)"
    if pa.types.is_integer(kind):
        return "whole number"
    if pa.types.is_floating(kind):
        return "number"
    return "text"
