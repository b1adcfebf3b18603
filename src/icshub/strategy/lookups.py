"""Finding registry bodies by kind and key, for the strategy's filters and lead pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.registry.models import Committee, Organisation, Partnership

MODELS = {"organisation": Organisation, "partnership": Partnership, "committee": Committee}


def body(session: Session, kind: str, key: str) -> Organisation | Partnership | Committee | None:
    model = MODELS.get(kind)
    return session.scalar(select(model).where(model.key == key)) if model else None


def body_id(session: Session, kind: str, key: str) -> tuple[str, int] | None:
    found = body(session, kind, key)
    return (kind, found.id) if found else None
