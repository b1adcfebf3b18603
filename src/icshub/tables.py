"""Every table of the operational database, gathered from each domain's models.

The database package knows no domain; what needs the whole schema (the migration checks, Alembic's
autogenerate) asks here, above the domains.
"""

from __future__ import annotations

from sqlalchemy import MetaData


def all_tables() -> MetaData:
    """The metadata with every domain's tables in it."""
    import icshub.auth.models
    import icshub.governance.models
    import icshub.indicators.models
    import icshub.population.models
    import icshub.registry.models
    import icshub.strategy.models  # noqa: F401  (imported for their tables)
    from icshub.db.base import Base

    return Base.metadata
