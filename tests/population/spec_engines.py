"""The engines the spec tests run on: the pandas reference, and the analytics engine of this run.

The analytics engine is the one ``ICSHUB_ANALYTICS`` names, as for the product: DuckDB by default; the
test command runs the spec tests a second time with ``ICSHUB_ANALYTICS=spark``. Tests take the engine
from the ``engine`` fixture (``conftest.py``), which marks them ``spec``.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa

from icshub.population.data_model import TABLES
from icshub.population.engines import Capability, engine_named

ANALYTICS = engine_named(os.environ.get("ICSHUB_ANALYTICS", "duckdb"))
REFERENCE = "reference"
ENGINES = [ANALYTICS.name, REFERENCE]


def analytics_tables(tables: dict[str, pa.Table]) -> dict[str, Any]:
    """``tables`` as tables of the run's analytics engine (names of their own where the catalogue is shared)."""
    connection = ANALYTICS.connect()
    private = ANALYTICS.can(Capability.PRIVATE_CATALOGUE)
    return {
        # Through a memtable: ibis 12 cannot create a table from a pyarrow table on DuckDB 2 directly.
        name: connection.create_table(name if private else f"{name}_{uuid.uuid4().hex[:12]}", ibis.memtable(table))
        for name, table in tables.items()
    }


def frame_tables(frames: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """Frames of the schema's tables, typed to it, as tables of the run's analytics engine."""
    return analytics_tables(
        {
            name: pa.Table.from_pandas(frame, schema=TABLES[name].schema, preserve_index=False)
            for name, frame in frames.items()
        }
    )
