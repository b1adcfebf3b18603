"""The plan file: a versioned YAML transcription of the Shared Delivery Plan (``icshub.plan/1``).

Strict like the system definition: unknown fields, malformed keys and due dates in no known form are
refused with their line. References to the registry are checked separately, against what is imported.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import read_yaml
from icshub.registry.definition import Key, Name, Source, check_key
from icshub.strategy.due import parse_due
from icshub.strategy.vocabulary import OutcomeKind

SCHEMA = "icshub.plan/1"
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Keyed(_Strict):
    key: Key
    source: Source | None = None

    _key_format = field_validator("key")(check_key)


class LeadRef(_Strict):
    """Who leads: one organisation, partnership or committee of the registry, with the team if named."""

    organisation: Key | None = None
    partnership: Key | None = None
    committee: Key | None = None
    note: Source | None = None

    @model_validator(mode="after")
    def _one(self) -> LeadRef:
        if sum(x is not None for x in (self.organisation, self.partnership, self.committee)) != 1:
            raise ValueError("name exactly one of 'organisation', 'partnership' or 'committee'")
        return self

    @property
    def kind(self) -> str:
        return "organisation" if self.organisation else "partnership" if self.partnership else "committee"

    @property
    def target(self) -> str:
        return self.organisation or self.partnership or self.committee or ""


class MilestoneDef(_Keyed):
    title: Name
    due: str | None = None
    due_text: Annotated[str, Field(max_length=120)] | None = None

    @field_validator("due", mode="before")
    @classmethod
    def _written_date(cls, value: Any) -> Any:
        """YAML reads an unquoted 2025-03-31 as a date; take it as the day it names."""
        return value.isoformat() if isinstance(value, date) else value

    @field_validator("due")
    @classmethod
    def _due(cls, value: str | None) -> str | None:
        if value is not None:
            parse_due(value)
        return value

    @model_validator(mode="after")
    def _some_due(self) -> MilestoneDef:
        if self.due is None and not self.due_text:
            raise ValueError("give 'due' (a date in a known form) or, when the document gives none, 'due_text'")
        return self


class DeliveryExampleDef(_Keyed):
    title: Name
    description: str | None = None
    leads: list[LeadRef] = Field(default_factory=list)
    place: Key | None = None
    milestones: list[MilestoneDef] = Field(default_factory=list)


class CommitmentDef(_Keyed):
    text: Text
    strategies: list[Text] = Field(default_factory=list)
    leads: list[LeadRef] = Field(default_factory=list)


class PriorityDef(_Keyed):
    title: Name
    description: str | None = None
    commitments: list[CommitmentDef] = Field(default_factory=list)


class OutcomeDef(_Keyed):
    kind: OutcomeKind
    number: int = Field(ge=1, le=20)
    title: Name
    statement: str | None = None
    what_we_need_to_achieve: list[Text] = Field(default_factory=list)
    what_we_heard: list[Text] = Field(default_factory=list)
    narrative: str | None = None
    i_statements: list[Text] = Field(default_factory=list)
    priorities: list[PriorityDef] = Field(default_factory=list)
    delivery_examples: list[DeliveryExampleDef] = Field(default_factory=list)
    indicators_text: list[Text] = Field(default_factory=list)


class LocalPriorityDef(_Keyed):
    title: Name
    outcomes: list[int] = Field(default_factory=list)


class PlacePrioritiesDef(_Strict):
    place: Key
    period: Annotated[str, Field(max_length=20)] | None = None
    priorities: list[LocalPriorityDef] = Field(default_factory=list)
    source: Source | None = None


class DistrictPrioritiesDef(_Strict):
    district: Key
    period: Annotated[str, Field(max_length=20)] | None = None
    priorities: list[LocalPriorityDef] = Field(default_factory=list)
    source: Source | None = None


class PlanDefinition(_Strict):
    schema_: Literal["icshub.plan/1"] = Field(alias="schema")
    version: Annotated[str, Field(min_length=1, max_length=40)]
    title: Name
    owner: Key
    source: Source | None = None
    vision: str | None = None
    outcomes: list[OutcomeDef] = Field(default_factory=list)
    place_priorities: list[PlacePrioritiesDef] = Field(default_factory=list)
    district_priorities: list[DistrictPrioritiesDef] = Field(default_factory=list)
    kalc_priorities: list[LocalPriorityDef] = Field(default_factory=list)


def parse_plan(document: Any, file_name: str) -> PlanDefinition:
    return validate_document(PlanDefinition, document, file_name)


def read_plan(path: Path) -> tuple[PlanDefinition, Any]:
    """The plan at ``path`` and the raw document (for locating later problems by line)."""
    document = read_yaml(path)
    return parse_plan(document, path.name), document
