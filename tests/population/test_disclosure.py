"""Disclosure control: small counts withheld, lone withheld cells protected, shown counts rounded."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from icshub.population.disclosure import PRIMARY, SECONDARY, Policy, protect, round_to


def test_small_counts_are_withheld_zero_is_shown_and_the_rest_rounded() -> None:
    table = pd.DataFrame({"area": ["a", "b", "c", "d"], "count": [0, 7, 12, 1_003], "rate": [0.0, 1.1, 2.2, 3.3]})
    result = protect(table, "count", dependent=["rate"])
    assert result["count"].tolist() == [0, pd.NA, 10, 1_005]
    assert pd.isna(result.loc[1, "rate"]) and result.loc[2, "rate"] == 2.2
    assert result["suppression"].tolist() == [None, PRIMARY.format(threshold=10), None, None]


def test_a_lone_withheld_cell_takes_the_smallest_other_with_it() -> None:
    # Quintiles of one area: the total is published elsewhere, so 4 could be worked out from the others.
    table = pd.DataFrame({"area": ["a"] * 5, "quintile": [1, 2, 3, 4, 5], "count": [4, 40, 25, 30, 60]})
    result = protect(table, "count", groups=[["area"]])
    assert result["count"].isna().tolist() == [True, False, True, False, False]
    assert result.loc[2, "suppression"] == SECONDARY


def test_secondary_suppression_follows_rows_and_columns_until_no_cell_stands_alone() -> None:
    # Two areas by two quintiles, with totals by area and by quintile published.
    table = pd.DataFrame({"area": ["a", "a", "b", "b"], "quintile": [1, 2, 1, 2], "count": [3, 50, 80, 90]})
    result = protect(table, "count", groups=[["area"], ["quintile"]])
    # (a,1) is small; (a,2) protects it within area a, (b,1) within quintile 1, then (b,2) within area b.
    assert result["count"].isna().all()


def test_when_every_other_cell_is_zero_a_zero_is_withheld() -> None:
    table = pd.DataFrame({"area": ["a", "a", "a"], "count": [5, 0, 0]})
    assert result_withheld(protect(table, "count", groups=[["area"]])) == 2


def result_withheld(result: pd.DataFrame) -> int:
    return int(result["count"].isna().sum())


def test_the_policy_is_configurable_and_checked() -> None:
    table = pd.DataFrame({"count": [3, 6, 12]})
    assert protect(table, "count", policy=Policy(threshold=5, rounding=1))["count"].tolist() == [pd.NA, 6, 12]
    with pytest.raises(ValueError, match="at least 1"):
        Policy(threshold=0)
    with pytest.raises(ValueError, match="negative"):
        protect(pd.DataFrame({"count": [-1]}), "count")
    assert round_to(pd.Series([2, 2.5, 12.5, 13]), 5).tolist() == [0, 5, 15, 15]


@given(st.lists(st.lists(st.integers(0, 60), min_size=2, max_size=5), min_size=2, max_size=5))
def test_no_group_is_left_with_exactly_one_withheld_cell(grid: list[list[int]]) -> None:
    width = min(len(row) for row in grid)
    rows = [(r, c, grid[r][c]) for r in range(len(grid)) for c in range(width)]
    table = pd.DataFrame(rows, columns=["row", "column", "count"])
    result = protect(table, "count", groups=[["row"], ["column"]])
    withheld = result["count"].isna()
    for key in ("row", "column"):
        assert (withheld.groupby(table[key]).sum() != 1).all()
    # Every small non-zero count is withheld, and every shown count is a multiple of 5.
    assert withheld[(table["count"] > 0) & (table["count"] < 10)].all()
    assert (result["count"].dropna() % 5 == 0).all()
