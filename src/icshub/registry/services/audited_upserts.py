"""Writing registry records matched by their natural keys, so that ids stay stable for the other domains,
and auditing each create, update (by field, and links by the key they point at) and delete."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event, snapshot
from icshub.auth.models import AuditEvent


@dataclass
class ImportSummary:
    """What an import did: counts of what the registry now holds and of the audited changes."""

    counts: dict[str, int] = field(default_factory=dict)
    changes: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {"counts": self.counts, "changes": dict(self.changes)}


class Upserter:
    """Matches records by key, applies new values, and audits what changed."""

    def __init__(self, session: Session, actor: Actor, summary: ImportSummary) -> None:
        self.session = session
        self.actor = actor
        self.summary = summary
        self.created: dict[tuple[str, str], AuditEvent] = {}

    @staticmethod
    def _state(record: Any, fields: tuple[str, ...], links: dict[str, dict[int, str]]) -> dict[str, Any]:
        """The audited state: the fields, and each link by the key of the record it points at."""
        state = snapshot(record, fields)
        state.update({name.removesuffix("_id"): keys.get(getattr(record, name)) for name, keys in links.items()})
        return state

    def apply(
        self,
        model: type,
        existing: dict[str, Any],
        key: str,
        values: dict[str, Any],
        fields: tuple[str, ...],
        label: str | None = None,
        links: dict[str, dict[int, str]] | None = None,
    ) -> Any:
        """Create or update the record ``key`` with ``values``, auditing what changed.

        ``links`` names id columns among the values, with the keys of the records they can point at, so
        that the audit shows which record, not which number.
        """
        entity = model.__tablename__.removeprefix("registry_")
        label = label or key
        links = links or {}
        record = existing.get(key)
        if record is None:
            record = model(**values)
            self.session.add(record)
            existing[key] = record
            after = self._state(record, fields, links)
            event = record_event(self.session, self.actor, f"registry.{entity}.create", entity, label, None, after)
            self.created[entity, label] = event
            self.summary.changes[f"{entity} created"] += 1
            return record
        before = self._state(record, fields, links)
        for name, value in values.items():
            setattr(record, name, value)
        after = self._state(record, fields, links)
        if before != after:
            record_event(self.session, self.actor, f"registry.{entity}.update", entity, label, before, after)
            self.summary.changes[f"{entity} updated"] += 1
        return record

    def relink(self, record: Any, label: str, links: dict[str, tuple[int | None, dict[int, str]]]) -> None:
        """Point a record's id columns at other records (set once all exist), auditing the change by key."""
        entity = record.__tablename__.removeprefix("registry_")
        before = {name.removesuffix("_id"): keys.get(getattr(record, name)) for name, (_, keys) in links.items()}
        for name, (target, _) in links.items():
            setattr(record, name, target)
        after = {name.removesuffix("_id"): keys.get(target) for name, (target, keys) in links.items()}
        self._amend_or_record(entity, label, before, after)

    def _amend_or_record(self, entity: str, label: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        created = self.created.get((entity, label))
        if created is not None:
            created.after = {**(created.after or {}), **after}
        elif before != after:
            record_event(self.session, self.actor, f"registry.{entity}.update", entity, label, before, after)
            self.summary.changes[f"{entity} updated"] += 1

    def members_changed(self, label: str, before: list[list[str]], after: list[list[str]]) -> None:
        """Audit a partnership's membership, which is rewritten as a whole on every import."""
        self._amend_or_record("partnership", label, {"members": before}, {"members": after})

    def remove_missing(
        self, existing: dict[str, Any], keep: set[str], fields: tuple[str, ...], label_prefix: str = ""
    ) -> None:
        for key in sorted(set(existing) - keep):
            record = existing.pop(key)
            entity = record.__tablename__.removeprefix("registry_")
            before = snapshot(record, fields)
            record_event(
                self.session, self.actor, f"registry.{entity}.delete", entity, label_prefix + key, before, None
            )
            self.summary.changes[f"{entity} deleted"] += 1
            self.session.delete(record)
