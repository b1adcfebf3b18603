"""The generator's one entry point: a plan, then the four tables of each chunk of people in turn, as Arrow
tables in the schema of ``icshub.population.data_model``. Pure: tables in, tables out; nothing is written here.

Everything a chunk holds is drawn from the chunk's own generator (the run's seed and the chunk's number), in
a fixed order, so the same seed, scale and inputs give the same tables, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from icshub.population.data_model import TABLES, CodeSystem, Sex
from icshub.population.synthetic import assumptions as A
from icshub.population.synthetic.activity import contact_rows, prescription_rows
from icshub.population.synthetic.conditions import calibrate, condition_rows, deprivation, draw_conditions, draw_deaths
from icshub.population.synthetic.observations import observation_rows
from icshub.population.synthetic.people import (
    CHUNK_PEOPLE,
    NO_DATE,
    Chunk,
    Plan,
    draw_people,
    nhs_numbers,
    plan_population,
    pseudonyms,
    rng_for,
)

EVENT_IDS_PER_CHUNK = 10_000_000_000


@dataclass(frozen=True)
class Run:
    """A planned run: the plan, the conditions' intercepts, the seed and the pseudonymisation key."""

    plan: Plan
    intercepts: dict[str, float]
    seed: int
    key: bytes


def plan_run(
    areas: pd.DataFrame,
    practices: pd.DataFrame,
    seed: int,
    scale: int | str,
    key: bytes,
    chunk_people: int = CHUNK_PEOPLE,
) -> Run:
    """Plan a run of ``scale`` people (or ``'full'``) on ``areas`` and ``practices`` (see
    ``icshub.registry.population_frame``)."""
    plan = plan_population(areas, practices, seed, scale, chunk_people)
    return Run(plan, calibrate(plan.areas), seed, key)


def _dates(days: np.ndarray) -> pa.Array:
    """Days since 1970 as an Arrow date column; ``NO_DATE`` is missing."""
    days = np.asarray(days, dtype=np.int64)
    return pa.array(days.astype(np.int32), type=pa.int32(), mask=days == NO_DATE).cast(pa.date32())


def _table(name: str, columns: dict[str, object]) -> pa.Table:
    return pa.table(columns, schema=TABLES[name].schema)


def chunk_tables(run: Run, chunk: Chunk) -> dict[str, pa.Table]:
    """The person, flag, event and coded tables of one chunk."""
    rng = rng_for(run.seed, 1, chunk.index)
    plan = run.plan
    people = draw_people(plan, chunk, rng)
    d = deprivation(plan.areas["imd_decile"].to_numpy()[people["row"]])
    has = draw_conditions(people, d, run.intercepts, rng)
    died = draw_deaths(people, has, rng)
    numbers, blocks = nhs_numbers(chunk.first_person, len(people))
    ids = pa.array(pseudonyms(numbers, blocks, run.key), type=pa.string())
    places = plan.areas["place"].to_numpy()[people["row"]]
    providers = {
        "practice": plan.practices[people["practice"]],
        "trust": np.array([A.ACUTE_TRUST.get(p) for p in places], dtype=object),
    }
    coded, flags = condition_rows(people, has, died, rng)
    observed = observation_rows(people, has, d, died, rng)
    events = pd.concat(
        [contact_rows(people, has, d, died, providers, rng), prescription_rows(people, has, died, rng)],
        ignore_index=True,
    )
    coded = pd.concat([coded, observed], ignore_index=True)
    person = _table(
        "person",
        {
            "person_id": ids,
            "birth_year": people["birth_year"].to_numpy(np.int16),
            "birth_month": people["birth_month"].to_numpy(np.int8),
            "sex": np.where(people["female"], Sex.FEMALE.value, Sex.MALE.value),
            "ethnic_category": people["ethnic_category"],
            "lsoa": plan.areas["lsoa"].to_numpy()[people["row"]],
            "imd_decile": plan.areas["imd_decile"].to_numpy()[people["row"]].astype(np.int8),
            "practice": providers["practice"],
            "date_of_death": _dates(died),
        },
    )
    flag = _table(
        "flag",
        {
            "person_id": ids.take(flags["person"].to_numpy(np.int64)),
            "flag": flags["flag"],
            "from_date": _dates(flags["date"]),
        },
    )
    event_ids = np.arange(len(events), dtype=np.int64) + chunk.index * EVENT_IDS_PER_CHUNK
    event = _table(
        "event",
        {
            "person_id": ids.take(events["person"].to_numpy(np.int64)),
            "event_id": pa.array(event_ids).cast(pa.string()),
            "type": events["type"],
            "start_date": _dates(events["start"]),
            "end_date": _dates(events["end"]),
            "setting": events["setting"],
            "provider": events["provider"],
            "cost_pence": events["cost"].to_numpy(np.int64),
        },
    )
    values = coded["value"].to_numpy(float)
    coded_table = _table(
        "coded",
        {
            "person_id": ids.take(coded["person"].to_numpy(np.int64)),
            "date": _dates(coded["date"]),
            "system": np.full(len(coded), CodeSystem.SNOMED.value),
            "code": coded["code"].astype(str),
            "value": pa.array(values, mask=np.isnan(values)),
            "unit": coded["unit"].astype(object).where(coded["unit"].notna(), None),
        },
    )
    return {"person": person, "flag": flag, "event": event, "coded": coded_table}


def generate(run: Run) -> Iterator[tuple[Chunk, dict[str, pa.Table]]]:
    """Each chunk of the run with its tables, one after another (only one chunk is in memory at a time)."""
    for chunk in run.plan.chunks:
        yield chunk, chunk_tables(run, chunk)
