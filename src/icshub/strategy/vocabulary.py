"""The vocabularies of the delivery plan: kinds of outcome, progress statuses, RAG ratings."""

from __future__ import annotations

from enum import StrEnum


class OutcomeKind(StrEnum):
    SHARED_OUTCOME = "shared_outcome"
    ENABLER = "enabler"


class ProgressStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETE = "complete"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def finished(self) -> bool:
        """Complete or superseded: nothing more is expected, so it cannot be overdue."""
        return self in {ProgressStatus.COMPLETE, ProgressStatus.SUPERSEDED}


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class ItemType(StrEnum):
    """What a progress update is about."""

    COMMITMENT = "commitment"
    MILESTONE = "milestone"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
