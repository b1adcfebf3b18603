"""The audit log: every write records who, when, what, and the record before and after; administrators
search it by who, what, when and object, a page at a time, and export what they find."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, event, func, select
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


_WROTE = "icshub.wrote"


@event.listens_for(Session, "after_flush")
def _note_write(session: Session, _context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_writes(session: Session) -> None:
    session.info.pop(_WROTE, None)


def writes_pending(session: Session) -> bool:
    """Whether ``session``'s transaction has written, or is about to: then it holds SQLite's one write lock,
    which another connection would wait for, and what it records belongs with its writes."""
    return bool(session.new or session.dirty or session.deleted or session.info.get(_WROTE))


def apart(session: Session, write: Callable[[Session], object]) -> None:
    """Run ``write`` in a short transaction of its own on ``session``'s database, committed at once, unless
    ``session`` is itself writing (then in it, since on SQLite a second writer would wait for it): so that
    a request that only reads never holds the write lock while it renders."""
    if writes_pending(session):
        write(session)
        return
    with Session(bind=session.get_bind()) as own:
        write(own)
        own.commit()


def record_access(session: Session, actor: Actor, action: str, entity_type: str, entity_key: str | None) -> None:
    """Record that ``actor`` read something guarded (Part 2 business, say), committed at once where the
    reading request writes nothing else (``apart``), so the access stays recorded whatever comes next."""
    apart(session, lambda own: record_event(own, actor, action, entity_type, entity_key))


@dataclass(frozen=True)
class AuditFilter:
    """Which events an administrator asks for: who (part of the actor's name), what (the start of the
    action, such as ``governance.minutes``), the object (its type, and part of its key) and when (from
    and to, whole days in UTC). Empty fields do not filter."""

    who: str = ""
    what: str = ""
    entity_type: str = ""
    entity_key: str = ""
    on_or_after: date | None = None
    on_or_before: date | None = None

    def where(self, query: Select) -> Select:
        if self.who.strip():
            query = query.where(AuditEvent.actor.contains(self.who.strip(), autoescape=True))
        if self.what.strip():
            query = query.where(AuditEvent.action.startswith(self.what.strip(), autoescape=True))
        if self.entity_type.strip():
            query = query.where(AuditEvent.entity_type == self.entity_type.strip())
        if self.entity_key.strip():
            query = query.where(AuditEvent.entity_key.contains(self.entity_key.strip(), autoescape=True))
        if self.on_or_after:
            query = query.where(AuditEvent.at >= datetime.combine(self.on_or_after, time(0), UTC))
        if self.on_or_before:
            query = query.where(AuditEvent.at < datetime.combine(self.on_or_before + timedelta(days=1), time(0), UTC))
        return query


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    pages: int


def search_events(session: Session, wanted: AuditFilter, page: int = 1, per_page: int = 100) -> AuditPage:
    """One page of the events ``wanted`` asks for, newest first, with how many there are in all."""
    total = session.scalar(wanted.where(select(func.count()).select_from(AuditEvent))) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    query = wanted.where(select(AuditEvent)).order_by(AuditEvent.id.desc())
    events = list(session.scalars(query.offset((page - 1) * per_page).limit(per_page)))
    return AuditPage(events, total, page, pages)


def all_events(session: Session, wanted: AuditFilter) -> Iterator[AuditEvent]:
    """Every event ``wanted`` asks for, newest first, read in batches (for an export)."""
    query = wanted.where(select(AuditEvent)).order_by(AuditEvent.id.desc())
    yield from session.scalars(query.execution_options(yield_per=1000))


def recent_events(session: Session, limit: int = 100, action_prefix: str | None = None) -> list[AuditEvent]:
    """The latest ``limit`` events, newest first, whose action starts with ``action_prefix``."""
    return search_events(session, AuditFilter(what=action_prefix or ""), per_page=limit).events
