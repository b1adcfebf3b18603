"""Plan versions, and the use cases that write them: importing a version, deriving the next from the
last, publishing or withdrawing one.

Every write is audited. A plan version is imported whole: its items are matched with the version already
held by key, and what was added, dropped or changed is audited item by item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event
from icshub.loading.problems import ImportRefused
from icshub.registry.models import Committee, Organisation, Partnership
from icshub.strategy.compare import Comparison, compare
from icshub.strategy.definition import LeadRef, PlanDefinition
from icshub.strategy.due import parse_due
from icshub.strategy.errors import PlanError
from icshub.strategy.models import (
    Commitment,
    DeliveryExample,
    Lead,
    LocalPriority,
    Milestone,
    Outcome,
    Plan,
    Priority,
)
from icshub.strategy.queries import get_plan, plan_snapshot, registry_keys
from icshub.strategy.references import check_plan
from icshub.strategy.vocabulary import PlanStatus


@dataclass(frozen=True)
class PlanImportSummary:
    version: str
    created: bool
    comparison: Comparison


def _registry_ids(session: Session) -> dict[str, dict[str, int]]:
    return {
        "organisation": dict(session.execute(select(Organisation.key, Organisation.id)).all()),
        "partnership": dict(session.execute(select(Partnership.key, Partnership.id)).all()),
        "committee": dict(session.execute(select(Committee.key, Committee.id)).all()),
    }


def _lead_row(plan_id: int, ids: dict[str, dict[str, int]], lead: LeadRef, position: int, **owner: int) -> Lead:
    return Lead(
        plan_id=plan_id, position=position, note=lead.note, **{f"{lead.kind}_id": ids[lead.kind][lead.target]}, **owner
    )


def _write_items(session: Session, plan: Plan, definition: PlanDefinition) -> None:
    ids = _registry_ids(session)
    for o_pos, o in enumerate(definition.outcomes):
        outcome = Outcome(
            plan_id=plan.id,
            key=o.key,
            position=o_pos,
            source=o.source,
            kind=o.kind.value,
            number=o.number,
            title=o.title,
            statement=o.statement,
            what_we_need_to_achieve=list(o.what_we_need_to_achieve),
            what_we_heard=list(o.what_we_heard),
            narrative=o.narrative,
            i_statements=list(o.i_statements),
            indicators_text=list(o.indicators_text),
        )
        session.add(outcome)
        session.flush()
        for p_pos, p in enumerate(o.priorities):
            priority = Priority(
                plan_id=plan.id,
                outcome_id=outcome.id,
                key=p.key,
                position=p_pos,
                source=p.source,
                title=p.title,
                description=p.description,
            )
            session.add(priority)
            session.flush()
            for c_pos, c in enumerate(p.commitments):
                commitment = Commitment(
                    plan_id=plan.id,
                    priority_id=priority.id,
                    key=c.key,
                    position=c_pos,
                    source=c.source,
                    text=c.text,
                    strategies=list(c.strategies),
                )
                session.add(commitment)
                session.flush()
                session.add_all(
                    _lead_row(plan.id, ids, lead, n, commitment_id=commitment.id) for n, lead in enumerate(c.leads)
                )
        for e_pos, e in enumerate(o.delivery_examples):
            example = DeliveryExample(
                plan_id=plan.id,
                outcome_id=outcome.id,
                key=e.key,
                position=e_pos,
                source=e.source,
                title=e.title,
                description=e.description,
                place_partnership_id=ids["partnership"][e.place] if e.place else None,
            )
            session.add(example)
            session.flush()
            session.add_all(_lead_row(plan.id, ids, lead, n, example_id=example.id) for n, lead in enumerate(e.leads))
            for m_pos, m in enumerate(e.milestones):
                due = parse_due(m.due) if m.due else None
                session.add(
                    Milestone(
                        plan_id=plan.id,
                        example_id=example.id,
                        key=m.key,
                        position=m_pos,
                        source=m.source,
                        title=m.title,
                        due=m.due,
                        due_end=due.end if due else None,
                        due_text=m.due_text,
                    )
                )
    position = 0
    for scope, groups, body in (
        ("place", definition.place_priorities, "partnership"),
        ("district", definition.district_priorities, "organisation"),
    ):
        for group in groups:
            target = ids[body][group.place if scope == "place" else group.district]
            for priority in group.priorities:
                session.add(
                    LocalPriority(
                        plan_id=plan.id,
                        key=priority.key,
                        position=position,
                        source=priority.source or group.source,
                        scope=scope,
                        period=group.period,
                        title=priority.title,
                        outcome_numbers=list(priority.outcomes),
                        **{f"{body}_id": target},
                    )
                )
                position += 1
    for priority in definition.kalc_priorities:
        session.add(
            LocalPriority(
                plan_id=plan.id,
                key=priority.key,
                position=position,
                source=priority.source,
                scope="kalc",
                title=priority.title,
                outcome_numbers=list(priority.outcomes),
            )
        )
        position += 1
    session.flush()


def _audit_comparison(session: Session, actor: Actor, version: str, comparison: Comparison, before, after) -> None:
    for kind, key in comparison.added:
        record_event(session, actor, f"strategy.{kind}.create", kind, f"{version}/{key}", None, after[kind][key])
    for kind, key in comparison.dropped:
        record_event(session, actor, f"strategy.{kind}.delete", kind, f"{version}/{key}", before[kind][key], None)
    for change in comparison.changed:
        record_event(
            session,
            actor,
            f"strategy.{change.kind}.update",
            change.kind,
            f"{version}/{change.key}",
            {name: old for name, (old, _) in change.fields.items()},
            {name: new for name, (_, new) in change.fields.items()},
        )


def _would_replace(version: str, comparison: Comparison) -> str:
    def listed(keys: list[str]) -> str:
        shown = ", ".join(keys[:5])
        return shown + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")

    parts = []
    if comparison.dropped:
        parts.append(f"drop {len(comparison.dropped)} items ({listed([key for _, key in comparison.dropped])})")
    if comparison.changed:
        parts.append(f"change {len(comparison.changed)} ({listed([change.key for change in comparison.changed])})")
    return (
        f"Plan {version} is published, and this file would {' and '.join(parts)}. Nothing was imported. To "
        "replace the published plan, import it again with --replace-published; to prepare a new version, "
        "give the file another version label."
    )


def import_plan(
    session: Session,
    definition: PlanDefinition,
    document: Any,
    file_name: str,
    actor: Actor,
    sha256: str | None = None,
    status: PlanStatus | None = None,
    replace_published: bool = False,
) -> PlanImportSummary:
    """Write a plan version, replacing the items of the version with the same label; refuse bad references.

    A new version is a draft unless ``status`` says otherwise, so that importing a file never replaces the
    public plan by accident; an existing version keeps its status unless ``status`` is given. Replacing a
    published version in a way that drops or changes its items needs ``replace_published``; without it the
    import is refused, saying what it would drop and change, and nothing is written.
    """
    problems = check_plan(definition, document, file_name, registry_keys(session))
    if problems:
        raise ImportRefused(problems)
    owner = session.scalar(select(Partnership).where(Partnership.key == definition.owner))
    plan = get_plan(session, definition.version)
    created = plan is None
    before = plan_snapshot(session, plan) if plan else {}
    guarded = plan is not None and plan.status == PlanStatus.PUBLISHED and not replace_published
    savepoint = session.begin_nested() if guarded else None
    if plan is None:
        plan = Plan(version=definition.version, created_at=datetime.now(UTC), status=(status or PlanStatus.DRAFT).value)
        session.add(plan)
    else:
        for model in (Lead, Milestone, Commitment, Priority, DeliveryExample, LocalPriority, Outcome):
            for record in session.scalars(select(model).where(model.plan_id == plan.id)):
                session.delete(record)
    if status is not None:
        plan.status = status.value
    plan.title, plan.vision, plan.source = definition.title, definition.vision, definition.source
    plan.owner_partnership_id = owner.id
    plan.definition_sha256 = sha256
    session.flush()
    _write_items(session, plan, definition)
    after = plan_snapshot(session, plan)
    comparison = compare(before, after)
    if savepoint is not None and (comparison.dropped or comparison.changed):
        savepoint.rollback()
        raise PlanError(_would_replace(definition.version, comparison))
    if savepoint is not None:
        savepoint.commit()
    _audit_comparison(session, actor, plan.version, comparison, before, after)
    record_event(
        session,
        actor,
        "strategy.plan.import",
        "plan",
        plan.version,
        None,
        {"version": plan.version, "status": plan.status, "sha256": sha256},
        detail=f"{len(comparison.added)} added, {len(comparison.dropped)} dropped, {len(comparison.changed)} changed",
    )
    return PlanImportSummary(plan.version, created, comparison)


def create_version(session: Session, actor: Actor, base_version: str, new_version: str) -> Plan:
    """A new draft version holding a copy of every item of ``base_version``, to be refreshed and compared."""
    base = get_plan(session, base_version)
    if base is None:
        raise PlanError(f"There is no plan version '{base_version}'.")
    if get_plan(session, new_version) is not None:
        raise PlanError(f"There is already a plan version '{new_version}'.")
    plan = Plan(
        version=new_version,
        title=base.title,
        owner_partnership_id=base.owner_partnership_id,
        vision=base.vision,
        source=base.source,
        status=PlanStatus.DRAFT.value,
        based_on_id=base.id,
        created_at=datetime.now(UTC),
    )
    session.add(plan)
    session.flush()
    copies: dict[tuple[type, int], int] = {}

    def copy(record: Any, **links: int | None) -> Any:
        columns = {c.key: getattr(record, c.key) for c in record.__table__.columns if c.key not in {"id", "plan_id"}}
        clone = type(record)(**{**columns, **links, "plan_id": plan.id})
        session.add(clone)
        session.flush()
        copies[type(record), record.id] = clone.id
        return clone

    for model, parent in (
        (Outcome, None),
        (Priority, ("outcome_id", Outcome)),
        (Commitment, ("priority_id", Priority)),
        (DeliveryExample, ("outcome_id", Outcome)),
        (Milestone, ("example_id", DeliveryExample)),
        (LocalPriority, None),
    ):
        for record in session.scalars(select(model).where(model.plan_id == base.id).order_by(model.id)):
            links = {parent[0]: copies[parent[1], getattr(record, parent[0])]} if parent else {}
            copy(record, **links)
    for lead in session.scalars(select(Lead).where(Lead.plan_id == base.id)):
        copy(
            lead,
            commitment_id=copies.get((Commitment, lead.commitment_id)),
            example_id=copies.get((DeliveryExample, lead.example_id)),
        )
    record_event(
        session,
        actor,
        "strategy.plan.create_version",
        "plan",
        new_version,
        None,
        {"version": new_version, "based_on": base_version, "status": plan.status},
    )
    return plan


def set_plan_status(session: Session, actor: Actor, version: str, status: PlanStatus) -> Plan:
    plan = get_plan(session, version)
    if plan is None:
        raise PlanError(f"There is no plan version '{version}'.")
    before = {"status": plan.status}
    plan.status = status.value
    record_event(session, actor, "strategy.plan.set_status", "plan", version, before, {"status": plan.status})
    return plan
