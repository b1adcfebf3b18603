"""The OMOP Common Data Model 5.4, as CSV tables, into the data model. Codes are looked up in the CDM's
own ``CONCEPT`` table (vocabulary and code of each concept id). The mapping, and the decisions in it:

- ``PERSON`` → ``person``. The pseudonym is ``source_pseudonym("omop", person_id, key)``: ``person_id``
  is the CDM's required, unique key, which every other table uses (``person_source_value`` is optional,
  not always unique, and may hold a real identifier), so a pseudonym is as stable as the CDM's ids.
  ``year_of_birth`` and ``month_of_birth`` give the birth year and month (a person without a month is
  refused: the data model needs it). ``gender_concept_id`` 8507 → male, 8532 → female, 8521 → other,
  8551 (unknown) and 0 → unknown; any other is refused. Ethnic category: the race concepts (8527 white,
  8516 black, 8515 asian, 8657 American Indian or Alaska Native, 8557 Native Hawaiian or Pacific
  Islander), or ``race_source_value`` when the race concept is 0 and the source's word is one of those,
  go to NHS categories as for Synthea (``common.US_RACES``: a coarse judgement call); ethnicity concept
  38003563 (Hispanic or Latino) → S; otherwise Z. LSOA, IMD and practice are left empty: a CDM carries
  no English geography. ``DEATH.death_date`` (the earliest, if several) → date of death; a death of a
  person not in ``PERSON`` is skipped and counted.
- ``VISIT_OCCURRENCE`` → ``event``, by ``visit_concept_id``: 9202 outpatient visit → outpatient (the CDM
  does not tell hospital clinics from doctors' offices there, so a source's primary care contacts come
  out as outpatient unless it used 581477); 581477 office visit → primary care; 9203 emergency room →
  A&E attendance; 262 emergency room and inpatient → emergency admission; 9201 inpatient → emergency
  admission when ``admitted_from_concept_id`` is 8870 (emergency room) or the person had an emergency
  room visit on the day of admission or the day before, otherwise elective admission; 581476 home visit
  and 42898160 non-hospital institution → community. Other visit concepts (laboratory, pharmacy…) are
  skipped and counted. The setting is the visit concept's name.
- ``DRUG_EXPOSURE`` → ``event`` of type prescription, from its start to its end date; the drug's code
  (RxNorm) is not kept.
- ``CONDITION_OCCURRENCE``, ``MEASUREMENT`` and ``OBSERVATION`` → ``coded``. When the source concept is
  SNOMED CT, ICD10 or ICD10CM (what was recorded), the ``*_source_value`` is the code; otherwise the
  standard concept's code when it is in one of those vocabularies. ICD-10-CM codes are kept as ICD-10:
  the US modification extends WHO ICD-10 with more characters, so codelists written for England may not
  match the longer ones. Rows in other vocabularies (LOINC, most measurements) or without a concept are
  skipped and counted by reason. ``value_as_number`` is the value; the unit is ``unit_source_value``, or
  the unit concept's UCUM code.
- ``COST`` (optional; often empty): ``total_cost`` of the visit or drug exposure, summed when several
  rows, to whole minor units with decimal arithmetic; the manifest records the currency
  (``currency_concept_id`` 44818668 → USD; another is recorded by its concept id).

A CDM may hold real data, so whether it is synthetic is for the person loading it to say.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from icshub.population.adapters.source_mapping import (
    NOT_IN_MODEL,
    Adapted,
    CsvFile,
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

SOURCE = "omop"
GENDERS = {"8507": Sex.MALE, "8532": Sex.FEMALE, "8521": Sex.OTHER, "8551": Sex.UNKNOWN, "0": Sex.UNKNOWN}
RACES = {"8527": "white", "8516": "black", "8515": "asian", "8657": "native", "8557": "hawaiian"}
HISPANIC_OR_LATINO = "38003563"
INPATIENT, EMERGENCY_ROOM, EMERGENCY_ROOM_PLACE = "9201", ("9203", "262"), "8870"
VISITS = {
    "9202": EventType.OUTPATIENT,
    "581477": EventType.PRIMARY_CARE,
    "9203": EventType.AE_ATTENDANCE,
    "262": EventType.EMERGENCY_ADMISSION,
    "581476": EventType.COMMUNITY,
    "42898160": EventType.COMMUNITY,
}
SYSTEMS = {"SNOMED": CodeSystem.SNOMED.value, "ICD10": CodeSystem.ICD10.value, "ICD10CM": CodeSystem.ICD10.value}
CURRENCIES = {"44818668": "USD"}
# Each coded table: its prefix (``condition_concept_id``…), and its date column.
CODED_TABLES = {
    "CONDITION_OCCURRENCE.csv": ("condition", "condition_start_date"),
    "MEASUREMENT.csv": ("measurement", "measurement_date"),
    "OBSERVATION.csv": ("observation", "observation_date"),
}
NOT_A_PERSON = "the person is not in PERSON.csv"
# The source column behind each schema column, for problems.
PERSON_FIELDS = {
    "person_id": "person_id",
    "birth_year": "year_of_birth",
    "birth_month": "month_of_birth",
    "sex": "gender_concept_id",
    "ethnic_category": "race_concept_id",
    "date_of_death": "death_date (DEATH.csv)",
}
VISIT_FIELDS = {
    "event_id": "visit_occurrence_id",
    "type": "visit_concept_id",
    "start_date": "visit_start_date",
    "end_date": "visit_end_date",
    "setting": "visit_concept_id",
    "cost_pence": "total_cost (COST.csv)",
}
DRUG_FIELDS = {
    "event_id": "drug_exposure_id",
    "start_date": "drug_exposure_start_date",
    "end_date": "drug_exposure_end_date",
    "cost_pence": "total_cost (COST.csv)",
}
CODED_FIELDS = {"person_id": "person_id", "value": "value_as_number", "unit": "unit_source_value"}


def map_person(rows: pd.DataFrame, deaths: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """``PERSON`` rows as ``person`` rows, with the date of death from ``DEATH`` rows."""
    race = rows["race_concept_id"].str.strip().map(RACES)
    race = race.fillna(rows["race_source_value"].where(rows["race_concept_id"].str.strip().isin(["", "0"]), ""))
    gender = rows["gender_concept_id"].str.strip()
    died = day(deaths["death_date"]).groupby(deaths["person_id"].str.strip()).min()
    return pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, rows["person_id"], key),
            "birth_year": rows["year_of_birth"],
            "birth_month": rows["month_of_birth"],
            "sex": gender.map({k: v.value for k, v in GENDERS.items()}).fillna(gender),
            "ethnic_category": ethnic_category(race, rows["ethnicity_concept_id"].str.strip() == HISPANIC_OR_LATINO),
            "date_of_death": rows["person_id"].str.strip().map(died).fillna(""),
        },
        index=rows.index,
    )


def _costs(cost: pd.DataFrame, domain: str) -> pd.Series:
    """The cost of each event of ``domain`` (Visit, Drug) in whole minor units, as text, by event id."""
    rows = cost[cost["cost_domain_id"].str.strip() == domain]
    return minor_units(rows["total_cost"]).groupby(rows["cost_event_id"].str.strip()).agg(_total)


def _total(amounts: pd.Series) -> str:
    """The sum of an event's costs (whole minor units, as text): empty when none is given, and the first
    that is not a whole number as it is, for the checks to refuse."""
    given = [a for a in amounts if a]
    if bad := [a for a in given if not a.lstrip("-").isdigit()]:
        return bad[0]
    return str(sum(int(a) for a in given)) if given else ""


def map_visits(
    rows: pd.DataFrame, concepts: pd.DataFrame, cost: pd.DataFrame, key: bytes
) -> tuple[pd.DataFrame, dict[str, int]]:
    """``VISIT_OCCURRENCE`` rows as ``event`` rows, and the visits skipped (concepts not mapped)."""
    concept = rows["visit_concept_id"].str.strip()
    start = day(rows["visit_start_date"])
    inpatient = concept == INPATIENT
    emergency = after_emergency(rows["person_id"], start, inpatient, concept.isin(EMERGENCY_ROOM))
    emergency |= rows["admitted_from_concept_id"].str.strip() == EMERGENCY_ROOM_PLACE
    admission = pd.Series(
        np.where(emergency, EventType.EMERGENCY_ADMISSION.value, EventType.ELECTIVE_ADMISSION.value), index=rows.index
    )
    kind = concept.map({k: v.value for k, v in VISITS.items()}).mask(inpatient, admission)
    mapped = kind.notna()
    reasons = ("visit concept " + concept + " is not mapped to a type of event").where(~mapped)
    kept = rows[mapped]
    frame = pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, kept["person_id"], key),
            "event_id": pseudonyms(f"{SOURCE}/visit", kept["visit_occurrence_id"], key),
            "type": kind[mapped],
            "start_date": start[mapped],
            "end_date": day(kept["visit_end_date"]),
            "setting": concept[mapped].map(concepts["concept_name"]).fillna(""),
            "cost_pence": kept["visit_occurrence_id"].str.strip().map(_costs(cost, "Visit")).fillna(""),
        },
        index=kept.index,
    )
    return frame, reasons_counted(reasons)


def map_drugs(rows: pd.DataFrame, cost: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """``DRUG_EXPOSURE`` rows as prescription events."""
    return pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, rows["person_id"], key),
            "event_id": pseudonyms(f"{SOURCE}/drug_exposure", rows["drug_exposure_id"], key),
            "type": EventType.PRESCRIPTION.value,
            "start_date": day(rows["drug_exposure_start_date"]),
            "end_date": day(rows["drug_exposure_end_date"]),
            "cost_pence": rows["drug_exposure_id"].str.strip().map(_costs(cost, "Drug")).fillna(""),
        },
        index=rows.index,
    )


def map_coded(
    rows: pd.DataFrame, prefix: str, date: str, concepts: pd.DataFrame, key: bytes
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Rows of a clinical table (``prefix`` condition, measurement or observation) as ``coded`` rows, and
    the rows skipped by reason (a vocabulary the data model does not hold, or no concept)."""
    concept_id = rows[f"{prefix}_concept_id"].str.strip()
    source_id = rows[f"{prefix}_source_concept_id"].str.strip()
    standard_vocabulary = concept_id.map(concepts["vocabulary_id"])
    from_source = source_id.map(concepts["vocabulary_id"]).map(SYSTEMS)
    system = from_source.fillna(standard_vocabulary.map(SYSTEMS))
    code = (
        rows[f"{prefix}_source_value"].str.strip().where(from_source.notna(), concept_id.map(concepts["concept_code"]))
    )
    reason = standard_vocabulary.map(NOT_IN_MODEL.format).fillna("the concept is not in CONCEPT.csv")
    reasons = reason.mask(concept_id.isin(["", "0"]), f"no {prefix} concept (0)").where(system.isna())
    kept = system.notna()
    value = rows["value_as_number"].str.strip()
    unit = rows["unit_source_value"].str.strip()
    unit = unit.where(unit != "", rows["unit_concept_id"].str.strip().map(concepts["concept_code"]).fillna(""))
    frame = pd.DataFrame(
        {
            "person_id": pseudonyms(SOURCE, rows["person_id"][kept], key),
            "date": day(rows[date][kept]),
            "system": system[kept],
            "code": code[kept],
            "value": value[kept],
            "unit": unit.where(value != "", "")[kept],
        },
        index=rows.index[kept],
    )
    return frame, reasons_counted(reasons)


def read_omop(folder: Path, key: bytes) -> Adapted:
    """Map a folder of OMOP CDM 5.4 CSV tables into the data model, ready for ``load_adapted``."""
    reader = Reader(folder)
    concept = reader.require("CONCEPT.csv", ["concept_id", "concept_name", "vocabulary_id", "concept_code"])
    concepts = concept.rows.assign(concept_id=concept.rows["concept_id"].str.strip()).drop_duplicates("concept_id")
    concepts = concepts.set_index("concept_id")
    person = reader.require(
        "PERSON.csv",
        [
            "person_id",
            "gender_concept_id",
            "year_of_birth",
            "month_of_birth",
            "race_concept_id",
            "ethnicity_concept_id",
        ],
        optional=["race_source_value"],
    )
    death = _read_or_empty(reader, "DEATH.csv", ["person_id", "death_date"])
    cost = _read_or_empty(reader, "COST.csv", ["cost_event_id", "cost_domain_id", "total_cost", "currency_concept_id"])
    known = set(person.rows["person_id"].str.strip())
    orphans = pd.Series(NOT_A_PERSON, index=death.rows.index).where(~death.rows["person_id"].str.strip().isin(known))
    skipped = {death.name: reasons_counted(orphans)}
    parts = [Part("person", person.name, map_person(person.rows, death.rows, key), PERSON_FIELDS)]
    visits = reader.read(
        "VISIT_OCCURRENCE.csv",
        ["visit_occurrence_id", "person_id", "visit_concept_id", "visit_start_date", "visit_end_date"],
        optional=["admitted_from_concept_id"],
    )
    if visits:
        frame, skipped[visits.name] = map_visits(visits.rows, concepts, cost.rows, key)
        parts.append(Part("event", visits.name, frame, VISIT_FIELDS))
    if drugs := reader.read(
        "DRUG_EXPOSURE.csv", ["drug_exposure_id", "person_id", "drug_exposure_start_date", "drug_exposure_end_date"]
    ):
        parts.append(Part("event", drugs.name, map_drugs(drugs.rows, cost.rows, key), DRUG_FIELDS))
    for name, (prefix, date) in CODED_TABLES.items():
        needed = ["person_id", f"{prefix}_concept_id", f"{prefix}_source_concept_id", f"{prefix}_source_value", date]
        if table := reader.read(name, needed, optional=["value_as_number", "unit_concept_id", "unit_source_value"]):
            frame, skipped[table.name] = map_coded(table.rows, prefix, date, concepts, key)
            concept_column = f"{prefix}_concept_id"
            fields = {**CODED_FIELDS, "date": date, "system": concept_column, "code": concept_column}
            parts.append(Part("coded", table.name, frame, fields))
    stated = cost.rows["currency_concept_id"].str.strip()
    currencies = sorted({CURRENCIES.get(c, f"OMOP concept {c}" if c else "not stated") for c in stated})
    return adapted(parts, skipped, reader.inputs, currency=", ".join(currencies) or None)


def _read_or_empty(reader: Reader, name: str, columns: list[str]) -> CsvFile:
    """The optional table ``name``, or no rows when it is absent."""
    return reader.read(name, columns) or CsvFile(name, pd.DataFrame({c: pd.Series(dtype=str) for c in columns}))
