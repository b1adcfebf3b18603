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


class LogframeOut(BaseModel):
    version: str
    plan_version: str
    goal: str
    assumptions: list[str]
    risks: list[str]
    indicators: list[IndicatorOut]
