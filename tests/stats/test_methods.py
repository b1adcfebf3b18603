"""Proportions, rates, means, DSRs, ISRs and SMRs: worked examples, refusals that name the group, properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from icshub import stats
from icshub.stats import ESP2013, StatsInputError
from icshub.stats._intervals import poisson_limits

BANDS = list(ESP2013)


def test_proportion_groups_sums_and_scales() -> None:
    data = pd.DataFrame({"area": ["A", "A", "B"], "x": [10, 10, 81], "n": [50, 50, 263]})
    result = stats.proportion(data, "x", "n", "area", multiplier=100)
    a = result.set_index("area").loc["A"]
    assert (a["x"], a["n"], a["value"]) == (20, 100, 20.0)
    assert a["lower_95"] == pytest.approx(13.33669, rel=1e-6) and a["upper_95"] == pytest.approx(28.88292, rel=1e-6)
    assert set(result["method"]) == {"Wilson"}


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"g": ["A", "B"], "x": [5, 11], "n": [10, 10]}), "'x' is above 'n' in group g='B'"),
        (pd.DataFrame({"g": ["A", "B"], "x": [5, -1], "n": [10, 10]}), "'x' is negative in group g='B'"),
        (pd.DataFrame({"g": ["A", "B"], "x": [0, 0], "n": [10, 0]}), "'n' is zero in group g='B'"),
        (pd.DataFrame({"g": ["A"], "x": [None], "n": [10]}), "'x' is missing or not a number in group g='A'"),
        (pd.DataFrame({"g": ["A"], "n": [10]}), "no column 'x'"),
    ],
)
def test_proportion_refusals_name_the_group(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(StatsInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        stats.proportion(frame, "x", "n", "g")


def test_rate_uses_exact_limits_below_ten_and_byars_from_ten() -> None:
    data = pd.DataFrame({"area": ["small", "big"], "deaths": [5, 418], "pop": [10_000, 100_000]})
    result = stats.rate(data, "deaths", "pop", "area").set_index("area")
    assert result.loc["small", "method"] == "Exact Poisson" and result.loc["big", "method"] == "Byar's"
    assert result.loc["small", "lower_95"] == pytest.approx(1.623486 / 10_000 * 100_000, rel=1e-6)
    assert result.loc["big", "value"] == pytest.approx(418.0)
    z = 1.959963984540054
    o = 418
    assert result.loc["big", "lower_95"] == pytest.approx(o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3, rel=1e-6)


def test_mean_uses_students_t() -> None:
    values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
    result = stats.mean(pd.DataFrame({"v": values}), "v", confidence=(0.95, 0.998))
    m, s, n = 5.0, np.std(values, ddof=1), len(values)
    half = sps.t.ppf(0.975, n - 1) * s / math.sqrt(n)
    assert result.loc[0, "value"] == pytest.approx(m)
    assert (result.loc[0, "lower_95"], result.loc[0, "upper_95"]) == (
        pytest.approx(m - half, rel=1e-6),
        pytest.approx(m + half, rel=1e-6),
    )
    assert result.loc[0, "lower_99_8"] < result.loc[0, "lower_95"]
    with pytest.raises(StatsInputError, match="fewer than two values in group g='x'"):
        stats.mean(pd.DataFrame({"g": ["x"], "v": [1.0]}), "v", "g")


def _dsr_frame(counts: list[int], populations: list[int], group: str = "A") -> pd.DataFrame:
    return pd.DataFrame({"g": group, "band": BANDS, "o": counts, "n": populations})


def test_dsr_worked_example_by_dobson() -> None:
    counts = [1, 0, 0, 1, 2, 3, 4, 6, 8, 11, 15, 20, 28, 40, 55, 70, 80, 75, 60]
    populations = [
        5200,
        5600,
        5700,
        5900,
        6100,
        6300,
        6600,
        6900,
        7100,
        7300,
        7200,
        6800,
        6100,
        5500,
        4800,
        3900,
        2700,
        1600,
        900,
    ]
    result = stats.dsr(_dsr_frame(counts, populations), "o", "n", "band", "g", confidence=(0.95, 0.998))
    # The same computation written out from the published formulas.
    w = [ESP2013[b] for b in BANDS]
    total_w = sum(w)
    value = sum(wi * oi / ni for wi, oi, ni in zip(w, counts, populations, strict=True)) / total_w * 100_000
    variance = sum(wi**2 * oi / ni**2 for wi, oi, ni in zip(w, counts, populations, strict=True)) / total_w**2
    variance *= 100_000**2
    o = sum(counts)
    z = 1.959963984540054
    o_low = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    o_high = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    row = result.iloc[0]
    assert row["value"] == pytest.approx(value, rel=1e-6)
    assert row["lower_95"] == pytest.approx(value + math.sqrt(variance / o) * (o_low - o), rel=1e-6)
    assert row["upper_95"] == pytest.approx(value + math.sqrt(variance / o) * (o_high - o), rel=1e-6)
    assert row["lower_99_8"] < row["lower_95"] < row["value"] < row["upper_95"] < row["upper_99_8"]
    assert row["method"] == "Dobson" and row["suppression_reason"] is None


def test_dsr_is_withheld_below_ten_events_and_refuses_missing_bands() -> None:
    result = stats.dsr(_dsr_frame([0] * 18 + [9], [1000] * 19), "o", "n", "band", "g")
    assert math.isnan(result.loc[0, "value"]) and result.loc[0, "suppression_reason"] == "total count below 10"
    frame = _dsr_frame([1] * 19, [1000] * 19)
    with pytest.raises(StatsInputError, match="age band 90\\+ is missing from 'band' in group g='A'"):
        stats.dsr(frame.iloc[:-1], "o", "n", "band", "g")
    with pytest.raises(StatsInputError, match="appears twice in 'band' in group g='A'"):
        stats.dsr(pd.concat([frame, frame.iloc[:1]]), "o", "n", "band", "g")
    with pytest.raises(StatsInputError, match="'band' is not one of 0-4, 5-9"):
        stats.dsr(frame.assign(band=["0-3", *BANDS[1:]]), "o", "n", "band", "g")


def test_smr_and_isr() -> None:
    data = pd.DataFrame(
        {
            "g": "A",
            "band": ["young", "old"],
            "deaths": [20, 80],
            "pop": [10_000, 5_000],
            "ref_deaths": [1_000, 9_000],
            "ref_pop": [1_000_000, 600_000],
        }
    )
    expected = 10_000 * 1_000 / 1_000_000 + 5_000 * 9_000 / 600_000  # 10 + 75 = 85
    smr = stats.smr(data, "deaths", "pop", "ref_deaths", "ref_pop", "g", multiplier=100).iloc[0]
    assert smr["expected"] == pytest.approx(expected) and smr["observed"] == 100
    assert smr["value"] == pytest.approx(100 / expected * 100)
    assert smr["method"] == "Byar's"
    isr = stats.isr(data, "deaths", "pop", "ref_deaths", "ref_pop", "g").iloc[0]
    crude = 10_000 / 1_600_000 * 100_000
    assert isr["value"] == pytest.approx(100 / expected * crude)
    low, _, _ = poisson_limits(100, 0.95)
    assert isr["lower_95"] == pytest.approx(float(low) / expected * crude, rel=1e-9)


counts = st.integers(0, 5_000)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(counts, st.integers(1, 100_000)), min_size=1, max_size=6))
def test_rates_bracket_their_value_and_wider_levels_contain_narrower(pairs) -> None:
    frame = pd.DataFrame({"g": range(len(pairs)), "o": [p[0] for p in pairs], "n": [p[1] for p in pairs]})
    result = stats.rate(frame, "o", "n", "g", confidence=(0.95, 0.998))
    assert (result["lower_99_8"] <= result["lower_95"] + 1e-9).all()
    assert (result["lower_95"] <= result["value"] + 1e-9).all() and (result["value"] <= result["upper_95"]).all()
    assert (result["upper_95"] <= result["upper_99_8"]).all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 200), min_size=19, max_size=19),
    st.lists(st.integers(100, 20_000), min_size=19, max_size=19),
)
def test_dsr_properties(counts_, populations) -> None:
    result = stats.dsr(_dsr_frame(counts_, populations), "o", "n", "band").iloc[0]
    if sum(counts_) < 10:
        assert math.isnan(result["value"])
        return
    assert result["lower_95"] <= result["value"] <= result["upper_95"]
    # A DSR is a weighted mean of the age-specific rates, so it lies between the smallest and the largest.
    rates = [o / n * 100_000 for o, n in zip(counts_, populations, strict=True)]
    assert min(rates) - 1e-9 <= result["value"] <= max(rates) + 1e-9


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 100), min_size=19, max_size=19), st.integers(2, 5))
def test_dsr_of_a_population_with_the_standards_own_rates_is_that_rate(counts_, factor) -> None:
    # If every band's rate is the same, the DSR is that rate whatever the standard weights.
    populations = [c * factor * 1000 for c in counts_]
    result = stats.dsr(_dsr_frame(counts_, populations), "o", "n", "band").iloc[0]
    if sum(counts_) >= 10:
        assert result["value"] == pytest.approx(100_000 / (factor * 1000))


def test_groups_are_computed_independently() -> None:
    a = _dsr_frame(list(range(1, 20)), [5000] * 19, "A")
    b = _dsr_frame(list(range(20, 39)), [7000] * 19, "B")
    together = stats.dsr(pd.concat([a, b]), "o", "n", "band", "g").set_index("g")
    assert together.loc["A", "value"] == pytest.approx(stats.dsr(a, "o", "n", "band", "g").iloc[0]["value"])
    assert together.loc["B", "upper_95"] == pytest.approx(stats.dsr(b, "o", "n", "band", "g").iloc[0]["upper_95"])


def test_suppression_reasons_are_none_where_a_value_is_given() -> None:
    withheld = _dsr_frame([0] * 18 + [9], [1000] * 19, "A")
    given_ = _dsr_frame([5] * 19, [1000] * 19, "B")
    result = stats.dsr(pd.concat([withheld, given_]), "o", "n", "band", "g").set_index("g")
    assert result.loc["A", "suppression_reason"] == "total count below 10"
    assert result.loc["B", "suppression_reason"] is None
