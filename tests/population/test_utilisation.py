"""Spec tests of utilisation and cost: a hand-made population with its figures written out, on every
engine (the pandas reference and the run's analytics engine: DuckDB, or Spark), which must agree."""

from __future__ import annotations

from datetime import date
from typing import Any

import ibis
import pyarrow as pa
import pytest

from icshub.population.methods import reference_methods as reference
from icshub.population.methods import utilisation
from tests.population.test_methods_spec import population, run

INDEX = date(2024, 3, 31)  # the window is 1 April 2023 to 31 March 2024
WEST, EAST, ELSEWHERE = "E01000001", "E01000002", "E01000003"


def person(
    pid: str,
    born: tuple[int, int],
    ethnic: str,
    lsoa: str | None,
    decile: int | None,
    practice: str,
    died: date | None = None,
) -> tuple:
    return (pid, born[0], born[1], "female", ethnic, lsoa, decile, practice, died)


def event(pid: str, n: int, kind: str, start: date, end: date | None, pence: int | None) -> tuple:
    return (pid, f"{pid}-{n}", kind, start, end, None, None, pence)


TABLES = population(
    person=[
        person("a1", (1950, 1), "A", WEST, 1, "G00001"),
        person("a2", (1980, 6), "H", EAST, 4, "G00002"),
        person("a3", (1940, 2), "A", WEST, 2, "G00001", died=date(2023, 10, 1)),  # died in the window: counts
        person("a4", (1940, 2), "A", WEST, 2, "G00001", died=date(2023, 3, 31)),  # died the day before: does not
        person("a5", (2024, 3), "N", None, None, "G00002"),  # born in the window's last month: counts
        person("a6", (2024, 4), "N", None, None, "G00002"),  # born after the window
        person("a7", (1990, 1), "Z", ELSEWHERE, 4, "G00003", died=date(2023, 4, 1)),  # died on its first day
    ],
    event=[
        event("a1", 1, "emergency_admission", date(2023, 3, 31), date(2023, 4, 5), 500_000),  # the day before
        event("a1", 2, "emergency_admission", date(2023, 4, 1), date(2023, 4, 4), 300_000),  # 3 bed days
        event("a1", 3, "primary_care", date(2024, 3, 31), None, 3_500),  # the last day
        event("a1", 4, "prescription", date(2024, 4, 1), None, 999),  # after the window
        event("a2", 1, "elective_admission", date(2024, 1, 10), date(2024, 1, 10), 120_000),  # a day case: 0
        event("a2", 2, "outpatient", date(2023, 6, 1), None, None),  # no cost recorded
        event("a2", 3, "emergency_admission", date(2024, 3, 20), None, 250_000),  # still in: 11 days so far
        event("a3", 1, "emergency_admission", date(2023, 9, 20), date(2023, 10, 1), 400_001),  # 11 bed days
        event("a3", 2, "ae_attendance", date(2023, 9, 20), None, 25_000),
        event("a4", 1, "ae_attendance", date(2023, 5, 1), None, 10_000),  # a person outside the denominator
        event("a5", 1, "community", date(2024, 3, 15), None, 7_001),
        event("a7", 1, "mental_health", date(2023, 4, 1), None, 1),
        event("a7", 2, "emergency_admission", date(2023, 4, 1), date(2023, 3, 30), 0),  # ends before it starts
    ],
)
LOOKUPS = {
    "segments": pa.table(
        {"person_id": ["a1", "a2", "a3", "a4", "a5"], "segment": ["frailty", "healthy", "frailty", "frailty", "infant"]}
    ),
    "places": pa.table({"lsoa": [WEST, EAST], "place": ["west-kent", "east-kent"]}),
    "pcns": pa.table({"practice": ["G00001", "G00002"], "pcn": ["north", "north"]}),
}


def figures(engine: str, by: str) -> list[dict[str, Any]]:
    def call(m: Any, t: dict[str, Any]) -> Any:
        method = reference.utilisation if m is reference else utilisation.utilisation
        lookups = {name: t[name] for name in LOOKUPS}
        return method(t, INDEX, by, **lookups)

    return run(engine, call, {**TABLES, **LOOKUPS})


def of_type(result: list[dict[str, Any]], kind: str) -> dict[Any, dict[str, Any]]:
    return {r["group"]: {k: v for k, v in r.items() if k not in ("group", "type")} for r in result if r["type"] == kind}


def row(people: int, events: int, beds: int | None, pence: int, per_head: int) -> dict[str, Any]:
    per_1000 = events * 1000 / people
    return {
        "people": people,
        "events": events,
        "events_per_1000": per_1000,
        "bed_days": beds,
        "cost_pence": pence,
        "cost_per_head_pence": per_head,
    }


def test_everyone(engine: str) -> None:
    result = figures(engine, "overall")
    assert len(result) == 10  # the nine types of event and all activity, nobody's type left out
    by_type = {r["type"]: {k: v for k, v in r.items() if k not in ("group", "type")} for r in result}
    # Five people: a1, a2, a3 (died in the window), a5 (born in it) and a7 (died on its first day).
    assert by_type == {
        "all": row(5, 10, 25, 1_105_503, 221_101),  # 221,100.6p a head
        "emergency_admission": row(5, 4, 3 + 11 + 11 + 0, 950_001, 190_000),
        "elective_admission": row(5, 1, 0, 120_000, 24_000),
        "ae_attendance": row(5, 1, None, 25_000, 5_000),
        "primary_care": row(5, 1, None, 3_500, 700),
        "outpatient": row(5, 1, None, 0, 0),
        "community": row(5, 1, None, 7_001, 1_400),
        "mental_health": row(5, 1, None, 1, 0),
        "social_care": row(5, 0, None, 0, 0),
        "prescription": row(5, 0, None, 0, 0),
    }


def test_by_deprivation_quintile_with_people_of_unknown_deprivation(engine: str) -> None:
    result = figures(engine, "imd_quintile")
    assert of_type(result, "emergency_admission") == {
        "1": row(2, 2, 14, 700_001, 350_001),  # 350,000.5p a head: halves round up
        "2": row(2, 2, 11, 250_000, 125_000),
        None: row(1, 0, 0, 0, 0),  # a5's small area is not known
    }
    assert of_type(result, "all") == {
        "1": row(2, 4, 14, 728_501, 364_251),
        "2": row(2, 5, 11, 370_001, 185_001),
        None: row(1, 1, 0, 7_001, 7_001),
    }


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "ethnic_group",
            {"White": (2, 4, 728_501), "Asian": (1, 3, 370_000), "Black": (1, 1, 7_001), "Not stated": (1, 2, 1)},
        ),
        ("place", {"west-kent": (2, 4, 728_501), "east-kent": (1, 3, 370_000), None: (2, 3, 7_002)}),
        ("pcn", {"north": (4, 8, 1_105_502), None: (1, 2, 1)}),  # G00003 is in no PCN
        ("practice", {"G00001": (2, 4, 728_501), "G00002": (2, 4, 377_001), "G00003": (1, 2, 1)}),
        ("segment", {"frailty": (2, 4, 728_501), "healthy": (1, 3, 370_000), "infant": (1, 1, 7_001), None: (1, 2, 1)}),
    ],
)
def test_every_grouping_adds_up_to_everyone(engine: str, by: str, expected: dict) -> None:
    everything = of_type(figures(engine, by), "all")
    assert {group: (r["people"], r["events"], r["cost_pence"]) for group, r in everything.items()} == expected
    assert sum(people for people, _, _ in expected.values()) == 5
    assert sum(pence for _, _, pence in expected.values()) == 1_105_503


def test_refusals_say_what_to_give() -> None:
    tables: dict[str, Any] = {}
    with pytest.raises(ValueError, match="grouping by place needs the place lookup, a table of \\(lsoa, place\\)"):
        utilisation.utilisation(tables, INDEX, "place")
    with pytest.raises(ValueError, match="cannot be grouped by 'district': choose one of overall, segment"):
        utilisation.utilisation(tables, INDEX, "district")
    wrong = ibis.memtable({"lsoa": [WEST], "name": ["West Kent"]})
    with pytest.raises(ValueError, match="the place lookup has no column place"):
        utilisation.utilisation(tables, INDEX, "place", places=wrong)


def test_the_window_is_the_twelve_months_to_the_index_date() -> None:
    assert utilisation.window(INDEX) == (date(2023, 4, 1), date(2024, 3, 31))
    assert utilisation.window(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))
