"""The person-level data model: four tables, pseudonymised, held only in the analytics store (Parquet).

- ``person``: one row per person. ``person_id`` is a pseudonym (``icshub.population.pseudonym``: a keyed
  hash of the NHS number, never the number); year and month of birth, never the day; sex; ethnic group as
  the NHS ethnic category (16 groups and Z, not stated); 2021 LSOA of residence; registered practice (ODS);
  date of death.
- ``flag``: a person's membership of a group the system chooses to record (learning disability, carer,
  homelessness…), from a date.
- ``event``: activity: primary care contacts, A&E attendances, admissions (elective, emergency) with their
  end date (length of stay), outpatient, community and mental-health contacts, adult social care packages,
  prescriptions; with setting, provider (ODS) and cost in **integer pence** (money is never a float).
- ``coded``: diagnoses and observations coded in SNOMED CT or ICD-10, with their date and, for
  observations, a value and unit (BMI, blood pressure, eGFR…).

Each column is declared once here with its type and rule; the loaders check rows against it and the
store writes Parquet with it. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd
import pyarrow as pa


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"  # indeterminate or another gender identity recorded
    UNKNOWN = "unknown"


class EventType(StrEnum):
    PRIMARY_CARE = "primary_care"
    AE_ATTENDANCE = "ae_attendance"
    ELECTIVE_ADMISSION = "elective_admission"
    EMERGENCY_ADMISSION = "emergency_admission"
    OUTPATIENT = "outpatient"
    COMMUNITY = "community"
    MENTAL_HEALTH = "mental_health"
    SOCIAL_CARE = "social_care"
    PRESCRIPTION = "prescription"

    @property
    def label(self) -> str:
        """As people say it: 'A&E attendance', 'Emergency admission'."""
        return "A&E attendance" if self is EventType.AE_ATTENDANCE else self.value.replace("_", " ").capitalize()

    @property
    def is_admission(self) -> bool:
        return self in {EventType.ELECTIVE_ADMISSION, EventType.EMERGENCY_ADMISSION}


class CodeSystem(StrEnum):
    SNOMED = "snomed"
    ICD10 = "icd10"


# NHS ethnic category (NHS Data Dictionary, 2001 census categories): 16 groups and Z (not stated).
ETHNIC_CATEGORIES = {
    "A": "White: British",
    "B": "White: Irish",
    "C": "White: any other White background",
    "D": "Mixed: White and Black Caribbean",
    "E": "Mixed: White and Black African",
    "F": "Mixed: White and Asian",
    "G": "Mixed: any other mixed background",
    "H": "Asian or Asian British: Indian",
    "J": "Asian or Asian British: Pakistani",
    "K": "Asian or Asian British: Bangladeshi",
    "L": "Asian or Asian British: any other Asian background",
    "M": "Black or Black British: Caribbean",
    "N": "Black or Black British: African",
    "P": "Black or Black British: any other Black background",
    "R": "Other ethnic groups: Chinese",
    "S": "Other ethnic groups: any other ethnic group",
    "Z": "Not stated",
}
# The broad groups the NHS reports by, from the category's first word.
ETHNIC_GROUPS = {code: label.split(":")[0].split(" or ")[0] for code, label in ETHNIC_CATEGORIES.items()}

_PSEUDONYM = re.compile(r"^[0-9a-f]{64}$")
_LSOA = re.compile(r"^[EW]01\d{6}$")
_ODS = re.compile(r"^[A-Z0-9]{3,10}$")
_SNOMED = re.compile(r"^\d{6,18}$")
_ICD10 = re.compile(r"^[A-Z]\d{2}(\.?[0-9A-Z]{1,4})?$")
_FLAG = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


@dataclass(frozen=True)
class Check:
    """A rule on a column's present values: ``bad`` marks the values that break it; ``words`` say why."""

    bad: Callable[[pd.Series], pd.Series]
    words: str


def _pattern(pattern: re.Pattern[str], what: str) -> Check:
    return Check(lambda s: ~s.astype(str).str.fullmatch(pattern.pattern), f"is not {what}")


def _one_of(values: type[StrEnum] | dict[str, str], what: str) -> Check:
    allowed = list(values) if isinstance(values, dict) else [v.value for v in values]
    return Check(lambda s: ~s.isin(allowed), f"is not {what} ({', '.join(allowed)})")


def _between(low: int, high: int, what: str) -> Check:
    return Check(lambda s: (s < low) | (s > high), f"is not {what} ({low} to {high})")


NOT_NEGATIVE = Check(lambda s: s < 0, "is negative")


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    required: bool
    description: str
    check: Check | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=not c.required) for c in self.columns])

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


PERSON_ID = Column(
    "person_id", pa.string(), True, "pseudonym: keyed hash of the NHS number", _pattern(_PSEUDONYM, "a pseudonym")
)

PERSON = Table(
    "person",
    "One row per person.",
    (
        PERSON_ID,
        Column("birth_year", pa.int16(), True, "year of birth", _between(1890, 2100, "a year of birth")),
        Column("birth_month", pa.int8(), True, "month of birth", _between(1, 12, "a month")),
        Column("sex", pa.string(), True, "female, male, other or unknown", _one_of(Sex, "a sex")),
        Column(
            "ethnic_category",
            pa.string(),
            True,
            "NHS ethnic category, A to S, or Z (not stated)",
            _one_of(ETHNIC_CATEGORIES, "an NHS ethnic category"),
        ),
        Column("lsoa", pa.string(), False, "2021 LSOA of residence (ONS code)", _pattern(_LSOA, "a 2021 LSOA code")),
        Column(
            "imd_decile",
            pa.int8(),
            False,
            "national IMD decile of the LSOA, 1 = most deprived (edition in the dataset's manifest)",
            _between(1, 10, "an IMD decile"),
        ),
        Column("practice", pa.string(), False, "registered GP practice (ODS code)", _pattern(_ODS, "an ODS code")),
        Column("date_of_death", pa.date32(), False, "date of death"),
    ),
)

FLAG = Table(
    "flag",
    "A person's membership of a group the system records (learning disability, carer, homelessness…).",
    (
        PERSON_ID,
        Column("flag", pa.string(), True, "the group, in lower case with underscores", _pattern(_FLAG, "a flag name")),
        Column("from_date", pa.date32(), False, "recorded from"),
    ),
)

EVENT = Table(
    "event",
    "Activity and its cost.",
    (
        PERSON_ID,
        Column("event_id", pa.string(), True, "unique within the dataset"),
        Column("type", pa.string(), True, "kind of activity", _one_of(EventType, "a type of event")),
        Column("start_date", pa.date32(), True, "date of the contact, or of admission"),
        Column("end_date", pa.date32(), False, "date of discharge (admissions), or the end of a package"),
        Column("setting", pa.string(), False, "where, in the source's words"),
        Column("provider", pa.string(), False, "provider organisation (ODS code)", _pattern(_ODS, "an ODS code")),
        Column("cost_pence", pa.int64(), False, "cost in whole pence", NOT_NEGATIVE),
    ),
)

CODED = Table(
    "coded",
    "Diagnoses and observations in SNOMED CT or ICD-10.",
    (
        PERSON_ID,
        Column("date", pa.date32(), True, "date recorded"),
        Column("system", pa.string(), True, "snomed or icd10", _one_of(CodeSystem, "a code system")),
        Column("code", pa.string(), True, "the code"),
        Column("value", pa.float64(), False, "the observation's value"),
        Column("unit", pa.string(), False, "the value's unit"),
    ),
)

TABLES = {t.name: t for t in (PERSON, FLAG, EVENT, CODED)}


def code_problem(system: str, code: str) -> str | None:
    """Why ``code`` is not a code of ``system``, or None."""
    if system == CodeSystem.SNOMED and not _SNOMED.match(code):
        return f"'{code}' is not a SNOMED CT code (6 to 18 digits)"
    if system == CodeSystem.ICD10 and not _ICD10.match(code):
        return f"'{code}' is not an ICD-10 code (a letter and two digits, e.g. I10 or E11.9)"
    return None
