"""Recording progress on commitments and milestones: single updates, publication, and sheets of updates.

Updates are appended, never changed; the latest is the current status. A lead's member may update only
what a body they act for leads (officers anything), updates cannot be dated in the future, and every
write is audited. A sheet of updates is checked row by row before any is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event, snapshot
from icshub.auth.policy import Body, Permission, Principal, allows, may_update_progress
from icshub.loading.problems import ImportRefused, Problem
from icshub.strategy.errors import ProgressError
from icshub.strategy.models import Plan, ProgressUpdate
from icshub.strategy.queries import item_leads
from icshub.strategy.vocabulary import ItemType, ProgressStatus, Rag

MAX_NARRATIVE = 5000
MAX_EVIDENCE = 20
UPDATE_FIELDS = ("item_type", "item_key", "status", "rag", "narrative", "evidence", "as_of", "published")


@dataclass(frozen=True)
class UpdateRequest:
    """What someone asks to record about one item."""

    item_type: ItemType
    item_key: str
    status: ProgressStatus
    rag: Rag | None
    narrative: str | None
    evidence: tuple[str, ...]
    as_of: date
    publish: bool


def check_update(
    session: Session, principal: Principal, acts_for: set[Body], plan: Plan, request: UpdateRequest, today: date
) -> tuple[str, str] | None:
    """Why ``request`` cannot be recorded, as (field, message), or ``None``.

    Refused: an item not in the plan, a date in the future, evidence that is not a web link, or an item
    that no body the person acts for leads (unless they may update anything).
    """
    leads = item_leads(session, plan, request.item_type, request.item_key)
    if leads is None:
        return "item_key", f"There is no {request.item_type.value} '{request.item_key}' in plan {plan.version}."
    if request.as_of > today:
        return "new_date", f"The update is dated {request.as_of:%-d %B %Y}, which is in the future."
    if request.narrative and len(request.narrative) > MAX_NARRATIVE:
        return "new_narrative", f"The narrative is {len(request.narrative):,} characters; keep it to {MAX_NARRATIVE:,}."
    if len(request.evidence) > MAX_EVIDENCE:
        return "new_evidence", f"Give at most {MAX_EVIDENCE} evidence links, not {len(request.evidence)}."
    for link in request.evidence:
        if not link.startswith(("https://", "http://")):
            return "new_evidence", f"Evidence must be web links (https://…): '{link}' is not."
    if not may_update_progress(principal, acts_for, leads):
        return "item_key", (
            f"You can update only what a body you act for leads, and {request.item_type.value} "
            f"'{request.item_key}' is not led by one."
        )
    return None


def record_update(
    session: Session,
    principal: Principal,
    acts_for: set[Body],
    plan: Plan,
    request: UpdateRequest,
    today: date,
) -> ProgressUpdate:
    """Append a progress update (published at once only when the person may publish), audited."""
    if problem := check_update(session, principal, acts_for, plan, request, today):
        raise ProgressError(problem[1])
    publish = request.publish and allows(principal, Permission.PROGRESS_PUBLISH)
    now = datetime.now(UTC)
    update = ProgressUpdate(
        plan_id=plan.id,
        item_type=request.item_type.value,
        item_key=request.item_key,
        status=request.status.value,
        rag=request.rag.value if request.rag else None,
        narrative=request.narrative or None,
        evidence=list(request.evidence),
        as_of=request.as_of,
        recorded_at=now,
        recorded_by=principal.shown_as[:80],
        recorded_by_user_id=principal.user_id,
        published=publish,
        published_at=now if publish else None,
        published_by=principal.shown_as[:80] if publish else None,
    )
    session.add(update)
    session.flush()
    record_event(
        session,
        Actor(principal.username or "anonymous", principal.user_id),
        "strategy.progress.record",
        request.item_type.value,
        f"{plan.version}/{request.item_key}",
        None,
        snapshot(update, UPDATE_FIELDS),
    )
    return update


def publish_update(session: Session, principal: Principal, update_id: int) -> ProgressUpdate:
    """Make a draft update public (officers)."""
    update = session.get(ProgressUpdate, update_id)
    if update is None:
        raise ProgressError(f"There is no progress update {update_id}.")
    if update.published:
        raise ProgressError("That update is already published.")
    update.published = True
    update.published_at = datetime.now(UTC)
    update.published_by = principal.shown_as[:80]
    record_event(
        session,
        Actor(principal.username or "anonymous", principal.user_id),
        "strategy.progress.publish",
        update.item_type,
        update.item_key,
        {"published": False},
        {"published": True, "update": update.id},
    )
    return update


def import_updates(
    session: Session,
    principal: Principal,
    acts_for: set[Body],
    plan: Plan,
    file_name: str,
    requests: list[tuple[int, UpdateRequest]],
    today: date,
) -> list[ProgressUpdate]:
    """Record the updates read from a sheet, all or none: each row is checked (item, date, permission) first."""
    problems = [
        Problem(file_name, line, *problem)
        for line, request in requests
        if (problem := check_update(session, principal, acts_for, plan, request, today))
    ]
    if problems:
        raise ImportRefused(problems)
    return [record_update(session, principal, acts_for, plan, request, today) for _, request in requests]
