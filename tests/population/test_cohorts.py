"""Cohorts: each rule on a small hand-made population, with the expected members written out, run on the
Ibis engine (DuckDB) and on the plain pandas reference; and the definition file's refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icshub.loading.problems import ImportRefused
from icshub.population.cohorts import engine
from icshub.population.cohorts import reference_rules as reference
from icshub.population.cohorts.definition import parse_cohort, read_cohort
from tests.population.spec_engines import frame_tables

INDEX = date(2024, 3, 31)
# Six people (ids p1…p6), 64 characters like real pseudonyms.
P = {n: f"{n:064d}" for n in range(1, 7)}
CODELISTS = {"hypertension": ["38341003"], "systolic": ["271649006"]}

# Run on the analytics engine of the run: DuckDB, and Spark in the test command's second pass.
pytestmark = pytest.mark.spec


def population() -> dict[str, pd.DataFrame]:
    d = date.fromisoformat
    person = pd.DataFrame(
        [
            # id, birth year, month, sex, ethnic category, lsoa, imd decile, practice, died
            (P[1], 1959, 3, "female", "A", "E01024019", 1, "G82001", None),  # 65 at the index date
            (P[2], 1959, 4, "male", "H", "E01024020", 2, "G82001", None),  # 64: birthday in April
            (P[3], 1940, 1, "female", "N", "E01024021", 7, "G82002", d("2024-01-15")),  # died before
            (P[4], 2010, 6, "male", "Z", "E01024019", 1, "G82002", d("2024-06-01")),  # dies after
            (P[5], 1950, 12, "female", "A", "E01024022", 10, "G82003", None),
            (P[6], 1985, 7, "other", "C", None, None, None, None),
        ],
        columns=[
            "person_id",
            "birth_year",
            "birth_month",
            "sex",
            "ethnic_category",
            "lsoa",
            "imd_decile",
            "practice",
            "date_of_death",
        ],
    )
    flag = pd.DataFrame(
        [(P[2], "learning_disability", d("2020-01-01")), (P[5], "carer", d("2024-04-02")), (P[6], "carer", None)],
        columns=["person_id", "flag", "from_date"],
    )
    event = pd.DataFrame(
        [
            (P[1], "e1", "emergency_admission", d("2023-06-01"), d("2023-06-04"), None, "RVV", 250_000),
            (P[1], "e2", "emergency_admission", d("2024-01-10"), d("2024-01-12"), None, "RVV", 180_000),
            (P[2], "e3", "emergency_admission", d("2023-03-31"), d("2023-04-02"), None, "RVV", 90_000),  # 366 days
            (P[2], "e4", "emergency_admission", d("2024-03-01"), d("2024-03-02"), None, "RVV", 90_000),
            (P[5], "e5", "emergency_admission", d("2023-04-01"), d("2023-04-02"), None, "RVV", 90_000),
            (P[5], "e6", "emergency_admission", d("2024-02-01"), d("2024-02-03"), None, "RVV", 90_000),
            (P[5], "e7", "ae_attendance", d("2024-02-01"), None, None, "RVV", 20_000),
            (P[4], "e8", "emergency_admission", d("2024-04-01"), d("2024-04-03"), None, "RVV", 90_000),  # after
        ],
        columns=["person_id", "event_id", "type", "start_date", "end_date", "setting", "provider", "cost_pence"],
    )
    coded = pd.DataFrame(
        [
            (P[1], d("2015-05-01"), "snomed", "38341003", None, None),  # hypertension, long ago
            (P[2], d("2024-02-01"), "snomed", "271649006", 150.0, "mmHg"),  # latest systolic high
            (P[2], d("2023-02-01"), "snomed", "271649006", 120.0, "mmHg"),
            (P[5], d("2024-03-01"), "snomed", "271649006", 130.0, "mmHg"),  # latest normal…
            (P[5], d("2023-09-01"), "snomed", "271649006", 170.0, "mmHg"),  # …after a high one
            (P[6], d("2024-03-30"), "snomed", "271649006", 145.0, "mmHg"),
            (P[6], d("2024-03-30"), "snomed", "271649006", 138.0, "mmHg"),  # two on one day: the higher
            (P[4], d("2024-04-10"), "snomed", "38341003", None, None),  # after the index date
        ],
        columns=["person_id", "date", "system", "code", "value", "unit"],
    )
    return {"person": person, "flag": flag, "event": event, "coded": coded}


def cohort(*inclusion: dict, exclusion: tuple[dict, ...] = ()) -> object:
    return parse_cohort(
        {
            "schema": "icshub.cohort/1",
            "key": "test",
            "title": "Test",
            "index_date": INDEX.isoformat(),
            "inclusion": [{"name": f"rule {i}", **r} for i, r in enumerate(inclusion)],
            "exclusion": [{"name": f"not {i}", **r} for i, r in enumerate(exclusion)],
        },
        "test",
    )


def both_engines(definition, frames=None) -> set[str]:
    """The members by the Ibis engine on DuckDB, checked to be the reference's, with the same attrition."""
    frames = frames or population()
    tables = frame_tables(frames)
    on_engine = set(engine.members(tables, definition, CODELISTS).to_pandas()["person_id"])
    by_reference, reference_steps = reference.attrition(frames, definition, CODELISTS)
    assert on_engine == by_reference
    assert engine.attrition(tables, definition, CODELISTS) == reference_steps
    return on_engine


def ids(*numbers: int) -> set[str]:
    return {P[n] for n in numbers}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"age": {"min": 65}}, ids(1, 3, 5)),  # p2 turns 65 in April; p3 is 84
        ({"age": {"min": 14, "max": 64}}, ids(2, 6)),  # p4 is 13 until June
        ({"sex": ["female"]}, ids(1, 3, 5)),
        ({"ethnic_category": ["H", "N"]}, ids(2, 3)),
        ({"imd_decile": [1, 2]}, ids(1, 2, 4)),
        ({"lsoa": ["E01024019"]}, ids(1, 4)),
        ({"practice": ["G82002"]}, ids(3, 4)),
        ({"alive": True}, ids(1, 2, 4, 5, 6)),
        ({"flag": "carer"}, ids(6)),  # p5 is recorded a carer only from April
        ({"flag": "learning_disability"}, ids(2)),
        ({"codes": {"codelist": "hypertension"}}, ids(1)),  # p4's code is after the index date
        ({"codes": {"codelist": "hypertension", "within_days": 365}}, set()),
        ({"codes": {"codes": ["271649006"], "within_days": 60}}, ids(2, 5, 6)),
        ({"events": {"type": "emergency_admission", "at_least": 2}}, ids(1, 2, 5)),
        # 2024 is a leap year, so a 365-day window ending on 31 March 2024 starts on 2 April 2023: p5's
        # admission of 1 April 2023 falls outside it, as does p2's of 31 March 2023.
        ({"events": {"type": "emergency_admission", "at_least": 2, "within_days": 365}}, ids(1)),
        ({"events": {"type": "emergency_admission", "at_least": 2, "within_days": 366}}, ids(1, 5)),
        ({"observation": {"codelist": "systolic", "at_least": 140}}, ids(2, 6)),  # latest value counts
        ({"observation": {"codes": ["271649006"], "below": 140, "within_days": 365}}, ids(5)),
    ],
)
def test_each_rule_on_both_engines(rule: dict, expected: set[str]) -> None:
    assert both_engines(cohort(rule)) == expected


def test_inclusions_then_exclusions_with_their_attrition() -> None:
    definition = cohort(
        {"age": {"min": 18}},
        {"alive": True},
        exclusion=({"flag": "learning_disability"},),
    )
    assert both_engines(definition) == ids(1, 5, 6)
    steps = engine.attrition(frame_tables(population()), definition, CODELISTS)
    assert [(s.kind, s.remaining, s.removed) for s in steps] == [
        ("start", 6, 0),
        ("inclusion", 5, 1),  # p4 is under 18
        ("inclusion", 4, 1),  # p3 died
        ("exclusion", 3, 1),  # p2
    ]


def test_an_unknown_codelist_is_named() -> None:
    with pytest.raises(engine.UnknownCodelist, match="no codelist 'asthma'"):
        engine.members(frame_tables(population()), cohort({"codes": {"codelist": "asthma"}}), CODELISTS)


@settings(max_examples=25, deadline=None)
@given(
    ages=st.lists(st.integers(0, 100), min_size=1, max_size=12),
    counts=st.lists(st.integers(0, 4), min_size=12, max_size=12),
    minimum=st.integers(0, 90),
    at_least=st.integers(1, 3),
)
@pytest.mark.slow
def test_the_engine_agrees_with_the_reference_on_random_populations(ages, counts, minimum, at_least) -> None:
    people = [f"{i:064d}" for i in range(len(ages))]
    frames = population()
    frames["person"] = pd.DataFrame(
        {
            "person_id": people,
            "birth_year": [INDEX.year - a for a in ages],
            "birth_month": [(i % 12) + 1 for i in range(len(ages))],
            "sex": "female",
            "ethnic_category": "Z",
            "lsoa": None,
            "imd_decile": None,
            "practice": None,
            "date_of_death": None,
        }
    )
    frames["event"] = pd.DataFrame(
        [
            (p, f"{p[-3:]}-{k}", "ae_attendance", date(2024, 1, 1 + k), None, None, None, 100)
            for p, n in zip(people, counts, strict=False)
            for k in range(n)
        ],
        columns=["person_id", "event_id", "type", "start_date", "end_date", "setting", "provider", "cost_pence"],
    )
    frames["flag"] = frames["flag"].iloc[0:0]
    frames["coded"] = frames["coded"].iloc[0:0]
    definition = cohort({"age": {"min": minimum}}, {"events": {"type": "ae_attendance", "at_least": at_least}})
    both_engines(definition, frames)


def test_a_definition_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cohort.yaml"
    path.write_text(
        "schema: icshub.cohort/1\n"
        "key: frail-admitted\n"
        "title: Frail and admitted\n"
        "index_date: 2024-03-31\n"
        "inclusion:\n"
        "  - name: Older\n"
        "    age: {min: 90, max: 65}\n"
        "  - name: Two criteria\n"
        "    sex: [female]\n"
        "    flag: carer\n"
        "  - name: A bad type\n"
        "    events: {type: picnic}\n"
    )
    with pytest.raises(ImportRefused) as caught:
        read_cohort(path)
    lines = sorted(p.line for p in caught.value.problems)
    assert lines == [7, 8, 12]
    messages = " ".join(p.message for p in caught.value.problems)
    assert "min 90 is above max 65" in messages and "exactly one criterion" in messages


@pytest.mark.parametrize(
    ("alternatives", "expected"),
    [
        ([{"flag": "carer"}, {"codes": {"codelist": "hypertension"}}], ids(1, 6)),
        ([{"observation": {"codelist": "systolic", "at_least": 140}}, {"sex": ["female"]}], ids(1, 2, 3, 5, 6)),
        # p2 is in both: counted once.
        ([{"flag": "learning_disability"}, {"imd_decile": [2]}, {"lsoa": ["E01024022"]}], ids(2, 5)),
    ],
)
def test_any_of_is_met_by_meeting_one_rule_on_both_engines(alternatives: list[dict], expected: set[str]) -> None:
    named = [{"name": f"alternative {i}", **rule} for i, rule in enumerate(alternatives)]
    assert both_engines(cohort({"any_of": named})) == expected


def test_any_of_as_an_exclusion_removes_whoever_meets_one_rule() -> None:
    either = {"any_of": [{"name": "Carer", "flag": "carer"}, {"name": "Died", "codes": {"codelist": "hypertension"}}]}
    assert both_engines(cohort({"alive": True}, exclusion=(either,))) == ids(2, 4, 5)


def test_a_bad_rule_inside_any_of_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cohort.yaml"
    path.write_text(
        "schema: icshub.cohort/1\n"
        "key: raised\n"
        "title: Raised\n"
        "index_date: 2024-03-31\n"
        "inclusion:\n"
        "  - name: Either\n"
        "    any_of:\n"
        "      - name: Systolic\n"
        "        observation: {codelist: systolic, at_least: 140}\n"
        "      - name: No criterion\n"
        "  - name: Only one\n"
        "    any_of:\n"
        "      - {name: Female, sex: [female]}\n"
    )
    with pytest.raises(ImportRefused) as caught:
        read_cohort(path)
    assert sorted(p.line for p in caught.value.problems) == [10, 12]
    messages = " ".join(p.message for p in caught.value.problems)
    assert "exactly one criterion" in messages and "at least 2" in messages
