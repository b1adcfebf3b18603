"""Discrimination and calibration of risk predictions: the c-statistic against counted pairs, its bounds,
calibration of well-calibrated and over-confident predictions, the table by tenths, and groups."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import expit, logit

from icshub.stats import StatsInputError
from icshub.stats.model_checks import c_statistic, calibration, calibration_table, discrimination


def counted_pairs(outcome: list[int], predicted: list[float]) -> float:
    """The share of (had it, did not) pairs in which the one who had it has the higher risk; ties a half."""
    pairs = [
        1.0 if high > low else 0.5 if high == low else 0.0
        for (y1, high), (y0, low) in itertools.product(zip(outcome, predicted, strict=True), repeat=2)
        if y1 == 1 and y0 == 0
    ]
    return sum(pairs) / len(pairs)


def test_c_statistic_of_a_worked_example() -> None:
    outcome = [0, 0, 1, 1, 0, 1]
    predicted = [0.1, 0.4, 0.35, 0.8, 0.8, 0.5]
    # Pairs won by the three who had it: 0.35 beats 0.1 (1); 0.8 beats 0.1 and 0.4 and ties 0.8 (2.5);
    # 0.5 beats 0.1 and 0.4 (2). 5.5 of 9 pairs.
    assert c_statistic(outcome, predicted) == pytest.approx(5.5 / 9)


@given(
    st.lists(st.tuples(st.integers(0, 1), st.integers(0, 5).map(lambda v: v / 5)), min_size=2, max_size=30).filter(
        lambda rows: 0 < sum(y for y, _ in rows) < len(rows)
    )
)
def test_c_statistic_equals_the_proportion_of_pairs_counted_by_hand(rows: list[tuple[int, float]]) -> None:
    outcome, predicted = map(list, zip(*rows, strict=True))
    assert c_statistic(outcome, predicted) == pytest.approx(counted_pairs(outcome, predicted))


def test_c_statistic_bounds() -> None:
    outcome = np.array([0, 1, 0, 1, 1, 0, 0])
    assert c_statistic(outcome, np.full(7, 0.2)) == 0.5  # a constant tells no one apart
    assert c_statistic(outcome, outcome * 0.5 + 0.1) == 1.0  # perfect separation
    assert c_statistic(outcome, 1 - outcome * 0.5) == 0.0
    assert np.isnan(c_statistic(np.zeros(4), np.arange(4.0)))


def drawn_from(predicted: np.ndarray, seed: int) -> np.ndarray:
    return (np.random.default_rng(seed).random(len(predicted)) < predicted).astype(int)


def test_outcomes_drawn_from_the_predictions_are_well_calibrated() -> None:
    rng = np.random.default_rng(11)
    predicted = expit(rng.normal(-2.5, 1.0, 200_000))
    data = pd.DataFrame({"admitted": drawn_from(predicted, 12), "risk": predicted})
    result = calibration(data, "admitted", "risk").iloc[0]
    assert result["people"] == 200_000 and result["observed"] == data["admitted"].sum()
    assert result["expected"] == pytest.approx(predicted.sum())
    assert result["oe_ratio"] == pytest.approx(1, abs=0.03)
    assert result["oe_lower_95"] < 1 < result["oe_upper_95"]
    assert result["slope"] == pytest.approx(1, abs=0.05) and result["intercept"] == pytest.approx(0, abs=0.03)
    assert result["slope_lower_95"] < 1 < result["slope_upper_95"]
    assert result["difference"] == pytest.approx(0, abs=0.002)
    assert result["brier"] == pytest.approx(np.mean((predicted - data["admitted"]) ** 2))
    assert result["note"] is None


def test_over_confident_and_too_high_predictions_are_shown_as_such() -> None:
    rng = np.random.default_rng(21)
    truth = expit(rng.normal(-2.0, 0.8, 100_000))
    admitted = drawn_from(truth, 22)
    extreme = pd.DataFrame({"y": admitted, "p": expit(2 * logit(truth))})  # log-odds doubled
    assert calibration(extreme, "y", "p")["slope"].iloc[0] == pytest.approx(0.5, abs=0.05)
    doubled_odds = pd.DataFrame({"y": admitted, "p": expit(logit(truth) + np.log(2))})
    high = calibration(doubled_odds, "y", "p").iloc[0]
    assert high["intercept"] == pytest.approx(-np.log(2), abs=0.05) and high["oe_upper_95"] < 1


def test_one_call_gives_each_group_what_it_would_get_alone() -> None:
    rng = np.random.default_rng(31)
    predicted = expit(rng.normal(-1.5, 1.0, 6_000))
    data = pd.DataFrame(
        {
            "place": rng.choice(["Medway", "East Kent", "West Kent"], 6_000),
            "y": drawn_from(predicted, 32),
            "p": predicted,
        }
    )
    grouped = calibration(data, "y", "p", "place").set_index("place")
    by_c = discrimination(data, "y", "p", "place").set_index("place")
    assert list(grouped.index) == ["East Kent", "Medway", "West Kent"]
    for place, part in data.groupby("place"):
        alone = calibration(part, "y", "p").iloc[0]
        assert grouped.loc[place, "slope"] == pytest.approx(alone["slope"])
        assert grouped.loc[place, "oe_ratio"] == pytest.approx(alone["oe_ratio"])
        assert by_c.loc[place, "value"] == pytest.approx(c_statistic(part["y"], part["p"]))
        assert by_c.loc[place, "lower_95"] < by_c.loc[place, "value"] < by_c.loc[place, "upper_95"]


def test_groups_without_the_outcome_are_noted_not_refused() -> None:
    data = pd.DataFrame({"g": ["a"] * 4 + ["b"] * 4, "y": [0, 1, 0, 1, 0, 0, 0, 0], "p": [0.2, 0.6, 0.3, 0.5] * 2})
    c = discrimination(data, "y", "p", "g").set_index("g")
    assert c.loc["a", "value"] == 1.0 and c.loc["a", "note"] is None
    assert np.isnan(c.loc["b", "value"]) and c.loc["b", "note"] == "no one had the outcome"
    fitted = calibration(data, "y", "p", "g").set_index("g")
    assert np.isnan(fitted.loc["b", "slope"]) and "no one has the outcome" in fitted.loc["b", "note"]
    assert fitted.loc["b", "oe_ratio"] == 0 and fitted.loc["b", "oe_upper_95"] > 0


def test_table_by_tenths_of_predicted_risk() -> None:
    rng = np.random.default_rng(41)
    predicted = expit(rng.normal(-2, 1, 1_000))
    data = pd.DataFrame({"y": drawn_from(predicted, 42), "p": predicted, "q": np.repeat([1, 2], 500)})
    table = calibration_table(data, "y", "p")
    assert list(table["tenth"]) == list(range(1, 11)) and (table["people"] == 100).all()
    assert table["observed"].sum() == data["y"].sum() and table["expected"].sum() == pytest.approx(predicted.sum())
    assert (table["risk_from"].to_numpy()[1:] >= table["risk_to"].to_numpy()[:-1]).all()
    lowest = np.sort(predicted)[:100]
    assert table["expected_risk"].iloc[0] == pytest.approx(lowest.mean())
    by_quintile = calibration_table(data, "y", "p", "q", bins=5)
    assert list(by_quintile.groupby("q")["people"].sum()) == [500, 500] and len(by_quintile) == 10
    assert (by_quintile["lower_95"] <= by_quintile["observed_risk"]).all()


def test_refusals_name_the_column_and_group() -> None:
    data = pd.DataFrame({"g": ["a", "b"], "y": [0, 1], "p": [0.5, 1.0]})
    with pytest.raises(StatsInputError, match=r"'p' is not a risk strictly between 0 and 1 in group g='b'"):
        calibration(data, "y", "p", "g")
    with pytest.raises(StatsInputError, match=r"'y' is not 0 or 1 in group g='a'"):
        discrimination(data.assign(y=[3, 1]), "y", "p", "g")
    with pytest.raises(StatsInputError, match="no column 'risk'"):
        calibration_table(data, "y", "risk")
