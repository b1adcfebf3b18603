"""Benchmark: generating the synthetic Kent and Medway population (icshub.population.synthetic).

Run: .venv/bin/python bench/population.py [--people N | --scale full] [--seed S]
Builds the Kent and Medway registry in a temporary data directory, then generates N people (default
100,000) chunk by chunk, first in memory only and then written to the analytics store as Parquet, and
prints a table of wall time, the rows made and the process's peak resident memory. Peak memory is the
operating system's (resource.getrusage), not tracemalloc's: Arrow's buffers are not Python objects. It is
the peak of the whole process so far, so each row includes the rows above it. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from icshub.auth.audit import Actor
from icshub.config import load_settings
from icshub.defaults import KENT_AND_MEDWAY
from icshub.installation import import_definition, initialise, sessions
from icshub.population.synthetic.generate import generate, plan_run
from icshub.population.synthetic.people import FULL
from icshub.population.synthetic.service import synthesise
from icshub.registry.population_frame import practice_table, small_areas_with_age_bands


def peak_mib() -> float:
    """The process's peak resident memory in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--scale", choices=[FULL], default=None)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    scale = FULL if args.scale == FULL else args.people
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings(Path(home), f"sqlite:///{Path(home) / 'icshub.sqlite3'}")
        initialise(settings)
        import_definition(settings, KENT_AND_MEDWAY, Actor("bench"))
        with sessions(settings)() as session:
            areas, practices = small_areas_with_age_bands(session), practice_table(session)
        rows_table = []
        baseline = peak_mib()

        start = time.perf_counter()
        run = plan_run(areas, practices, args.seed, scale, settings.pseudonym_key())
        made = {}
        for _, tables in generate(run):
            for name, table in tables.items():
                made[name] = made.get(name, 0) + table.num_rows
        rows_table.append(("generate, in memory", time.perf_counter() - start, made, peak_mib()))

        start = time.perf_counter()
        summary = synthesise(settings, "bench", scale, args.seed)
        rows_table.append(("generate and write Parquet", time.perf_counter() - start, summary.rows, peak_mib()))

    print(f"Synthetic population benchmark: {run.plan.people:,} people in {len(run.plan.chunks)} chunks")
    print(f"peak memory before generating (registry read): {baseline:,.0f} MiB")
    header = f"{'step':<28}  {'seconds':>8}  {'people':>10}  {'events':>11}  {'coded':>10}  {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    for step, seconds, rows, peak in rows_table:
        print(
            f"{step:<28}  {seconds:>8.2f}  {rows['person']:>10,}  {rows['event']:>11,}  {rows['coded']:>10,}"
            f"  {peak:>9,.0f}"
        )


if __name__ == "__main__":
    main()
