"""Synthea's CSV output (v3 schema) into the data model. Synthea generates synthetic patients, so every
dataset loaded from it is marked synthetic. The mapping, and the judgement calls in it:

- ``patients.csv`` → ``person``. The pseudonym is ``source_pseudonym("synthea", Id, key)``; year and month
  of birth from ``BIRTHDATE`` (the day is not kept); ``GENDER`` M → male, F → female (anything else is
  refused); ``DEATHDATE`` → date of death. Ethnic category: Synthea records US race and ethnicity, which
  do not say which NHS category a person would choose, so the mapping is deliberately coarse (a judgement
  call; see ``common.US_RACES``): white → C (any other White background), black → P (any other Black
  background), asian → L (any other Asian background), native, hawaiian or other → S (any other ethnic
  group), Hispanic of any race → S, not known → Z. LSOA, IMD and practice stay empty: the data are American.
- ``encounters.csv`` → ``event``, by ``ENCOUNTERCLASS``: wellness (check-ups, well-child visits),
  ambulatory (follow-ups, visits for a symptom or problem) and virtual → primary care, which is where
  England would see them; outpatient (consultations and check-ups at a clinic) → outpatient; emergency and
  urgentcare → A&E attendance (England counts urgent treatment centres as A&E types 3 and 4); home,
  hospice and snf (skilled nursing facility) → community. An inpatient encounter is an **emergency
  admission** when the same patient had an emergency or urgent-care encounter on the day of admission or
  the day before (Synthea writes the emergency-room visit and then the admission), otherwise an
  **elective admission**: Synthea's own code for most stays (183452005) is named for emergency admission
  in SNOMED CT yet is used for planned stays (impacted molars, chronic pain), so the code cannot decide.
  A class not listed is refused. ``START`` and ``STOP`` give the dates (UTC, as written); the class is
  the setting. Provider organisations are Synthea's own identifiers, not ODS codes, so they are left out.
- ``medications.csv`` → ``event`` of type prescription, from ``START`` to ``STOP`` (empty while the
  medicine continues). The RxNorm code is not kept: the data model holds no drug codes.
- Costs: ``TOTAL_CLAIM_COST`` (encounters) and ``TOTALCOST`` (medications) are US dollars. They are turned
  into whole cents with decimal arithmetic (77.49 → 7749, never through a floating-point number) and
  stored in ``cost_pence`` as minor units of the dataset's currency; the manifest records ``currency:
  USD``, so they are never added to pounds unawares.
- ``conditions.csv`` → ``coded`` (SNOMED CT, dated ``START``). The data model has no end to a diagnosis,
  so a ``STOP`` date (the condition resolved) is not represented: a resolved condition reads as recorded
  on its start date, and measures that need current conditions must use codelists of long-term ones.
- ``observations.csv`` → ``coded`` where ``CODE`` is a SNOMED CT code, with ``VALUE`` and ``UNITS`` when
  ``TYPE`` is numeric. Synthea codes almost all observations in LOINC, which the data model does not
  hold: those rows are skipped and counted (not refused), as are Synthea's own summary codes (QALY, DALY,
  QOLS).

Files other than ``patients.csv`` may be absent. Rows are refused or, with ``accept_rejects``, left out
with the file, line and column that was wrong.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from icshub.population.adapters.source_mapping import (
    FIRST_LINE,
    LOINC_CODE,
    NOT_IN_MODEL,
    SNOMED_CODE,
    Adapted,
    Part,
    Reader,
    adapted,
    after_emergency,
    day,
    ethnic_category,
    minor_units,
    pseudonyms,
    reasons_counted,
)
from icshub.population.data_model import CodeSystem, EventType, Sex

SOURCE = "synthea"
CURRENCY = "USD"
SEXES = {"M": Sex.MALE.value, "F": Sex.FEMALE.value}
ENCOUNTER_TYPES = {
    "wellness": EventType.PRIMARY_CARE,
    "ambulatory": EventType.PRIMARY_CARE,
    "virtual": EventType.PRIMARY_CARE,
    "outpatient": EventType.OUTPATIENT,
    "emergency": EventType.AE_ATTENDANCE,
    "urgentcare": EventType.AE_ATTENDANCE,
    "home": EventType.COMMUNITY,
    "hospice": EventType.COMMUNITY,
    "snf": EventType.COMMUNITY,
}
INPATIENT = "inpatient"
EMERGENCY_CLASSES = ("emergency", "urgentcare")
SYNTHEA_SUMMARY = "Synthea's own summary code (QALY, DALY, QOLS…), not SNOMED CT"

# The source column behind each schema column, for problems.
PERSON_FIELDS = {
    "person_id": "Id",
    "birth_year": "BIRTHDATE",
    "birth_month": "BIRTHDATE",
    "sex": "GENDER",
    "ethnic_category": "RACE",
    "date_of_death": "DEATHDATE",
}
EVENT_FIELDS = {"person_id": "PATIENT", "start_date": "START", "end_date": "STOP"}
ENCOUNTER_FIELDS = {
    **EVENT_FIELDS,
    "event_id": "Id",
    "type": "ENCOUNTERCLASS",
    "setting": "ENCOUNTERCLASS",
    "cost_pence": "TOTAL_CLAIM_COST",
}
CODED_FIELDS = {"person_id": "PATIENT", "date": "START", "system": "CODE", "code": "CODE"}


def map_patients(rows: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """``patients.csv`` rows as ``person`` rows (text; a birth date that is not YYYY-MM-DD is kept whole as
    the year and month, for the checks to refuse)."""
    birth = rows["BIRTHDATE"].str.strip()
    parts = birth.str.extract(r"^(\d{4})-(\d{2})-\d{2}$")
    gender = rows["GENDER"].str.strip()
    return pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, rows["Id"], key),
            "birth_year": parts[0].fillna(birth),
            "birth_month": parts[1].fillna(birth),
            "sex": gender.map(SEXES).fillna(gender),
            "ethnic_category": ethnic_category(rows["RACE"], rows["ETHNICITY"].str.strip().str.lower() == "hispanic"),
            "date_of_death": day(rows["DEATHDATE"]),
        },
        index=rows.index,
    )


def map_encounters(rows: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """``encounters.csv`` rows as ``event`` rows (see the module's notes for the classes)."""
    kind = rows["ENCOUNTERCLASS"].str.strip().str.lower()
    start = day(rows["START"])
    inpatient = kind == INPATIENT
    emergency = after_emergency(rows["PATIENT"], start, inpatient, kind.isin(EMERGENCY_CLASSES))
    admission = np.where(emergency, EventType.EMERGENCY_ADMISSION.value, EventType.ELECTIVE_ADMISSION.value)
    kinds = kind.map({k: v.value for k, v in ENCOUNTER_TYPES.items()}).fillna(rows["ENCOUNTERCLASS"])
    return pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, rows["PATIENT"], key),
            "event_id": pseudonyms(f"{SOURCE}/encounter", rows["Id"], key),
            "type": kinds.mask(inpatient, pd.Series(admission, index=rows.index)),
            "start_date": start,
            "end_date": day(rows["STOP"]),
            "setting": kind,
            "cost_pence": minor_units(rows["TOTAL_CLAIM_COST"]),
        },
        index=rows.index,
    )


def map_medications(rows: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """``medications.csv`` rows as prescription events; a row has no identifier, so its line names it."""
    lines = pd.Series(rows.index + FIRST_LINE, index=rows.index).astype(str)
    return pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, rows["PATIENT"], key),
            "event_id": pseudonyms(f"{SOURCE}/medication", lines, key),
            "type": EventType.PRESCRIPTION.value,
            "start_date": day(rows["START"]),
            "end_date": day(rows["STOP"]),
            "cost_pence": minor_units(rows["TOTALCOST"]),
        },
        index=rows.index,
    )


def map_conditions(rows: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """``conditions.csv`` rows as SNOMED CT ``coded`` rows on their start date (``STOP`` is not kept)."""
    return pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, rows["PATIENT"], key),
            "date": day(rows["START"]),
            "system": CodeSystem.SNOMED.value,
            "code": rows["CODE"].str.strip(),
        },
        index=rows.index,
    )


def map_observations(rows: pd.DataFrame, key: bytes) -> tuple[pd.DataFrame, dict[str, int]]:
    """``observations.csv`` rows coded in SNOMED CT as ``coded`` rows (value and unit when numeric), and
    how many of the others were skipped, by reason (LOINC, or Synthea's own codes)."""
    code = rows["CODE"].str.strip()
    snomed = code.str.fullmatch(SNOMED_CODE)
    loinc = code.str.fullmatch(LOINC_CODE).to_numpy()
    reasons = pd.Series(np.where(loinc, NOT_IN_MODEL.format("LOINC"), SYNTHEA_SUMMARY), index=rows.index)
    kept = rows[snomed]
    numeric = kept["TYPE"].str.strip().str.lower() == "numeric"
    frame = pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, kept["PATIENT"], key),
            "date": day(kept["DATE"]),
            "system": CodeSystem.SNOMED.value,
            "code": code[snomed],
            "value": kept["VALUE"].where(numeric, ""),
            "unit": kept["UNITS"].where(numeric, ""),
        },
        index=kept.index,
    )
    return frame, reasons_counted(reasons[~snomed])


def read_synthea(folder: Path, key: bytes) -> Adapted:
    """Map a folder of Synthea CSV output into the data model, ready for ``load_adapted``."""
    reader = Reader(folder)
    patients = reader.require("patients.csv", ["Id", "BIRTHDATE", "DEATHDATE", "RACE", "ETHNICITY", "GENDER"])
    parts = [Part("person", patients.name, map_patients(patients.rows, key), PERSON_FIELDS)]
    skipped: dict[str, dict[str, int]] = {}
    if encounters := reader.read(
        "encounters.csv", ["Id", "START", "STOP", "PATIENT", "ENCOUNTERCLASS", "TOTAL_CLAIM_COST"]
    ):
        parts.append(Part("event", encounters.name, map_encounters(encounters.rows, key), ENCOUNTER_FIELDS))
    if medications := reader.read("medications.csv", ["START", "STOP", "PATIENT", "TOTALCOST"]):
        fields = {**EVENT_FIELDS, "cost_pence": "TOTALCOST"}
        parts.append(Part("event", medications.name, map_medications(medications.rows, key), fields))
    if conditions := reader.read("conditions.csv", ["START", "PATIENT", "CODE"]):
        parts.append(Part("coded", conditions.name, map_conditions(conditions.rows, key), CODED_FIELDS))
    if observations := reader.read("observations.csv", ["DATE", "PATIENT", "CODE", "VALUE", "UNITS", "TYPE"]):
        frame, skipped[observations.name] = map_observations(observations.rows, key)
        fields = {**CODED_FIELDS, "date": "DATE", "value": "VALUE", "unit": "UNITS"}
        parts.append(Part("coded", observations.name, frame, fields))
    return adapted(parts, skipped, reader.inputs, currency=CURRENCY)
