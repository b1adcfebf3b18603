"""Typed outputs of the indicators API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IndicatorOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    title: str
    outcome_key: str
    statement: str
    measure: str | None
    unit: str | None
    multiplier: float | None
    polarity: str | None
    area_code: str | None
    baseline_value: float | None
    baseline_period: str | None
    baseline_period_assumed: bool
    baseline_text: str | None
    target_kind: str | None
    target_value: float | None
    target_period: str | None
    target_reference_period: str | None
    target_text: str | None
    status: str
    source: str | None


class ValueOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    area_code: str
    area_name: str | None
    period: str
    sex: str
    age: str
    category_type: str
    category: str
    numerator: float | None
    denominator: float | None
    value: float | None
    lower_95: float | None
    upper_95: float | None
    lower_99_8: float | None
    upper_99_8: float | None
    value_note: str | None
    source: str
    file_name: str
    file_sha256: str
    synthetic: bool


class LogframeOut(BaseModel):
    version: str
    plan_version: str
    goal: str
    assumptions: list[str]
    risks: list[str]
    indicators: list[IndicatorOut]


class ProgressOut(BaseModel):
    status: str
    reason: str
    expected: float | None
    projected: float | None
    area_code: str | None
    latest_period: str | None
    latest_value: float | None


class AreaComparisonOut(BaseModel):
    area_code: str
    area_name: str | None
    kind: str
    value: float | None
    lower_95: float | None
    upper_95: float | None
    compared: str
    compared_two_level: str
    recent_trend: str | None


class BenchmarkOut(BaseModel):
    period: str | None
    benchmark_code: str | None
    benchmark_value: float | None
    areas: list[AreaComparisonOut]


class DeprivationGapOut(BaseModel):
    area_code: str
    period: str
    category_type: str
    most_deprived: float
    least_deprived: float
    gap: float
    sii: float | None
    sii_lower_95: float | None
    sii_upper_95: float | None
    note: str | None


class PlaceGapOut(BaseModel):
    period: str
    lowest: str
    lowest_value: float
    highest: str
    highest_value: float
    gap: float


class AssessmentOut(BaseModel):
    indicator: str
    synthetic: bool
    progress: ProgressOut
    benchmark: BenchmarkOut
    deprivation: DeprivationGapOut | None
    places: PlaceGapOut | None
