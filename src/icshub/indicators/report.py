"""Everything icshub says about one indicator's figures, for its page and the assessment API: progress to
target, comparison with England, recent trends, inequality, and where the figures came from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from icshub.indicators import queries
from icshub.indicators.benchmarks import ENGLAND, Benchmarked, Comparison, latest_comparison, overall
from icshub.indicators.inequality_gaps import DeprivationGap, PlaceGap, deprivation_gap, place_gap
from icshub.indicators.models import DataImport, Indicator, IndicatorValue
from icshub.indicators.target_progress import Figure, Verdict, expected_at
from icshub.indicators.trends import Trend, recent_trend
from icshub.stats.periods import order_or_none


@dataclass(frozen=True)
class IndicatorReport:
    indicator: Indicator
    values: list[IndicatorValue]
    imports: dict[int, DataImport]
    progress: Verdict
    assessed_area: str | None
    latest: Figure | None
    comparison: Comparison
    trends: dict[str, Trend]  # by area code, for headline series with counts
    deprivation: DeprivationGap | None
    places: PlaceGap | None

    @property
    def synthetic(self) -> bool:
        """Whether any figure shown comes from a synthetic import (the demo's series)."""
        return any(i.synthetic for i in self.imports.values())

    def headline_series(self, area_code: str) -> list[IndicatorValue]:
        return sorted(
            (v for v in overall(self.values) if v.area_code == area_code and v.value is not None),
            key=lambda v: v.period_order,
        )

    def chart_series(self) -> dict[str, list[IndicatorValue]]:
        """The assessed area's series and England's, named for the chart's legend."""
        series: dict[str, list[IndicatorValue]] = {}
        for code in dict.fromkeys(c for c in (self.assessed_area, ENGLAND) if c):
            figures = self.headline_series(code)
            if figures:
                series[figures[0].area_name or code] = figures
        return series

    def trajectory_marks(self) -> list[tuple[str, str, int, float]]:
        """(name, period, order, value) of the baseline, the target and the trajectory between them."""
        i = self.indicator
        marks: list[tuple[str, str, int, float]] = []
        baseline = order_or_none(i.baseline_period)
        target = order_or_none(i.target_period)
        if i.baseline_value is not None and baseline is not None:
            marks.append(("Baseline", i.baseline_period, baseline, i.baseline_value))
        if i.target_value is not None and target is not None:
            marks.append(("Target", i.target_period, target, i.target_value))
        if expected_at(baseline or 0, i.baseline_value, baseline, i.target_value, target) is not None:
            marks.append(("Trajectory", i.baseline_period, baseline, i.baseline_value))
            marks.append(("Trajectory", i.target_period, target, i.target_value))
        return marks


def report_for(session: Session, indicator: Indicator) -> IndicatorReport:
    values = queries.values_of(session, indicator.key)
    progress, assessed_area, latest = queries.assessment(indicator, values)
    return IndicatorReport(
        indicator=indicator,
        values=values,
        imports=queries.imports_for(session, {v.import_id for v in values}),
        progress=progress,
        assessed_area=assessed_area,
        latest=latest,
        comparison=latest_comparison(values, indicator.polarity),
        trends=headline_trends(values, indicator.polarity),
        deprivation=deprivation_gap(values, indicator.measure, assessed_area),
        places=place_gap(values),
    )


def headline_trends(values: list[IndicatorValue], polarity: str | None, only: str | None = None) -> dict[str, Trend]:
    """The recent trend of each area's headline series (or only that of ``only``), where it has counts."""
    headline = [v for v in overall(values) if only in (None, v.area_code)]
    trends: dict[str, Trend] = {}
    for code in dict.fromkeys(v.area_code for v in headline):
        points = sorted((v for v in headline if v.area_code == code), key=lambda v: v.period_order)
        if all(v.numerator is not None and v.denominator for v in points):
            trends[code] = recent_trend([v.numerator for v in points], [v.denominator for v in points], polarity)
    return trends


@dataclass(frozen=True)
class ScoreRow:
    """One line of an outcome scorecard: progress, the latest figure, how it compares with England and its
    recent trend, for the area the indicator is assessed on."""

    progress: Verdict
    latest: IndicatorValue | None
    compared: Benchmarked | None
    trend: Trend | None
    synthetic: bool


def scorecard_row(session: Session, indicator: Indicator) -> ScoreRow:
    values = queries.values_of(session, indicator.key)
    progress, area, _ = queries.assessment(indicator, values)
    series = [v for v in overall(values) if v.area_code == area and v.value is not None]
    latest = max(series, key=lambda v: v.period_order) if series else None
    compared = next((b for b in latest_comparison(values, indicator.polarity).areas if b.figure is latest), None)
    trend = headline_trends(values, indicator.polarity, area).get(area) if area else None
    imports = queries.imports_for(session, {v.import_id for v in series})
    return ScoreRow(progress, latest, compared, trend, any(i.synthetic for i in imports.values()))
