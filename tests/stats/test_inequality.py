"""Tests of the slope and relative indices of inequality (PHE's ``phe_sii`` method, Low and Low 2004).

The expected point estimates are derived independently here, step by step from the published formulas: the
relative ranks in plain Python, then PHE's regression y√a = β₀√a + β₁b√a solved by NumPy's least squares
(the library uses the closed-form weighted regression instead). The package's own expected results
(tests/testthat/testdata_SII.xlsx in ukhsa-collaboration/PHEindicatormethods) are only stored as a
spreadsheet, which could not be read, so its example data (the ``phe_sii`` documentation) are used instead.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icshub.stats._frames import StatsInputError
from icshub.stats._intervals import z_value
from icshub.stats.inequality_indices import _positions, rii, sii

# The example of PHEindicatormethods' phe_sii documentation (ukhsa-collaboration/PHEindicatormethods,
# R/SII_function.R, @examples): life expectancy by deprivation decile (1 = most deprived) for two areas.
PHE_POPULATION = {
    "Area1": [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534],
    "Area2": [21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312],
}
PHE_VALUE = {
    "Area1": [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3],
    "Area2": [70.5, 71.6, 72.5, 73.5, 73.1, 76.2, 78.7, 80.6, 80.9, 80],
}
PHE_LOWER = {
    "Area1": [72.7, 75.3, 80.9, 80.2, 77.1, 78, 79, 81.4, 75.8, 83.2],
    "Area2": [70.1, 71.1, 72, 73.1, 72.7, 75.7, 78.2, 80.1, 80.4, 79.5],
}
PHE_UPPER = {
    "Area1": [79.1, 81.4, 86.8, 87.1, 83.8, 84.2, 84.4, 86.9, 85.4, 89.4],
    "Area2": [71, 72.1, 73.2, 73.7, 75.8, 78.8, 79.8, 81.2, 81.3, 80.9],
}
PHE_SE = {
    "Area1": [1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57],
    "Area2": [0.23, 0.26, 0.3, 0.16, 0.79, 0.78, 0.4, 0.28, 0.23, 0.35],
}

SIX_FIGURES = 5e-7
FAST = 2000  # repetitions where the limits' precision does not matter


def phe_example() -> pd.DataFrame:
    rows = []
    for area in PHE_VALUE:
        for i in range(10):
            rows.append(
                {
                    "area": area,
                    "decile": i + 1,
                    "population": PHE_POPULATION[area][i],
                    "value": PHE_VALUE[area][i],
                    "lower": PHE_LOWER[area][i],
                    "upper": PHE_UPPER[area][i],
                    "se": PHE_SE[area][i],
                }
            )
    return pd.DataFrame(rows)


def gradient_frame(values, populations, se=None, area="A") -> pd.DataFrame:
    k = len(values)
    return pd.DataFrame(
        {
            "area": [area] * k,
            "decile": list(range(1, k + 1)),
            "population": populations,
            "value": values,
            "se": se if se is not None else [1.0] * k,
        }
    )


def relative_ranks(populations) -> list[float]:
    """Each quantile's midpoint in the cumulative population share, in plain Python."""
    total = sum(populations)
    ranks, before = [], 0.0
    for n in populations:
        ranks.append(before + n / total / 2)
        before += n / total
    return ranks


def reference_fit(values, populations) -> tuple[float, float]:
    """PHE's regression y√a = β₀√a + β₁b√a by least squares: (intercept β₀, slope β₁)."""
    total = sum(populations)
    root = np.sqrt(np.array(populations, dtype=float) / total)
    ranks = np.array(relative_ranks(populations))
    design = np.column_stack([root, ranks * root])
    (intercept, slope), *_ = np.linalg.lstsq(design, np.array(values) * root, rcond=None)
    return float(intercept), float(slope)


def slope_weights(populations) -> np.ndarray:
    """The slope as a linear function of the values: row 2 of (XᵀX)⁻¹Xᵀ scaled back by √a."""
    total = sum(populations)
    root = np.sqrt(np.array(populations, dtype=float) / total)
    design = np.column_stack([root, np.array(relative_ranks(populations)) * root])
    return (np.linalg.pinv(design)[1] * root).astype(float)


# Worked example -------------------------------------------------------------------------------------------


def test_relative_ranks_follow_phe_documentation():
    # phe_sii's documentation: quantile 1 with 12% of the population has rank 0.06, quantile 2 with 10% 0.17.
    ranks = relative_ranks([12, 10, 78])
    assert ranks[:2] == pytest.approx([0.06, 0.17])


@pytest.mark.parametrize("area", ["Area1", "Area2"])
def test_sii_and_rii_match_the_published_regression(area):
    result = sii(phe_example(), "value", "population", "decile", "area", se="se", rii=True, repetitions=FAST)
    row = result.set_index("area").loc[area]
    intercept, slope = reference_fit(PHE_VALUE[area], PHE_POPULATION[area])
    assert row["value"] == pytest.approx(slope, rel=SIX_FIGURES)
    assert row["rii"] == pytest.approx((intercept + slope) / intercept, rel=SIX_FIGURES)
    # Life expectancy rises as deprivation falls, so the SII (least minus most deprived) is positive.
    assert row["value"] > 0 and row["rii"] > 1


def test_rii_relative_to_the_weighted_mean():
    result = rii(phe_example(), "value", "population", "decile", "area", se="se", rii_definition="mean",
                 repetitions=FAST).set_index("area")  # fmt: skip
    for area in PHE_VALUE:
        _, slope = reference_fit(PHE_VALUE[area], PHE_POPULATION[area])
        total = sum(PHE_POPULATION[area])
        mean = sum(v * n / total for v, n in zip(PHE_VALUE[area], PHE_POPULATION[area], strict=True))
        assert result.loc[area, "value"] == pytest.approx(slope / mean, rel=SIX_FIGURES)


def test_rii_function_gives_the_same_as_sii_with_rii():
    data = phe_example()
    both = sii(data, "value", "population", "decile", "area", se="se", rii=True, repetitions=FAST)
    alone = rii(data, "value", "population", "decile", "area", se="se", repetitions=FAST)
    np.testing.assert_array_equal(alone["value"], both["rii"])
    np.testing.assert_array_equal(alone["lower_95"], both["rii_lower_95"])
    np.testing.assert_array_equal(alone["upper_95"], both["rii_upper_95"])


def test_output_columns():
    result = sii(phe_example(), "value", "population", "decile", "area", se="se", confidence=(0.95, 0.998),
                 repetitions=FAST)  # fmt: skip
    assert list(result.columns) == [
        "area", "value", "lower_95", "upper_95", "lower_99_8", "upper_99_8", "repetitions", "method",
        "suppression_reason",
    ]  # fmt: skip
    assert list(result["area"]) == ["Area1", "Area2"]
    assert (result["repetitions"] == FAST).all()
    assert result["suppression_reason"].isna().all()


def test_point_estimate_does_not_depend_on_value_type():
    data = phe_example()
    normal = sii(data, "value", "population", "decile", "area", lower="lower", upper="upper", repetitions=FAST)
    rate = sii(data, "value", "population", "decile", "area", lower="lower", upper="upper", value_type="rate",
               repetitions=FAST)  # fmt: skip
    np.testing.assert_allclose(rate["value"], normal["value"], rtol=1e-12)


def test_negative_multiplier_reverses_sii_and_inverts_rii():
    data = phe_example()
    plain = sii(data, "value", "population", "decile", "area", se="se", rii=True, repetitions=FAST)
    turned = sii(data, "value", "population", "decile", "area", se="se", rii=True, repetitions=FAST, multiplier=-1)
    np.testing.assert_allclose(turned["value"], -plain["value"])
    np.testing.assert_allclose(turned["rii"], 1 / plain["rii"])
    # The same draws sorted the other way: PHE's positions round(R × 0.025) and round(R × 0.975) are not
    # mirror images (50 and 1950 of 2000), so the reversed limits are neighbouring order statistics.
    np.testing.assert_allclose(turned["lower_95"], -plain["upper_95"], rtol=2e-3)
    np.testing.assert_allclose(turned["upper_95"], -plain["lower_95"], rtol=2e-3)


def test_proportion_from_a_numerator_uses_wilson_limits():
    data = phe_example()[["area", "decile", "population"]].copy()
    data["events"] = [round(n * p) for n, p in zip(data["population"], np.linspace(0.3, 0.1, 20), strict=True)]
    from icshub.stats._intervals import wilson

    low, high = wilson(data["events"], data["population"], 0.95)
    given_limits = data.assign(share=data["events"] / data["population"], low=low, high=high)
    by_numerator = sii(data, None, "population", "decile", "area", numerator="events", value_type="proportion",
                       repetitions=FAST)  # fmt: skip
    by_limits = sii(given_limits, "share", "population", "decile", "area", lower="low", upper="high",
                    value_type="proportion", repetitions=FAST)  # fmt: skip
    pd.testing.assert_frame_equal(by_numerator, by_limits)


# Monte Carlo limits ---------------------------------------------------------------------------------------


def test_limit_positions_are_phes_order_statistics():
    assert _positions(100_000, 0.95) == (2500, 97500)
    assert _positions(100_000, 0.998) == (100, 99900)
    assert _positions(1000, 0.998) == (1, 999)


def test_limits_are_deterministic_under_a_seed():
    data = phe_example()
    first = sii(data, "value", "population", "decile", "area", se="se", rii=True, repetitions=FAST, seed=7)
    again = sii(data, "value", "population", "decile", "area", se="se", rii=True, repetitions=FAST, seed=7)
    other = sii(data, "value", "population", "decile", "area", se="se", rii=True, repetitions=FAST, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["lower_95"], other["lower_95"])


def test_a_group_gets_the_same_limits_with_or_without_other_groups():
    data = phe_example()
    together = sii(data, "value", "population", "decile", "area", se="se", repetitions=FAST)
    alone = sii(data[data["area"] == "Area2"], "value", "population", "decile", "area", se="se", repetitions=FAST)
    pd.testing.assert_frame_equal(together.iloc[[1]].reset_index(drop=True), alone)


def test_limits_from_95_percent_limits_equal_those_from_the_standard_error():
    data = phe_example()
    z = z_value(0.95)
    data["lower"], data["upper"] = data["value"] - z * data["se"], data["value"] + z * data["se"]
    by_se = sii(data, "value", "population", "decile", "area", se="se", repetitions=FAST)
    by_limits = sii(data, "value", "population", "decile", "area", lower="lower", upper="upper", repetitions=FAST)
    np.testing.assert_allclose(by_limits[["lower_95", "upper_95"]], by_se[["lower_95", "upper_95"]], rtol=1e-9)


@pytest.mark.parametrize("area", ["Area1", "Area2"])
def test_simulated_limits_agree_with_the_analytic_standard_error(area):
    # For a normal indicator the SII is linear in the values, so its SE is √(Σ wᵢ² SEᵢ²) exactly; 100,000
    # simulations put the 2.5% and 97.5% points within about 0.01 SE of their true places (0.03 at 99.8%).
    result = sii(phe_example(), "value", "population", "decile", "area", se="se", confidence=(0.95, 0.998))
    row = result.set_index("area").loc[area]
    weights = slope_weights(PHE_POPULATION[area])
    sd = math.sqrt(sum((w * s) ** 2 for w, s in zip(weights, PHE_SE[area], strict=True)))
    for level, tolerance in ((0.95, 0.05), (0.998, 0.15)):
        z = z_value(level)
        suffix = "95" if level == 0.95 else "99_8"
        assert row[f"lower_{suffix}"] == pytest.approx(row["value"] - z * sd, abs=tolerance * sd)
        assert row[f"upper_{suffix}"] == pytest.approx(row["value"] + z * sd, abs=tolerance * sd)


def test_rate_limits_bracket_the_value():
    result = sii(phe_example(), "value", "population", "decile", "area", lower="lower", upper="upper",
                 value_type="rate", rii=True, repetitions=FAST)  # fmt: skip
    assert (result["lower_95"] < result["value"]).all() and (result["value"] < result["upper_95"]).all()
    assert (result["rii_lower_95"] < result["rii"]).all() and (result["rii"] < result["rii_upper_95"]).all()


# Refusals -------------------------------------------------------------------------------------------------


def refusal(data: pd.DataFrame, **options) -> str:
    arguments = {"se": "se", "repetitions": FAST, **options}
    with pytest.raises(StatsInputError) as caught:
        sii(data, "value", "population", "decile", "area", **arguments)
    return str(caught.value)


def test_refuses_a_missing_quantile_naming_the_group():
    data = phe_example()
    message = refusal(data.drop(data.index[(data["area"] == "Area2") & (data["decile"].isin([3, 7]))]))
    assert "quantiles 3, 7 are missing" in message and "area='Area2'" in message


def test_refuses_a_repeated_quantile_naming_the_group():
    data = phe_example()
    data.loc[12, "decile"] = 2
    message = refusal(data)
    assert "quantile 2 appears twice" in message and "area='Area2'" in message


def test_refuses_fewer_than_five_quantiles():
    data = phe_example()
    assert "needs 5 to 100 quantiles numbered from 1, but 'decile' goes up to 4" in refusal(data[data["decile"] <= 4])
    assert "but nquantiles is 4" in refusal(data, nquantiles=4)


def test_refuses_a_quantile_missing_from_every_group_with_nquantiles():
    data = phe_example()
    top_missing = data[data["decile"] < 10]
    assert "quantile 10 is missing in group area='Area1'" in refusal(top_missing, nquantiles=10)
    only_one = top_missing[top_missing["area"] == "Area1"].drop(columns="area")
    with pytest.raises(StatsInputError, match="quantile 10 is missing in the data"):
        sii(only_one, "value", "population", "decile", se="se", nquantiles=10, repetitions=FAST)
    # Without nquantiles, the highest decile present sets N, so a gap lower down is still found.
    assert "quantile 4 is missing in group area='Area1'" in refusal(data[data["decile"] != 4])


def test_refuses_quantiles_not_numbered_from_one():
    data = phe_example()
    data["decile"] = data["decile"] - 1
    message = refusal(data)
    assert "'decile' is not a whole number from 1" in message and "area='Area1'" in message


def test_refuses_a_zero_population_naming_the_group():
    data = phe_example()
    data.loc[15, "population"] = 0
    message = refusal(data)
    assert "'population' is zero or negative" in message and "area='Area2'" in message


def test_refuses_a_missing_value_naming_the_group():
    data = phe_example()
    data.loc[4, "value"] = np.nan
    message = refusal(data)
    assert "'value' is missing" in message and "area='Area1'" in message


def test_refuses_a_negative_standard_error():
    data = phe_example()
    data.loc[19, "se"] = -1
    assert "'se' is negative in group area='Area2'" in refusal(data)


def test_refuses_limits_a_rate_cannot_take():
    data = phe_example()
    data.loc[3, "lower"] = 0
    message = refusal(data, se=None, lower="lower", upper="upper", value_type="rate")
    assert "'lower' must be above zero" in message and "area='Area1'" in message


def test_refuses_too_few_repetitions_and_missing_standard_errors():
    with pytest.raises(ValueError, match="at least 1000"):
        sii(phe_example(), "value", "population", "decile", "area", se="se", repetitions=999)
    with pytest.raises(ValueError, match="standard errors need"):
        sii(phe_example(), "value", "population", "decile", "area")


# Properties -----------------------------------------------------------------------------------------------

populations = st.lists(st.integers(100, 100_000), min_size=5, max_size=10)


@settings(max_examples=40, deadline=None)
@given(populations, st.floats(-100, 100), st.floats(-50, 50))
def test_sii_of_a_straight_gradient_is_its_end_to_end_difference(pops, start, gradient):
    ranks = relative_ranks(pops)
    values = [start + gradient * b for b in ranks]
    result = sii(gradient_frame(values, pops), "value", "population", "decile", "area", se="se", repetitions=1000)
    assert result["value"].iloc[0] == pytest.approx(gradient, abs=1e-9 * (1 + abs(start) + abs(gradient)))


@settings(max_examples=40, deadline=None)
@given(populations, st.floats(1, 1000))
def test_no_gradient_gives_sii_zero_and_rii_one_or_zero(pops, level):
    data = gradient_frame([level] * len(pops), pops)
    ratio = sii(data, "value", "population", "decile", "area", se="se", rii=True, repetitions=1000)
    assert ratio["value"].iloc[0] == pytest.approx(0, abs=1e-9 * level)
    assert ratio["rii"].iloc[0] == pytest.approx(1, abs=1e-9)
    mean = rii(data, "value", "population", "decile", "area", se="se", rii_definition="mean", repetitions=1000)
    assert mean["value"].iloc[0] == pytest.approx(0, abs=1e-9)


quantile_data = st.integers(5, 10).flatmap(
    lambda k: st.tuples(
        st.lists(st.integers(1000, 50_000), min_size=k, max_size=k),
        st.lists(st.floats(50, 100), min_size=k, max_size=k),
        st.lists(st.floats(0, 5), min_size=k, max_size=k),
    )
)


@settings(max_examples=40, deadline=None)
@given(quantile_data, st.sampled_from(["ratio", "mean"]))
def test_limits_bracket_the_value_and_nest(example, definition):
    pops, values, errors = example
    result = sii(gradient_frame(values, pops, errors), "value", "population", "decile", "area", se="se",
                 confidence=(0.95, 0.998), rii=True, rii_definition=definition, repetitions=1000)  # fmt: skip
    row = result.iloc[0]
    for name, value in (("", "value"), ("rii_", "rii")):
        assert row[f"{name}lower_95"] <= row[value] <= row[f"{name}upper_95"]
        assert row[f"{name}lower_99_8"] <= row[f"{name}lower_95"]
        assert row[f"{name}upper_95"] <= row[f"{name}upper_99_8"]


@settings(max_examples=25, deadline=None)
@given(quantile_data, quantile_data, st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(first, second, random):
    k = min(len(first[0]), len(second[0]))
    data = pd.concat(
        [gradient_frame(v[:k], p[:k], e[:k], area) for (p, v, e), area in ((first, "A"), (second, "B"))],
        ignore_index=True,
    )
    order = list(range(len(data)))
    random.shuffle(order)
    shuffled = data.iloc[order]
    options = {"se": "se", "rii": True, "repetitions": 1000, "confidence": (0.95, 0.998)}
    pd.testing.assert_frame_equal(
        sii(shuffled, "value", "population", "decile", "area", **options),
        sii(data, "value", "population", "decile", "area", **options),
    )
