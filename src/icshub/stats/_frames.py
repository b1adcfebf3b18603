"""Checking and grouping the DataFrames the methods take, with errors that name the offending group."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from icshub.errors import IcshubError
from icshub.stats._intervals import suffix


class StatsInputError(IcshubError, ValueError):
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


def group_ids(data: pd.DataFrame, groups: list[str]) -> np.ndarray:
    """The number of each row's group, in the sorted order that ``totals`` gives."""
    if not groups:
        return np.zeros(len(data), dtype=int)
    return data.groupby(groups, sort=True, dropna=False).ngroup().to_numpy()


def check_bands(data: pd.DataFrame, age_band: str, bands: Sequence[str], groups: list[str]) -> np.ndarray:
    """Every group must have each of ``bands`` exactly once and no other; returns each row's group number."""
    group_id = group_ids(data, groups)
    labels = data[age_band].astype(str)
    check_rows(data, groups, ~labels.isin(bands), f"'{age_band}' is not one of {', '.join(bands)}")
    twice = pd.DataFrame({"group": group_id, "band": labels.to_numpy()}).duplicated().to_numpy()
    if twice.any():
        first = data[twice].iloc[0]
        raise StatsInputError(
            f"age band {labels[twice].iloc[0]} appears twice in '{age_band}' in {describe_group(first, groups)}"
        )
    short = np.flatnonzero(np.bincount(group_id, minlength=group_id.max(initial=0) + 1) < len(bands))
    if short.size:
        part = data[group_id == short[0]]
        missing = [b for b in bands if b not in set(part[age_band].astype(str))]
        raise StatsInputError(
            f"age band{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"{'are' if len(missing) > 1 else 'is'} missing from '{age_band}' in {describe_group(part.iloc[0], groups)}"
        )
    return group_id
