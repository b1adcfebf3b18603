"""Loading person-level data into the analytics store: from the tidy layout (a folder of CSV or Parquet
files named for the tables), and the one path every adapter (Synthea, OMOP) ends in.

Every row is checked against the schema first. By default any rejected row refuses the whole load, with
each problem's file, line and field, and nothing is written. With ``accept_rejects`` the rows that pass
are loaded and the rejects are reported (the count and every reason), for sources known to carry some bad
rows. Person-level values never appear in a log: problems name the file, line and field, and show the value
only as the source gave it to the person loading it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from icshub.loading.frames import read_parquet_table, read_text_table
from icshub.loading.problems import ImportRefused, Problem
from icshub.population.data_model import TABLES
from icshub.population.store import write_dataset
from icshub.population.validation import check_rows

ORDER = ("person", "flag", "event", "coded")


@dataclass(frozen=True)
class Source:
    """One table's rows as read from a file, and how to point at its rows in messages."""

    frame: pd.DataFrame
    file: str
    line_of_first: int = 2


@dataclass
class LoadSummary:
    dataset: str
    loaded: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_sources(
    sources: Mapping[str, Source],
    root: Path,
    name: str,
    manifest: Mapping[str, Any],
    accept_rejects: bool = False,
) -> LoadSummary:
    """Check every table's rows, then write the dataset ``name`` in one step (or nothing)."""
    unknown = set(sources) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables: {', '.join(sorted(unknown))}")
    if "person" not in sources:
        raise ImportRefused([Problem(name, None, None, "there is no person table")])
    summary = LoadSummary(name)
    checked = {}
    persons: set[str] | None = None
    for table in ORDER:
        if table not in sources:
            continue
        source = sources[table]
        result = check_rows(TABLES[table], source.frame, source.file, source.line_of_first, persons)
        duplicates = result.rows["person_id"].duplicated() if table == "person" else None
        if duplicates is not None and duplicates.any():
            result.problems.append(
                Problem(source.file, None, "person_id", f"{int(duplicates.sum())} people are given more than once")
            )
            result.rows = result.rows[~duplicates]
            result.rejected += int(duplicates.sum())
        if table == "person":
            persons = set(result.rows["person_id"])
        checked[table] = result
        summary.loaded[table] = len(result.rows)
        summary.rejected[table] = result.rejected
        summary.problems.extend(result.problems)
    if summary.problems and not accept_rejects:
        raise ImportRefused(summary.problems)
    record = {**manifest, "rejected": summary.rejected}
    with write_dataset(root, name, record) as writer:
        for table, result in checked.items():
            writer.write(table, pa.Table.from_pandas(result.rows, schema=TABLES[table].schema, preserve_index=False))
    return summary


def read_tidy_folder(folder: Path) -> dict[str, Source]:
    """The tables of a tidy folder: ``person.csv`` (or ``.parquet``) and optionally ``flag``, ``event`` and
    ``coded``; CSV is read as text so that the checks see what the file says."""
    sources: dict[str, Source] = {}
    for table in ORDER:
        csv, parquet = folder / f"{table}.csv", folder / f"{table}.parquet"
        if csv.exists():
            sources[table] = Source(read_text_table(csv), csv.name)
        elif parquet.exists():
            sources[table] = Source(read_parquet_table(parquet), parquet.name, line_of_first=1)
    if "person" not in sources:
        raise ImportRefused([Problem(folder.name, None, None, "the folder has no person.csv or person.parquet")])
    return sources
