"""The operational database: engine, sessions, the declarative base and migrations."""

from icshub.db.base import Base
from icshub.db.engine import make_engine, make_session_factory

__all__ = ["Base", "make_engine", "make_session_factory"]
