"""Tests of life expectancy by Chiang's abridged life table with Silcocks' variance for the 90+ band."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from icshub.stats._frames import StatsInputError
from icshub.stats._intervals import z_value
from icshub.stats.life_expectancy import life_expectancy

BANDS = ["0", "1-4", *(f"{s}-{s + 4}" for s in range(5, 90, 5)), "90+"]
STARTS = [0, 1, *range(5, 95, 5)]

# The worked example of PHEindicatormethods (ukhsa-collaboration/PHEindicatormethods,
# tests/testthat/testLifeExpectancy.R, data frame ``df1``): population and deaths by band, 0 to 90+.
PHE_POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
            50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936]  # fmt: skip
PHE_DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937]

# The expected answers published with it (same file, ``answer1``): life expectancy at the start of each band
# and its 95% limits. Those limits are value ± 1.96 × SE (z rounded to 1.96), while the library uses
# z = 1.959964; so the limits are compared through the standard error they imply.
PHE_VALUE = [80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987,
             50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144,
             18.76856852, 14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635]  # fmt: skip
PHE_LOWER = [79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579,
             50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318, 27.04337271, 22.76653134,
             18.57570352, 14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386]  # fmt: skip
PHE_UPPER = [80.45653078, 79.63503188, 75.70979983, 70.7392414, 65.79270412, 60.931436, 56.03870395,
             51.17225516, 46.30814055, 41.48168441, 36.72422219, 32.05691365, 27.47718713, 23.17729746,
             18.96143352, 15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314]  # fmt: skip

SIX_FIGURES = 5e-7


def frame(pops, deaths, area=None) -> pd.DataFrame:
    data = pd.DataFrame({"band": BANDS, "pops": pops, "deaths": deaths})
    if area is not None:
        data.insert(0, "area", area)
    return data


def reference(pops, deaths, start_age: int, z: float) -> tuple[float, float, float]:
    """Life expectancy and limits by the published formulas, step by step in plain Python (no NumPy)."""
    widths = [1, 4] + [5] * 17
    fractions = [0.1] + [0.5] * 19
    rates = [d / p for d, p in zip(deaths, pops, strict=True)]
    q = [widths[i] * rates[i] / (1 + (1 - fractions[i]) * widths[i] * rates[i]) for i in range(19)] + [1.0]
    alive = [100_000.0]
    for i in range(19):
        alive.append(alive[i] * (1 - q[i]))
    lived = [widths[i] * (alive[i + 1] + fractions[i] * (alive[i] - alive[i + 1])) for i in range(19)]
    lived.append(alive[19] / rates[19])
    e = [sum(lived[i:]) / alive[i] for i in range(20)]
    terms = []
    for i in range(19):
        n, a, m = widths[i], fractions[i], rates[i]
        var_q = n**2 * m * (1 - a * n * m) / pops[i] / (1 + (1 - a) * n * m) ** 3  # Chiang
        terms.append(alive[i] ** 2 * ((1 - a) * n + e[i + 1]) ** 2 * var_q)
    terms.append((alive[19] / 2) ** 2 * 4 / (deaths[19] * rates[19] ** 2))  # Silcocks et al.
    x = STARTS.index(start_age)
    se = math.sqrt(sum(terms[x:]) / alive[x] ** 2)
    return e[x], e[x] - z * se, e[x] + z * se


# (1) The worked example.


@pytest.mark.parametrize("index", range(20))
def test_published_worked_example_to_six_figures(index):
    out = life_expectancy(frame(PHE_POPS, PHE_DEATHS), "deaths", "pops", "band", start_age=STARTS[index])
    row = out.iloc[0]
    assert row["value"] == pytest.approx(PHE_VALUE[index], rel=SIX_FIGURES)
    published_se = (PHE_UPPER[index] - PHE_LOWER[index]) / (2 * 1.96)
    se = (row["upper_95"] - row["lower_95"]) / (2 * z_value(0.95))
    assert se == pytest.approx(published_se, rel=SIX_FIGURES)
    assert row["value"] - row["lower_95"] == pytest.approx(row["upper_95"] - row["value"])
    assert row["suppression_reason"] is None


def test_output_columns_and_totals():
    out = life_expectancy(frame(PHE_POPS, PHE_DEATHS), "deaths", "pops", "band", confidence=(0.95, 0.998))
    assert list(out.columns) == [
        "deaths",
        "pops",
        "value",
        "lower_95",
        "upper_95",
        "lower_99_8",
        "upper_99_8",
        "method",
        "suppression_reason",
    ]
    assert len(out) == 1
    assert out["deaths"].iloc[0] == sum(PHE_DEATHS)
    assert out["pops"].iloc[0] == sum(PHE_POPS)
    assert "Chiang" in out["method"].iloc[0]


@pytest.mark.parametrize("start_age", [0, 15, 65, 90])
def test_agrees_with_plain_python_derivation_at_both_levels(start_age):
    # Expected values derived here from the published formulas (see ``reference``), not from the function.
    other_deaths = [round(d * 1.3) for d in PHE_DEATHS]
    data = pd.concat([frame(PHE_POPS, PHE_DEATHS, "A"), frame(PHE_POPS, other_deaths, "B")])
    data = data.sample(frac=1, random_state=1)  # bands and groups in any order
    out = life_expectancy(data, "deaths", "pops", "band", "area", (0.95, 0.998), start_age).set_index("area")
    for area, deaths in (("A", PHE_DEATHS), ("B", other_deaths)):
        for level, suffix in ((0.95, "95"), (0.998, "99_8")):
            value, lower, upper = reference(PHE_POPS, deaths, start_age, z_value(level))
            assert out.loc[area, "value"] == pytest.approx(value, rel=1e-10)
            assert out.loc[area, f"lower_{suffix}"] == pytest.approx(lower, rel=1e-10)
            assert out.loc[area, f"upper_{suffix}"] == pytest.approx(upper, rel=1e-10)


# (2) Refusals, naming the group.


def two_areas() -> pd.DataFrame:
    return pd.concat([frame(PHE_POPS, PHE_DEATHS, "A"), frame(PHE_POPS, PHE_DEATHS, "B")], ignore_index=True)


def test_refuses_a_missing_band():
    data = two_areas()
    data = data[~((data["area"] == "B") & (data["band"] == "45-49"))]
    with pytest.raises(StatsInputError, match=r"45-49 is missing .*area='B'"):
        life_expectancy(data, "deaths", "pops", "band", "area")


def test_refuses_a_duplicated_band():
    data = two_areas()
    data = pd.concat([data, data[(data["area"] == "B") & (data["band"] == "90+")]])
    with pytest.raises(StatsInputError, match=r"90\+ appears twice .*area='B'"):
        life_expectancy(data, "deaths", "pops", "band", "area")


def test_refuses_an_unknown_band():
    data = two_areas()
    data.loc[(data["area"] == "B") & (data["band"] == "90+"), "band"] = "90-94"
    with pytest.raises(StatsInputError, match=r"'band' is not one of .*area='B'"):
        life_expectancy(data, "deaths", "pops", "band", "area")


def test_refuses_negative_deaths():
    data = two_areas()
    data.loc[(data["area"] == "B") & (data["band"] == "10-14"), "deaths"] = -5
    with pytest.raises(StatsInputError, match=r"'deaths' is negative in group area='B'"):
        life_expectancy(data, "deaths", "pops", "band", "area")


def test_refuses_deaths_above_population():
    data = two_areas()
    data.loc[(data["area"] == "B") & (data["band"] == "85-89"), "pops"] = 119
    with pytest.raises(StatsInputError, match=r"'deaths' is greater than 'pops' .*area='B'"):
        life_expectancy(data, "deaths", "pops", "band", "area")


def test_refusals_without_groups_name_the_data():
    data = frame(PHE_POPS, PHE_DEATHS).iloc[:-1]
    with pytest.raises(StatsInputError, match="in the data"):
        life_expectancy(data, "deaths", "pops", "band")


def test_refuses_a_missing_column_and_a_start_age_that_is_not_a_band():
    with pytest.raises(StatsInputError, match="'population'"):
        life_expectancy(frame(PHE_POPS, PHE_DEATHS), "deaths", "population", "band")
    with pytest.raises(ValueError, match="start_age"):
        life_expectancy(frame(PHE_POPS, PHE_DEATHS), "deaths", "pops", "band", start_age=3)


# (3) Suppression.


def assert_withheld(row: pd.Series, reason: str) -> None:
    assert row["suppression_reason"] == reason
    assert np.isnan(row["value"]) and np.isnan(row["lower_95"]) and np.isnan(row["upper_95"])


def test_population_under_5000_is_withheld_and_other_groups_are_not():
    # The small-population case of the same test file (``df_low_pops``): 2,783 people in all.
    low_pops = [128, 152, 120, 176, 194, 180, 145, 149, 107, 185, 165, 109, 100, 122, 133, 189, 123, 121, 147, 138]
    low_deaths = [58, 93, 78, 94, 59, 71, 80, 73, 69, 72, 91, 69, 78, 71, 54, 91, 82, 53, 50, 84]
    data = pd.concat([frame(PHE_POPS, PHE_DEATHS, "A"), frame(low_pops, low_deaths, "B")])
    out = life_expectancy(data, "deaths", "pops", "band", "area").set_index("area")
    assert_withheld(out.loc["B"], "total population less than 5,000")
    assert out.loc["A", "value"] == pytest.approx(PHE_VALUE[0], rel=SIX_FIGURES)
    assert out.loc["A", "suppression_reason"] is None


def test_no_deaths_in_the_open_band_is_withheld():
    out = life_expectancy(frame(PHE_POPS, [*PHE_DEATHS[:-1], 0]), "deaths", "pops", "band")
    assert_withheld(out.iloc[0], "no deaths in the 90+ age band")


def test_a_band_with_no_population_is_withheld():
    pops, deaths = list(PHE_POPS), list(PHE_DEATHS)
    pops[5], deaths[5] = 0, 0
    out = life_expectancy(frame(pops, deaths), "deaths", "pops", "band")
    assert_withheld(out.iloc[0], "'pops' is zero in an age band")


def test_no_survivors_to_the_start_age_is_withheld():
    deaths = list(PHE_DEATHS)
    deaths[18] = PHE_POPS[18] // 2  # a × n × m > 1 in 85-89, so q = 1 and nobody reaches 90
    at_90 = life_expectancy(frame(PHE_POPS, deaths), "deaths", "pops", "band", start_age=90)
    assert_withheld(at_90.iloc[0], "no survivors to the start age in the life table")
    at_birth = life_expectancy(frame(PHE_POPS, deaths), "deaths", "pops", "band")
    assert 0 < at_birth["value"].iloc[0] < PHE_VALUE[0]


def test_confidence_interval_wider_than_20_years_is_withheld():
    pops = [300] * 20
    deaths = [1] * 20  # one death in 300 at 90+: e₉₀ = 300 years, with a standard error of 300
    out = life_expectancy(frame(pops, deaths), "deaths", "pops", "band")
    assert_withheld(out.iloc[0], "95% confidence interval wider than 20 years")


# (4) Properties.

# Roughly English death rates by band, to be varied band by band.
RATES = [0.004, 0.0002, 0.0001, 0.0001, 0.0003, 0.0005, 0.0006, 0.0008, 0.001, 0.0015,
         0.0025, 0.004, 0.006, 0.009, 0.015, 0.024, 0.04, 0.07, 0.12, 0.25]  # fmt: skip


@st.composite
def areas(draw) -> tuple[list[int], list[int]]:
    """Populations of 1,000 to 60,000 in each band and deaths at 0.5 to 1.5 times realistic rates."""
    pops = draw(st.lists(st.integers(1_000, 60_000), min_size=20, max_size=20))
    factors = draw(st.lists(st.floats(0.5, 1.5), min_size=20, max_size=20))
    deaths = [round(p * r * f) for p, r, f in zip(pops, RATES, factors, strict=True)]
    return pops, deaths


PROPERTY = settings(max_examples=30, deadline=None)


@PROPERTY
@given(areas(), st.sampled_from(STARTS))
def test_limits_bracket_the_value_and_998_contains_95(area, start_age):
    out = life_expectancy(frame(*area), "deaths", "pops", "band", confidence=(0.95, 0.998), start_age=start_age)
    row = out.iloc[0]
    assert row["suppression_reason"] is None
    assert row["lower_99_8"] <= row["lower_95"] <= row["value"] <= row["upper_95"] <= row["upper_99_8"]


@PROPERTY
@given(areas(), st.floats(1.01, 2.0), st.sampled_from(STARTS))
def test_more_deaths_in_every_band_means_lower_life_expectancy(area, factor, start_age):
    pops, deaths = area
    before = life_expectancy(frame(pops, deaths), "deaths", "pops", "band", start_age=start_age).iloc[0]
    scaled = [d * factor for d in deaths]
    after = life_expectancy(frame(pops, scaled), "deaths", "pops", "band", start_age=start_age).iloc[0]
    assume(before["suppression_reason"] is None and after["suppression_reason"] is None)
    assert after["value"] < before["value"]


@PROPERTY
@given(areas(), areas(), st.sampled_from(STARTS))
def test_groups_are_independent(first, second, start_age):
    together = pd.concat([frame(*first, "A"), frame(*second, "B")])
    both = life_expectancy(together, "deaths", "pops", "band", "area", (0.95, 0.998), start_age)
    alone = pd.concat(
        [
            life_expectancy(frame(*first, "A"), "deaths", "pops", "band", "area", (0.95, 0.998), start_age),
            life_expectancy(frame(*second, "B"), "deaths", "pops", "band", "area", (0.95, 0.998), start_age),
        ],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(both, alone)


@PROPERTY
@given(areas(), st.sampled_from(STARTS))
def test_life_expectancy_is_plausible(area, start_age):
    value = life_expectancy(frame(*area), "deaths", "pops", "band", start_age=start_age)["value"].iloc[0]
    assert 0 < value < 110
    if start_age == 0:
        assert 55 < value < 100
