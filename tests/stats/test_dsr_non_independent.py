"""DSRs of non-independent events (PHEindicatormethods' ``independent_events = FALSE``): a worked example,
agreement with the independent DSR when every person has one event, wider limits otherwise, refusals that
name the group, and properties."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from icshub import stats
from icshub.stats import ESP2013, StatsInputError

BANDS = list(ESP2013)
METHOD = "Dobson, with variance allowing for non-independent events"

# A small standard of three bands, so that the worked example can be followed by hand.
STANDARD = {"0-39": 50_000, "40-69": 35_000, "70+": 15_000}
POPULATION = {"0-39": 40_000, "40-69": 25_000, "70+": 8_000}
# People in each band by the number of events each had: {frequency: people}.
PEOPLE = {"0-39": {1: 30, 2: 5, 3: 1}, "40-69": {1: 50, 2: 10, 4: 2}, "70+": {1: 60, 2: 20, 3: 6, 5: 1}}


def _frequency_frame(people: dict[str, dict[int, int]], population: dict[str, int], group: str = "A") -> pd.DataFrame:
    """One row per age band and event frequency, with the band's population repeated on each row."""
    return pd.DataFrame(
        [
            {"g": group, "band": band, "freq": f, "people": x, "n": population[band]}
            for band, by_frequency in people.items()
            for f, x in by_frequency.items()
        ]
    )


def _non_independent(frame: pd.DataFrame, **kwargs) -> pd.DataFrame:
    return stats.dsr(frame, "people", "n", "band", "g", independent_events=False, event_frequency="freq", **kwargs)


def _byars(o: float, z: float) -> tuple[float, float]:
    low = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    high = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    return low, high


def test_worked_example_from_the_formula() -> None:
    result = _non_independent(_frequency_frame(PEOPLE, POPULATION), standard=STANDARD, confidence=(0.95, 0.998))
    row = result.iloc[0]
    # Events per band O = Σ f x: 30 + 10 + 3 = 43, 50 + 20 + 8 = 78, 60 + 40 + 18 + 5 = 123; 244 in all.
    # Variance of each band's count Σ f² x: 30 + 20 + 9 = 59, 50 + 40 + 32 = 122, 60 + 80 + 54 + 25 = 219.
    events = {band: sum(f * x for f, x in d.items()) for band, d in PEOPLE.items()}
    spread = {band: sum(f * f * x for f, x in d.items()) for band, d in PEOPLE.items()}
    assert events == {"0-39": 43, "40-69": 78, "70+": 123}
    assert spread == {"0-39": 59, "40-69": 122, "70+": 219}
    total_w = sum(STANDARD.values())
    value = sum(STANDARD[b] * events[b] / POPULATION[b] for b in STANDARD) / total_w * 100_000
    variance = sum(STANDARD[b] ** 2 * spread[b] / POPULATION[b] ** 2 for b in STANDARD) / total_w**2 * 100_000**2
    o = sum(events.values())
    for level, column in ((0.95, "95"), (0.998, "99_8")):
        o_low, o_high = _byars(o, float(sps.norm.ppf(1 - (1 - level) / 2)))
        assert row[f"lower_{column}"] == pytest.approx(value + math.sqrt(variance / o) * (o_low - o), rel=1e-9)
        assert row[f"upper_{column}"] == pytest.approx(value + math.sqrt(variance / o) * (o_high - o), rel=1e-9)
    # The same numbers to six significant figures, worked out once by hand from the formula.
    assert value == pytest.approx(393.575, rel=1e-6) and variance == pytest.approx(1101.229375, rel=1e-9)
    assert row["value"] == pytest.approx(393.575, rel=1e-6)
    assert row["lower_95"] == pytest.approx(330.567, rel=5e-6)
    assert row["upper_95"] == pytest.approx(462.864, rel=5e-6)
    # The count is the total of events, the population each band's population once.
    assert row["people"] == 244 and row["n"] == 73_000
    assert row["method"] == METHOD and row["suppression_reason"] is None


def _esp_people(seed: int) -> dict[str, dict[int, int]]:
    """Deterministic people counts by frequency 1 to 3 for the 19 ESP2013 bands."""
    return {
        band: {1: 5 + (seed * 7 + i * 3) % 40, 2: (seed + i) % 6, 3: (seed * i) % 3} for i, band in enumerate(BANDS)
    }


def _esp_population(seed: int) -> dict[str, int]:
    return {band: 2_000 + (seed * 131 + i * 977) % 9_000 for i, band in enumerate(BANDS)}


def test_with_every_frequency_one_it_is_the_independent_dsr_exactly() -> None:
    frames = []
    for seed, group in ((1, "A"), (2, "B")):
        ones = {band: {1: d[1]} for band, d in _esp_people(seed).items()}
        frames.append(_frequency_frame(ones, _esp_population(seed), group))
    data = pd.concat(frames, ignore_index=True)
    non_independent = _non_independent(data, confidence=(0.95, 0.998))
    independent = stats.dsr(data.drop(columns="freq"), "people", "n", "band", "g", confidence=(0.95, 0.998))
    assert set(non_independent["method"]) == {METHOD} and set(independent["method"]) == {"Dobson"}
    pd.testing.assert_frame_equal(
        non_independent.drop(columns="method"), independent.drop(columns="method"), check_exact=True
    )


def test_repeated_events_leave_the_value_and_widen_the_limits() -> None:
    frames, independent_rows = [], []
    for seed, group in ((3, "A"), (4, "B")):
        people, population = _esp_people(seed), _esp_population(seed)
        frames.append(_frequency_frame(people, population, group))
        events = {band: sum(f * x for f, x in d.items()) for band, d in people.items()}
        independent_rows += [
            {"g": group, "band": band, "people": events[band], "n": population[band]} for band in BANDS
        ]
    non_independent = _non_independent(pd.concat(frames, ignore_index=True)).set_index("g")
    independent = stats.dsr(pd.DataFrame(independent_rows), "people", "n", "band", "g").set_index("g")
    assert non_independent["people"].tolist() == independent["people"].tolist()
    assert non_independent["value"].to_numpy() == pytest.approx(independent["value"].to_numpy(), rel=1e-12)
    assert (non_independent["lower_95"] < independent["lower_95"]).all()
    assert (non_independent["upper_95"] > independent["upper_95"]).all()


def test_suppression_counts_events_not_people() -> None:
    # Four people with three events each: 12 events, so the DSR is given although there are only 4 people.
    people = {band: {1: 0} for band in BANDS} | {"50-54": {1: 0, 3: 4}}
    row = _non_independent(_frequency_frame(people, dict.fromkeys(BANDS, 1_000))).iloc[0]
    assert row["people"] == 12 and row["suppression_reason"] is None and not math.isnan(row["value"])
    people["50-54"] = {1: 0, 3: 3}
    row = _non_independent(_frequency_frame(people, dict.fromkeys(BANDS, 1_000))).iloc[0]
    assert math.isnan(row["value"]) and row["suppression_reason"] == "total count below 10"


def _valid() -> pd.DataFrame:
    a = _frequency_frame(PEOPLE, POPULATION, "A")
    return pd.concat([a, a.assign(g="B")], ignore_index=True)


def _with(frame: pd.DataFrame, row: int, column: str, value: object) -> pd.DataFrame:
    changed = frame.copy()
    changed[column] = changed[column].astype(object)
    changed.loc[row, column] = value
    return changed


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (_with(_valid(), 11, "freq", 0), "'freq' is not a whole number of events of at least 1 in group g='B'"),
        (_with(_valid(), 12, "freq", 1.5), "'freq' is not a whole number of events of at least 1 in group g='B'"),
        (_with(_valid(), 13, "freq", None), "'freq' is missing or not a number in group g='B'"),
        (_with(_valid(), 12, "n", 12_345), "'n' is not the same on every row of age band 0-39 in group g='B'"),
        (_with(_valid(), 12, "freq", 2), "age band 0-39 appears twice with 'freq' = 2 in group g='B'"),
        (_valid().drop(index=[13, 14, 15]), "age band 40-69 is missing from 'band' in group g='B'"),
        (_valid().drop(columns="freq"), "the data has no column 'freq'"),
    ],
)
def test_refusals_name_the_group(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(StatsInputError, match=message):
        _non_independent(frame, standard=STANDARD)


def test_event_frequency_is_required_and_only_used_for_non_independent_events() -> None:
    with pytest.raises(StatsInputError, match="independent_events=False needs event_frequency"):
        stats.dsr(_valid(), "people", "n", "band", "g", standard=STANDARD, independent_events=False)
    with pytest.raises(StatsInputError, match="event_frequency is only used with independent_events=False"):
        stats.dsr(_valid(), "people", "n", "band", "g", standard=STANDARD, event_frequency="freq")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 60), min_size=19, max_size=19),
    st.lists(st.integers(500, 20_000), min_size=19, max_size=19),
    st.integers(1, 4),
    st.integers(1, 4),
)
@pytest.mark.slow
def test_limits_bracket_the_value_and_widen_as_events_concentrate_in_fewer_people(
    people: list[int], populations: list[int], f: int, step: int
) -> None:
    # The same events in every band, had by p·g people with f events each, or by p·f people with g > f events
    # each: the value is the same, and the variance Σ f² x grows with the frequency, so the limits widen.
    g = f + step
    population = dict(zip(BANDS, populations, strict=True))
    few = _frequency_frame({b: {g: p * f} for b, p in zip(BANDS, people, strict=True)}, population)
    many = _frequency_frame({b: {f: p * g} for b, p in zip(BANDS, people, strict=True)}, population)
    concentrated, spread = _non_independent(few).iloc[0], _non_independent(many).iloc[0]
    assert concentrated["people"] == spread["people"] == sum(people) * f * g
    if concentrated["people"] < 10:
        assert math.isnan(concentrated["value"]) and math.isnan(spread["value"])
        return
    assert concentrated["value"] == pytest.approx(spread["value"], rel=1e-12)
    for row in (concentrated, spread):
        assert row["lower_95"] <= row["value"] <= row["upper_95"]
    assert concentrated["lower_95"] < spread["lower_95"] + 1e-9
    assert concentrated["upper_95"] > spread["upper_95"] - 1e-9
    assert concentrated["upper_95"] - concentrated["lower_95"] > spread["upper_95"] - spread["lower_95"]
