"""Test databases built once per run and copied per test, on SQLite and PostgreSQL alike.

A template (an empty migrated database, the Kent and Medway registry, the whole demo) is built the first
time a test asks for it, by whichever pytest-xdist worker gets there first while the others wait on a file
lock, and then copied for each test that needs it: a SQLite template is its data directory, copied as
files; a PostgreSQL template is a database, copied with ``CREATE DATABASE … TEMPLATE``. So a test that
changes the demo gets a demo of its own in a fraction of a second instead of building one.

Every PostgreSQL database of a run is named ``icshub_test_<run>_…`` and dropped when the run ends.
"""

from __future__ import annotations

import pickle
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from icshub.config import Settings, load_settings
from icshub.db.engine import engine_for

PREFIX = "icshub_test_"


@dataclass(frozen=True)
class Copy:
    """A database and data directory of a test's own, and what building its template returned."""

    settings: Settings
    built: Any


class Databases:
    """Templates and copies for one backend (``sqlite`` or ``postgresql``) in one test run."""

    def __init__(self, backend: str, shared: Path, run: str, postgres_url: str | None) -> None:
        self.backend = backend
        self.shared = shared / backend
        self.shared.mkdir(parents=True, exist_ok=True)
        self.run = run
        self.postgres_url = postgres_url

    # PostgreSQL ---------------------------------------------------------------------------------------
    def _admin(self):
        assert self.postgres_url is not None
        return create_engine(self.postgres_url, isolation_level="AUTOCOMMIT")

    def _url(self, database: str) -> str:
        assert self.postgres_url is not None
        return make_url(self.postgres_url).set(database=database).render_as_string(hide_password=False)

    def _create(self, database: str, template: str | None = None) -> None:
        admin = self._admin()
        with admin.connect() as connection:
            clause = f' TEMPLATE "{template}"' if template else ""
            connection.execute(text(f'CREATE DATABASE "{database}"{clause}'))
        admin.dispose()

    def drop(self, settings: Settings) -> None:
        """Drop a copy's PostgreSQL database (its data directory goes with pytest's temporary files)."""
        if self.backend != "postgresql":
            return
        engine_for(settings.database_url).dispose()
        database = make_url(settings.database_url).database
        admin = self._admin()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()

    # Both ---------------------------------------------------------------------------------------------
    def empty(self, home: Path) -> Settings:
        """Settings for a data directory and a database that do not exist yet (an empty database on PostgreSQL)."""
        if self.backend == "sqlite":
            return load_settings(home, f"sqlite:///{home / 'icshub.sqlite3'}")
        database = f"{PREFIX}{self.run}_{uuid.uuid4().hex[:10]}"
        self._create(database)
        return load_settings(home, self._url(database))

    def template(self, name: str, build: Callable[[Settings], Any]) -> tuple[Path, Any]:
        """The template ``name``: built by ``build`` on first use in this run, then read from disk."""
        home = self.shared / name
        done = self.shared / f"{name}.pickle"
        with FileLock(str(self.shared / f"{name}.lock")):
            if not done.exists():
                settings = self._template_settings(name, home)
                built = build(settings)
                engine_for(settings.database_url).dispose()
                done.write_bytes(pickle.dumps(built))
        return home, pickle.loads(done.read_bytes())

    def _template_settings(self, name: str, home: Path) -> Settings:
        if self.backend == "sqlite":
            return load_settings(home, f"sqlite:///{home / 'icshub.sqlite3'}")
        database = f"{PREFIX}{self.run}_template_{name}"
        self._create(database)
        return load_settings(home, self._url(database))

    def copy(self, name: str, build: Callable[[Settings], Any], home: Path) -> Copy:
        """A copy of the template ``name`` in the data directory ``home``."""
        template_home, built = self.template(name, build)
        shutil.copytree(template_home, home, ignore=shutil.ignore_patterns("*-wal", "*-shm"), dirs_exist_ok=True)
        if self.backend == "sqlite":
            return Copy(load_settings(home, f"sqlite:///{home / 'icshub.sqlite3'}"), built)
        database = f"{PREFIX}{self.run}_{uuid.uuid4().hex[:10]}"
        self._create(database, template=f"{PREFIX}{self.run}_template_{name}")
        return Copy(load_settings(home, self._url(database)), built)


def drop_run(postgres_url: str, run: str) -> None:
    """Drop every PostgreSQL database the run ``run`` created, templates included."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        names = connection.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE :pattern"), {"pattern": f"{PREFIX}{run}_%"}
        ).scalars()
        for name in list(names):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
