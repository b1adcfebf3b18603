"""Measures: counts by period and group from a hand-made population, disclosure control on what leaves,
and the tidy layout the indicators engine imports."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from icshub.indicators.load import IndicatorInfo, read_tidy
from icshub.loading.problems import ImportRefused
from icshub.population.disclosure import Policy
from icshub.population.measures import MeasureDefinition, counts, figures, read_measure
from tests.population.spec_engines import frame_tables

AREAS = pd.DataFrame(
    {
        "lsoa": ["E01000001", "E01000002", "E01000003"],
        "icb": "E54000032",
        "icb_name": "Kent and Medway ICB",
        "place": ["west-kent", "west-kent", "east-kent"],
        "place_name": ["West Kent", "West Kent", "East Kent"],
        "district": ["E07000115", "E07000116", "E07000106"],
        "district_name": ["Tonbridge and Malling", "Tunbridge Wells", "Canterbury"],
    }
)

# Run on the analytics engine of the run: DuckDB, and Spark in the test command's second pass.
pytestmark = pytest.mark.spec


def people(count: int, lsoa: str, decile: int, first: int, born: int = 1950) -> list[tuple]:
    return [
        (f"{first + i:064d}", born, 6, "female" if i % 2 else "male", "A", lsoa, decile, "G82001", None)
        for i in range(count)
    ]


def population() -> dict[str, pd.DataFrame]:
    rows = people(30, "E01000001", 1, 0) + people(20, "E01000002", 9, 100) + people(25, "E01000003", 1, 200)
    rows += people(40, "E01000003", 5, 300, born=2000)  # under 65: outside the denominator
    person = pd.DataFrame(
        rows,
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
    # Emergency admissions in 2023/24: 12 people in the first LSOA have one each, 5 in the second, 14 in
    # the third of whom 4 have two; and admissions outside the year, or of people under 65, do not count.
    admitted = (
        [(f"{i:064d}", date(2023, 6, 1)) for i in range(12)]
        + [(f"{100 + i:064d}", date(2023, 9, 1)) for i in range(5)]
        + [(f"{200 + i:064d}", date(2024, 1, 1)) for i in range(14)]
        + [(f"{200 + i:064d}", date(2024, 2, 1)) for i in range(4)]
        + [(f"{i:064d}", date(2023, 3, 31)) for i in range(6)]
        + [(f"{300 + i:064d}", date(2023, 7, 1)) for i in range(20)]
    )
    event = pd.DataFrame(
        [
            (p, f"e{n}", "emergency_admission", d, d + timedelta(days=2), None, None, 100_000)
            for n, (p, d) in enumerate(admitted)
        ],
        columns=["person_id", "event_id", "type", "start_date", "end_date", "setting", "provider", "cost_pence"],
    )
    empty_flag = pd.DataFrame(columns=["person_id", "flag", "from_date"])
    empty_coded = pd.DataFrame(columns=["person_id", "date", "system", "code", "value", "unit"])
    return {"person": person, "flag": empty_flag, "event": event, "coded": empty_coded}


def measure(numerator: dict, group_by: list[str], multiplier: float = 1000) -> MeasureDefinition:
    return MeasureDefinition.model_validate(
        {
            "schema": "icshub.measure/1",
            "key": "admissions-65",
            "title": "Emergency admissions of people aged 65 and over",
            "indicator": "emergency-admissions-65",
            "denominator": {"inclusion": [{"name": "Aged 65 or over", "age": {"min": 65}}]},
            "numerator": numerator,
            "periods": ["2023/24"],
            "group_by": group_by,
            "multiplier": multiplier,
        }
    )


def test_events_and_people_are_counted_by_group() -> None:
    tables = frame_tables(population())
    events = measure({"events": {"type": "emergency_admission"}}, ["place", "district", "imd_quintile"])
    raw = counts(tables, events, AREAS, {}).set_index(["group", "code"])
    assert raw.loc[("icb", "E54000032"), ["numerator", "denominator"]].tolist() == [35, 75]  # 12 + 5 + 18
    assert raw.loc[("place", "west-kent"), ["numerator", "denominator"]].tolist() == [17, 50]
    assert raw.loc[("district", "E07000106"), ["numerator", "denominator"]].tolist() == [18, 25]
    assert raw.loc[("imd_quintile", "1"), ["numerator", "denominator"]].tolist() == [30, 55]
    admitted = measure({"people": {"inclusion": [{"name": "Admitted", "events": {"type": "emergency_admission"}}]}}, [])
    # People with any admission up to the end of the year (the cohort rule has no window): 12 + 5 + 14.
    people_counts = counts(tables, admitted, AREAS, {}).set_index(["group", "code"])
    assert people_counts.loc[("icb", "E54000032"), ["numerator", "denominator"]].tolist() == [31, 75]


def test_published_figures_are_protected_and_import_as_indicator_values(tmp_path: Path) -> None:
    tables = frame_tables(population())
    result = figures(
        tables, measure({"events": {"type": "emergency_admission"}}, ["district", "imd_quintile"]), AREAS, {}
    )
    by_area = result[result["category"] == ""].set_index("area_code")
    # 35 admissions among 75 people: 466.7 per 1,000 from the exact counts, the count shown rounded to 35.
    assert by_area.loc["E54000032", "value"] == pytest.approx(35 / 75 * 1000)
    assert by_area.loc["E07000106", "numerator"] == 20  # 18, rounded to 5
    # Tunbridge Wells has 5 admissions: withheld with its rate, and so is the next smallest district.
    assert pd.isna(by_area.loc["E07000116", "numerator"]) and pd.isna(by_area.loc["E07000116", "value"])
    assert "fewer than 10" in by_area.loc["E07000116", "value_note"]
    assert pd.isna(by_area.loc["E07000115", "numerator"]) and "worked out" in by_area.loc["E07000115", "value_note"]
    quintiles = result[result["category_type"] != ""]
    assert set(quintiles["category"]) == {"Most deprived quintile", "Least deprived quintile"}
    assert (quintiles["area_code"] == "E54000032").all()
    path = tmp_path / "measure.csv"
    result.to_csv(path, index=False)
    read = read_tidy(path, {"emergency-admissions-65": IndicatorInfo("crude_rate", 1000)}, {"west-kent"})
    assert len(read) == len(result)


def test_the_policy_can_be_set() -> None:
    tables = frame_tables(population())
    result = figures(
        tables, measure({"events": {"type": "emergency_admission"}}, ["district"]), AREAS, {}, Policy(5, 1)
    )
    assert result.set_index("area_code").loc["E07000116", "numerator"] == 5


def test_a_measure_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "measure.yaml"
    path.write_text(
        "schema: icshub.measure/1\n"
        "key: bad\n"
        "title: Bad\n"
        "indicator: x\n"
        "denominator: {inclusion: []}\n"
        "numerator: {people: {inclusion: []}, events: {type: emergency_admission}}\n"
        "periods: ['2023/24', 'spring']\n"
        "group_by: [planet]\n"
    )
    with pytest.raises(ImportRefused) as caught:
        read_measure(path)
    assert sorted(p.line for p in caught.value.problems) == [6, 7, 8]
