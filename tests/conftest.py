"""Shared fixtures: a database per backend (SQLite always, PostgreSQL when configured), and a built demo.

Set ICSHUB_TEST_POSTGRES_URL (the test command does, for 127.0.0.1:5432) to run every database test on
PostgreSQL as well; each run works in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from icshub.auth.audit import Actor
from icshub.config import Settings, load_settings
from icshub.db.engine import engine_for
from icshub.defaults import KENT_AND_MEDWAY
from icshub.installation import build_demo, initialise

POSTGRES_URL = os.environ.get("ICSHUB_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
TEST_ACTOR = Actor("pytest")


class PostgresSchemas:
    """Fresh schemas in the test database, each reached through its own search_path."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.engine = create_engine(base_url)
        self.created: list[str] = []

    def new_url(self) -> str:
        schema = f"icshub_test_{uuid.uuid4().hex[:12]}"
        with self.engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        self.created.append(schema)
        separator = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{separator}options=-csearch_path%3D{schema}"

    def drop(self, url: str) -> None:
        """Drop the schema behind ``url`` (each in its own transaction: a schema holds many locks)."""
        schema = url.rsplit("%3D", 1)[-1]
        engine_for(url).dispose()
        with self.engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        self.created.remove(schema)

    def drop_all(self) -> None:
        for schema in list(self.created):
            with self.engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        self.created.clear()
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas | None]:
    if not POSTGRES_URL:
        yield None
        return
    schemas = PostgresSchemas(POSTGRES_URL)
    yield schemas
    schemas.drop_all()


def _settings_for(backend: str, home: Path, schemas: PostgresSchemas | None) -> Settings:
    if backend == "postgresql":
        assert schemas is not None
        return load_settings(home, schemas.new_url())
    return load_settings(home, f"sqlite:///{home / 'icshub.sqlite3'}")


@pytest.fixture(params=BACKENDS)
def empty_settings(request, tmp_path: Path, postgres_schemas) -> Iterator[Settings]:
    """Settings for a data directory and database that do not exist yet (a fresh schema on PostgreSQL)."""
    settings = _settings_for(request.param, tmp_path / "home", postgres_schemas)
    yield settings
    if request.param == "postgresql":
        postgres_schemas.drop(settings.database_url)


@pytest.fixture
def settings(empty_settings: Settings) -> Settings:
    """A migrated, empty database."""
    initialise(empty_settings)
    return empty_settings


@pytest.fixture(scope="session", params=BACKENDS)
def demo(request, tmp_path_factory, postgres_schemas):
    """The Kent and Medway demo built once per backend; tests must not change it."""
    home = tmp_path_factory.mktemp(f"demo-{request.param}")
    demo_settings = _settings_for(request.param, home, postgres_schemas)
    result = build_demo(demo_settings, TEST_ACTOR)
    return demo_settings, result


@pytest.fixture
def definition_copy(tmp_path: Path) -> Path:
    """A writable copy of the Kent and Medway definition folder, for tests that break it on purpose."""
    target = tmp_path / "definition"
    shutil.copytree(KENT_AND_MEDWAY, target)
    return target
