"""One run of the standard population pipeline on one engine, for bench/population.py.

Run: .venv/bin/python bench/population_pipeline.py ENGINE HOME DATASET   (ENGINE: ibis or pandas)
Reads the dataset of the analytics store under HOME and the registry lookups that bench/population.py left
beside it, runs the pipeline stage by stage, and prints one JSON line: each stage's wall time, and the peak
resident memory of this process (a process of its own, so that each engine's peak is its own).

The pipeline is the same on both engines:
1. every person's long-term conditions, CMS, eFI and Bridges to Health segment (``methods.method_bundle``);
2. the emergency-admission risk model: fitted on the year before the dataset's day, reported on the
   held-out people by place and deprivation quintile, and everyone alive scored;
3. utilisation and cost by place, PCN and segment;
4. the standard measure: emergency admissions and cost of people with moderate or severe frailty, by
   place and PCN.
The ibis engine runs the product's Ibis definitions on DuckDB. The pandas engine reads the Parquet files
into memory and runs the same definitions written in vectorised pandas (bench/pandas_methods.py). The model
fitting is numpy in both.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ibis
import pandas as pd

import pandas_methods
from icshub.config import load_settings
from icshub.population.methods.method_bundle import default_methods, segmented_features
from icshub.population.methods.risk import report_on, risk_scores, training_data
from icshub.population.methods.utilisation import utilisation
from icshub.population.store import dataset_path, dataset_tables, read_manifest

FRAIL = ("moderate", "severe")
STAGES = (
    "conditions, CMS, eFI and segments",
    "risk model: fit, report and score",
    "utilisation by place, PCN and segment",
    "frail people's activity by place and PCN",
)


def peak_mib() -> float:
    """This process's peak resident memory since it started this program (VmHWM: unlike ru_maxrss, it does
    not carry over the peak of the process that launched it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 2**10
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10


class Timer:
    """Times each stage in turn."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def run(self, stage: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = work()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
        return result


def lookups(home: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The registry's small areas, and the (lsoa, place) and (practice, pcn) lookups made from them."""
    areas = pd.read_parquet(home / "bench-areas.parquet")
    practices = pd.read_parquet(home / "bench-practices.parquet")
    places = areas.dropna(subset=["place"])[["lsoa", "place"]].astype("string")
    pcns = practices.dropna(subset=["pcn"]).rename(columns={"ods_code": "practice"})[["practice", "pcn"]]
    return areas, places, pcns.astype("string")


def run_ibis(home: Path, name: str, as_of: date) -> tuple[dict[str, float], dict[str, Any]]:
    settings = load_settings(home)
    tables = dataset_tables(settings.population_dir, name, settings.analytics)
    connection = tables["person"].get_backend()
    areas, places, pcns = lookups(home)
    place_table, pcn_table = ibis.memtable(places), ibis.memtable(pcns)
    methods, timer = default_methods(), Timer()
    features = timer.run(STAGES[0], lambda: segmented_features(tables, methods, as_of).to_pyarrow())
    people = connection.create_table("bench_features", ibis.memtable(features), temp=True)

    def risk() -> None:
        data = training_data(tables, methods.conditions, methods.weights, methods.frailty, as_of)
        report = report_on(data, as_of, areas)
        risk_scores(tables, report.model, methods.conditions, methods.weights, methods.frailty)

    timer.run(STAGES[1], risk)
    segments = people.select("person_id", "segment")

    def activity(source: dict[str, Any], groupings: tuple[str, ...]) -> dict[str, pd.DataFrame]:
        return {
            by: utilisation(source, as_of, by, segments=segments, places=place_table, pcns=pcn_table).to_pandas()
            for by in groupings
        }

    by_area = timer.run(STAGES[2], lambda: activity(tables, ("place", "pcn", "segment")))
    frail = people.filter(people.frailty.isin(FRAIL)).select("person_id")
    frail_tables = {**tables, "person": tables["person"].semi_join(frail, "person_id")}
    timer.run(STAGES[3], lambda: activity(frail_tables, ("place", "pcn")))
    return timer.seconds, summary(features.to_pandas(), by_area["place"])


def run_pandas(home: Path, name: str, as_of: date) -> tuple[dict[str, float], dict[str, Any]]:
    settings = load_settings(home)
    folder = dataset_path(settings.population_dir, name)
    timer = Timer()
    tables = timer.run("read Parquet into pandas", lambda: pandas_methods.read_tables(folder))
    areas, places, pcns = lookups(home)
    methods = default_methods()
    people = timer.run(STAGES[0], lambda: pandas_methods.segmented_features(tables, methods, as_of))

    def risk() -> None:
        report = report_on(pandas_methods.training_data(tables, methods, as_of), as_of, areas)
        now = pandas_methods.risk_inputs(tables, methods, as_of).sort_values("person_id", ignore_index=True)
        report.model.score(now)

    timer.run(STAGES[1], risk)
    lookup = {
        "place": ("lsoa", places.set_index("lsoa")["place"]),
        "pcn": ("practice", pcns.set_index("practice")["pcn"]),
        "segment": ("person_id", people.set_index("person_id")["segment"]),
    }

    def activity(source: dict[str, pd.DataFrame], groupings: tuple[str, ...]) -> dict[str, pd.DataFrame]:
        found = {}
        for by in groupings:
            denominator = pandas_methods.denominator(source["person"], as_of)
            key, groups = lookup[by]
            grouped = pd.DataFrame({"person_id": denominator["person_id"], "group": denominator[key].map(groups)})
            found[by] = pandas_methods.utilisation(source, as_of, grouped)
        return found

    by_area = timer.run(STAGES[2], lambda: activity(tables, ("place", "pcn", "segment")))
    frail = people.loc[people["frailty"].isin(FRAIL), "person_id"]
    person = tables["person"]
    frail_tables = {**tables, "person": person[person["person_id"].isin(frail)]}
    timer.run(STAGES[3], lambda: activity(frail_tables, ("place", "pcn")))
    return timer.seconds, summary(people, by_area["place"])


def summary(features: pd.DataFrame, by_place: pd.DataFrame) -> dict[str, Any]:
    """What the two engines must agree on: people by segment and frailty, and activity and cost by place."""
    everything = by_place[by_place["type"] == "all"].fillna({"group": "none"})
    return {
        "segments": {str(k): int(v) for k, v in features["segment"].value_counts().sort_index().items()},
        "frailty": {str(k): int(v) for k, v in features["frailty"].value_counts().sort_index().items()},
        "cms_hundredths": round(float(features["cms"].sum()) * 100),
        "events_by_place": {str(k): int(v) for k, v in zip(everything["group"], everything["events"], strict=True)},
        "cost_by_place": {str(k): int(v) for k, v in zip(everything["group"], everything["cost_pence"], strict=True)},
    }


def main() -> None:
    engine, home, name = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    settings = load_settings(home)
    as_of = date.fromisoformat(read_manifest(settings.population_dir, name)["as_of"])
    start = time.perf_counter()
    seconds, results = {"ibis": run_ibis, "pandas": run_pandas}[engine](home, name, as_of)
    total = time.perf_counter() - start
    print(json.dumps({"engine": engine, "stages": seconds, "total": total, "peak_mib": peak_mib(), "results": results}))


if __name__ == "__main__":
    main()
