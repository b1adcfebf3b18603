"""Comparison with England and inequality, as pure rules on hand-made figures."""

from __future__ import annotations

import pandas as pd
import pytest

from icshub.indicators.benchmarks import area_kind, latest_comparison
from icshub.indicators.inequality_gaps import deprivation_gap, deprivation_rank, place_gap
from icshub.indicators.load import ValueRecord
from icshub.stats import sii
from icshub.stats.deprivation_groups import DECILE_WORDS, QUINTILE_WORDS
from icshub.stats.periods import period_order


def figure(area: str, period: str, value: float | None, half_95: float = 0.5, **fields) -> ValueRecord:
    """A figure whose 99.8% interval is 1.6 times as wide as its 95% one."""
    limits = {}
    if value is not None:
        limits = {
            "lower_95": value - half_95,
            "upper_95": value + half_95,
            "lower_99_8": value - 1.6 * half_95,
            "upper_99_8": value + 1.6 * half_95,
        }
    return ValueRecord(0, "k", area, period, period_order(period), value=value, **(limits | fields))


def test_areas_are_known_by_their_codes() -> None:
    kinds = [area_kind(c) for c in ("E92000001", "E54000032", "E10000016", "E06000035", "E07000105", "west-kent")]
    assert kinds == ["england", "icb", "county", "district", "district", "place"]
    assert area_kind("E12000008") == "other"


def test_every_area_is_compared_with_england_in_the_indicators_words() -> None:
    values = [
        figure("E92000001", "2023/24", 10.0, 0.05),
        figure("E07000001", "2023/24", 12.0, area_name="Clear at 99.8%"),
        figure("E07000002", "2023/24", 10.7, area_name="Clear at 95% only"),
        figure("E07000003", "2023/24", 10.2, area_name="Overlapping"),
        figure("E07000004", "2023/24", 8.0, area_name="Lower"),
        figure("west-kent", "2023/24", None, value_note="suppressed", area_name="No value"),
        figure("E54000032", "2023/24", 11.0),
        figure("E54000032", "2022/23", 30.0),  # an older period is not compared
        figure("E07000001", "2023/24", 50.0, category_type="Sex", category="Male"),  # a breakdown is not either
    ]
    comparison = latest_comparison(values, "low_is_good")
    assert comparison.period == "2023/24" and comparison.benchmark.value == 10.0
    words = {b.figure.area_code: (b.kind, b.compared, b.two_level) for b in comparison.areas}
    assert words == {
        "E92000001": ("england", "benchmark", "benchmark"),
        "E54000032": ("icb", "worse", "worse at 99.8%"),
        "west-kent": ("place", "not compared", "not compared"),
        "E07000001": ("district", "worse", "worse at 99.8%"),
        "E07000002": ("district", "worse", "worse at 95%"),
        "E07000003": ("district", "similar", "similar"),
        "E07000004": ("district", "better", "better at 99.8%"),
    }
    # Table order: England, the ICB, places, then districts by name.
    assert [b.kind for b in comparison.areas][:3] == ["england", "icb", "place"]
    high_is_good = {b.figure.area_code: b.two_level for b in latest_comparison(values, "high_is_good").areas}
    assert high_is_good["E07000001"] == "better at 99.8%" and high_is_good["E07000004"] == "worse at 99.8%"
    no_polarity = {b.figure.area_code: b.slug for b in latest_comparison(values, None).areas}
    assert no_polarity["E07000001"] == "higher-99-8" and no_polarity["E07000002"] == "higher-95"


def test_the_latest_period_with_an_england_figure_is_compared() -> None:
    values = [
        figure("E92000001", "2022/23", 10.0),
        figure("E07000001", "2022/23", 11.0, 0.2),
        figure("E07000001", "2023/24", 9.0),  # newer, but England has no figure for it yet
    ]
    comparison = latest_comparison(values, "low_is_good")
    assert comparison.period == "2022/23" and [b.two_level for b in comparison.areas] == ["benchmark", "worse at 99.8%"]
    alone = latest_comparison([figure("E07000001", "2023/24", 9.0)], "low_is_good")
    assert alone.benchmark is None and [b.compared for b in alone.areas] == ["not compared"]


def quintiles(area: str, period: str, values: list[float], people: list[float]) -> list[ValueRecord]:
    return [
        figure(area, period, v, 0.4, category_type="Deprivation quintile", category=w, denominator=n, area_name="ICB")
        for w, v, n in zip(QUINTILE_WORDS, values, people, strict=True)
    ]


def test_the_deprivation_gap_and_sii_of_the_latest_complete_quintiles() -> None:
    values = [
        *quintiles("E54000032", "2022/23", [20, 18, 15, 12, 10], [100, 200, 300, 200, 100]),
        *quintiles("E54000032", "2023/24", [14, 12, 11, 9, 7], [2000, 2500, 3000, 2500, 2000]),
        *quintiles("E54000032", "2024/25", [14, 12, 11, 9, 7], [2000, 2500, 3000, 2500, 2000])[:4],  # incomplete
    ]
    gap = deprivation_gap(values, "percentage")
    assert (gap.period, gap.area_code, gap.gap) == ("2023/24", "E54000032", pytest.approx(7.0))
    assert [g.value for g in gap.groups] == [14, 12, 11, 9, 7]
    # The SII is icshub.stats.sii on the proportions, in percentage points, least minus most deprived.
    expected = sii(
        pd.DataFrame(
            {
                "q": range(1, 6),
                "value": [0.14, 0.12, 0.11, 0.09, 0.07],
                "lower": [0.136, 0.116, 0.106, 0.086, 0.066],
                "upper": [0.144, 0.124, 0.114, 0.094, 0.074],
                "n": [2000, 2500, 3000, 2500, 2000],
            }
        ),
        "value",
        "n",
        "q",
        lower="lower",
        upper="upper",
        repetitions=10_000,
        value_type="proportion",
        multiplier=100,
    ).iloc[0]
    assert gap.sii == pytest.approx(expected["value"]) and gap.sii < 0
    assert gap.sii_lower == pytest.approx(expected["lower_95"]) and gap.sii_lower < gap.sii < gap.sii_upper
    assert deprivation_gap(values[-4:], "percentage") is None


def test_deprivation_words_are_read_as_fingertips_writes_them() -> None:
    assert deprivation_rank("Most deprived quintile") == (1, 5)
    assert deprivation_rank(" least deprived quintile ") == (5, 5)
    assert [deprivation_rank(w) for w in DECILE_WORDS] == [(i, 10) for i in range(1, 11)]
    assert deprivation_rank("Male") is None


def test_the_gap_between_places() -> None:
    values = [
        figure("west-kent", "2023/24", 8.0, area_name="West Kent"),
        figure("east-kent", "2023/24", 11.5, area_name="East Kent"),
        figure("medway-and-swale", "2023/24", 9.0, area_name="Medway and Swale"),
        figure("east-kent", "2024/25", 12.0),  # only one place has the newest period
        figure("E07000001", "2024/25", 30.0),  # districts are not places
    ]
    gap = place_gap(values)
    assert (gap.period, gap.lowest.area_code, gap.highest.area_code, gap.gap) == (
        "2023/24",
        "west-kent",
        "east-kent",
        pytest.approx(3.5),
    )
    assert place_gap(values[3:]) is None
