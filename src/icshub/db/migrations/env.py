"""Alembic environment: runs migrations online against the configured URL."""

from __future__ import annotations

from alembic import context

from icshub.db.engine import make_engine

# Given by the caller (``alembic_config(url, all_tables())``): the database package knows no domain.
target_metadata = context.config.attributes.get("target_metadata")


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
