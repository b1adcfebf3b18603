"""Committee business in full, Part 2 included, for those the policy lets read it (§13.1): the secretariat
(officers and administrators) for every committee, and signed-in users who act for the committee.

Each function takes the principal and asks the policy before it reads; anyone else is refused with
``NotAllowed``. The public's view of the same records is ``icshub.governance.publication``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.policy import Principal
from icshub.governance.access import require_confidential
from icshub.governance.models import AgendaItem, AgendaRequest, Decision, Declaration, Meeting, Minutes
from icshub.governance.queries import get_meeting


def full_meeting(session: Session, principal: Principal, meeting_id: int) -> Meeting:
    """The meeting with its whole agenda (``items``, each with its ``papers``) and ``attendance``."""
    meeting = get_meeting(session, meeting_id)
    require_confidential(session, principal, meeting)
    return meeting


def meeting_decisions(session: Session, principal: Principal, meeting_id: int) -> list[Decision]:
    """Every decision of a meeting as recorded, in agenda order, Part 2 texts included."""
    full_meeting(session, principal, meeting_id)
    return list(
        session.scalars(
            select(Decision)
            .join(AgendaItem, AgendaItem.id == Decision.item_id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        )
    )


def meeting_declarations(session: Session, principal: Principal, meeting_id: int) -> list[Declaration]:
    """The interests declared at a meeting, in the order they were declared."""
    full_meeting(session, principal, meeting_id)
    return list(
        session.scalars(select(Declaration).where(Declaration.meeting_id == meeting_id).order_by(Declaration.id))
    )


def agenda_requests(session: Session, principal: Principal, meeting_id: int) -> list[AgendaRequest]:
    """Members' requests for items at a meeting, with the deadline check and the Chair's decision."""
    full_meeting(session, principal, meeting_id)
    return list(
        session.scalars(select(AgendaRequest).where(AgendaRequest.meeting_id == meeting_id).order_by(AgendaRequest.id))
    )


def minutes_in_full(session: Session, principal: Principal, meeting_id: int) -> Minutes | None:
    """The minutes of a meeting, draft or approved, with the Part 2 text."""
    full_meeting(session, principal, meeting_id)
    return session.scalars(select(Minutes).where(Minutes.meeting_id == meeting_id)).one_or_none()
