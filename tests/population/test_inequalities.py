"""The inequalities view's figures: by deprivation quintile and ethnic group, crude prevalence with Wilson
limits, emergency admissions per 1,000 with Poisson limits, cost per head, the slope index of inequality,
and disclosure control on every count."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from icshub.population.health_inequalities import inequalities
from icshub.population.profile import Scope
from icshub.stats import proportion, rate
from tests.population.spec_engines import frame_tables
from tests.population.test_methods_spec import CONDITIONS, NO_DEFICITS, WEIGHTS

ON = date(2024, 3, 31)
ASTHMA, HYPERTENSION = "1000001", "1000011"
PERSON = ["person_id", "birth_year", "birth_month", "sex", "ethnic_category", "lsoa", "imd_decile", "practice"]
EVENT = ["person_id", "event_id", "type", "start_date", "end_date", "setting", "provider", "cost_pence"]

# Run on the analytics engine of the run: DuckDB, and Spark in the test command's second pass.
pytestmark = pytest.mark.spec


def population() -> dict[str, pd.DataFrame]:
    """40 people in each quintile (Asian in the least deprived, White in the others) and 16 of unknown
    deprivation: 12 Black and 4 Mixed. Asthma falls from 25 of the most deprived to 10 of the least;
    hypertension only in 5 of the most deprived; emergency admissions 30, 20, 10, 10 and 5."""
    asthma, hypertension, admissions = (25, 20, 15, 10, 10), (5, 0, 0, 0, 0), (30, 20, 10, 10, 5)
    people, coded, events = [], [], []
    for q in range(5):
        for i in range(40):
            pid = f"{q * 100 + i:064d}"
            people.append((pid, 1950, 6, "female", "H" if q == 4 else "A", "E01000001", 2 * q + 1, "G82001"))
            if i < asthma[q]:
                coded.append((pid, date(2020, 1, 1), "snomed", ASTHMA, None, None))
            if i < hypertension[q]:
                coded.append((pid, date(2020, 1, 1), "snomed", HYPERTENSION, None, None))
            if i < admissions[q]:
                events.append((pid, f"e{pid}", "emergency_admission", date(2023, 6, 1), None, None, None, 100_000))
    for i in range(16):
        people.append((f"{900 + i:064d}", 1950, 6, "male", "N" if i < 12 else "D", None, None, "G82001"))
    return {
        "person": pd.DataFrame(people, columns=PERSON).assign(date_of_death=None),
        "coded": pd.DataFrame(coded, columns=["person_id", "date", "system", "code", "value", "unit"]),
        "event": pd.DataFrame(events, columns=EVENT),
        "flag": pd.DataFrame(columns=["person_id", "flag", "from_date"]),
    }


@pytest.fixture(scope="module")
def result():
    return inequalities(frame_tables(population()), Scope("Everyone"), ON, CONDITIONS[:2], WEIGHTS, NO_DEFICITS)


def test_by_deprivation(result) -> None:
    quintiles = result.breakdowns[0]
    assert quintiles.key == "imd_quintile" and quintiles.categories[0] == "Most deprived quintile"
    assert quintiles.categories[-1] == "Not known"
    assert list(quintiles.population["people"]) == [40, 40, 40, 40, 40, 15]  # 16 rounded to 15
    asthma = quintiles.prevalence[quintiles.prevalence["measure"] == "asthma"].set_index("category")
    assert asthma.loc["Most deprived quintile", "value"] == pytest.approx(62.5)
    assert asthma.loc["Most deprived quintile", "lower_95"] == pytest.approx(47.03, abs=0.01)  # Wilson
    assert asthma.loc["Most deprived quintile", "upper_95"] == pytest.approx(75.78, abs=0.01)
    hypertension = quintiles.prevalence[quintiles.prevalence["measure"] == "hypertension"].set_index("category")
    # Five people: withheld with their percentage; zeros are shown.
    assert hypertension.loc["Most deprived quintile", "count"] is None
    assert hypertension.loc["Most deprived quintile", "value"] is None
    assert hypertension.loc["Least deprived quintile", "value"] == 0
    activity = quintiles.activity.set_index("category")
    assert activity.loc["Most deprived quintile", "admissions"] == 30
    assert activity.loc["Most deprived quintile", "value"] == pytest.approx(750.0)  # per 1,000
    assert activity.loc["Most deprived quintile", "cost_per_head_pence"] == 75_000
    assert activity.loc["Least deprived quintile", "admissions"] is None  # five: withheld
    assert activity.loc["Least deprived quintile", "cost_per_head_pence"] is None  # too few events behind it
    assert activity.loc["Not known", "admissions"] == 0


def test_the_slope_index_is_given_only_where_no_quintile_is_withheld(result) -> None:
    slopes = result.breakdowns[0].slopes.set_index("measure")
    # Equal quintiles at ranks 0.1 … 0.9 with 62.5, 50, 37.5, 25, 25%: a slope of −50 percentage points.
    assert slopes.loc["asthma", "value"] == pytest.approx(-50.0)
    assert slopes.loc["asthma", "lower_95"] < -50 < slopes.loc["asthma", "upper_95"] < 0
    assert slopes.loc["hypertension", "value"] is None
    assert slopes.loc["emergency_admission", "note"] == "not given: a quintile's count is withheld"
    assert slopes.loc["frailty", "note"].startswith("not calculated")  # nobody is frail: a proportion of 0


def test_by_ethnic_group_small_groups_are_withheld_with_their_figures(result) -> None:
    ethnic = result.breakdowns[1]
    assert ethnic.categories == ["White", "Mixed", "Asian", "Black"]
    population = ethnic.population.set_index("category")
    assert population.loc["White", "people"] == 160 and population.loc["Asian", "people"] == 40
    assert population.loc["Mixed", "people"] is None  # four people
    assert population.loc["Black", "people"] is None  # twelve, but the four could be worked out from them
    mixed = ethnic.prevalence[ethnic.prevalence["category"] == "Mixed"]
    # Nobody of the four has asthma, but 0% with its interval would give away the group's size.
    assert mixed["value"].isna().all() and mixed["upper_95"].isna().all()
    activity = ethnic.activity.set_index("category")
    # The Asian group's five admissions are withheld, so the only other non-zero count is withheld too,
    # or it could be subtracted from the system's total; the rate goes with it.
    assert activity.loc["Asian", "suppression"] == "fewer than 10"
    assert activity.loc["White", "suppression"].startswith("withheld so that another")
    assert activity.loc["White", "admissions"] is None and activity.loc["White", "value"] is None
    assert activity.loc["Black", "admissions"] == 0 and activity.loc["Black", "people"] is None
    assert activity.loc["White", "cost_per_head_pence"] is None  # withheld with the admissions
    assert ethnic.slopes.empty


def _figures(row) -> tuple[float, float, float]:
    return (row.value, row.lower_95, row.upper_95)


def test_every_figure_shown_is_worked_out_from_the_published_counts(result) -> None:
    """No rate, proportion or limit is taken from an exact count: each equals what the published (rounded)
    count and head count give, so none can be inverted to a count more exact than the one shown."""
    checked = 0
    for breakdown in result.breakdowns:
        people = dict(zip(breakdown.population["category"], breakdown.population["people"], strict=True))
        for row in breakdown.prevalence.itertuples():
            if row.value is None:
                continue
            published = pd.DataFrame({"g": [1], "count": [row.count], "people": [people[row.category]]})
            again = proportion(published, "count", "people", "g", 0.95, multiplier=100).iloc[0]
            assert (row.value, row.lower_95, row.upper_95) == pytest.approx(
                (again.value, again.lower_95, again.upper_95)
            )
            checked += 1
        for row in breakdown.activity.itertuples():
            if row.value is None:
                continue
            published = pd.DataFrame({"g": [1], "admissions": [row.admissions], "people": [row.people]})
            again = rate(published, "admissions", "people", "g", 0.95, multiplier=1000).iloc[0]
            assert (row.value, row.lower_95, row.upper_95) == pytest.approx(
                (again.value, again.lower_95, again.upper_95)
            )
            checked += 1
    assert checked > 10
