"""Who the synthetic people are: how many live in each small area at each age, their sex, birth, ethnic
category, registered practice and pseudonym.

The plan (``plan_population``) is fixed before anyone is drawn: people per LSOA and age band (the census
counts at full scale, else a multinomial draw in proportion to them), cut into chunks of whole LSOAs so
that each chunk is generated, written and forgotten in turn. Each chunk draws from its own generator,
seeded by the run's seed and the chunk's number, so a run is reproducible chunk by chunk.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from icshub.population.pseudonym import pseudonym
from icshub.population.synthetic import assumptions as A
from icshub.registry.population_frame import band_column
from icshub.registry.queries import AGE_BANDS

FULL = "full"
CHUNK_PEOPLE = 50_000
NO_DATE = np.iinfo(np.int32).min  # a missing date among days since 1970 (which are negative before 1970)
_EPOCH = np.datetime64("1970-01-01", "D")


def rng_for(seed: int, *keys: int) -> np.random.Generator:
    """The generator of one part of a run: the same seed and keys always give the same draws."""
    return np.random.default_rng([seed, *keys])


def qx(ages: np.ndarray, female: np.ndarray | bool) -> np.ndarray:
    """The life table's probability of dying within a year at each age, log-linearly interpolated."""
    male = np.exp(np.interp(ages, A.QX_AGES, np.log(A.QX_MALE)))
    woman = np.exp(np.interp(ages, A.QX_AGES, np.log(A.QX_FEMALE)))
    return np.where(female, woman, male)


@lru_cache(maxsize=1)
def survivors() -> tuple[np.ndarray, np.ndarray]:
    """Life-table survivors to each age 0..OLDEST from one birth, for men and for women."""
    ages = np.arange(A.OLDEST + 1)
    return tuple(np.concatenate([[1.0], np.cumprod(1 - qx(ages[:-1], female))]) for female in (False, True))


def female_share(ages: np.ndarray) -> np.ndarray:
    """The share of women at each age: the sex ratio at birth carried through each sex's survival."""
    men, women = survivors()
    f = A.FEMALE_SHARE_AT_BIRTH * women[ages]
    return f / (f + (1 - A.FEMALE_SHARE_AT_BIRTH) * men[ages])


def old_age_weights() -> np.ndarray:
    """How the people of the open band 65+ spread over ages 65..OLDEST: as the life table's survivors."""
    men, women = survivors()
    weights = (men + women)[65:]
    return weights / weights.sum()


@dataclass(frozen=True)
class Chunk:
    index: int
    first_person: int
    rows: np.ndarray  # rows of the plan's areas in this chunk
    counts: np.ndarray  # people per row and age band


@dataclass(frozen=True)
class Plan:
    """The small areas, how many people each has in each age band, the chunks, and each area's practices."""

    areas: pd.DataFrame
    counts: np.ndarray
    chunks: tuple[Chunk, ...]
    practices: np.ndarray  # ODS codes
    choices: tuple[np.ndarray, ...]  # per area row: the practices (indices) its people register with

    @property
    def people(self) -> int:
        return int(self.counts.sum())


def practice_choices(areas: pd.DataFrame, practices: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """For each small area, the practices its people register with: those of the area's place standing in the
    same LSOA, else in the same ward, else in the same district, else anywhere in the place."""
    located = practices.merge(areas[["lsoa", "ward", "district"]], on="lsoa", how="left")
    by = {level: located.groupby(level).indices for level in ("lsoa", "ward", "district", "place")}
    place_of = located["place"].to_numpy()
    choices = []
    for row in areas.itertuples(index=False):
        found = np.arange(len(located))
        for level in ("lsoa", "ward", "district", "place"):
            here = by[level].get(getattr(row, level), np.array([], dtype=int))
            here = here[place_of[here] == row.place]
            if len(here):
                found = here
                break
        choices.append(np.sort(found))
    return tuple(choices)


def plan_population(
    areas: pd.DataFrame,
    practices: pd.DataFrame,
    seed: int,
    scale: int | str,
    chunk_people: int = CHUNK_PEOPLE,
) -> Plan:
    """The plan of a run: ``scale`` people (or ``FULL``, the census population) over ``areas`` (the small-area
    table with age-band columns, see ``icshub.registry.population_frame``), registered with ``practices``."""
    areas = areas.dropna(subset=["imd_decile", "place"]).sort_values("lsoa").reset_index(drop=True)
    census = areas[[band_column(b) for b in AGE_BANDS]].to_numpy(float)
    if scale == FULL:
        counts = np.rint(census).astype(np.int64)
    elif isinstance(scale, int) and scale > 0:
        cells = rng_for(seed, 0).multinomial(scale, (census / census.sum()).ravel())
        counts = cells.reshape(census.shape).astype(np.int64)
    else:
        raise ValueError(f"the scale is a number of people or '{FULL}', not {scale!r}")
    chunks, start, first = [], 0, 0
    per_area = counts.sum(axis=1)
    running = 0
    for row, people in enumerate(per_area):
        running += people
        if running >= chunk_people or row == len(per_area) - 1:
            rows = np.arange(start, row + 1)
            chunks.append(Chunk(len(chunks), first, rows, counts[rows]))
            first += running
            start, running = row + 1, 0
    return Plan(
        areas=areas,
        counts=counts,
        chunks=tuple(chunks),
        practices=practices["practice"].to_numpy(),
        choices=practice_choices(areas, practices),
    )


def draw_people(plan: Plan, chunk: Chunk, rng: np.random.Generator) -> pd.DataFrame:
    """The chunk's people: area row, age (completed years at the end of the year), sex, birth year and
    month, birth date (mid-month, in days since 1970), ethnic category and practice (index)."""
    cells = chunk.counts.ravel()
    row = np.repeat(np.repeat(chunk.rows, len(AGE_BANDS)), cells)
    band = np.repeat(np.tile(np.arange(len(AGE_BANDS)), len(chunk.rows)), cells)
    n = len(row)
    low = np.array([A.AGE_BAND_LIMITS.get(b, (65, 65))[0] for b in AGE_BANDS])
    high = np.array([A.AGE_BAND_LIMITS.get(b, (65, 65))[1] for b in AGE_BANDS])
    age = rng.integers(low[band], high[band] + 1)
    old = band == len(AGE_BANDS) - 1
    age[old] = rng.choice(np.arange(65, A.OLDEST + 1), size=int(old.sum()), p=old_age_weights())
    female = rng.random(n) < female_share(age)
    end_month = A.YEAR_END.year * 12 + A.YEAR_END.month - 1
    month_index = end_month - 12 * age - rng.integers(0, 12, n)
    born = (np.datetime64("1970-01", "M") + (month_index - 1970 * 12)).astype("datetime64[D]") + 14
    shares = np.array(list(A.ETHNICITY_ENGLAND.values()))
    shares = np.append(shares / shares.sum() * (1 - A.ETHNICITY_NOT_STATED), A.ETHNICITY_NOT_STATED)
    ethnicity = np.array([*A.ETHNICITY_ENGLAND, "Z"])[rng.choice(len(shares), size=n, p=shares)]
    practice = np.empty(n, dtype=np.int64)
    pick = rng.random(n)
    for r in np.unique(row):
        here = row == r
        options = plan.choices[r]
        practice[here] = options[(pick[here] * len(options)).astype(np.int64)]
    return pd.DataFrame(
        {
            "row": row,
            "age": age,
            "female": female,
            "birth_year": month_index // 12,
            "birth_month": month_index % 12 + 1,
            "born": (born - _EPOCH).astype(np.int64),
            "ethnic_category": ethnicity,
            "practice": practice,
        }
    )


@lru_cache(maxsize=1)
def reserved_range_numbers() -> np.ndarray:
    """Every valid NHS number of the test range 999 000 0000 to 999 999 9999 (modulus 11 check digit), in
    order: about 909,000, as numbers whose check digit would be 10 are never issued."""
    bases = 999_000_000 + np.arange(1_000_000, dtype=np.int64)
    digits = (bases[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    check = (11 - digits @ np.arange(10, 1, -1) % 11) % 11
    valid = check != 10
    return bases[valid] * 10 + check[valid]


def nhs_numbers(first: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The synthetic NHS numbers of people ``first`` .. ``first + count - 1`` of a run, with each one's
    block: the test range has fewer numbers than a full population, so it is used again in blocks."""
    numbers = reserved_range_numbers()
    index = first + np.arange(count, dtype=np.int64)
    return numbers[index % len(numbers)], index // len(numbers)


def block_key(key: bytes, block: int) -> bytes:
    """The pseudonymisation key of a block: the installation's key for block 0 (so the first 909,000 people
    are pseudonymised exactly as a real load of those numbers would be), a key derived from it for later
    blocks (so a number used again gets another pseudonym)."""
    if block == 0:
        return key
    return hmac.new(key, f"icshub synthetic population block {block}".encode(), hashlib.sha256).digest()


def pseudonyms(numbers: np.ndarray, blocks: np.ndarray, key: bytes) -> list[str]:
    """The pseudonym of each synthetic NHS number, as ``icshub.population.pseudonym`` makes them."""
    keys = {int(b): block_key(key, int(b)) for b in np.unique(blocks)}
    return [pseudonym(f"{n:010d}", keys[b]) for n, b in zip(numbers.tolist(), blocks.tolist(), strict=True)]
