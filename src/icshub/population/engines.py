"""The analytics engines person-level data can be queried on, chosen by the installation's settings.

``ICSHUB_ANALYTICS`` names the engine: ``duckdb`` (the default: embedded, out of core, nothing to run) or
``spark`` (a Spark session from the usual Spark settings: ``spark-defaults.conf``, ``SPARK_HOME``,
``PYSPARK_SUBMIT_ARGS``; local mode when none is set). Every method is one Ibis expression, so the same
code runs on either.

As in Ibis's own backend contract, an engine declares what it cannot do rather than failing when asked:
``Engine.cannot`` lists those capabilities, and code that needs one asks ``engine.can(...)`` first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from icshub.population.errors import PopulationError

if TYPE_CHECKING:
    import ibis
    from ibis.expr.types import Table


class Capability(StrEnum):
    """What an engine may or may not offer."""

    # Each connection has a catalogue of its own, so a table may take a fixed name such as 'person'.
    PRIVATE_CATALOGUE = "private catalogue"


@dataclass(frozen=True)
class Engine:
    """One analytics engine: its setting's value and what it cannot do."""

    name: str
    cannot: frozenset[Capability] = frozenset()

    def can(self, capability: Capability) -> bool:
        return capability not in self.cannot

    def connect(self) -> ibis.BaseBackend:
        """A connection to this engine (for Spark, to the process's one Spark session)."""
        import ibis

        if self.name == "spark":
            try:
                from pyspark.sql import SparkSession
            except ImportError as error:
                raise PopulationError(
                    "ICSHUB_ANALYTICS is 'spark' but pyspark is not installed: install icshub with the 'spark' "
                    "extra (pip install 'icshub[spark]'), which needs Java 17."
                ) from error
            return ibis.pyspark.connect(SparkSession.builder.appName("icshub").getOrCreate())
        return ibis.duckdb.connect()

    def parquet_tables(self, connection: ibis.BaseBackend, files: dict[str, Path]) -> dict[str, Table]:
        """The Parquet ``files`` (table name to file) as tables of ``connection``, without copying them."""
        tables = {}
        for table, path in files.items():
            # In a shared catalogue (Spark's) fixed names would collide between datasets and requests.
            name = table if self.can(Capability.PRIVATE_CATALOGUE) else f"{table}_{uuid.uuid4().hex[:12]}"
            tables[table] = connection.read_parquet(path, table_name=name)
        return tables


ENGINES = {
    "duckdb": Engine("duckdb"),
    "spark": Engine("spark", frozenset({Capability.PRIVATE_CATALOGUE})),
}
DEFAULT = "duckdb"


def engine_named(name: str) -> Engine:
    """The engine a value of ``ICSHUB_ANALYTICS`` names, or a refusal listing those there are."""
    try:
        return ENGINES[name.strip().lower()]
    except KeyError:
        known = ", ".join(f"'{known}'" for known in ENGINES)
        raise PopulationError(f"ICSHUB_ANALYTICS is '{name}', which is not an analytics engine: use {known}.") from None
