"""Benchmark: the synthetic Kent and Medway population, and the standard pipeline on it.

Run: .venv/bin/python bench/population.py [--people N | --scale full] [--seed S] [--no-pandas]
Builds the Kent and Medway registry in a temporary data directory, generates N people (default 100,000;
``--scale full`` is the whole system, about 1.9 million) into the analytics store as Parquet, and prints
the time and peak memory of generating them. Then it runs the standard pipeline (conditions, CMS, eFI,
segmentation, risk scoring, and the standard measures by place and PCN: see bench/population_pipeline.py)
once on the product's Ibis definitions on DuckDB and once in plain pandas on the same data, each in a
process of its own, and prints a table of each stage's wall time, the totals, each engine's peak resident
memory and how many times faster the Ibis pipeline is. Targets at full scale on a 2-core machine: under
60 seconds and under 8 GB for the pipeline, at least 4 times faster than pandas.

Peak memory is the operating system's (resource.getrusage), not tracemalloc's: Arrow's buffers are not
Python objects. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from icshub.auth.actor import Actor
from icshub.config import load_settings
from icshub.defaults import KENT_AND_MEDWAY
from icshub.installation import import_definition, initialise, sessions
from icshub.population.services.synthetic_population import synthesise
from icshub.population.synthetic.people import FULL
from icshub.registry.population_frame import practice_table
from icshub.registry.small_areas import small_area_table


def peak_mib() -> float:
    """The process's peak resident memory in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def pipeline(engine: str, home: Path) -> dict:
    """The pipeline's timings on ``engine``, run in a process of its own."""
    script = Path(__file__).with_name("population_pipeline.py")
    done = subprocess.run(
        [sys.executable, str(script), engine, str(home), "bench"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"the {engine} pipeline failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--scale", choices=[FULL], default=None)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--no-pandas", action="store_true", help="run the Ibis pipeline only")
    args = parser.parse_args()
    scale = FULL if args.scale == FULL else args.people
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings(Path(home), f"sqlite:///{Path(home) / 'icshub.sqlite3'}")
        initialise(settings)
        import_definition(settings, KENT_AND_MEDWAY, Actor("bench"))
        with sessions(settings)() as session:
            small_area_table(session).to_parquet(Path(home) / "bench-areas.parquet")
            practice_table(session).to_parquet(Path(home) / "bench-practices.parquet")
        baseline = peak_mib()
        start = time.perf_counter()
        summary = synthesise(settings, "bench", scale, args.seed)
        generated = time.perf_counter() - start
        print(
            f"Synthetic population: {summary.people:,} people, {summary.rows['event']:,} events, "
            f"{summary.rows['coded']:,} coded records"
        )
        print(
            f"generate and write Parquet: {generated:,.1f} s, peak {peak_mib():,.0f} MiB "
            f"(registry read: {baseline:,.0f} MiB)"
        )
        runs = [pipeline("ibis", Path(home))]
        if not args.no_pandas:
            runs.append(pipeline("pandas", Path(home)))
    stages = list(dict.fromkeys(stage for run in runs for stage in run["stages"]))
    header = f"{'stage':<44}" + "".join(f"{run['engine'] + ' s':>12}" for run in runs)
    print()
    print(header)
    print("-" * len(header))
    for stage in stages:
        cells = "".join(f"{run['stages'][stage]:>12.2f}" if stage in run["stages"] else f"{'':>12}" for run in runs)
        print(f"{stage:<44}{cells}")
    print("-" * len(header))
    print(f"{'total (wall)':<44}" + "".join(f"{run['total']:>12.2f}" for run in runs))
    print(f"{'peak memory, MiB':<44}" + "".join(f"{run['peak_mib']:>12,.0f}" for run in runs))
    if len(runs) == 2:
        print(f"\nIbis on DuckDB is {runs[1]['total'] / runs[0]['total']:.1f} times as fast as pandas.")
        differ = [key for key in runs[0]["results"] if runs[0]["results"][key] != runs[1]["results"][key]]
        agreed = "they agree" if not differ else f"they DIFFER on {', '.join(differ)}"
        print(f"Results compared (segments, frailty, CMS, activity and cost by place): {agreed}.")


if __name__ == "__main__":
    main()
