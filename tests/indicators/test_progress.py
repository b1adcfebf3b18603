"""Progress to target: trajectory, projection, achieved, and the honest 'not yet assessable'."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icshub.indicators.target_progress import (
    ACHIEVED,
    NOT_ASSESSABLE,
    OFF_TRACK,
    ON_TRACK,
    Figure,
    assess,
    expected_at,
    main_series,
    projection,
)

Y2024, Y2028 = 2024 * 12, 2028 * 12


def test_on_the_trajectory_from_baseline_to_target() -> None:
    # Baseline 10.2% in 2024, target at most 6% in 2028: halfway, 8.1% is expected.
    on = assess("at_most", 6, Y2028, 10.2, Y2024, [Figure(Y2024 + 24, 8.3, 7.9, 8.7)])
    assert (on.status, on.expected) == (ON_TRACK, pytest.approx(8.1))
    off = assess("at_most", 6, Y2028, 10.2, Y2024, [Figure(Y2024 + 24, 9.5, 9.1, 9.9)])
    assert off.status == OFF_TRACK
    assert assess("at_most", 6, Y2028, 10.2, Y2024, [Figure(Y2024 + 24, 5.9)]).status == ACHIEVED


def test_without_a_baseline_period_the_trend_is_projected() -> None:
    falling = [Figure(Y2024 - 36 + 12 * i, 10 - 1.2 * i) for i in range(4)]
    assert assess("at_most", 6, Y2028, 10.2, None, falling).status == ON_TRACK
    flat = [Figure(Y2024 - 36 + 12 * i, 10.0) for i in range(4)]
    assert assess("at_most", 6, Y2028, 10.2, None, flat).status == OFF_TRACK
    verdict = assess("at_most", 6, Y2028, 10.2, None, flat[:2])
    assert verdict.status == NOT_ASSESSABLE and "too few figures" in verdict.reason


def test_other_kinds_of_target() -> None:
    assert assess(None, None, None, None, None, []).reason == "no figures have been loaded"
    assert assess("qualitative", None, None, None, None, [Figure(1, 1)]).status == NOT_ASSESSABLE
    assert assess("increase", None, Y2028, 49, None, [Figure(Y2024, 55, 53, 57)]).status == ON_TRACK
    reference = Figure(Y2024, 100)
    assert (
        assess(
            "no_worse_than_reference",
            None,
            Y2028,
            None,
            None,
            [Figure(Y2028, 98, 95, 101)],
            reference=reference,
            polarity="low_is_good",
        ).status
        == ON_TRACK
    )
    england = Figure(Y2024, 80)
    assert (
        assess("similar_to_national", None, None, None, None, [Figure(Y2024, 79, 77, 82)], national=england).status
        == ON_TRACK
    )
    assert (
        assess("similar_to_national", None, None, None, None, [Figure(Y2024, 70, 68, 72)], national=england).status
        == OFF_TRACK
    )
    assert assess("similar_to_national", None, None, None, None, [Figure(Y2024, 70, 68, 72)]).status == NOT_ASSESSABLE


def test_the_main_series_prefers_the_indicators_own_area_then_the_icb() -> None:
    rows = [
        ("E92000001", "2023", Y2024, 9.0, 8.9, 9.1),
        ("E06000035", "2023", Y2024, 11.0, 10, 12),
        ("E54000032", "2023", Y2024, 10.0, 9.5, 10.5),
    ]
    series, england = main_series(None, rows)
    assert series.area_code == "E54000032" and england["2023"].value == 9.0
    assert main_series("E06000035", rows)[0].area_code == "E06000035"


@given(st.floats(1, 100), st.floats(1, 100), st.integers(1, 47))
def test_a_figure_on_the_line_is_on_track(baseline: float, target: float, months: int) -> None:
    kind = "at_most" if target < baseline else "at_least"
    expected = baseline + months / 48 * (target - baseline)
    verdict = assess(kind, target, Y2028, baseline, Y2024, [Figure(Y2024 + months, expected)])
    assert verdict.status in {ON_TRACK, ACHIEVED}


def test_the_trajectory_also_reports_the_projection_of_the_recent_trend() -> None:
    falling = [Figure(Y2024 + 12 * i, 10.2 - 1.0 * i, 10.0 - 1.0 * i, 10.4 - 1.0 * i) for i in range(3)]
    verdict = assess("at_most", 6, Y2028, 10.2, Y2024, falling)
    # 1 point a year from 10.2 in 2024 reaches 6.2 in 2028; the trajectory expects 8.1 at 2026.
    assert verdict.status == ON_TRACK and verdict.expected == pytest.approx(8.1)
    assert verdict.projected == pytest.approx(6.2) and "projects 6.2" in verdict.reason


def test_the_trajectory_is_held_at_its_ends() -> None:
    assert expected_at(Y2024 - 12, 10.2, Y2024, 6, Y2028) == 10.2
    assert expected_at(Y2028 + 12, 10.2, Y2024, 6, Y2028) == 6
    assert expected_at(Y2024 + 12, 10.2, Y2024, 6, Y2028) == pytest.approx(9.15)
    assert expected_at(Y2024, 10.2, None, 6, Y2028) is None
    assert expected_at(Y2024, 10.2, Y2028, 6, Y2024) is None  # a target before its baseline has no trajectory
    assert projection([Figure(Y2024, 1.0), Figure(Y2024 + 12, 2.0)], Y2028) is None  # fewer than three points
