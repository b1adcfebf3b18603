"""Reading indicator values from files: a documented tidy layout, and the CSV of a Fingertips download.

Every row is checked (area code, period, numbers, known indicator, no duplicate figure) and every problem
is reported with its file, line and column before anything is written. Where a row gives counts but no
value, the value and its limits are computed with ``icshub.stats`` by the indicator's measure.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.tables import Row, read_rows
from icshub.registry.codes import gss_code_problem
from icshub.stats import proportion, rate
from icshub.stats.periods import period_order

TIDY_REQUIRED = ("indicator", "area_code", "period")
TIDY_COLUMNS = {
    "area_name": "area_name",
    "sex": "sex",
    "age": "age",
    "category_type": "category_type",
    "category": "category",
    "numerator": "numerator",
    "denominator": "denominator",
    "value": "value",
    "lower_95": "lower_95",
    "upper_95": "upper_95",
    "lower_99_8": "lower_99_8",
    "upper_99_8": "upper_99_8",
    "value_note": "value_note",
}
# The columns of a Fingertips data download, as published, and what each is here.
FINGERTIPS_REQUIRED = ("Area Code", "Time period", "Value")
FINGERTIPS_COLUMNS = {
    "Area Name": "area_name",
    "Sex": "sex",
    "Age": "age",
    "Category Type": "category_type",
    "Category": "category",
    "Count": "numerator",
    "Denominator": "denominator",
    "Value": "value",
    "Lower CI 95.0 limit": "lower_95",
    "Upper CI 95.0 limit": "upper_95",
    "Lower CI 99.8 limit": "lower_99_8",
    "Upper CI 99.8 limit": "upper_99_8",
    "Value note": "value_note",
}
NUMBERS = ("numerator", "denominator", "value", "lower_95", "upper_95", "lower_99_8", "upper_99_8")


@dataclass(frozen=True)
class ValueRecord:
    line: int
    indicator_key: str
    area_code: str
    period: str
    period_order: int
    area_name: str | None = None
    sex: str = "Persons"
    age: str = "All ages"
    category_type: str = ""
    category: str = ""
    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None
    lower_95: float | None = None
    upper_95: float | None = None
    lower_99_8: float | None = None
    upper_99_8: float | None = None
    value_note: str | None = None

    @property
    def identity(self) -> tuple[str, ...]:
        return (self.indicator_key, self.area_code, self.period, self.sex, self.age, self.category_type, self.category)


@dataclass(frozen=True)
class IndicatorInfo:
    """What reading needs to know of an indicator: its measure and multiplier, to compute from counts."""

    measure: str | None
    multiplier: float | None


def _record(
    row: Row,
    indicator: str,
    area_column: str,
    period_column: str,
    columns: Mapping[str, str],
    places: Collection[str],
) -> ValueRecord | Problem:
    area = row[area_column]
    if area not in places and (problem := gss_code_problem(area)):
        if places:
            problem += f", nor the key of a place ({', '.join(sorted(places))})"
        return row.problem(area_column, problem)
    try:
        order = period_order(row[period_column])
    except ValueError as error:
        return row.problem(period_column, str(error))
    fields: dict[str, object] = {}
    for column, name in columns.items():
        text = row[column]
        if name in NUMBERS:
            if not text:
                continue
            try:
                number = float(text.replace(",", ""))
            except ValueError:
                return row.problem(column, f"'{text}' is not a number")
            if not math.isfinite(number) or (name in {"numerator", "denominator"} and number < 0):
                return row.problem(column, f"'{text}' is not a number that can be a {name}")
            fields[name] = number
        elif text:
            fields[name] = text
    return ValueRecord(row.line, indicator, row[area_column], row[period_column], order, **fields)


def _computed(record: ValueRecord, info: IndicatorInfo, file: str, column: str) -> ValueRecord | Problem:
    """The record with its value and limits computed from its counts, when it has counts and no value."""
    if record.value is not None:
        return record
    if record.numerator is None or record.denominator is None:
        if record.value_note:
            return record  # a figure withheld by its publisher, with the reason
        return Problem(file, record.line, column, "there is no value, and no numerator and denominator to compute it")
    frame = pd.DataFrame({"x": [record.numerator], "n": [record.denominator]})
    try:
        if info.measure in {"percentage", "proportion"}:
            result = proportion(
                frame, "x", "n", confidence=(0.95, 0.998), multiplier=100 if info.measure == "percentage" else 1
            )
        elif info.measure == "crude_rate":
            result = rate(frame, "x", "n", confidence=(0.95, 0.998), multiplier=info.multiplier or 100_000)
        else:
            return Problem(
                file,
                record.line,
                column,
                f"the value is empty and a {info.measure or 'measure not yet defined'} cannot be computed from counts",
            )
    except ValueError as error:
        return Problem(file, record.line, "numerator", str(error))
    figures = result.iloc[0]
    return replace(
        record,
        value=float(figures["value"]),
        **{name: float(figures[name]) for name in ("lower_95", "upper_95", "lower_99_8", "upper_99_8")},
    )


def _finish(
    records: Iterable[ValueRecord | Problem], file: str, indicators: Mapping[str, IndicatorInfo], column: str
) -> list[ValueRecord]:
    problems: list[Problem] = []
    kept: list[ValueRecord] = []
    seen: dict[tuple[str, ...], int] = {}
    for record in records:
        if isinstance(record, Problem):
            problems.append(record)
            continue
        info = indicators.get(record.indicator_key)
        if info is None:
            problems.append(Problem(file, record.line, "indicator", f"there is no indicator '{record.indicator_key}'"))
            continue
        if record.identity in seen:
            problems.append(
                Problem(
                    file, record.line, "period", f"this figure is given twice (first on line {seen[record.identity]})"
                )
            )
            continue
        seen[record.identity] = record.line
        finished = _computed(record, info, file, column)
        (problems if isinstance(finished, Problem) else kept).append(finished)
    if problems:
        raise ImportRefused(problems)
    return kept


def read_tidy(path: Path, indicators: Mapping[str, IndicatorInfo], places: Collection[str] = ()) -> list[ValueRecord]:
    """Values in the tidy layout (one row per figure; docs/indicator-data.md). An area is an ONS code, or
    one of ``places``, the keys of the system's place partnerships (places have no ONS code)."""
    rows = read_rows(path, TIDY_REQUIRED, label=path.name)
    columns = {c: n for c, n in TIDY_COLUMNS.items() if rows and c in rows[0].values}
    records = (_record(row, row["indicator"], "area_code", "period", columns, places) for row in rows)
    return _finish(records, path.name, indicators, "value")


def read_fingertips(
    path: Path, indicator: str, indicators: Mapping[str, IndicatorInfo], fingertips_id: str | None = None
) -> list[ValueRecord]:
    """Values of one indicator from a Fingertips download (its columns as published), optionally only the
    rows of one Fingertips indicator ID."""
    rows = read_rows(path, FINGERTIPS_REQUIRED, label=path.name)
    if fingertips_id is not None:
        rows = [row for row in rows if row["Indicator ID"] == fingertips_id]
        if not rows:
            raise ImportRefused(
                [Problem(path.name, None, "Indicator ID", f"no row has the indicator ID {fingertips_id}")]
            )
    columns = {c: n for c, n in FINGERTIPS_COLUMNS.items() if rows and c in rows[0].values}
    records = (_record(row, indicator, "Area Code", "Time period", columns, ()) for row in rows)
    return _finish(records, path.name, indicators, "Value")
