"""Benchmark: every icshub.stats method over 10,000 groups (DSR and life expectancy with their age bands).

Run: .venv/bin/python bench/indicators.py [--groups N] [--repeat R]
Prints a table of wall time (median of the repeats) and peak Python memory. Not a test: nothing is asserted.
The data are random but seeded, so every run measures the same work.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import numpy as np
import pandas as pd

from icshub import stats
from timing import measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(20261123)
    g = args.groups
    groups = np.arange(g)
    simple = pd.DataFrame({"group": groups, "count": rng.poisson(40, g), "population": rng.integers(2_000, 20_000, g)})
    bands = list(stats.ESP2013)
    banded = pd.DataFrame(
        {
            "group": np.repeat(groups, len(bands)),
            "band": np.tile(bands, g),
            "count": rng.poisson(20, g * len(bands)),
            "population": rng.integers(500, 5_000, g * len(bands)),
        }
    )
    banded["ref_count"] = 1_000
    banded["ref_population"] = 50_000
    # The same bands with people by how many events each had (1, 2 or 3): non-independent events.
    repeated = banded.loc[banded.index.repeat(3), ["group", "band", "population"]].reset_index(drop=True)
    repeated["frequency"] = np.tile([1, 2, 3], len(banded))
    repeated["people"] = rng.poisson(np.tile([12.0, 3, 1], len(banded)))
    values = pd.DataFrame({"group": np.repeat(groups, 10), "value": rng.normal(50, 10, g * 10)})
    le_bands = ["0", "1-4", *(f"{s}-{s + 4}" for s in range(5, 90, 5)), "90+"]
    life = pd.DataFrame(
        {
            "group": np.repeat(groups, 20),
            "band": np.tile(le_bands, g),
            "deaths": rng.poisson(np.tile(np.geomspace(2, 400, 20), g)),
            "population": np.tile(np.r_[np.full(19, 6_000), 1_000], g),
        }
    )
    methods: dict[str, Callable[[], object]] = {
        "proportion": lambda: stats.proportion(simple, "count", "population", "group"),
        "rate": lambda: stats.rate(simple, "count", "population", "group"),
        "mean": lambda: stats.mean(values, "value", "group"),
        "dsr (19 age bands)": lambda: stats.dsr(banded, "count", "population", "band", "group"),
        "dsr, non-independent events (19 bands × 3)": lambda: stats.dsr(
            repeated, "people", "population", "band", "group", independent_events=False, event_frequency="frequency"
        ),
        "isr (19 age bands)": lambda: stats.isr(banded, "count", "population", "ref_count", "ref_population", "group"),
        "smr (19 age bands)": lambda: stats.smr(banded, "count", "population", "ref_count", "ref_population", "group"),
        "funnel limits": lambda: stats.funnel_limits(simple["population"], 0.004, "rate"),
        "life expectancy (20 age bands)": lambda: stats.life_expectancy(life, "deaths", "population", "band", "group"),
        "sii (5 quintiles, 1,000 simulations)": lambda: stats.sii(
            quintiles, "value", "population", "quintile", "group", lower="lower", upper="upper", repetitions=1_000
        ),
        "quantiles (deciles of 10,000 areas)": lambda: stats.quantiles(areas, "score", "group", nquantiles=10),
    }
    quintiles = pd.DataFrame(
        {
            "group": np.repeat(groups, 5),
            "quintile": np.tile(np.arange(1, 6), g),
            "value": rng.normal(np.tile([70.0, 72, 74, 76, 78], g), 1.0),
            "population": rng.integers(10_000, 50_000, g * 5),
        }
    )
    quintiles["lower"] = quintiles["value"] - 1.5
    quintiles["upper"] = quintiles["value"] + 1.5
    areas = pd.DataFrame({"group": np.repeat(groups % 100, 100)[:g], "score": rng.gamma(2.0, 10.0, g)})
    width = max(len(name) for name in methods)
    print(f"icshub.stats benchmark: {g:,} groups, median of {args.repeat}")
    print(f"{'method':<{width}}  {'seconds':>9}  {'peak MiB':>9}")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 9}")
    total = 0.0
    for name, action in methods.items():
        seconds, peak = measure(action, args.repeat)
        total += seconds
        print(f"{name:<{width}}  {seconds:>9.3f}  {peak:>9.1f}")
    print(f"{'-' * width}  {'-' * 9}")
    print(f"{'the whole table':<{width}}  {total:>9.3f}")


if __name__ == "__main__":
    main()
