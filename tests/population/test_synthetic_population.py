"""The synthetic Kent and Medway population: deterministic, proportional to the census, registered with real
practices of the right place, pseudonymised like real data, with prevalence, costs and codes as documented,
rows that pass the schema's checks, and chunks streamed as separate row groups."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from icshub.auth.audit import recent_events
from icshub.defaults import DEMO_NAME, DEMO_PEOPLE, DEMO_SEED
from icshub.installation import sessions
from icshub.population.data_model import TABLES
from icshub.population.pseudonym import nhs_number_problem, pseudonym
from icshub.population.store import read_manifest, write_dataset
from icshub.population.synthetic import assumptions as A
from icshub.population.synthetic.conditions import codelist
from icshub.population.synthetic.generate import chunk_tables, generate, plan_run
from icshub.population.synthetic.people import FULL, nhs_numbers, plan_population, reserved_range_numbers
from icshub.population.validation import check_rows
from icshub.registry.population_frame import band_column, practice_table, small_areas_with_age_bands
from icshub.registry.queries import AGE_BANDS

KEY = bytes(range(32))
CODELISTS = Path(__file__).resolve().parents[2] / "src" / "icshub" / "defaults" / "codelists"


@pytest.fixture(scope="module")
def frame(demo) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo registry's small areas (with age bands) and practices."""
    settings, _ = demo
    with sessions(settings)() as session:
        return small_areas_with_age_bands(session), practice_table(session)


@pytest.fixture(scope="module")
def dataset(demo) -> dict[str, pd.DataFrame]:
    """The demo's synthetic dataset, as written to the analytics store."""
    settings, _ = demo
    folder = settings.population_dir / DEMO_NAME
    return {table: pd.read_parquet(folder / f"{table}.parquet") for table in TABLES}


@pytest.fixture(scope="module")
def sample(frame) -> dict[str, pd.DataFrame]:
    """60,000 people in one chunk: enough for the aggregate checks of prevalence."""
    run = plan_run(*frame, seed=11, scale=60_000, key=KEY, chunk_people=100_000)
    return {name: table.to_pandas() for name, table in chunk_tables(run, run.plan.chunks[0]).items()}


def _write(frame, root: Path, name: str, seed: int, people: int = 3_000, chunk_people: int = 1_000) -> Path:
    run = plan_run(*frame, seed=seed, scale=people, key=KEY, chunk_people=chunk_people)
    with write_dataset(root, name, {"synthetic": True}) as writer:
        for _, tables in generate(run):
            for table, rows in tables.items():
                writer.write(table, rows)
    return root / name


def _conditions(coded: pd.DataFrame) -> pd.DataFrame:
    """One row per person and condition found in the coded rows."""
    of_code = {code: name for name, rate in A.CONDITIONS.items() for code in codelist(rate.codelist)}
    found = coded.assign(condition=coded["code"].map(of_code)).dropna(subset=["condition"])
    return found[["person_id", "condition"]].drop_duplicates()


def test_the_same_seed_gives_identical_files_and_another_seed_different_ones(frame, tmp_path):
    tables = sorted(TABLES)
    first, again, other = (
        read_manifest(tmp_path, _write(frame, tmp_path, name, seed).name)["tables"]
        for name, seed in (("a", 5), ("b", 5), ("c", 6))
    )
    assert [first[t]["sha256"] for t in tables] == [again[t]["sha256"] for t in tables]
    assert all(first[t]["sha256"] != other[t]["sha256"] for t in tables)


def test_chunks_are_streamed_as_separate_row_groups(frame, tmp_path):
    folder = _write(frame, tmp_path, "chunks", seed=5, people=3_000, chunk_people=1_000)
    chunks = len(plan_population(*frame, seed=5, scale=3_000, chunk_people=1_000).chunks)
    assert chunks >= 3
    assert pq.ParquetFile(folder / "person.parquet").num_row_groups == chunks
    assert pq.ParquetFile(folder / "coded.parquet").num_row_groups == chunks


def test_the_demo_writes_a_labelled_synthetic_dataset(demo, dataset):
    settings, result = demo
    manifest = read_manifest(settings.population_dir, DEMO_NAME)
    assert manifest["synthetic"] is True
    assert manifest["source"] == "icshub synthetic Kent and Medway"
    assert (manifest["seed"], manifest["scale"]) == (DEMO_SEED, DEMO_PEOPLE)
    assert (Path(__file__).resolve().parents[2] / manifest["assumptions"]).exists()
    assert result.synthetic_people == len(dataset["person"]) == DEMO_PEOPLE
    with sessions(settings)() as session:
        [written] = recent_events(session, action_prefix="population.dataset.synthesise")
    assert (written.entity_key, written.before) == (DEMO_NAME, None)
    assert (written.after["seed"], written.after["tables"]["person"]["rows"]) == (DEMO_SEED, DEMO_PEOPLE)


def test_full_scale_is_the_census_population(frame):
    areas, practices = frame
    plan = plan_population(areas, practices, seed=1, scale=FULL)
    census = areas.set_index("lsoa")[[band_column(b) for b in AGE_BANDS]].loc[plan.areas["lsoa"]].to_numpy()
    assert np.array_equal(plan.counts, census.astype(int))
    assert plan.people == int(areas["population"].sum())
    assert all(chunk.counts.sum() < 60_000 for chunk in plan.chunks)


def test_people_per_small_area_are_in_proportion_to_its_population(frame, dataset):
    areas, _ = frame
    people = dataset["person"]
    observed = people["lsoa"].value_counts().reindex(areas["lsoa"], fill_value=0).to_numpy()
    expected = len(people) * areas["population"].to_numpy() / areas["population"].sum()
    chi_square, df = float(((observed - expected) ** 2 / expected).sum()), len(areas) - 1
    assert abs(chi_square - df) < 5 * math.sqrt(2 * df)  # multinomial sampling error only
    ages = 2025 - people["birth_year"] - (people["birth_month"] > 3)
    old = (ages >= 65).mean()
    share = areas[band_column("65+")].sum() / areas["population"].sum()
    assert abs(old - share) < 4 * math.sqrt(share * (1 - share) / len(people))
    female = (people["sex"] == "female").mean()
    assert 0.49 < female < 0.53


def test_everyone_is_registered_with_a_real_practice_of_their_place(frame, dataset):
    areas, practices = frame
    people = dataset["person"].merge(areas[["lsoa", "place", "district"]], on="lsoa")
    assert len(people) == len(dataset["person"])
    registered = people.merge(practices, on="practice", suffixes=("", "_practice"), how="left")
    assert registered["lsoa_practice"].notna().all()  # a practice of the registry
    assert (registered["place"] == registered["place_practice"]).all()
    district_of = areas.set_index("lsoa")["district"]
    practice_district = registered["lsoa_practice"].map(district_of)
    has_local = set(zip(practices["lsoa"].map(district_of), practices["place"], strict=True))
    local = [(d, p) in has_local for d, p in zip(registered["district"], registered["place"], strict=True)]
    assert (practice_district[local] == registered["district"][local]).all()


def test_nhs_numbers_are_valid_test_numbers_and_only_their_pseudonyms_are_stored(frame, dataset):
    numbers = reserved_range_numbers()
    picks = np.r_[numbers[:500], numbers[-500:], np.random.default_rng(0).choice(numbers, 1_000)]
    assert all(nhs_number_problem(str(n)) is None and str(n).startswith("999") for n in picks)
    assert len(np.unique(numbers)) == len(numbers) > 900_000
    run = plan_run(*frame, seed=3, scale=200, key=KEY)
    person = chunk_tables(run, run.plan.chunks[0])["person"].to_pandas()
    first, block = nhs_numbers(0, 200)
    assert (block == 0).all()
    assert list(person["person_id"]) == [pseudonym(str(n), KEY) for n in first]
    again, later = nhs_numbers(len(numbers), 1)
    assert again[0] == numbers[0] and later[0] == 1  # the range used again, under another key
    ids = dataset["person"]["person_id"]
    assert ids.str.fullmatch(r"[0-9a-f]{64}").all() and ids.is_unique
    for table in dataset.values():
        for column in table.columns:
            text = table[column].dropna().astype(str)
            assert not text.str.fullmatch(r"999\d{7}").any(), column


def test_every_row_passes_the_schema_checks(dataset):
    persons = set(dataset["person"]["person_id"])
    for name, table in dataset.items():
        checked = check_rows(TABLES[name], table, f"{name}.parquet", 1, None if name == "person" else persons)
        assert checked.rejected == 0, checked.problems[:3]


def test_costs_are_whole_pence_and_never_negative(dataset):
    events = dataset["event"]
    assert events["cost_pence"].dtype == np.int64
    assert events["cost_pence"].notna().all() and (events["cost_pence"] >= 0).all()
    assert events["event_id"].is_unique
    admissions = events[events["type"].str.endswith("_admission")]
    assert (admissions["end_date"] >= admissions["start_date"]).all()


def test_no_one_is_seen_or_coded_after_death(dataset):
    deaths = dataset["person"].dropna(subset=["date_of_death"]).set_index("person_id")["date_of_death"]
    assert len(deaths) > 0
    assert deaths.between(A.YEAR_START, A.YEAR_END).all()
    for table, column in (("event", "start_date"), ("coded", "date")):
        rows = dataset[table][dataset[table]["person_id"].isin(deaths.index)]
        assert (rows[column] <= rows["person_id"].map(deaths)).all()


def test_every_code_is_in_a_codelist_file(dataset):
    listed = {code for path in CODELISTS.glob("*.csv") for code in pd.read_csv(path, dtype=str)["code"]}
    assert set(dataset["coded"]["code"]) <= listed
    assert all(re.fullmatch(r"[a-z0-9_]+\.csv", p.name) for p in CODELISTS.glob("*.csv"))


@pytest.mark.slow
def test_prevalence_is_calibrated_to_the_documented_figures(sample):
    people = sample["person"]
    age = 2025 - people["birth_year"] - (people["birth_month"] > 3)
    found = _conditions(sample["coded"])
    for name, rate in A.CONDITIONS.items():
        eligible = people["person_id"][age >= rate.denominator_age]
        cases = found[(found["condition"] == name) & found["person_id"].isin(eligible)]["person_id"].nunique()
        p = cases / len(eligible)
        error = math.sqrt(rate.prevalence * (1 - rate.prevalence) / len(eligible))
        # sampling error, plus a little for ages moving on to the year's end and the shared factor's spread
        assert abs(p - rate.prevalence) < 4 * error + 0.08 * rate.prevalence, name


def test_prevalence_rises_with_age_and_deprivation_as_documented(sample):
    people = sample["person"].assign(
        age=lambda p: 2025 - p["birth_year"] - (p["birth_month"] > 3),
        quintile=lambda p: (p["imd_decile"] + 1) // 2,
    )
    found = _conditions(sample["coded"])
    for name, rate in A.CONDITIONS.items():
        has = people["person_id"].isin(found[found["condition"] == name]["person_id"])
        if rate.slope >= 0.5:
            young, old = has[(people["age"] >= 40) & (people["age"] < 60)], has[people["age"] >= 70]
            gap = old.mean() - young.mean()
            assert gap > 3 * math.sqrt(old.var() / len(old) + young.var() / len(young)), name
        if rate.deprivation_odds >= 1.5 and has.sum() >= 1_000:
            # indirectly standardised for age band and sex: observed over expected in the most and least
            # deprived quintiles (only where there are cases enough for the gap to stand out of the noise)
            band = pd.cut(people["age"], [0, 20, 40, 50, 60, 70, 80, 200], right=False)
            expected = has.groupby([band, people["sex"]], observed=True).transform("mean")
            ratio = {q: has[people["quintile"] == q].sum() / expected[people["quintile"] == q].sum() for q in (1, 5)}
            error = math.sqrt(sum(ratio[q] / expected[people["quintile"] == q].sum() for q in (1, 5)))
            assert ratio[1] - ratio[5] > 3 * error, name
