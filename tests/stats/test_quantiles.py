"""Tests of assigning areas to quantiles by OHID's method (PHEindicatormethods ``phe_quantile``).

The package's own expected results (tests/testthat/testdata_Quantiles.xlsx in
ukhsa-collaboration/PHEindicatormethods) are only stored as a spreadsheet, which could not be read; the
expected quantiles here are worked by hand from the published formula (R/Quantiles.R there)

    quantile = floor((N + 1) − ceiling(((n + 1) − rank) / (n / N))), and 1 where that gives 0,

with rank the lowest rank among ties, or computed from it step by step in plain Python (``reference``).
"""

from __future__ import annotations

import math
import random as stdlib_random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icshub.stats._frames import StatsInputError
from icshub.stats.quantiles import quantiles


def reference(values: list[float], nquantiles: int, invert: bool = False) -> list[int]:
    """The published formula in plain Python: min rank among ties (1 = lowest, or highest when inverted)."""
    n = len(values)
    out = []
    for v in values:
        rank = 1 + sum(1 for w in values if (w > v if invert else w < v))
        q = math.floor((nquantiles + 1) - math.ceil(((n + 1) - rank) / (n / nquantiles)))
        out.append(1 if q == 0 else q)
    return out


# Worked examples ------------------------------------------------------------------------------------------


def test_twelve_areas_in_quintiles_by_hand():
    # n = 12, N = 5, n/N = 2.4. Rank r gives ⌈(13 − r)/2.4⌉ = 5,5,5,4,4,3,3,3,2,2,1,1 for r = 1..12, so
    # quantile = 6 − that: ranks 1-3 → 1, 4-5 → 2, 6-8 → 3, 9-10 → 4, 11-12 → 5 (sizes 3, 2, 3, 2, 2).
    values = [70, 10, 120, 40, 90, 30, 20, 110, 60, 50, 100, 80]
    expected = [3, 1, 5, 2, 4, 1, 1, 5, 3, 2, 4, 3]
    result = quantiles(pd.DataFrame({"score": values}), "score", nquantiles=5)
    assert result["quantile"].tolist() == expected
    assert result["quantile"].tolist() == reference(values, 5)


def test_inverted_quintiles_put_the_highest_values_first():
    # The same areas with inverttiles: rank 1 is now the highest value, so by the same rank-to-quantile table
    # 120, 110, 100 → 1; 90, 80 → 2; 70, 60, 50 → 3; 40, 30 → 4; 20, 10 → 5.
    values = [70, 10, 120, 40, 90, 30, 20, 110, 60, 50, 100, 80]
    result = quantiles(pd.DataFrame({"score": values}), "score", nquantiles=5, inverttiles=True)
    assert result["quantile"].tolist() == [3, 5, 1, 4, 2, 4, 5, 1, 3, 3, 1, 2]
    assert result["quantile"].tolist() == reference(values, 5, invert=True)


def test_ties_share_the_lowest_rank_and_so_a_quantile():
    # Ranks (min among ties): 1 → 1, 2 → 2, 3 → 3, 4 → 4, the three 5s → 5, 6 → 8, 7 → 9, 8 → 10. With n = 10,
    # N = 5 (n/N = 2), quantile = 6 − ⌈(11 − rank)/2⌉: ranks 1, 2 → 1; 3, 4 → 2; 5 → 3; 8 → 4; 9, 10 → 5.
    # So all three 5s are in quintile 3, which has three areas while quintile 4 has one.
    values = [5, 5, 5, 1, 2, 3, 4, 6, 7, 8]
    result = quantiles(pd.DataFrame({"score": values}), "score", nquantiles=5)
    assert result["quantile"].tolist() == [3, 3, 3, 1, 1, 2, 2, 4, 5, 5]
    assert result["quantile"].tolist() == reference(values, 5)


def test_twenty_three_areas_in_deciles_within_each_region():
    rng = np.random.default_rng(3)
    values = {"R1": rng.permutation(23).astype(float).tolist(), "R2": rng.normal(size=23).tolist()}
    data = pd.DataFrame({"region": ["R1"] * 23 + ["R2"] * 23, "score": values["R1"] + values["R2"]})
    result = quantiles(data, "score", highergeog="region")
    assert result["quantile"].tolist() == reference(values["R1"], 10) + reference(values["R2"], 10)


def test_output_keeps_the_rows_and_adds_the_metadata():
    data = pd.DataFrame(
        {"region": ["A"] * 5 + ["B"] * 5, "period": 2024, "score": [3, 1, 2, 5, 4, 9, 8, 7, 6, 5]},
        index=[f"lsoa{i}" for i in range(10)],
    )
    result = quantiles(data, "score", group_by="period", highergeog="region", nquantiles=5, inverttiles=True)
    pd.testing.assert_frame_equal(result[data.columns], data)
    assert list(result.columns) == [*data.columns, "quantile", "nquantiles", "group_vars", "invert", "qinverted"]
    assert (result["nquantiles"] == 5).all()
    assert (result["group_vars"] == "period, region").all()
    assert result["invert"].all()
    assert (result["qinverted"] == "lowest quantile represents highest values").all()
    standard = quantiles(data, "score", group_by="region", nquantiles=5, type="standard")
    assert list(standard.columns) == [*data.columns, "quantile"]
    assert data.columns.tolist() == ["region", "period", "score"]  # the input is left alone


def test_invert_from_a_column_per_group():
    data = pd.DataFrame(
        {
            "indicator": ["life expectancy"] * 5 + ["mortality"] * 5,
            "higher_is_worse": [False] * 5 + [True] * 5,
            "value": [1, 2, 3, 4, 5] * 2,
        }
    )
    result = quantiles(data, "value", "indicator", nquantiles=5, inverttiles="higher_is_worse")
    assert result["quantile"].tolist() == [1, 2, 3, 4, 5, 5, 4, 3, 2, 1]


# Refusals -------------------------------------------------------------------------------------------------


def test_refuses_a_missing_value_naming_the_row_and_group():
    data = pd.DataFrame({"region": ["A"] * 6 + ["B"] * 6, "score": [1.0] * 6 + [1, 2, 3, np.nan, 5, 6]})
    data.index = [f"lsoa{i}" for i in range(12)]
    with pytest.raises(
        StatsInputError, match=r"'score' is missing or not a number for row 'lsoa9' in group region='B'"
    ):
        quantiles(data, "score", highergeog="region", nquantiles=5)


def test_refuses_too_few_areas_naming_the_group():
    data = pd.DataFrame({"region": ["A"] * 10 + ["B"] * 9, "score": range(19)})
    with pytest.raises(StatsInputError, match=r"group region='B' has 9 areas, fewer than the 10 quantiles"):
        quantiles(data, "score", highergeog="region")


def test_refuses_an_invert_column_that_varies_within_a_group():
    data = pd.DataFrame({"region": ["A"] * 5, "flag": [True, True, False, True, True], "score": range(5)})
    with pytest.raises(StatsInputError, match=r"'flag' is not the same for every area .* group region='A'"):
        quantiles(data, "score", "region", nquantiles=5, inverttiles="flag")


def test_refuses_bad_arguments():
    data = pd.DataFrame({"score": range(10)})
    with pytest.raises(ValueError, match="nquantiles"):
        quantiles(data, "score", nquantiles=1)
    with pytest.raises(ValueError, match="type"):
        quantiles(data, "score", type="brief")
    with pytest.raises(StatsInputError, match="no column 'region'"):
        quantiles(data, "score", highergeog="region")


# Properties -----------------------------------------------------------------------------------------------

groups_of_values = st.lists(
    st.lists(st.integers(-50, 50), min_size=10, max_size=40),
    min_size=1,
    max_size=3,
)


def frame_of(groups: list[list[int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": [f"R{i}" for i, values in enumerate(groups) for _ in values],
            "score": [v for values in groups for v in values],
        }
    )


@settings(max_examples=60, deadline=None)
@given(groups_of_values, st.integers(2, 10), st.booleans())
def test_quantiles_are_in_range_monotone_and_as_published(groups, nquantiles, invert):
    data = frame_of(groups)
    result = quantiles(data, "score", highergeog="region", nquantiles=nquantiles, inverttiles=invert)
    assert result["quantile"].between(1, nquantiles).all()
    for i, values in enumerate(groups):
        part = result[result["region"] == f"R{i}"].sort_values("score", kind="stable")
        steps = np.diff(part["quantile"].to_numpy())
        assert (steps <= 0).all() if invert else (steps >= 0).all()
        assert part.sort_index()["quantile"].tolist() == reference(values, nquantiles, invert)


@settings(max_examples=60, deadline=None)
@given(st.sets(st.floats(-1e6, 1e6, allow_nan=False), min_size=10, max_size=60), st.integers(2, 10), st.booleans())
def test_distinct_values_give_sizes_differing_by_at_most_one(values, nquantiles, invert):
    data = pd.DataFrame({"score": sorted(values)})
    sizes = quantiles(data, "score", nquantiles=nquantiles, inverttiles=invert)["quantile"].value_counts()
    assert sorted(sizes.index) == list(range(1, nquantiles + 1))
    assert sizes.max() - sizes.min() <= 1


@settings(max_examples=40, deadline=None)
@given(groups_of_values, st.integers(2, 10), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(groups, nquantiles, random: stdlib_random.Random):
    data = frame_of(groups)
    order = list(range(len(data)))
    random.shuffle(order)
    shuffled = quantiles(data.iloc[order], "score", highergeog="region", nquantiles=nquantiles)
    pd.testing.assert_frame_equal(shuffled.sort_index(), quantiles(data, "score", "region", nquantiles))
