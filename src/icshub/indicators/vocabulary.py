"""The vocabularies of indicator definitions: measure types, target kinds and statuses."""

from __future__ import annotations

from enum import StrEnum


class MeasureType(StrEnum):
    COUNT = "count"
    PROPORTION = "proportion"
    PERCENTAGE = "percentage"
    CRUDE_RATE = "crude_rate"
    DSR = "dsr"
    ISR_SMR = "isr_smr"
    MEAN = "mean"
    LIFE_EXPECTANCY = "life_expectancy"
    SCORE = "score"


class TargetKind(StrEnum):
    """How a target is met. Plans write targets in these ways; a value is needed for the first five."""

    AT_MOST = "at_most"
    AT_LEAST = "at_least"
    BELOW = "below"
    ABOVE = "above"
    MAINTAIN = "maintain"
    INCREASE = "increase"
    DECREASE = "decrease"
    NO_WORSE_THAN_REFERENCE = "no_worse_than_reference"
    BELOW_REFERENCE = "below_reference"
    MEET_NATIONAL_AMBITION = "meet_national_ambition"
    SIMILAR_TO_NATIONAL = "similar_to_national"
    NO_WORSE_THAN_NATIONAL = "no_worse_than_national"
    QUALITATIVE = "qualitative"

    @property
    def needs_value(self) -> bool:
        return self in {
            TargetKind.AT_MOST,
            TargetKind.AT_LEAST,
            TargetKind.BELOW,
            TargetKind.ABOVE,
            TargetKind.MAINTAIN,
        }

    @property
    def needs_reference_period(self) -> bool:
        return self in {TargetKind.NO_WORSE_THAN_REFERENCE, TargetKind.BELOW_REFERENCE}

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class IndicatorStatus(StrEnum):
    IN_USE = "in_use"
    IN_DEVELOPMENT = "in_development"
