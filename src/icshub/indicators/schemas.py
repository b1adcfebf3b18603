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
    baseline_text: str | None
    target_kind: str | None
    target_value: float | None
    target_period: str | None
    target_reference_period: str | None
    target_text: str | None
    status: str
    source: str | None


class LogframeOut(BaseModel):
    version: str
    plan_version: str
    goal: str
    assumptions: list[str]
    risks: list[str]
    indicators: list[IndicatorOut]
