"""The audit log: every write records who, when, what, and the record before and after."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.actor import Actor
from icshub.auth.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of ``record`` as JSON-ready values, for the before/after of an audit event."""
    return {name: _plain(getattr(record, name)) for name in fields}


def record_event(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_key: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    detail: str | None = None,
) -> AuditEvent:
    event = AuditEvent(
        at=datetime.now(UTC),
        actor=actor.name,
        actor_user_id=actor.user_id,
        action=action,
        entity_type=entity_type,
        entity_key=entity_key,
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        detail=detail,
    )
    session.add(event)
    return event


def recent_events(session: Session, limit: int = 100, action_prefix: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action_prefix:
        query = query.where(AuditEvent.action.startswith(action_prefix))
    return list(session.scalars(query))
