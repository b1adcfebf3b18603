"""Typed inputs and outputs of the strategy API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from icshub.strategy.vocabulary import PlanStatus, ProgressStatus, Rag


class LeadOut(BaseModel):
    kind: str
    key: str
    name: str
    note: str | None


class ItemOut(BaseModel):
    type: str
    key: str
    outcome: str
    outcome_title: str
    parent: str
    text: str
    leads: list[LeadOut]
    due: str | None
    due_text: str | None
    due_end: date | None
    status: str
    rag: str | None
    status_date: date | None
    narrative: str | None
    evidence: list[str]
    overdue: bool
    draft: bool


class PlanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: str
    title: str
    status: str
    vision: str | None


class PlanStatusIn(BaseModel):
    status: PlanStatus


class OutcomeSummary(BaseModel):
    key: str
    kind: str
    number: int
    title: str
    statement: str | None
    counts: dict[str, int]


class PlanDetail(PlanOut):
    outcomes: list[OutcomeSummary]


class UpdateIn(BaseModel):
    status: ProgressStatus
    rag: Rag | None = None
    narrative: str | None = None
    evidence: list[str] = Field(default_factory=list)
    as_of: date | None = None
    publish: bool = False


class UpdateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_type: str
    item_key: str
    status: str
    rag: str | None
    narrative: str | None
    evidence: list[str]
    as_of: date
    recorded_by: str
    published: bool


class ComparisonOut(BaseModel):
    added: list[tuple[str, str]]
    dropped: list[tuple[str, str]]
    changed: list[dict]
