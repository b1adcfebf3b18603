"""Disclosure control: small counts withheld, lone withheld cells protected, shown counts rounded, and every
figure worked out from the published counts alone."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from icshub import stats
from icshub.population.disclosure import PRIMARY, SECONDARY, Policy, protect, protect_ratio, round_to


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


def _wilson(published: pd.DataFrame) -> pd.DataFrame:
    figures = stats.proportion(published, "numerator", "denominator", ["area"], 0.95, multiplier=100)
    return published[["area"]].merge(figures[["area", *LIMITS]], on="area", how="left")


LIMITS = ["value", "lower_95", "upper_95"]


def test_an_interval_cannot_give_back_a_withheld_denominator() -> None:
    # "0 of 2": the numerator 0 is shown, the denominator 2 withheld; Wilson's upper limit for 0/n names n.
    table = pd.DataFrame({"area": ["a", "b"], "numerator": [0, 30], "denominator": [2, 61]})
    result = protect_ratio(table, "numerator", "denominator", LIMITS, _wilson)
    assert result.loc[0, "numerator"] == 0 and pd.isna(result.loc[0, "denominator"])
    assert result.loc[0, LIMITS].isna().all()
    # The figure shown is the published 30 of 60, not the exact 30 of 61.
    expected = stats.proportion(
        pd.DataFrame({"area": ["b"], "numerator": [30], "denominator": [60]}),
        "numerator",
        "denominator",
        ["area"],
        0.95,
        multiplier=100,
    )
    assert result.loc[1, "value"] == pytest.approx(50.0) == expected.loc[0, "value"]
    assert result.loc[1, "upper_95"] == pytest.approx(expected.loc[0, "upper_95"])


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 40)).map(lambda pair: (min(pair), max(pair))),
        min_size=1,
        max_size=8,
    )
)
def test_every_figure_shown_is_a_function_of_the_published_counts_alone(pairs: list[tuple[int, int]]) -> None:
    """The attacks by interval and by percentage inversion: whatever the exact counts, what is shown beside a
    published count pair is exactly what those published counts give, and nothing is shown beside a count
    that is withheld, so no figure carries more than the counts do."""
    table = pd.DataFrame(
        {
            "area": [f"a{i}" for i in range(len(pairs))],
            "numerator": [n for n, _ in pairs],
            "denominator": [d for _, d in pairs],
        }
    )
    result = protect_ratio(table, "numerator", "denominator", LIMITS, _wilson)
    for index, (numerator, denominator) in enumerate(pairs):
        row = result.loc[index]
        if 0 < numerator < 10 or 0 < denominator < 10 or denominator == 0:
            assert row[LIMITS].isna().all(), (numerator, denominator, row.to_dict())
            continue
        published = pd.DataFrame(
            {"area": [row["area"]], "numerator": [int(row["numerator"])], "denominator": [int(row["denominator"])]}
        )
        again = _wilson(published).iloc[0]
        assert [row[c] for c in LIMITS] == pytest.approx([again[c] for c in LIMITS])
        assert int(row["numerator"]) % 5 == 0 and int(row["denominator"]) % 5 == 0


def test_a_percentage_of_a_total_is_of_the_published_total() -> None:
    # 40 of 39 people would be 102.6%, and 8 of 39 beside a shown 10 gives back the exact total.
    table = pd.DataFrame({"area": ["fit", "frail"], "numerator": [37, 2], "denominator": [39, 39]})

    def percent(published: pd.DataFrame) -> pd.DataFrame:
        shares = 100 * published["numerator"] / published["denominator"]
        return pd.DataFrame({"value": shares}, index=published.index)

    result = protect_ratio(table, "numerator", "denominator", ["value"], percent)
    assert result.loc[0, "value"] == pytest.approx(100 * 35 / 40) and pd.isna(result.loc[1, "value"])
