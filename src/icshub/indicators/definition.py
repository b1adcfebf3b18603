"""The indicators file: the logframe and the indicator definitions of a plan version (``icshub.indicators/1``).

Strict like the other definition files: unknown fields, malformed keys and targets without the value or
reference period their kind needs are refused with their line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from icshub.indicators.vocabulary import IndicatorStatus, MeasureType, TargetKind
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import read_yaml
from icshub.registry.codes import gss_code_problem
from icshub.registry.definition import Key, Name, Source, check_key
from icshub.stats.periods import period_order
from icshub.stats.significance import Polarity

SCHEMA = "icshub.indicators/1"


def _known_period(text: str) -> str:
    period_order(text)  # refuses, naming the forms understood
    return text


Period = Annotated[str, Field(max_length=20), AfterValidator(_known_period)]
Text = Annotated[str, Field(min_length=1, max_length=600)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Baseline(_Strict):
    value: float | None = None
    period: Period | None = None
    period_assumed: bool = False
    text: Text

    @model_validator(mode="after")
    def _assumed_needs_period(self) -> Baseline:
        if self.period_assumed and not self.period:
            raise ValueError("period_assumed is set but no period is given")
        return self


class Target(_Strict):
    kind: TargetKind
    value: float | None = None
    period: Period | None = None
    reference_period: Period | None = None
    text: Text

    @model_validator(mode="after")
    def _complete(self) -> Target:
        if self.kind.needs_value and self.value is None:
            raise ValueError(f"a target '{self.kind.value}' needs a value")
        if self.kind.needs_reference_period and not self.reference_period:
            raise ValueError(f"a target '{self.kind.value}' needs a reference_period")
        return self


class IndicatorDef(_Strict):
    key: Key
    title: Name
    outcome: Key
    statement: Text
    measure: MeasureType | None = None
    unit: Annotated[str, Field(max_length=40)] | None = None
    multiplier: float | None = None
    polarity: Polarity | None = None
    area: str | None = None
    baseline: Baseline | None = None
    target: Target | None = None
    status: IndicatorStatus = IndicatorStatus.IN_USE
    source: Source | None = None

    _key_format = field_validator("key")(check_key)

    @field_validator("area")
    @classmethod
    def _area(cls, code: str | None) -> str | None:
        if code and (problem := gss_code_problem(code)):
            raise ValueError(problem)
        return code


class Logframe(_Strict):
    goal: Text
    assumptions: list[Text] = Field(default_factory=list)
    risks: list[Text] = Field(default_factory=list)


class IndicatorsDefinition(_Strict):
    schema_: Literal["icshub.indicators/1"] = Field(alias="schema")
    version: Annotated[str, Field(min_length=1, max_length=40)]
    plan: Annotated[str, Field(min_length=1, max_length=40)]
    source: Source | None = None
    logframe: Logframe
    indicators: list[IndicatorDef] = Field(default_factory=list)


def read_indicators(path: Path) -> tuple[IndicatorsDefinition, Any]:
    """The definitions at ``path`` and the raw document (for locating later problems by line)."""
    document = read_yaml(path)
    return validate_document(IndicatorsDefinition, document, path.name), document
