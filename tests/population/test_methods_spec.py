"""Spec tests of the population methods: small hand-made populations with their expected results written
out, run on every engine (the pandas reference and the run's analytics engine: DuckDB, or Spark in the test
command's second pass),
which must give identical results; generative tests comparing the engines on random populations; and the
refusals of the definition loaders, by file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icshub.loading.problems import ImportRefused
from icshub.population.data_model import TABLES, CodeSystem
from icshub.population.methods import conditions, core20plus5, frailty, segmentation
from icshub.population.methods import person_features as features
from icshub.population.methods import reference_methods as reference
from icshub.population.methods.codelists import Concept, Condition, read_codelist, read_conditions
from icshub.population.methods.frailty import CutPoints, Efi
from tests.population.spec_engines import ANALYTICS, REFERENCE, analytics_tables

INDEX = date(2024, 6, 30)
ENGINE = SimpleNamespace(
    conditions_held=conditions.conditions_held,
    ltc_summary=conditions.ltc_summary,
    efi=frailty.efi,
    person_features=features.person_features,
    segment=segmentation.segment,
    core20=core20plus5.core20,
    plus_groups=core20plus5.plus_groups,
    hypertension_case_finding=core20plus5.hypertension_case_finding,
)


def _value(value: Any) -> Any:
    if value is None or (not isinstance(value, str | list) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The result as plain Python records in a fixed order, whatever engine made it."""
    records = [{k: _value(v) for k, v in record.items()} for record in frame.to_dict("records")]
    return sorted(records, key=lambda r: [str(r[k]) for k in frame.columns])


def run(engine: str, call: Callable[[Any, dict[str, Any]], Any], tables: dict[str, pa.Table]) -> list[dict]:
    """``call(methods, tables)`` on ``engine``: the Ibis methods over backend tables, or the reference
    over pandas frames."""
    if engine == REFERENCE:
        return rows(call(reference, {name: table.to_pandas() for name, table in tables.items()}))
    return rows(call(ENGINE, analytics_tables(tables)).to_pandas())


def population(**given: list[tuple]) -> dict[str, pa.Table]:
    """The four tables, typed to the schema, from rows written as tuples in the schema's column order
    (missing tables are empty)."""
    tables = {}
    for name, table in TABLES.items():
        names = [c.name for c in table.columns]
        records = [dict(zip(names, row, strict=False)) for row in given.get(name, [])]
        tables[name] = pa.Table.from_pylist(records, schema=table.schema)
    return tables


def person(pid: str, born: tuple[int, int] = (1950, 1), ethnic: str = "A", lsoa: str | None = None) -> tuple:
    return (pid, born[0], born[1], "female", ethnic, lsoa)


def sn(pid: str, when: date, code: str, value: float | None = None) -> tuple:
    return (pid, when, "snomed", code, value)


# Codes made up for the tests (SNOMED-shaped), one small codelist per concept.
ASTHMA = Concept("asthma", frozenset({("snomed", "1000001")}), frozenset({("snomed", "1000002")}))
HYPERTENSION = Concept("hypertension", frozenset({("snomed", "1000011")}), frozenset({("snomed", "1000012")}))
DEPRESSION = Concept("depression", frozenset({("snomed", "1000021")}))
ANXIETY = Concept("anxiety", frozenset({("snomed", "1000031")}))
CANCER = Concept("cancer", frozenset({("snomed", "1000041")}), within_years=5)
DEMENTIA = Concept("dementia", frozenset({("snomed", "1000051")}))
HEART_FAILURE = Concept("heart_failure", frozenset({("snomed", "1000061")}))
COPD = Concept("copd", frozenset({("snomed", "1000071")}))
CMS = {"asthma": "asthma", "hypertension": "hypertension", "depression": "anxiety_depression"}
CMS |= {"anxiety": "anxiety_depression", "cancer": "cancer", "dementia": "dementia", "heart_failure": "heart_failure"}
CONDITIONS = [
    Condition(c, c.name, CMS.get(c.name))
    for c in (ASTHMA, HYPERTENSION, DEPRESSION, ANXIETY, CANCER, DEMENTIA, HEART_FAILURE, COPD)
]
WEIGHTS = conditions.read_cms_weights()

LTC_POPULATION = population(
    person=[person(p) for p in ("p1", "p2", "p3", "p4", "p5")],
    coded=[
        sn("p1", date(2010, 1, 1), "1000001"),  # asthma ...
        sn("p1", date(2015, 1, 1), "1000002"),  # ... resolved
        sn("p1", date(2020, 1, 1), "1000011"),  # hypertension
        sn("p2", date(2010, 1, 1), "1000001"),  # asthma, resolved, then coded again: held
        sn("p2", date(2015, 1, 1), "1000002"),
        sn("p2", date(2020, 1, 1), "1000001"),
        sn("p2", date(2019, 5, 1), "1000021"),  # depression and anxiety: one CMS condition
        sn("p2", date(2019, 5, 1), "1000031"),
        sn("p3", date(2015, 1, 1), "1000041"),  # cancer more than five years before the date
        sn("p3", date(2024, 7, 15), "1000051"),  # dementia after the date
        sn("p4", date(2021, 3, 1), "1000011"),  # hypertension resolved on the day it was coded: not held
        sn("p4", date(2021, 3, 1), "1000012"),
        sn("p4", date(2019, 7, 1), "1000041"),  # cancer within five years
        sn("p4", date(2023, 2, 1), "1000051"),  # dementia
        ("p5", date(2020, 1, 1), "icd10", "1000011", None),  # the right code in the wrong system
    ],
)


def test_conditions_held(engine: str) -> None:
    result = run(
        engine, lambda m, t: m.conditions_held(t["coded"], [c.concept for c in CONDITIONS], INDEX), LTC_POPULATION
    )
    assert result == [
        {"person_id": "p1", "concept": "hypertension"},
        {"person_id": "p2", "concept": "anxiety"},
        {"person_id": "p2", "concept": "asthma"},
        {"person_id": "p2", "concept": "depression"},
        {"person_id": "p4", "concept": "cancer"},
        {"person_id": "p4", "concept": "dementia"},
    ]


def test_ltc_count_and_cambridge_multimorbidity_score(engine: str) -> None:
    result = run(
        engine, lambda m, t: m.ltc_summary(t["person"], t["coded"], CONDITIONS, WEIGHTS, INDEX), LTC_POPULATION
    )
    assert result == [
        {"person_id": "p1", "ltc_count": 1, "cms": 0.08},
        {"person_id": "p2", "ltc_count": 3, "cms": 0.69},  # asthma 0.19 + anxiety or depression 0.50, once
        {"person_id": "p3", "ltc_count": 0, "cms": 0.0},
        {"person_id": "p4", "ltc_count": 2, "cms": 4.03},  # cancer 1.53 + dementia 2.50
        {"person_id": "p5", "ltc_count": 0, "cms": 0.0},
    ]


DEFICITS = [Concept(f"d{i:02}", frozenset({("snomed", f"20000{i:02}")})) for i in range(35)]
EFI = Efi(DEFICITS, {"polypharmacy": "polypharmacy"}, 36, CutPoints(mild=0.12, moderate=0.24, severe=0.36))


def deficits(pid: str, how_many: int, when: date = date(2020, 1, 1)) -> list[tuple]:
    return [sn(pid, when, f"20000{i:02}") for i in range(how_many)]


EFI_POPULATION = population(
    person=[person(f"f{n}") for n in range(1, 8)],
    coded=[
        *deficits("f1", 4),
        *deficits("f2", 5),
        *deficits("f3", 8),
        *deficits("f3", 2),  # the same deficits again count once
        *deficits("f4", 9),
        *deficits("f5", 12),
        *deficits("f6", 12),
        *deficits("f7", 20, when=date(2024, 7, 1)),  # after the date
    ],
    flag=[("f6", "polypharmacy", date(2023, 1, 1)), ("f7", "polypharmacy", date(2024, 7, 1))],
)


def test_electronic_frailty_index(engine: str) -> None:
    result = run(engine, lambda m, t: m.efi(t["person"], t["coded"], t["flag"], EFI, INDEX), EFI_POPULATION)
    assert result == [
        {"person_id": "f1", "deficits": 4, "efi": 4 / 36, "frailty": "fit"},
        {"person_id": "f2", "deficits": 5, "efi": 5 / 36, "frailty": "mild"},
        {"person_id": "f3", "deficits": 8, "efi": 8 / 36, "frailty": "mild"},
        {"person_id": "f4", "deficits": 9, "efi": 9 / 36, "frailty": "moderate"},
        {"person_id": "f5", "deficits": 12, "efi": 12 / 36, "frailty": "moderate"},
        {"person_id": "f6", "deficits": 13, "efi": 13 / 36, "frailty": "severe"},  # 12 coded and the flag
        {"person_id": "f7", "deficits": 0, "efi": 0.0, "frailty": "fit"},
    ]


BRIDGES = segmentation.read_segments(segmentation.BRIDGES_TO_HEALTH, [c.concept.name for c in CONDITIONS])
RULE_FLAGS = sorted(f.removeprefix("flag_") for f in BRIDGES.fields if f.startswith("flag_"))
NO_DEFICITS = Efi([], {}, 36, EFI.cut_points)

SEGMENT_POPULATION = population(
    person=[person(p) for p in ("eol", "frail", "organ", "ld", "chronic", "acute", "old_acute", "well")]
    + [person("infant", born=(2024, 1))],
    coded=[
        sn("eol", date(2022, 1, 1), "1000051"),  # dementia, but nearing the end of life comes first
        sn("frail", date(2022, 1, 1), "1000051"),
        sn("organ", date(2022, 1, 1), "1000061"),  # heart failure
        sn("organ", date(2022, 1, 1), "1000001"),
        sn("ld", date(2022, 1, 1), "1000001"),  # asthma, with a learning disability
        sn("chronic", date(2022, 1, 1), "1000001"),
    ],
    flag=[("eol", "end_of_life", date(2024, 5, 1)), ("ld", "learning_disability", None)],
    event=[
        ("acute", "e1", "ae_attendance", date(2024, 6, 1)),
        ("old_acute", "e2", "emergency_admission", date(2024, 3, 1)),  # more than 90 days before
    ],
)


def test_bridges_to_health_segments(engine: str) -> None:
    def call(m: Any, t: dict[str, Any]) -> Any:
        return m.segment(m.person_features(t, CONDITIONS, WEIGHTS, NO_DEFICITS, INDEX, RULE_FLAGS), BRIDGES)

    result = {r["person_id"]: r["segment"] for r in run(engine, call, SEGMENT_POPULATION)}
    assert result == {
        "eol": "short_decline_before_dying",
        "frail": "frailty",
        "organ": "limited_reserve",
        "ld": "stable_disability",
        "chronic": "chronic_conditions",
        "infant": "maternal_infant",
        "acute": "acutely_ill",
        "old_acute": "healthy",
        "well": "healthy",
    }


def test_person_features(engine: str) -> None:
    def call(m: Any, t: dict[str, Any]) -> Any:
        return m.person_features(t, CONDITIONS[:1], WEIGHTS, NO_DEFICITS, INDEX, ["end_of_life"])

    result = {r["person_id"]: r for r in run(engine, call, SEGMENT_POPULATION)}
    assert result["infant"]["age"] == 0  # born January 2024
    assert result["eol"]["age"] == 74  # born January 1950
    assert result["chronic"] == {
        "person_id": "chronic",
        "sex": "female",
        "ethnic_category": "A",
        "age": 74,
        "ltc_count": 1,
        "cms": 0.19,
        "efi": 0.0,
        "frailty": "fit",
        "recent_emergency": False,
        "has_asthma": True,
        "flag_end_of_life": False,
    }
    assert result["eol"]["flag_end_of_life"] and result["acute"]["recent_emergency"]


IMD = pa.Table.from_pandas(
    pd.DataFrame({"lsoa": ["E01000001", "E01000002", "E01000003"], "imd_decile": [1, 2, 3]}), preserve_index=False
)
CORE20_POPULATION = population(
    person=[
        person("c1", lsoa="E01000001"),
        person("c2", lsoa="E01000002"),
        person("c3", lsoa="E01000003"),
        person("c4", lsoa="E01999999"),  # not in the lookup
        person("c5"),  # no LSOA
    ]
)


def test_core20(engine: str) -> None:
    result = run(engine, lambda m, t: m.core20(t["person"], t["imd"], "IoD2025"), {**CORE20_POPULATION, "imd": IMD})
    edition = {"imd_edition": "IoD2025"}
    assert result == [
        {"person_id": "c1", **edition, "imd_quintile": 1, "core20": True},
        {"person_id": "c2", **edition, "imd_quintile": 1, "core20": True},
        {"person_id": "c3", **edition, "imd_quintile": 2, "core20": False},
        {"person_id": "c4", **edition, "imd_quintile": None, "core20": None},
        {"person_id": "c5", **edition, "imd_quintile": None, "core20": None},
    ]


PLUS = core20plus5.read_core20plus5().plus_groups


def test_plus_groups(engine: str) -> None:
    tables = population(
        person=[person("g1"), person("g2", ethnic="H"), person("g3", ethnic="Z"), person("g4", ethnic="N")],
        flag=[
            ("g1", "learning_disability", date(2020, 1, 1)),
            ("g1", "homeless", date(2025, 1, 1)),  # after the date
            ("g3", "carer", None),
            ("g4", "carer", None),
        ],
    )
    result = run(engine, lambda m, t: m.plus_groups(t["person"], t["flag"], PLUS, INDEX), tables)
    assert result == [
        {"person_id": "g1", "plus_group": "learning_disability"},
        {"person_id": "g2", "plus_group": "ethnic_minority"},
        {"person_id": "g3", "plus_group": "carer"},
        {"person_id": "g4", "plus_group": "carer"},
        {"person_id": "g4", "plus_group": "ethnic_minority"},
    ]


RULE = core20plus5.read_core20plus5().hypertension_case_finding
SYS, DIA = RULE.systolic_codes[0], RULE.diastolic_codes[0]


def test_hypertension_case_finding(engine: str) -> None:
    tables = population(
        person=[person(f"h{n}") for n in range(1, 8)],
        coded=[
            sn("h1", date(2024, 1, 1), SYS, 150.0),
            sn("h2", date(2023, 1, 1), SYS, 150.0),  # an older high reading ...
            sn("h2", date(2024, 1, 1), SYS, 130.0),  # ... and a later normal one
            sn("h2", date(2024, 1, 1), DIA, 85.0),
            sn("h3", date(2024, 1, 1), DIA, 95.0),
            sn("h3", date(2020, 1, 1), "1000011"),  # diagnosed
            sn("h4", date(2024, 5, 1), SYS, 120.0),  # two readings on the latest day: the highest counts
            sn("h4", date(2024, 5, 1), SYS, 145.0),
            sn("h5", date(2024, 1, 1), DIA, 90.0),  # at 90: raised
            sn("h5", date(2018, 1, 1), "1000011"),  # diagnosed, then resolved
            sn("h5", date(2019, 1, 1), "1000012"),
            sn("h7", date(2024, 7, 1), SYS, 160.0),  # after the date
        ],
    )
    result = run(
        engine, lambda m, t: m.hypertension_case_finding(t["person"], t["coded"], HYPERTENSION, RULE, INDEX), tables
    )
    no = {"hypertension": False}
    assert result == [
        {"person_id": "h1", "systolic": 150.0, "diastolic": None, **no, "case_finding": True},
        {"person_id": "h2", "systolic": 130.0, "diastolic": 85.0, **no, "case_finding": False},
        {"person_id": "h3", "systolic": None, "diastolic": 95.0, "hypertension": True, "case_finding": False},
        {"person_id": "h4", "systolic": 145.0, "diastolic": None, **no, "case_finding": True},
        {"person_id": "h5", "systolic": None, "diastolic": 90.0, **no, "case_finding": True},
        {"person_id": "h6", "systolic": None, "diastolic": None, **no, "case_finding": False},
        {"person_id": "h7", "systolic": None, "diastolic": None, **no, "case_finding": False},
    ]


# Generative: random small populations, engine against reference.
PEOPLE = [f"r{n}" for n in range(6)]
CODES = sorted(
    {code for c in CONDITIONS for _, code in c.concept.codes | c.concept.resolved_by} | {SYS, DIA, "2000000"}
)
DAYS = st.dates(min_value=date(2017, 1, 1), max_value=date(2025, 1, 1))
CODED = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        DAYS,
        st.sampled_from(["snomed", "icd10"]),
        st.sampled_from(CODES),
        st.none() | st.integers(60, 200).map(float),
    ),
    max_size=40,
)
FLAGS = st.lists(
    st.tuples(st.sampled_from(PEOPLE), st.sampled_from(["polypharmacy", "carer", "end_of_life"]), st.none() | DAYS),
    max_size=8,
)
EVENTS = st.lists(
    st.tuples(st.sampled_from(PEOPLE), st.just("e"), st.sampled_from(["ae_attendance", "outpatient"]), DAYS),
    max_size=6,
)
RANDOM_EFI = Efi([*DEFICITS[:1], HYPERTENSION], {"polypharmacy": "polypharmacy"}, 36, EFI.cut_points)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(coded=CODED, flags=FLAGS, events=EVENTS, index=DAYS)
def test_engines_agree_on_random_populations(coded: list, flags: list, events: list, index: date) -> None:
    tables = population(
        person=[person(p, born=(2023 + n % 2, 1 + n)) for n, p in enumerate(PEOPLE)],
        coded=coded,
        flag=flags,
        event=[(p, f"e{n}", kind, day) for n, (p, _, kind, day) in enumerate(events)],
    )
    calls: list[Callable[[Any, dict[str, Any]], Any]] = [
        lambda m, t: m.ltc_summary(t["person"], t["coded"], CONDITIONS, WEIGHTS, index),
        lambda m, t: m.efi(t["person"], t["coded"], t["flag"], RANDOM_EFI, index),
        lambda m, t: m.hypertension_case_finding(t["person"], t["coded"], HYPERTENSION, RULE, index),
        lambda m, t: m.segment(m.person_features(t, CONDITIONS, WEIGHTS, RANDOM_EFI, index, RULE_FLAGS), BRIDGES),
    ]
    for call in calls:
        assert run(ANALYTICS.name, call, tables) == run("reference", call, tables)


# The definitions shipped as data, and the loaders' refusals.
def test_default_definitions_load() -> None:
    weights = WEIGHTS.hundredths()
    assert len(weights) == 20 and weights["dementia"] == 250 and weights["hypertension"] == 8
    efi = frailty.read_efi()
    assert efi.total == 36 and efi.flags == {"polypharmacy": "polypharmacy"}
    assert [s.name for s in BRIDGES.segments][-1] == BRIDGES.default == "healthy" and len(BRIDGES.segments) == 8
    assert core20plus5.read_core20plus5().imd_edition == "IoD2025"
    defaults = read_conditions()  # the index, with the codelists of defaults/codelists
    assert {c.cms for c in defaults} <= set(weights) and len(defaults) == 12
    segmentation.read_segments(segmentation.BRIDGES_TO_HEALTH, [c.concept.name for c in defaults])


def refused(action: Callable[[], object]) -> list[tuple[str, int | None, str | None]]:
    with pytest.raises(ImportRefused) as caught:
        action()
    return [(p.file, p.line, p.field) for p in caught.value.problems]


RULES = """schema: icshub.segments/1
name: A place's segments
default: everyone_else
segments:
  - name: older
    label: Older people
    when_any:
      - [{field: age, op: ">=", value: 65}, {field: has_asthma, op: "==", value: true}]
      - [{field: shoe_size, op: ">", value: 9}]
      - [{field: sex, op: ">", value: female}]
      - [{field: ltc_count, op: ">=", value: "three"}]
  - name: older
    label: Again
    when_any:
      - [{field: flag_carer, op: "==", value: true}]
  - name: nobody
    label: No tests
  - name: everyone_else
    label: Everyone else
"""


def test_rules_file_refusals(tmp_path: Path) -> None:
    path = tmp_path / "segments.yaml"
    path.write_text(RULES)
    assert sorted(refused(lambda: segmentation.read_segments(path, ["asthma"]))) == [
        ("segments.yaml", 9, "segments.when_any.field"),  # an unknown feature
        ("segments.yaml", 10, "segments.when_any.op"),  # '>' on text
        ("segments.yaml", 11, "segments.when_any.value"),  # text for a number
        ("segments.yaml", 12, "segments.name"),  # given twice
        ("segments.yaml", 16, "segments.when_any"),  # a segment without tests
    ]
    path.write_text(RULES.replace("default: everyone_else", "default: somebody"))
    assert ("segments.yaml", 3, "default") in refused(lambda: segmentation.read_segments(path, ["asthma"]))
    path.write_text(RULES.replace('op: ">=", value: 65', "op: in, value: 65"))
    assert ("segments.yaml", 8, "segments.when_any") in refused(lambda: segmentation.read_segments(path, []))


def test_codelist_and_index_refusals(tmp_path: Path) -> None:
    (tmp_path / "asthma.csv").write_text("code,term\n195967001,Asthma\nJ45,Asthma (ICD-10)\n")
    assert refused(lambda: read_codelist(tmp_path / "asthma.csv", CodeSystem.SNOMED)) == [("asthma.csv", 3, "code")]
    (tmp_path / "asthma.csv").write_text("term\nAsthma\n")
    assert refused(lambda: read_codelist(tmp_path / "asthma.csv", CodeSystem.SNOMED)) == [("asthma.csv", 1, "code")]
    (tmp_path / "asthma.csv").write_text("code,term\n195967001,Asthma\n")
    index = tmp_path / "conditions.yaml"
    index.write_text(
        "schema: icshub.conditions/1\nconditions:\n"
        "  - {key: asthma, label: Asthma, codelist: asthma, system: snomed, resolved_by: asthma_resolved}\n"
        "  - {key: copd, label: COPD, codelist: copd, system: read2}\n"
    )
    assert refused(lambda: read_conditions(index, tmp_path)) == [("conditions.yaml", 4, "conditions.system")]
    index.write_text(index.read_text().replace("system: read2", "system: snomed"))
    assert refused(lambda: read_conditions(index, tmp_path)) == [
        ("conditions.yaml", 3, "conditions.resolved_by"),
        ("conditions.yaml", 4, "conditions.codelist"),
    ]
    (tmp_path / "asthma_resolved.csv").write_text("code,term\n162660004,Asthma resolved\n")
    (tmp_path / "copd.csv").write_text("code,term\n13645005,COPD\n")
    asthma, copd = read_conditions(index, tmp_path)
    assert asthma.concept == Concept(
        "asthma", frozenset({("snomed", "195967001")}), frozenset({("snomed", "162660004")})
    )
    assert copd.cms is None
