"""Core20PLUS5's clinical areas: the catalogue covers the ten areas, every measure file loads, each derived
metric gives the numerator and denominator worked out by hand on a small population, and a bad catalogue
is refused with its file, line and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from icshub.auth.roles import Role
from icshub.auth.service import create_user, get_user
from icshub.db.engine import transaction
from icshub.defaults import DEMO_NAME
from icshub.installation import sessions
from icshub.loading.problems import ImportRefused
from icshub.population.data_model import TABLES
from icshub.population.disclosure import Policy
from icshub.population.measures import counts, read_measure
from icshub.population.methods.core20plus5_areas import AREAS, area_figures, catalogue_table, read_catalogue
from icshub.population.methods.method_bundle import default_codelists
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.population.spec_engines import frame_tables
from tests.population.test_measures import AREAS as LSOA_LOOKUP
from tests.population.test_pages import PASSWORD
from tests.web.conftest import csrf_from

d = date.fromisoformat
# Adults a1…a10 and children c1…c9, pseudonyms of 64 characters.
ID = {name: f"{n:064d}" for n, name in enumerate([f"a{i}" for i in range(1, 11)] + [f"c{i}" for i in range(1, 10)])}
BORN = {
    "a1": (1960, 1), "a2": (1970, 1), "a3": (1980, 1), "a4": (1950, 1), "a5": (1955, 1), "a6": (1945, 1),
    "a7": (1965, 1), "a8": (1965, 1), "a9": (1965, 1), "a10": (1965, 1),
    "c1": (2015, 5), "c2": (2012, 1), "c3": (2010, 1), "c4": (2008, 6), "c5": (2009, 1), "c6": (2018, 1),
    "c7": (2020, 1), "c8": (2016, 1), "c9": (2007, 4),  # c9 is 17 on 31 March 2025, 18 in April
}  # fmt: skip
SMI, COPD, ASTHMA, T2DM, HYPERTENSION = "58214004", "13645005", "195967001", "44054006", "38341003"
BMI, SYSTOLIC, DIASTOLIC, HBA1C, CHOLESTEROL = (
    "60621009",
    "271649006",
    "271650006",
    "999791000000106",
    "1005671000000105",
)
FLU, COVID, COVID_2, PNEUMO, PPV23 = "985151000000100", "840534001", "1324691000000104", "12866006", "1119367000"
IN_YEAR, BEFORE_YEAR = d("2024-06-01"), d("2024-03-01")  # the year 2024/25 starts on 1 April 2024

CODED = [
    # SMI: a1 has all four checks in the year; a2's cholesterol is before it; a3 has all four but died.
    *[(p, d("2010-01-01"), "snomed", SMI, None) for p in ("a1", "a2", "a3")],
    *[(p, IN_YEAR, "snomed", c, v) for p in ("a1", "a3") for c, v in ((BMI, 27), (HBA1C, 40), (CHOLESTEROL, 5))],
    ("a1", IN_YEAR, "snomed", SYSTOLIC, 120), ("a3", IN_YEAR, "snomed", SYSTOLIC, 125),
    *[("a2", IN_YEAR, "snomed", c, v) for c, v in ((BMI, 31), (SYSTOLIC, 125), (HBA1C, 45))],
    ("a2", BEFORE_YEAR, "snomed", CHOLESTEROL, 5.5),
    # COPD: a4 has every vaccination; a5 a flu vaccination of the season before; a6 a second COVID dose.
    *[(p, d("2018-01-01"), "snomed", COPD, None) for p in ("a4", "a5", "a6")],
    ("a4", d("2024-10-15"), "snomed", FLU, None), ("a4", d("2024-10-15"), "snomed", COVID, None),
    ("a4", d("2015-01-01"), "snomed", PNEUMO, None), ("a5", d("2023-10-10"), "snomed", FLU, None),
    ("a6", d("2025-02-01"), "snomed", COVID_2, None), ("a6", d("2025-04-02"), "snomed", PPV23, None),  # after
    # Blood pressure: a7 raised systolic, a8 raised diastolic, a9 raised but diagnosed, a10 raised then normal.
    ("a7", IN_YEAR, "snomed", SYSTOLIC, 150), ("a7", IN_YEAR, "snomed", DIASTOLIC, 80),
    ("a8", IN_YEAR, "snomed", SYSTOLIC, 130), ("a8", IN_YEAR, "snomed", DIASTOLIC, 95),
    ("a9", IN_YEAR, "snomed", SYSTOLIC, 160), ("a9", d("2024-07-01"), "snomed", HYPERTENSION, None),
    ("a10", d("2023-05-01"), "snomed", SYSTOLIC, 170), ("a10", IN_YEAR, "snomed", SYSTOLIC, 130),
    ("a10", IN_YEAR, "snomed", DIASTOLIC, 85),
    # Asthma: c1 admitted with a hospital asthma code in the year; c2 admitted without one; c3's code is
    # in the year but the admission before it.
    *[(p, d("2020-01-01"), "snomed", ASTHMA, None) for p in ("c1", "c2", "c3")],
    ("c1", d("2024-11-01"), "icd10", "J45.9", None), ("c3", d("2024-08-01"), "icd10", "J46", None),
    # Type 2 diabetes: c4 has all three checks, c5 no blood pressure.
    *[(p, d("2022-01-01"), "snomed", T2DM, None) for p in ("c4", "c5")],
    *[("c4", IN_YEAR, "snomed", c, v) for c, v in ((HBA1C, 50), (BMI, 30), (SYSTOLIC, 115))],
    *[("c5", IN_YEAR, "snomed", c, v) for c, v in ((HBA1C, 55), (BMI, 32))],
    # Dental caries in hospital: c6 with an elective admission, c7 with an emergency one only.
    ("c6", d("2024-07-01"), "icd10", "K02.1", None), ("c7", d("2024-07-01"), "icd10", "K02.9", None),
]  # fmt: skip
EVENTS = [
    ("c1", "emergency_admission", d("2024-11-01")), ("c2", "emergency_admission", d("2024-11-01")),
    ("c3", "emergency_admission", d("2024-02-01")), ("c6", "elective_admission", d("2024-07-01")),
    ("c7", "emergency_admission", d("2024-07-01")), ("c8", "elective_admission", d("2024-05-01")),
    ("c3", "mental_health", d("2024-09-01")), ("c4", "mental_health", d("2023-12-01")),
    ("c9", "mental_health", d("2025-01-01")),
]  # fmt: skip

# Worked out from the rows above: (numerator, denominator) for 2024/25.
EXPECTED = {
    "smi_health_check": (1, 2),  # a1 of a1, a2 (a3 died)
    "copd_flu_vaccination": (1, 3),  # a4 of a4, a5, a6
    "copd_covid_vaccination": (2, 3),  # a4 and a6
    "copd_pneumococcal_vaccination": (1, 3),  # a4 (a6's is after the year)
    "hypertension_case_finding": (2, 9),  # a7 and a8 of the nine living adults
    "cyp_asthma_hospital": (1, 3),  # c1 of c1, c2, c3
    "cyp_type2_diabetes_checks": (1, 2),  # c4 of c4, c5
    "cyp_dental_caries_admission": (1, 4),  # c6 of c1, c6, c7, c8 (aged 0-9)
    "cyp_mental_health_access": (2, 9),  # c3 and c9 of c1…c9 (c4's contact is before the year)
}


def population() -> dict[str, pd.DataFrame]:
    person = pd.DataFrame(
        [
            (ID[p], year, month, "female", "A", "E01000001", 1, "G82001", d("2025-01-01") if p == "a3" else None)
            for p, (year, month) in BORN.items()
        ],
        columns=TABLES["person"].schema.names,
    )
    coded = pd.DataFrame(
        [(ID[p], day, system, code, value, None) for p, day, system, code, value in CODED],
        columns=TABLES["coded"].schema.names,
    )
    event = pd.DataFrame(
        [(ID[p], f"e{n}", kind, day, day, None, None, 1000) for n, (p, kind, day) in enumerate(EVENTS)],
        columns=TABLES["event"].schema.names,
    )
    flag = pd.DataFrame(columns=TABLES["flag"].schema.names)
    return {"person": person, "flag": flag, "event": event, "coded": coded}


def test_the_catalogue_covers_the_ten_clinical_areas() -> None:
    catalogue = read_catalogue()
    by_population = {
        population: {a.key for a in catalogue.areas if a.population == population}
        for population in ("adults", "children_and_young_people")
    }
    assert by_population == {
        "adults": {"maternity", "severe_mental_illness", "chronic_respiratory_disease", "early_cancer_diagnosis"}
        | {"hypertension"},
        "children_and_young_people": {"cyp_asthma", "cyp_diabetes", "cyp_epilepsy", "cyp_oral_health"}
        | {"cyp_mental_health"},
    }
    table = catalogue_table(catalogue)
    # Every area says what it derives or why it cannot; the ones with no metric give their reason.
    for area in ("Maternity", "Early cancer diagnosis", "Epilepsy"):
        rows = table[table["area"] == area]
        assert not rows["derived"].any() and rows["note"].str.len().gt(20).all()
    assert set(table.loc[table["derived"], "indicator"]) == {m.indicator for m in catalogue.measures.values()}


def test_every_measure_file_loads_and_is_in_the_catalogue() -> None:
    files = {path.stem for path in AREAS.glob("*.yaml")} - {"catalogue"}
    assert files == set(read_catalogue().measures) == set(EXPECTED)
    for stem in files:
        assert read_measure(AREAS / f"{stem}.yaml").periods


@pytest.mark.parametrize(("measure", "expected"), sorted(EXPECTED.items()))
def test_each_metric_counts_the_people_worked_out_by_hand(measure: str, expected: tuple[int, int]) -> None:
    definition = read_catalogue().measures[measure]
    raw = counts(frame_tables(population()), definition, LSOA_LOOKUP, default_codelists())
    icb = raw[(raw["group"] == "icb") & (raw["period"] == "2024/25")]
    assert (int(icb["numerator"].iloc[0]), int(icb["denominator"].iloc[0])) == expected


def icb_rows(result: pd.DataFrame) -> pd.DataFrame:
    """The ICB's own figures (not its breakdowns), by indicator."""
    whole = (result["area_code"] == "E54000032") & (result["category"] == "") & (result["sex"] == "Persons")
    return result[whole].set_index("indicator")


@pytest.mark.slow
def test_all_metrics_are_computed_together_as_published_figures() -> None:
    catalogue = read_catalogue()
    result = area_figures(frame_tables(population()), LSOA_LOOKUP, catalogue=catalogue, policy=Policy(1, 1))
    icb = icb_rows(result)
    for name, (numerator, denominator) in EXPECTED.items():
        row = icb.loc[catalogue.measures[name].indicator]
        assert (row["numerator"], row["denominator"]) == (numerator, denominator)
    # With the default policy every count here is under 10, so nothing is shown.
    protected = area_figures(frame_tables(population()), LSOA_LOOKUP, periods=["2024/25"])
    assert protected["numerator"].isna().all() and protected["value"].isna().all()


@pytest.mark.slow
def test_periods_can_be_chosen() -> None:
    result = area_figures(frame_tables(population()), LSOA_LOOKUP, periods=["2023/24"], policy=Policy(1, 1))
    icb = icb_rows(result)
    # On 31 March 2024 c9 was 16 and had no mental health contact; c4's contact falls in 2023/24.
    assert icb.loc["core20plus5-cyp-mental-health-access", ["numerator", "denominator"]].tolist() == [1, 9]
    assert set(result["period"]) == {"2023/24"}


def _catalogue(tmp_path: Path, areas: str) -> Path:
    (tmp_path / "flu.yaml").write_text((AREAS / "copd_flu_vaccination.yaml").read_text())
    path = tmp_path / "catalogue.yaml"
    path.write_text("schema: icshub.core20plus5-areas/1\nareas:\n" + areas)
    return path


AREA = "  - {{key: {key}, area: Area, population: {population}, ambition: An aim, source: 'https://x.org/a'{rest}}}\n"


def test_a_bad_catalogue_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    path = _catalogue(
        tmp_path,
        AREA.format(key="a", population="adults", rest=", metrics: [{measure: flu}]")
        + AREA.format(key="b", population="pensioners", rest=", not_derived: [{metric: M, reason: R}]")
        + AREA.format(key="c", population="adults", rest=""),
    )
    with pytest.raises(ImportRefused) as caught:
        read_catalogue(path)
    found = {(p.file, p.line, p.field) for p in caught.value.problems}
    assert found == {("catalogue.yaml", 4, "areas.population"), ("catalogue.yaml", 5, "areas")}
    messages = " ".join(p.message for p in caught.value.problems)
    assert "adults" in messages and "say under not_derived why" in messages


def test_missing_measures_codelists_and_repeated_areas_are_refused_with_their_lines(tmp_path: Path) -> None:
    path = _catalogue(
        tmp_path,
        AREA.format(key="a", population="adults", rest=", metrics: [{measure: flu}]")
        + AREA.format(key="a", population="adults", rest=", metrics: [{measure: smoking}]"),
    )
    with pytest.raises(ImportRefused) as caught:
        read_catalogue(path, codelists=tmp_path)  # a folder without the measure's codelists
    problems = sorted((p.line, p.field, p.message) for p in caught.value.problems)
    assert [(line, field) for line, field, _ in problems] == [
        (3, "areas.metrics.measure"),
        (3, "areas.metrics.measure"),
        (4, "areas.key"),
        (4, "areas.metrics.measure"),
    ]
    assert "no copd.csv" in problems[0][2] and "no flu_vaccination.csv" in problems[1][2]
    assert "'a' is given twice" in problems[2][2] and "no measure file smoking.yaml" in problems[3][2]


def test_a_refused_measure_file_is_named_with_its_own_line(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, AREA.format(key="a", population="adults", rest=", metrics: [{measure: flu}]"))
    broken = (AREAS / "copd_flu_vaccination.yaml").read_text().replace('periods: ["2024/25"]', "periods: [spring]")
    (tmp_path / "flu.yaml").write_text(broken)
    with pytest.raises(ImportRefused) as caught:
        read_catalogue(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.field) == ("flu.yaml", "periods")
    assert problem.line == broken.splitlines().index("periods: [spring]") + 1


@pytest.mark.slow
def test_the_core20plus5_page_lists_every_area_with_its_figures_or_reasons(demo) -> None:
    settings = demo[0]
    with transaction(sessions(settings)) as session:
        if get_user(session, "c20.analyst") is None:  # the demo is shared by the tests of a session
            create_user(session, TEST_ACTOR, "c20.analyst", Role.ANALYST, password=PASSWORD)
    with TestClient(create_app(settings)) as client:
        assert client.get(f"/population/{DEMO_NAME}/core20plus5").status_code == 401
        token = csrf_from(client.get("/login").text)
        client.post("/login", data={"username": "c20.analyst", "password": PASSWORD, "csrf_token": token})
        page = client.get(f"/population/{DEMO_NAME}/core20plus5").text
    catalogue = read_catalogue()
    assert all(f'data-testid="area-{area.key}"' in page for area in catalogue.areas)
    assert 'data-testid="not-derived-maternity"' in page and "2024/25" in page
    # Hypertension case-finding is derived on the demo's blood pressures: the ICB's row has its figures.
    table = page.split('data-testid="metric-hypertension_case_finding"', 1)[1].split("</table>", 1)[0]
    assert "NHS Kent and Medway Integrated Care Board" in table and "(" in table
