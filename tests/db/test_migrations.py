"""Migrations build the database from empty on each engine, and match the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from icshub.db.engine import engine_for
from icshub.db.migrate import current_revision, head_revision, upgrade
from icshub.tables import all_tables


def test_upgrade_from_empty_creates_every_table(empty_settings) -> None:
    engine = engine_for(empty_settings.database_url)
    assert current_revision(engine) is None
    upgrade(empty_settings.database_url)
    assert current_revision(engine) == head_revision(empty_settings.database_url)
    assert set(all_tables().tables) <= set(inspect(engine).get_table_names())


def test_models_and_migrations_agree(empty_settings) -> None:
    upgrade(empty_settings.database_url)
    engine = engine_for(empty_settings.database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), all_tables())
    assert differences == []


def test_upgrading_twice_is_harmless(empty_settings) -> None:
    upgrade(empty_settings.database_url)
    upgrade(empty_settings.database_url)
    assert current_revision(engine_for(empty_settings.database_url)) == head_revision(empty_settings.database_url)
