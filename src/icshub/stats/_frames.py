"""Checking and grouping the DataFrames the methods take, with errors that name the offending group."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from icshub.stats._intervals import suffix


class StatsInputError(ValueError):
    """Input a method cannot use, with a message naming the column and the group."""


def group_columns(group_by: str | Sequence[str] | None) -> list[str]:
    if group_by is None:
        return []
    return [group_by] if isinstance(group_by, str) else list(group_by)


def require(data: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise StatsInputError(f"the data has no column {', '.join(repr(c) for c in missing)}")


def describe_group(row: pd.Series, groups: list[str]) -> str:
    if not groups:
        return "the data"
    return "group " + ", ".join(f"{g}={row[g]!r}" for g in groups)


def check_rows(data: pd.DataFrame, groups: list[str], condition: pd.Series, message: str) -> None:
    """Refuse the data if ``condition`` holds on any row, naming the first such group."""
    bad = data[condition.fillna(False)]
    if not bad.empty:
        raise StatsInputError(f"{message} in {describe_group(bad.iloc[0], groups)}")


def check_counts(data: pd.DataFrame, columns: Sequence[str], groups: list[str]) -> None:
    """Counts must be present, finite and not negative."""
    for column in columns:
        values = pd.to_numeric(data[column], errors="coerce")
        check_rows(data, groups, values.isna(), f"'{column}' is missing or not a number")
        check_rows(data, groups, values < 0, f"'{column}' is negative")


def totals(data: pd.DataFrame, columns: Sequence[str], groups: list[str]) -> pd.DataFrame:
    """The sums of ``columns`` per group (one row for the whole data when there are no groups)."""
    if groups:
        return data.groupby(groups, sort=True, dropna=False)[list(columns)].sum().reset_index()
    return pd.DataFrame({c: [data[c].sum()] for c in columns})


def add_limits(result: pd.DataFrame, levels: Sequence[float], limits) -> pd.DataFrame:
    """Add ``lower_<level>``/``upper_<level>`` columns from ``limits(level) -> (lower, upper)``."""
    for level in levels:
        lower, upper = limits(level)
        result[f"lower_{suffix(level)}"] = lower
        result[f"upper_{suffix(level)}"] = upper
    return result
