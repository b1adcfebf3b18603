"""Progress to target: icshub's own method, since OHID publishes none for local targets.

The plan sets a baseline and a target; the question is whether the latest figure is where it should be.

1. **Trajectory.** When the baseline and the target each have a value and a period, the expected value at
   any period is the straight line between them (by period order: months from year 0), unless the plan
   gives another path. The latest figure is *on track* when its 95% interval reaches the trajectory or is
   on the target's side of it, and *off track* when the whole interval is on the wrong side.
2. **Projection.** When the trajectory cannot be drawn (no baseline period) but there are at least three
   figures, the least-squares line through the latest five (at most) is carried to the target period;
   *on track* if it meets the target there, *off track* if not.
3. **Achieved** when the latest figure meets the target itself (for "at most 6%": a value of 6% or less).
4. Directional targets ("increase", "decrease") compare the latest interval with the baseline value;
   targets against a reference period compare it with the figure for that period; targets against the
   national value compare it with England's figure for the same period (E92000001) by interval overlap.
5. Otherwise the target is *not yet assessable*, and the reason is given (no figures, a qualitative
   target, no baseline period and too few figures to project, no England figure…).

Pure rules: plain numbers in, a verdict and its reason out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ON_TRACK, OFF_TRACK, ACHIEVED, NOT_ASSESSABLE = "on track", "off track", "achieved", "not yet assessable"


@dataclass(frozen=True)
class Figure:
    order: int
    value: float
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str
    expected: float | None = None
    projected: float | None = None


def _meets(kind: str, value: float, target: float) -> bool:
    return {
        "at_most": value <= target,
        "below": value < target,
        "at_least": value >= target,
        "above": value > target,
        "maintain": np.isclose(value, target, rtol=0.02) or value >= target,
    }[kind]


def _wants_low(kind: str) -> bool:
    return kind in {"at_most", "below", "decrease", "below_reference", "no_worse_than_reference"}


def _interval_side(latest: Figure, mark: float, low_is_good: bool) -> str:
    """'good' if the interval reaches the mark or is on its good side, 'bad' if wholly on the wrong side."""
    lower = latest.lower if latest.lower is not None else latest.value
    upper = latest.upper if latest.upper is not None else latest.value
    wholly_bad = lower > mark if low_is_good else upper < mark
    return "bad" if wholly_bad else "good"


def projection(figures: Sequence[Figure], target_order: int | None) -> float | None:
    """The least-squares line through the latest five figures (at least three) carried to the target date."""
    if target_order is None or len(figures) < 3:
        return None
    recent = figures[-5:]
    x = np.array([f.order for f in recent], dtype=float)
    y = np.array([f.value for f in recent], dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope * target_order + intercept)


def expected_at(
    order: int,
    baseline_value: float | None,
    baseline_order: int | None,
    target_value: float | None,
    target_order: int | None,
) -> float | None:
    """The trajectory's value at period ``order``: the straight line from baseline to target, held at the
    baseline before it and at the target after it; None when either end has no value or period."""
    if None in (baseline_value, baseline_order, target_value, target_order) or target_order <= baseline_order:
        return None
    share = min(max((order - baseline_order) / (target_order - baseline_order), 0.0), 1.0)
    return baseline_value + share * (target_value - baseline_value)


def assess(
    kind: str | None,
    target_value: float | None,
    target_order: int | None,
    baseline_value: float | None,
    baseline_order: int | None,
    figures: Sequence[Figure],
    reference: Figure | None = None,
    national: Figure | None = None,
    polarity: str | None = None,
) -> Verdict:
    """Where the latest of ``figures`` (in period order) stands against the target."""
    if not figures:
        return Verdict(NOT_ASSESSABLE, "no figures have been loaded")
    if kind is None or kind == "qualitative":
        return Verdict(NOT_ASSESSABLE, "the target is qualitative")
    latest = figures[-1]
    if kind in {"increase", "decrease"}:
        if baseline_value is None:
            return Verdict(NOT_ASSESSABLE, "the plan gives no baseline value to compare with")
        side = _interval_side(latest, baseline_value, low_is_good=kind == "decrease")
        better = (latest.value < baseline_value) if kind == "decrease" else (latest.value > baseline_value)
        return Verdict(
            ON_TRACK if side == "good" and better else OFF_TRACK, f"compared with the baseline {baseline_value:g}"
        )
    if kind in {"no_worse_than_reference", "below_reference"}:
        if reference is None:
            return Verdict(NOT_ASSESSABLE, "there is no figure for the reference period")
        side = _interval_side(latest, reference.value, low_is_good=polarity != "high_is_good")
        return Verdict(
            ON_TRACK if side == "good" else OFF_TRACK, f"compared with the reference period's {reference.value:g}"
        )
    if kind in {"similar_to_national", "no_worse_than_national", "meet_national_ambition"}:
        if kind == "meet_national_ambition":
            return Verdict(NOT_ASSESSABLE, "the national ambition is not held in icshub")
        if national is None:
            return Verdict(NOT_ASSESSABLE, "there is no England figure for the latest period")
        lower, upper = latest.lower, latest.upper
        if lower is None or upper is None:
            return Verdict(NOT_ASSESSABLE, "the latest figure has no confidence interval")
        similar = lower <= national.value <= upper
        if kind == "similar_to_national":
            return Verdict(ON_TRACK if similar else OFF_TRACK, f"compared with England's {national.value:g}")
        better = (lower > national.value) if polarity == "high_is_good" else (upper < national.value)
        return Verdict(ON_TRACK if similar or better else OFF_TRACK, f"compared with England's {national.value:g}")
    if target_value is None:
        return Verdict(NOT_ASSESSABLE, "the target has no value")
    if _meets(kind, latest.value, target_value):
        return Verdict(ACHIEVED, f"the latest figure {latest.value:g} meets the target {target_value:g}")
    low_is_good = _wants_low(kind)
    expected = expected_at(latest.order, baseline_value, baseline_order, target_value, target_order)
    projected = projection(figures, target_order)
    if expected is not None:
        side = _interval_side(latest, expected, low_is_good)
        reason = "against the trajectory from baseline to target"
        if projected is not None:
            reason += f"; the recent trend projects {projected:.3g} at the target date"
        return Verdict(ON_TRACK if side == "good" else OFF_TRACK, reason, expected, projected)
    if projected is not None:
        met = _meets(kind, projected, target_value)
        return Verdict(
            ON_TRACK if met else OFF_TRACK,
            f"the recent trend projects {projected:.3g} at the target date",
            projected=projected,
        )
    return Verdict(NOT_ASSESSABLE, "the plan gives no baseline period, and there are too few figures to project")


ICB_FIRST = ("E54000032",)
ENGLAND = "E92000001"


@dataclass(frozen=True)
class Series:
    area_code: str
    figures: list[Figure]
    by_period: dict[str, Figure]


def main_series(area_code: str | None, rows: Sequence[tuple[str, str, int, float | None, float | None, float | None]]):
    """The series an indicator is assessed on, and England's figures by period.

    ``rows`` are (area code, period, period order, value, lower, upper) of the persons, all-ages figures.
    The series is the indicator's own area if it has one, else the ICB's, else the first area with figures.
    """
    by_area: dict[str, dict[str, Figure]] = {}
    for code, period, order, value, lower, upper in rows:
        if value is not None:
            by_area.setdefault(code, {})[period] = Figure(order, value, lower, upper)
    england = by_area.pop(ENGLAND, {})
    candidates = [area_code] if area_code else [*ICB_FIRST, *sorted(by_area)]
    for code in candidates:
        if code in by_area:
            figures = sorted(by_area[code].values(), key=lambda f: f.order)
            return Series(code, figures, by_area[code]), england
    return None, england
