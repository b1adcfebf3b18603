"""The operational database: engine, sessions, the declarative base and migrations.

``Session`` is the type of a unit of work that interfaces pass to domain services and queries, so that they
can name it without depending on the ORM themselves.
"""

from sqlalchemy.orm import Session

from icshub.db.base import Base
from icshub.db.engine import make_engine, make_session_factory

__all__ = ["Base", "Session", "make_engine", "make_session_factory"]
