"""The Synthea and OMOP adapters on the two Apache-2.0 samples in tests/data/thirdparty: every count is
worked out again here from the CSV files with the csv module and the documented rules, and broken copies
are refused with file, line and column, writing nothing."""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from icshub.config import Settings
from icshub.loading.problems import ImportRefused, Problem
from icshub.population.pseudonym import source_pseudonym
from icshub.population.services import datasets as service
from icshub.population.store import dataset_tables, read_manifest
from tests.conftest import copy_of

DATA = Path(__file__).parents[1] / "data" / "thirdparty"
SYNTHEA = DATA / "dbt-synthea-27"
OMOP = DATA / "eunomia-synthea27nj-omop54"
LOINC = "LOINC code: the data model holds SNOMED CT and ICD-10 only"
PSEUDONYM = re.compile(r"[0-9a-f]{64}")
NHS_CATEGORY = {"white": "C", "black": "P", "asian": "L", "native": "S", "hawaiian": "S", "other": "S"}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def broken_copy(tmp_path: Path, sample: Path, file: str, row: int, **changes: str) -> Path:
    """A copy of ``sample`` with values of data row ``row`` changed (0-based, so on line row + 2)."""
    folder = tmp_path / sample.name
    shutil.copytree(sample, folder)
    table = rows(folder / file)
    table[row].update(changes)
    with (folder / file).open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return folder


@pytest.fixture
def settings(databases, tmp_path: Path) -> Iterator[Settings]:
    """A data directory with an empty migrated database (SQLite), where loads are audited."""
    with copy_of(databases["sqlite"], "initialised", tmp_path / "home") as copy:
        yield copy.settings


def frames(settings: Settings, name: str) -> dict:
    tables = dataset_tables(settings.population_dir, name, settings.analytics)
    return {t: tables[t].execute() for t in ("person", "event", "coded")}


def emergency_admissions(admissions: list[tuple[str, date]], attendances: list[tuple[str, date]]) -> int:
    """Admissions on the day of, or the day after, an emergency attendance of the same person."""
    seen = set(attendances)
    return sum(1 for person, day in admissions if {(person, day), (person, day - timedelta(days=1))} & seen)


def test_synthea_sample_loads_every_patient_encounter_medicine_and_snomed_code(settings: Settings) -> None:
    patients, encounters = rows(SYNTHEA / "patients.csv"), rows(SYNTHEA / "encounters.csv")
    medications, conditions = rows(SYNTHEA / "medications.csv"), rows(SYNTHEA / "conditions.csv")
    observations = rows(SYNTHEA / "observations.csv")
    snomed = [o for o in observations if re.fullmatch(r"\d{6,18}", o["CODE"])]
    loinc = [o for o in observations if re.fullmatch(r"\d{1,7}-\d", o["CODE"])]

    loaded = service.load_synthea(settings, SYNTHEA, "synthea")

    expected = {
        "person": len(patients),
        "event": len(encounters) + len(medications),
        "coded": len(conditions) + len(snomed),
    }
    assert loaded.summary.loaded == expected == {"person": 27, "event": 1267, "coded": 438}
    assert loaded.summary.rejected == {"person": 0, "event": 0, "coded": 0} and loaded.summary.problems == []
    others = len(observations) - len(loinc) - len(snomed)
    assert loaded.skipped == {
        "observations.csv": {LOINC: len(loinc), "Synthea's own summary code (QALY, DALY, QOLS…), not SNOMED CT": others}
    }
    assert (len(loinc), others) == (915, 75)

    tables = frames(settings, "synthea")
    person, event, coded = tables["person"], tables["event"], tables["coded"]
    assert Counter(person["sex"]) == Counter({"M": "male", "F": "female"}[p["GENDER"]] for p in patients)
    assert Counter(person["ethnic_category"]) == Counter(
        "S" if p["ETHNICITY"] == "hispanic" else NHS_CATEGORY.get(p["RACE"], "Z") for p in patients
    )
    assert person["date_of_death"].notna().sum() == sum(1 for p in patients if p["DEATHDATE"]) == 2
    assert person["lsoa"].isna().all() and person["practice"].isna().all()

    classes = Counter(e["ENCOUNTERCLASS"] for e in encounters)
    day = {e["Id"]: date.fromisoformat(e["START"][:10]) for e in encounters}
    via_emergency = emergency_admissions(
        [(e["PATIENT"], day[e["Id"]]) for e in encounters if e["ENCOUNTERCLASS"] == "inpatient"],
        [(e["PATIENT"], day[e["Id"]]) for e in encounters if e["ENCOUNTERCLASS"] in ("emergency", "urgentcare")],
    )
    assert via_emergency == 1  # the appendicitis admission, through the emergency department
    assert Counter(event["type"]) == Counter(
        {
            "primary_care": classes["wellness"] + classes["ambulatory"],
            "outpatient": classes["outpatient"],
            "ae_attendance": classes["emergency"] + classes["urgentcare"],
            "emergency_admission": via_emergency,
            "elective_admission": classes["inpatient"] - via_emergency,
            "prescription": len(medications),
        }
    )
    assert Counter(coded["code"]) == Counter(c["CODE"] for c in conditions + snomed)
    assert set(coded["system"]) == {"snomed"}


def test_synthea_people_are_pseudonymised_and_costs_are_exact_cents(settings: Settings) -> None:
    patients, encounters = rows(SYNTHEA / "patients.csv"), rows(SYNTHEA / "encounters.csv")
    medications = rows(SYNTHEA / "medications.csv")
    service.load_synthea(settings, SYNTHEA, "synthea")
    tables = frames(settings, "synthea")
    key = settings.pseudonym_key()

    ids = {p["Id"] for p in patients}
    assert all(PSEUDONYM.fullmatch(p) for p in tables["person"]["person_id"])
    assert set(tables["person"]["person_id"]) == {source_pseudonym("synthea", i, key) for i in ids}
    assert not ids & set(tables["person"]["person_id"]) and not ids & set(tables["event"]["person_id"])
    assert not {e["Id"] for e in encounters} & set(tables["event"]["event_id"])
    assert tables["event"]["event_id"].is_unique

    event = tables["event"]
    assert str(event["cost_pence"].dtype) == "int64"
    total = sum(Decimal(e["TOTAL_CLAIM_COST"]) for e in encounters) + sum(Decimal(m["TOTALCOST"]) for m in medications)
    assert event["cost_pence"].sum() == int(total * 100)
    first = encounters[0]  # 3798.09 dollars: 379809 cents, whatever a float would make of it
    mine = event[
        (event["person_id"] == source_pseudonym("synthea", first["PATIENT"], key))
        & (event["start_date"] == first["START"][:10])
        & (event["setting"] == first["ENCOUNTERCLASS"])
    ]
    assert first["TOTAL_CLAIM_COST"] == "3798.09" and mine["cost_pence"].tolist() == [379809]

    manifest = read_manifest(settings.population_dir, "synthea")
    assert (manifest["adapter"], manifest["source"], manifest["synthetic"], manifest["currency"]) == (
        "synthea",
        "dbt-synthea-27",
        True,
        "USD",
    )
    assert set(manifest["inputs"]) == {
        f"{t}.csv" for t in ("patients", "encounters", "medications", "conditions", "observations")
    }
    assert manifest["skipped"]["observations.csv"][LOINC] == 915


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "words"),
    [
        ("patients.csv", 4, "GENDER", "X", "'X' is not a sex"),
        ("patients.csv", 7, "BIRTHDATE", "1990-13-01", "'13' is not a month"),
        ("encounters.csv", 2, "START", "2023-02-30T10:00:00Z", "'2023-02-30' is not a date"),
        ("encounters.csv", 3, "ENCOUNTERCLASS", "spa", "'spa' is not a type of event"),
        ("medications.csv", 10, "TOTALCOST", "12,50", "'12,50' is not a whole number"),
        ("conditions.csv", 5, "CODE", "J45", "is not a code of its system"),
    ],
)
def test_a_broken_synthea_row_is_refused_with_file_line_and_column(
    settings: Settings, tmp_path: Path, file: str, row: int, column: str, value: str, words: str
) -> None:
    folder = broken_copy(tmp_path, SYNTHEA, file, row, **{column: value})
    with pytest.raises(ImportRefused) as refused:
        service.load_synthea(settings, folder, "broken")
    assert [p for p in refused.value.problems if (p.file, p.line, p.field) == (file, row + 2, column)]
    assert any(words in p.message for p in refused.value.problems if p.line == row + 2)
    assert "nothing was written" in str(refused.value)
    assert service.datasets(settings) == [] and not (settings.population_dir / "broken").exists()


def test_an_observation_is_found_on_its_line_among_the_skipped_ones(settings: Settings, tmp_path: Path) -> None:
    assert rows(SYNTHEA / "observations.csv")[0]["TYPE"] == "numeric"
    folder = broken_copy(tmp_path, SYNTHEA, "observations.csv", 0, CODE="271649006", VALUE="high")  # SNOMED CT
    with pytest.raises(ImportRefused) as refused:
        service.load_synthea(settings, folder, "broken")
    assert refused.value.problems == [Problem("observations.csv", 2, "VALUE", "'high' is not a number")]


def test_with_accept_rejects_the_rest_of_synthea_loads_and_the_rejects_are_reported(
    settings: Settings, tmp_path: Path
) -> None:
    folder = broken_copy(tmp_path, SYNTHEA, "patients.csv", 4, GENDER="X")
    patient = rows(folder / "patients.csv")[4]["Id"]
    theirs = {
        f: [r for r in rows(folder / f) if r["PATIENT"] == patient]
        for f in ("encounters.csv", "medications.csv", "conditions.csv")
    }

    loaded = service.load_synthea(settings, folder, "partial", accept_rejects=True)

    summary = loaded.summary
    assert summary.loaded["person"] == 26 and summary.rejected["person"] == 1
    events = len(theirs["encounters.csv"]) + len(theirs["medications.csv"])
    assert summary.rejected == {"person": 1, "event": events, "coded": len(theirs["conditions.csv"])}
    assert summary.loaded["event"] == 1267 - events
    assert Problem("patients.csv", 6, "GENDER", "'X' is not a sex (female, male, other, unknown)") in summary.problems
    orphan = [p for p in summary.problems if p.file == "encounters.csv"]
    assert len(orphan) == len(theirs["encounters.csv"]) and {p.field for p in orphan} == {"PATIENT"}
    manifest = read_manifest(settings.population_dir, "partial")
    assert manifest["rejected"] == summary.rejected and manifest["tables"]["person"]["rows"] == 26


def omop_codes(table: list[dict[str, str]], prefix: str, concepts: dict[str, dict[str, str]]) -> list[str | None]:
    """The vocabulary that gives each row its code (source concept first, then the standard one), or None."""
    found = []
    for row in table:
        vocabularies = [concepts.get(row[f"{prefix}_{c}concept_id"], {}).get("vocabulary_id") for c in ("source_", "")]
        found.append(next((v for v in vocabularies if v in ("SNOMED", "ICD10", "ICD10CM")), None))
    return found


def test_omop_sample_loads_people_visits_drugs_and_codes_through_the_concept_table(settings: Settings) -> None:
    concepts = {c["concept_id"]: c for c in rows(OMOP / "CONCEPT.csv")}
    people, visits, drugs = (
        rows(OMOP / "PERSON.csv"),
        rows(OMOP / "VISIT_OCCURRENCE.csv"),
        rows(OMOP / "DRUG_EXPOSURE.csv"),
    )
    deaths = rows(OMOP / "DEATH.csv")
    clinical = {
        "CONDITION_OCCURRENCE.csv": "condition",
        "MEASUREMENT.csv": "measurement",
        "OBSERVATION.csv": "observation",
    }
    vocabularies = {f: omop_codes(rows(OMOP / f), prefix, concepts) for f, prefix in clinical.items()}
    kept = {f: sum(v is not None for v in found) for f, found in vocabularies.items()}
    mapped_visits = [
        v for v in visits if v["visit_concept_id"] in ("9201", "9202", "9203", "262", "581477", "581476", "42898160")
    ]

    loaded = service.load_omop(settings, OMOP, "omop", synthetic=True)

    expected = {"person": len(people), "event": len(mapped_visits) + len(drugs), "coded": sum(kept.values())}
    assert loaded.summary.loaded == expected == {"person": 28, "event": 2674, "coded": 1805}
    assert loaded.summary.problems == []
    loinc = {
        f: sum(1 for r in rows(OMOP / f) if concepts[r[f"{p}_concept_id"]]["vocabulary_id"] == "LOINC")
        for f, p in clinical.items()
    }
    assert (
        loaded.skipped
        == {f: {LOINC: n} for f, n in loinc.items() if n}
        == {
            "MEASUREMENT.csv": {LOINC: 9155},
            "OBSERVATION.csv": {LOINC: 7649},
        }
    )

    tables = frames(settings, "omop")
    person, event, coded = tables["person"], tables["event"], tables["coded"]
    key = settings.pseudonym_key()
    assert set(person["person_id"]) == {source_pseudonym("omop", p["person_id"], key) for p in people}
    assert all(PSEUDONYM.fullmatch(p) for p in person["person_id"])
    assert not {p["person_source_value"] for p in people} & set(person["person_id"])
    assert Counter(person["sex"]) == Counter({"8507": "male", "8532": "female"}[p["gender_concept_id"]] for p in people)
    assert person["date_of_death"].notna().sum() == len({d["person_id"] for d in deaths}) == 3
    assert Counter(person["birth_year"]) == Counter(int(p["year_of_birth"]) for p in people)

    concept_of = Counter(v["visit_concept_id"] for v in visits)
    day = {v["visit_occurrence_id"]: date.fromisoformat(v["visit_start_date"]) for v in visits}
    via_emergency = emergency_admissions(
        [(v["person_id"], day[v["visit_occurrence_id"]]) for v in visits if v["visit_concept_id"] == "9201"],
        [(v["person_id"], day[v["visit_occurrence_id"]]) for v in visits if v["visit_concept_id"] in ("9203", "262")],
    )
    assert Counter(event["type"]) == Counter(
        {
            "outpatient": concept_of["9202"],
            "ae_attendance": concept_of["9203"],
            "emergency_admission": via_emergency,
            "elective_admission": concept_of["9201"] - via_emergency,
            "prescription": len(drugs),
        }
    )
    assert event["cost_pence"].isna().all()  # the sample's COST table is empty
    assert set(coded["system"]) == {"snomed"}
    assert Counter(coded["code"]) == Counter(
        r[f"{p}_source_value"]
        for f, p in clinical.items()
        for r, v in zip(rows(OMOP / f), vocabularies[f], strict=True)
        if v
    )
    manifest = read_manifest(settings.population_dir, "omop")
    assert (manifest["adapter"], manifest["synthetic"], manifest["currency"]) == ("omop", True, None)


def test_omop_skips_visits_it_does_not_map_and_refuses_an_unknown_gender(settings: Settings, tmp_path: Path) -> None:
    folder = broken_copy(tmp_path, OMOP, "VISIT_OCCURRENCE.csv", 0, visit_concept_id="32036")  # a laboratory visit
    loaded = service.load_omop(settings, folder, "omop")
    assert loaded.summary.loaded["event"] == 2673
    assert loaded.skipped["VISIT_OCCURRENCE.csv"] == {"visit concept 32036 is not mapped to a type of event": 1}
    assert read_manifest(settings.population_dir, "omop")["synthetic"] is False

    broken = broken_copy(tmp_path / "again", OMOP, "PERSON.csv", 2, gender_concept_id="9999")
    with pytest.raises(ImportRefused) as refused:
        service.load_omop(settings, broken, "broken")
    assert Problem("PERSON.csv", 4, "gender_concept_id", "'9999' is not a sex (female, male, other, unknown)") in (
        refused.value.problems
    )
    assert [d["name"] for d in service.datasets(settings)] == ["omop"]


def test_omop_costs_are_summed_in_exact_minor_units_and_their_currency_recorded(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "omop"
    shutil.copytree(OMOP, folder)
    visit, drug = rows(OMOP / "VISIT_OCCURRENCE.csv")[0], rows(OMOP / "DRUG_EXPOSURE.csv")[0]
    with (OMOP / "COST.csv").open(newline="") as handle:
        header = next(csv.reader(handle))
    costs = [
        (visit["visit_occurrence_id"], "Visit", "100.10"),
        (visit["visit_occurrence_id"], "Visit", "0.05"),
        (drug["drug_exposure_id"], "Drug", "12.345"),  # half a cent rounds up
    ]
    with (folder / "COST.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        for n, (event, domain, amount) in enumerate(costs, 1):
            writer.writerow(
                {"cost_id": str(n), "cost_event_id": event, "cost_domain_id": domain, "total_cost": amount}
                | {"currency_concept_id": "44818668"}
            )

    service.load_omop(settings, folder, "costed")

    event = frames(settings, "costed")["event"]
    assert sorted(event["cost_pence"].dropna().astype(int)) == [1235, 10015]
    assert read_manifest(settings.population_dir, "costed")["currency"] == "USD"
