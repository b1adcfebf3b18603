"""The analytics store: each dataset of person-level data is a folder of Parquet files (one per table of
``icshub.population.data_model``) with a manifest saying where it came from, under the data directory's
``population/``. Person-level rows live only here: never in the operational database or a log.

A dataset is written into a temporary folder and moved into place only when complete, so a failed load
leaves the previous dataset as it was and nothing half-written. Queries run through Ibis on the
engine the installation chooses (``ICSHUB_ANALYTICS``: DuckDB by default, or Spark); see ``engines``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from icshub.population.data_model import TABLES
from icshub.population.engines import DEFAULT, engine_named
from icshub.population.errors import PopulationError

if TYPE_CHECKING:
    from ibis.expr.types import Table

MANIFEST = "manifest.json"
_NAME = "abcdefghijklmnopqrstuvwxyz0123456789-_"


NAME_LENGTH = 80
# Who is writing a staging folder, so that the folder of a load that was killed can be told apart.
WRITER = ".writer"


def dataset_path(root: Path, name: str) -> Path:
    if not name or len(name) > NAME_LENGTH or any(c not in _NAME for c in name):
        shown = name if len(name) <= NAME_LENGTH else name[:40] + "…"
        raise PopulationError(
            f"'{shown}' is not a dataset name: use up to {NAME_LENGTH} lower-case letters, digits, '-' and '_'"
        )
    return root / name


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clear_interrupted(root: Path, name: str) -> None:
    """Tidy what a load of ``name`` killed part-way left behind: staging folders whose writer is gone are
    removed, and a dataset retired but not yet replaced is put back (a kill between the two renames)."""
    for staging in root.glob(f".{name}-*"):
        if staging.name == f".{name}-retired" or not staging.is_dir():
            continue
        try:
            pid = int((staging / WRITER).read_text())
        except (OSError, ValueError):
            pid = None
        if pid is None or not _alive(pid):
            shutil.rmtree(staging, ignore_errors=True)
    retired, target = root / f".{name}-retired", root / name
    if retired.is_dir() and not target.exists():
        retired.rename(target)
    elif retired.is_dir():
        shutil.rmtree(retired, ignore_errors=True)


@dataclass
class DatasetWriter:
    """Streams record batches of each table into a dataset being written (see ``write_dataset``)."""

    folder: Path
    writers: dict[str, pq.ParquetWriter] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def write(self, table: str, batch: pa.Table | pa.RecordBatch) -> None:
        schema = TABLES[table].schema
        batch = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
        for position, column in enumerate(schema):
            if column.name not in batch.column_names and column.nullable:
                batch = batch.add_column(position, column.name, pa.nulls(batch.num_rows, column.type))
        batch = batch.select(schema.names).cast(schema)
        if table not in self.writers:
            self.writers[table] = pq.ParquetWriter(self.folder / f"{table}.parquet", schema, compression="zstd")
        self.writers[table].write_table(batch)
        self.rows[table] = self.rows.get(table, 0) + batch.num_rows

    def close(self) -> None:
        for table, schema_table in TABLES.items():
            if table not in self.writers:  # every table exists, if only empty
                self.writers[table] = pq.ParquetWriter(self.folder / f"{table}.parquet", schema_table.schema)
                self.rows[table] = 0
        for writer in self.writers.values():
            writer.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def write_dataset(root: Path, name: str, manifest: Mapping[str, Any]) -> Iterator[DatasetWriter]:
    """Write dataset ``name``: yields a writer; on success the dataset replaces any earlier one of that name,
    with a manifest (``manifest`` plus the tables' rows and SHA-256); on any error nothing changes."""
    target = dataset_path(root, name)
    root.mkdir(parents=True, exist_ok=True)
    _clear_interrupted(root, name)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    (staging / WRITER).write_text(str(os.getpid()))
    try:
        writer = DatasetWriter(staging)
        try:
            yield writer
        finally:
            writer.close()
        record = {
            **manifest,
            "name": name,
            "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "tables": {
                t: {"rows": writer.rows[t], "sha256": _sha256(staging / f"{t}.parquet")} for t in sorted(TABLES)
            },
        }
        (staging / MANIFEST).write_text(json.dumps(record, indent=2))
        (staging / WRITER).unlink()
        if target.exists():
            retired = target.with_name(f".{name}-retired")
            shutil.rmtree(retired, ignore_errors=True)
            target.rename(retired)
            staging.rename(target)
            shutil.rmtree(retired)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def read_manifest(root: Path, name: str) -> dict[str, Any]:
    path = dataset_path(root, name) / MANIFEST
    if not path.exists():
        raise FileNotFoundError(f"there is no population dataset '{name}' in {root}")
    return json.loads(path.read_text())


def list_datasets(root: Path) -> list[dict[str, Any]]:
    """The manifests of the datasets in the store, by name."""
    if not root.exists():
        return []
    return [json.loads(p.read_text()) for p in sorted(root.glob(f"*/{MANIFEST}")) if not p.parent.name.startswith(".")]


def dataset_tables(root: Path, name: str, analytics: str = DEFAULT) -> dict[str, Table]:
    """The dataset's tables on the engine ``analytics`` names (``ICSHUB_ANALYTICS``), read in place from
    its Parquet files; refused if there is no such dataset."""
    folder = dataset_path(root, name)
    read_manifest(root, name)
    engine = engine_named(analytics)
    return engine.parquet_tables(engine.connect(), {table: folder / f"{table}.parquet" for table in TABLES})
