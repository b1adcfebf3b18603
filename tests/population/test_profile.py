"""A population's profile: aggregates only, every count protected, for a system, a place or a practice."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from icshub.population.charts import pyramid
from icshub.population.profile import Scope, band_label, profile, year_before
from tests.population.spec_engines import frame_tables
from tests.population.test_measures import population

ON = date(2024, 3, 31)


def test_the_profile_of_everyone() -> None:
    result = profile(frame_tables(population()), Scope("Kent and Medway"), ON)
    assert result.people == 115  # 75 born in June 1950 and 40 in June 2000
    pyramid = result.pyramid.set_index(["band", "sex"])["people"]
    # 73 years old on 31 March 2024: 38 women and 37 men (alternating), rounded to 5.
    assert pyramid[("70-74", "male")] == 40 and pyramid[("70-74", "female")] == 35
    assert pyramid[("20-24", "male")] == 20 and pyramid[("20-24", "female")] == 20
    deprivation = result.deprivation.set_index("quintile")["people"]
    assert deprivation.to_dict() == {
        "Most deprived quintile": 55,
        "Third more deprived quintile": 40,
        "Least deprived quintile": 20,
    }
    activity = result.activity.set_index("type")
    # Admissions in the year to 31 March 2024: all but the six of 31 March 2023, which is a year before.
    assert activity.loc["emergency_admission", "events"] == 55  # 12 + 5 + 18 + 20 = 55
    assert activity.loc["emergency_admission", "cost_pounds"] == 55_000


@pytest.mark.slow
def test_small_groups_are_withheld_in_a_practice_or_place() -> None:
    tables = frame_tables(population())
    place = profile(tables, Scope("One small area", lsoas=["E01000002"]), ON)
    assert place.people == 20
    pyramid = place.pyramid.set_index(["band", "sex"])
    assert pyramid.loc[("70-74", "female"), "people"] == 10
    assert pyramid.loc[("70-74", "male"), "people"] == 10
    activity = place.activity.set_index("type")
    # Five admissions: withheld, and their cost with them.
    assert pd.isna(activity.loc["emergency_admission", "events"])
    assert pd.isna(activity.loc["emergency_admission", "cost_pounds"])
    nobody = profile(tables, Scope("A practice with nobody", practices=["Y00000"]), ON)
    assert nobody.people == 0 and nobody.pyramid.empty


def test_bands_and_years() -> None:
    assert [band_label(x) for x in (0, 5, 85, 90, 95)] == ["0-4", "5-9", "85-89", "90+", "90+"]
    assert year_before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert year_before(date(2024, 3, 31)) == date(2023, 3, 31)


def test_the_pyramid_puts_women_left_and_leaves_withheld_counts_out() -> None:
    table = pd.DataFrame({"band": ["0-4", "0-4", "5-9"], "sex": ["female", "male", "female"], "people": [20, 15, None]})
    spec = pyramid(table, "Test")
    values = spec["data"]["values"]
    assert [(v["sex"], v["x"], v["people"]) for v in values] == [("female", -20, 20), ("male", 15, 15)]
    assert spec["encoding"]["x"]["field"] == "x" and spec["encoding"]["y"]["sort"] == ["5-9", "0-4"]
