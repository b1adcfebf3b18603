"""Disputes and concerns (§9.1): brought to the attention of the Chair; the Leadership Team agrees a course
of action by consensus, or, where it cannot, the matter is referred to the committee for discussion.

Writes need ``governance.manage``; refusals raise ``GovernanceError``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from icshub.auth.audit import record_event, snapshot
from icshub.auth.policy import Principal
from icshub.governance.access import authorised
from icshub.governance.errors import GovernanceError
from icshub.governance.models import Dispute
from icshub.governance.queries import committee_by_key, get_meeting, get_record
from icshub.governance.vocabulary import DisputeHandling

DISPUTE_FIELDS = ("raised_by", "raised_on", "handled_by", "referred_to_meeting_id", "outcome", "resolved_on")


def raise_dispute(
    session: Session, principal: Principal, committee_key: str, raised_by: str, subject: str, raised_on: date
) -> Dispute:
    """Record a dispute or concern brought to the attention of the committee's Chair."""
    actor = authorised(principal)
    committee = committee_by_key(session, committee_key)
    if not raised_by.strip() or not subject.strip():
        raise GovernanceError("A dispute needs who raised it and what it is about.")
    dispute = Dispute(
        committee_id=committee.id, raised_by=raised_by.strip(), subject=subject.strip(), raised_on=raised_on
    )
    session.add(dispute)
    session.flush()
    record_event(
        session, actor, "governance.dispute.raise", "dispute", str(dispute.id), None, snapshot(dispute, DISPUTE_FIELDS)
    )
    return dispute


def resolve_dispute(
    session: Session,
    principal: Principal,
    dispute_id: int,
    handled_by: DisputeHandling,
    outcome: str,
    on: date,
    *,
    referred_to_meeting_id: int | None = None,
) -> Dispute:
    """Record how a dispute was handled and its outcome: agreed by the Leadership Team, or referred to a
    meeting of the committee (``referred_to_meeting_id``) because the Leadership Team could not agree."""
    actor = authorised(principal)
    dispute = get_record(session, Dispute, dispute_id, "dispute")
    if dispute.resolved_on is not None:
        raise GovernanceError(f"This dispute was already resolved on {dispute.resolved_on:%-d %B %Y}.")
    if not outcome.strip():
        raise GovernanceError("Record the course of action agreed, or what the committee decided.")
    if on < dispute.raised_on:
        raise GovernanceError(f"The dispute was raised on {dispute.raised_on:%-d %B %Y}; it cannot be resolved before.")
    if handled_by is DisputeHandling.REFERRED:
        if referred_to_meeting_id is None:
            raise GovernanceError(
                "A dispute the Leadership Team could not agree on is referred to a meeting of the committee (§9.1): "
                "say which meeting."
            )
        if get_meeting(session, referred_to_meeting_id).committee_id != dispute.committee_id:
            raise GovernanceError("A dispute is referred to a meeting of the committee where it arose.")
    elif referred_to_meeting_id is not None:
        raise GovernanceError("A dispute the Leadership Team settled by consensus is not referred to a meeting.")
    before = snapshot(dispute, DISPUTE_FIELDS)
    dispute.handled_by, dispute.referred_to_meeting_id = handled_by.value, referred_to_meeting_id
    dispute.outcome, dispute.resolved_on = outcome.strip(), on
    record_event(
        session,
        actor,
        "governance.dispute.resolve",
        "dispute",
        str(dispute.id),
        before,
        snapshot(dispute, DISPUTE_FIELDS),
    )
    return dispute
