"""Strategy reads: plan versions, item rows with their current status, and the views built on them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.policy import Body
from icshub.registry.models import Committee, Organisation, Partnership
from icshub.registry.vocabulary import OrganisationType, PartnershipType
from icshub.strategy.due import Due, is_overdue, parse_due
from icshub.strategy.models import (
    Commitment,
    DeliveryExample,
    Lead,
    LocalPriority,
    Milestone,
    Outcome,
    Plan,
    Priority,
    ProgressUpdate,
)
from icshub.strategy.references import RegistryKeys
from icshub.strategy.vocabulary import ItemType, PlanStatus, ProgressStatus

COUNCILS = {OrganisationType.DISTRICT_COUNCIL.value, OrganisationType.UNITARY_COUNCIL.value}


def registry_keys(session: Session) -> RegistryKeys:
    partnerships = session.execute(select(Partnership.key, Partnership.type)).all()
    organisations = session.execute(select(Organisation.key, Organisation.type)).all()
    return RegistryKeys(
        organisations=frozenset(k for k, _ in organisations),
        partnerships=frozenset(k for k, _ in partnerships),
        committees=frozenset(session.scalars(select(Committee.key))),
        places=frozenset(k for k, t in partnerships if t == PartnershipType.PLACE.value),
        councils=frozenset(k for k, t in organisations if t in COUNCILS),
    )


def get_plan(session: Session, version: str) -> Plan | None:
    return session.scalar(select(Plan).where(Plan.version == version))


def list_plans(session: Session, include_drafts: bool) -> list[Plan]:
    query = select(Plan).order_by(Plan.created_at.desc(), Plan.id.desc())
    if not include_drafts:
        query = query.where(Plan.status == PlanStatus.PUBLISHED.value)
    return list(session.scalars(query))


def current_plan(session: Session, include_drafts: bool = False) -> Plan | None:
    """The newest published version (or the newest of any status, for those who may see drafts)."""
    plans = list_plans(session, include_drafts=False) or (list_plans(session, True) if include_drafts else [])
    return plans[0] if plans else None


def plan_snapshot(session: Session, plan: Plan) -> dict[str, dict[str, dict[str, Any]]]:
    """Every item of a version by kind and key, with all its fields, for comparing versions and auditing."""
    leads: dict[tuple[str, int], list[str]] = defaultdict(list)
    names = _body_keys(session)
    for lead in session.scalars(select(Lead).where(Lead.plan_id == plan.id).order_by(Lead.position)):
        owner = ("commitment", lead.commitment_id) if lead.commitment_id else ("delivery_example", lead.example_id)
        leads[owner].append(_lead_label(lead, names))
    outcomes = {o.id: o.key for o in session.scalars(select(Outcome).where(Outcome.plan_id == plan.id))}
    priorities = {p.id: p.key for p in session.scalars(select(Priority).where(Priority.plan_id == plan.id))}
    examples = {e.id: e.key for e in session.scalars(select(DeliveryExample).where(DeliveryExample.plan_id == plan.id))}

    partnership_keys = {i: k for i, (k, _) in names["partnership"].items()}
    organisation_keys = {i: k for i, (k, _) in names["organisation"].items()}

    def rows(model, **links):
        """Every column but ids and order, and each link by the key of what it points at."""
        columns = [
            c.key
            for c in model.__table__.columns
            if c.key not in {"id", "plan_id", "position"} and not c.key.endswith("_id")
        ]
        found = {}
        for record in session.scalars(select(model).where(model.plan_id == plan.id)):
            values = {name: getattr(record, name) for name in columns if name != "key"}
            values |= {name: compute(record) for name, compute in links.items()}
            found[record.key] = values
        return found

    return {
        "outcome": rows(Outcome),
        "priority": rows(Priority, outcome=lambda r: outcomes[r.outcome_id]),
        "commitment": rows(
            Commitment,
            priority=lambda r: priorities[r.priority_id],
            leads=lambda r: leads[("commitment", r.id)],
        ),
        "delivery_example": rows(
            DeliveryExample,
            outcome=lambda r: outcomes[r.outcome_id],
            place=lambda r: partnership_keys.get(r.place_partnership_id),
            leads=lambda r: leads[("delivery_example", r.id)],
        ),
        "milestone": rows(Milestone, example=lambda r: examples[r.example_id]),
        "local_priority": rows(
            LocalPriority,
            partnership=lambda r: partnership_keys.get(r.partnership_id),
            organisation=lambda r: organisation_keys.get(r.organisation_id),
        ),
    }


def _body_keys(session: Session) -> dict[str, dict[int, tuple[str, str]]]:
    return {
        "organisation": {
            i: (k, n) for i, k, n in session.execute(select(Organisation.id, Organisation.key, Organisation.name))
        },
        "partnership": {
            i: (k, n) for i, k, n in session.execute(select(Partnership.id, Partnership.key, Partnership.name))
        },
        "committee": {i: (k, n) for i, k, n in session.execute(select(Committee.id, Committee.key, Committee.name))},
    }


def _lead_body(lead: Lead) -> Body:
    for kind in ("organisation", "partnership", "committee"):
        if (target := getattr(lead, f"{kind}_id")) is not None:
            return kind, target
    raise ValueError(f"lead {lead.id} names no body")


def _lead_label(lead: Lead, names: dict[str, dict[int, tuple[str, str]]]) -> str:
    kind, target = _lead_body(lead)
    return f"{kind}:{names[kind][target][0]}" + (f" ({lead.note})" if lead.note else "")


def item_leads(session: Session, plan: Plan, item_type: ItemType, key: str) -> set[Body] | None:
    """The bodies that lead an item (for a milestone, those of its delivery example); ``None`` if no such item."""
    if item_type is ItemType.COMMITMENT:
        item = session.scalar(select(Commitment).where(Commitment.plan_id == plan.id, Commitment.key == key))
        condition = Lead.commitment_id == item.id if item else None
    else:
        item = session.scalar(select(Milestone).where(Milestone.plan_id == plan.id, Milestone.key == key))
        condition = Lead.example_id == item.example_id if item else None
    if item is None:
        return None
    return {_lead_body(lead) for lead in session.scalars(select(Lead).where(condition))}


@dataclass
class LeadView:
    kind: str
    key: str
    name: str
    note: str | None


@dataclass
class ItemRow:
    """A commitment or milestone with where it sits, who leads it and its current status."""

    type: ItemType
    key: str
    outcome_key: str
    outcome_number: int
    outcome_kind: str
    outcome_title: str
    parent_title: str
    text: str
    leads: list[LeadView]
    due: Due | None
    due_text: str | None
    place_key: str | None
    status: ProgressStatus
    rag: str | None
    as_of: date | None
    narrative: str | None
    evidence: list[str]
    overdue: bool
    updated: bool
    draft: bool = False
    lead_bodies: set[Body] = field(default_factory=set)
    strategies: list[str] = field(default_factory=list)


def latest_updates(
    session: Session, item_type: ItemType, keys: list[str], include_drafts: bool
) -> dict[str, ProgressUpdate]:
    """The current update of each item: the latest by its date, then by when it was recorded."""
    query = select(ProgressUpdate).where(ProgressUpdate.item_type == item_type.value, ProgressUpdate.item_key.in_(keys))
    if not include_drafts:
        query = query.where(ProgressUpdate.published.is_(True))
    latest: dict[str, ProgressUpdate] = {}
    for update in session.scalars(query.order_by(ProgressUpdate.as_of, ProgressUpdate.recorded_at, ProgressUpdate.id)):
        latest[update.item_key] = update
    return latest


def item_history(session: Session, item_type: ItemType, key: str, include_drafts: bool) -> list[ProgressUpdate]:
    query = select(ProgressUpdate).where(ProgressUpdate.item_type == item_type.value, ProgressUpdate.item_key == key)
    if not include_drafts:
        query = query.where(ProgressUpdate.published.is_(True))
    return list(session.scalars(query.order_by(ProgressUpdate.as_of.desc(), ProgressUpdate.recorded_at.desc())))


def plan_items(session: Session, plan: Plan, on: date, include_drafts: bool) -> list[ItemRow]:
    """Every commitment and milestone of ``plan`` with its status as it stands, and overdue on ``on``."""
    names = _body_keys(session)
    outcomes = {o.id: o for o in session.scalars(select(Outcome).where(Outcome.plan_id == plan.id))}
    priorities = {p.id: p for p in session.scalars(select(Priority).where(Priority.plan_id == plan.id))}
    examples = {e.id: e for e in session.scalars(select(DeliveryExample).where(DeliveryExample.plan_id == plan.id))}
    places = {i: k for i, (k, _) in names["partnership"].items()}
    leads_of: dict[tuple[str, int], list[Lead]] = defaultdict(list)
    for lead in session.scalars(select(Lead).where(Lead.plan_id == plan.id).order_by(Lead.position)):
        owner = ("commitment", lead.commitment_id) if lead.commitment_id else ("example", lead.example_id)
        leads_of[owner].append(lead)

    def lead_views(leads: list[Lead]) -> list[LeadView]:
        views = []
        for lead in leads:
            kind, target = _lead_body(lead)
            key, name = names[kind][target]
            views.append(LeadView(kind, key, name, lead.note))
        return views

    commitments = list(session.scalars(select(Commitment).where(Commitment.plan_id == plan.id)))
    milestones = list(session.scalars(select(Milestone).where(Milestone.plan_id == plan.id)))
    current = {
        ItemType.COMMITMENT: latest_updates(session, ItemType.COMMITMENT, [c.key for c in commitments], include_drafts),
        ItemType.MILESTONE: latest_updates(session, ItemType.MILESTONE, [m.key for m in milestones], include_drafts),
    }
    rows: list[ItemRow] = []

    def row(
        item_type: ItemType,
        record: Commitment | Milestone,
        outcome: Outcome,
        parent_title: str,
        leads: list[Lead],
        due: Due | None = None,
        place_key: str | None = None,
    ) -> ItemRow:
        update = current[item_type].get(record.key)
        status = ProgressStatus(update.status) if update else ProgressStatus.NOT_STARTED
        return ItemRow(
            type=item_type,
            key=record.key,
            outcome_key=outcome.key,
            outcome_number=outcome.number,
            outcome_kind=outcome.kind,
            outcome_title=outcome.title,
            parent_title=parent_title,
            text=record.text if isinstance(record, Commitment) else record.title,
            leads=lead_views(leads),
            due=due,
            due_text=record.due_text if isinstance(record, Milestone) else None,
            place_key=place_key,
            status=status,
            rag=update.rag if update else None,
            as_of=update.as_of if update else None,
            narrative=update.narrative if update else None,
            evidence=list(update.evidence) if update else [],
            overdue=is_overdue(due, status.finished, on),
            updated=update is not None,
            draft=bool(update and not update.published),
            lead_bodies={_lead_body(lead) for lead in leads},
            strategies=list(record.strategies) if isinstance(record, Commitment) else [],
        )

    for c in commitments:
        priority = priorities[c.priority_id]
        rows.append(
            row(ItemType.COMMITMENT, c, outcomes[priority.outcome_id], priority.title, leads_of[("commitment", c.id)])
        )
    for m in milestones:
        example = examples[m.example_id]
        rows.append(
            row(
                ItemType.MILESTONE,
                m,
                outcomes[example.outcome_id],
                example.title,
                leads_of[("example", example.id)],
                due=parse_due(m.due) if m.due else None,
                place_key=places.get(example.place_partnership_id),
            )
        )
    order = {o.key: (0 if o.kind == "shared_outcome" else 1, o.number) for o in outcomes.values()}
    rows.sort(key=lambda r: (order[r.outcome_key], r.type.value, r.key))
    return rows


@dataclass
class OutcomeView:
    outcome: Outcome
    priorities: list[tuple[Priority, list[ItemRow]]]
    examples: list[tuple[DeliveryExample, str | None, list[ItemRow], list[LeadView]]]


def outcome_view(session: Session, plan: Plan, key: str, rows: list[ItemRow]) -> OutcomeView | None:
    outcome = session.scalar(select(Outcome).where(Outcome.plan_id == plan.id, Outcome.key == key))
    if outcome is None:
        return None
    by_key = {(r.type, r.key): r for r in rows}
    priorities = []
    for priority in session.scalars(
        select(Priority).where(Priority.outcome_id == outcome.id).order_by(Priority.position)
    ):
        commitments = session.scalars(
            select(Commitment).where(Commitment.priority_id == priority.id).order_by(Commitment.position)
        )
        priorities.append((priority, [by_key[ItemType.COMMITMENT, c.key] for c in commitments]))
    examples = []
    for example in session.scalars(
        select(DeliveryExample).where(DeliveryExample.outcome_id == outcome.id).order_by(DeliveryExample.position)
    ):
        milestones = session.scalars(
            select(Milestone).where(Milestone.example_id == example.id).order_by(Milestone.position)
        )
        place = session.get(Partnership, example.place_partnership_id) if example.place_partnership_id else None
        milestone_rows = [by_key[ItemType.MILESTONE, m.key] for m in milestones]
        lead_rows = milestone_rows[0].leads if milestone_rows else _example_leads(session, example)
        examples.append((example, place.name if place else None, milestone_rows, lead_rows))
    return OutcomeView(outcome, priorities, examples)


def _example_leads(session: Session, example: DeliveryExample) -> list[LeadView]:
    names = _body_keys(session)
    views = []
    for lead in session.scalars(select(Lead).where(Lead.example_id == example.id).order_by(Lead.position)):
        kind, target = _lead_body(lead)
        views.append(LeadView(kind, names[kind][target][0], names[kind][target][1], lead.note))
    return views


def list_outcomes(session: Session, plan: Plan) -> list[Outcome]:
    return list(session.scalars(select(Outcome).where(Outcome.plan_id == plan.id).order_by(Outcome.position)))


def local_priorities(session: Session, plan: Plan, scope: str) -> list[LocalPriority]:
    return list(
        session.scalars(
            select(LocalPriority)
            .where(LocalPriority.plan_id == plan.id, LocalPriority.scope == scope)
            .order_by(LocalPriority.position)
        )
    )


def bodies_within(session: Session, partnership: Partnership) -> set[Body]:
    """A place and what belongs to it: its PCNs and the committees it hosts, for the place's view."""
    bodies: set[Body] = {("partnership", partnership.id)}
    bodies |= {("partnership", child.id) for child in partnership.children}
    bodies |= {
        ("committee", c)
        for c in session.scalars(select(Committee.id).where(Committee.partnership_id == partnership.id))
    }
    return bodies
