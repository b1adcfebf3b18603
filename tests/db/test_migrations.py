"""Migrations build the database from empty on each engine, and match the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from icshub.db.base import Base
from icshub.db.engine import engine_for
from icshub.db.migrate import current_revision, head_revision, import_all_models, upgrade


def test_upgrade_from_empty_creates_every_table(empty_settings) -> None:
    engine = engine_for(empty_settings.database_url)
    assert current_revision(engine) is None
    upgrade(empty_settings.database_url)
    assert current_revision(engine) == head_revision(empty_settings.database_url)
    import_all_models()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_models_and_migrations_agree(empty_settings) -> None:
    upgrade(empty_settings.database_url)
    import_all_models()
    engine = engine_for(empty_settings.database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrading_twice_is_harmless(empty_settings) -> None:
    upgrade(empty_settings.database_url)
    upgrade(empty_settings.database_url)
    assert current_revision(engine_for(empty_settings.database_url)) == head_revision(empty_settings.database_url)
