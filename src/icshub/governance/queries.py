"""The reads governance's interfaces need: meetings, committees, items, attendance and the registers as
records, each lookup refusing with the officer's words when there is no such record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.policy import Principal
from icshub.governance.access import authorised, require_confidential
from icshub.governance.committee_terms import terms_for
from icshub.governance.errors import GovernanceError
from icshub.governance.models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    Dispute,
    MatterArising,
    Meeting,
    Minutes,
    RegisteredInterest,
)
from icshub.governance.quorum import Attendee, Presence, evaluate_quorum
from icshub.governance.schemas import ItemQuorum, MeetingQuorum
from icshub.governance.terms import TermsOfReference
from icshub.governance.vocabulary import Part
from icshub.registry.models import Committee, Seat

Record = TypeVar("Record")


def get_record(session: Session, model: type[Record], record_id: int, what: str) -> Record:
    """The ``model`` row with ``record_id``, or a refusal saying there is no such ``what``."""
    record = session.get(model, record_id)
    if record is None:
        raise GovernanceError(f"There is no {what} {record_id}.")
    return record


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting with ``meeting_id``, or a refusal saying there is none."""
    return get_record(session, Meeting, meeting_id, "meeting")


def committee_by_key(session: Session, committee_key: str) -> Committee:
    """The registry committee with ``committee_key``, or a refusal saying there is none."""
    committee = session.scalars(select(Committee).where(Committee.key == committee_key)).one_or_none()
    if committee is None:
        raise GovernanceError(f"There is no committee '{committee_key}' in the registry.")
    return committee


def committee_of(session: Session, meeting: Meeting) -> Committee:
    committee = session.get(Committee, meeting.committee_id)
    assert committee is not None  # the foreign key guarantees it
    return committee


def terms_of(session: Session, meeting: Meeting) -> TermsOfReference:
    """The terms of reference the meeting's committee meets under (see ``committee_terms``)."""
    return terms_for(committee_of(session, meeting))


def interests_in_force(session: Session, committee_id: int, on: date) -> list[RegisteredInterest]:
    """The committee's register as on ``on``: every entry begun by then and not yet ended, by member."""
    return list(
        session.scalars(
            select(RegisteredInterest)
            .where(
                RegisteredInterest.committee_id == committee_id,
                RegisteredInterest.valid_from <= on,
                RegisteredInterest.valid_to.is_(None) | (RegisteredInterest.valid_to >= on),
            )
            .order_by(RegisteredInterest.member_name, RegisteredInterest.valid_from, RegisteredInterest.id)
        )
    )


def committee_disputes(session: Session, principal: Principal, committee_key: str) -> list[Dispute]:
    """The committee's disputes, newest first: for the secretariat, since they may name people and concerns."""
    authorised(principal)
    committee = committee_by_key(session, committee_key)
    query = select(Dispute).where(Dispute.committee_id == committee.id).order_by(Dispute.raised_on.desc(), Dispute.id)
    return list(session.scalars(query))


def seat_keys(session: Session, meeting: Meeting) -> dict[int, str]:
    return dict(session.execute(select(Seat.id, Seat.key).where(Seat.committee_id == meeting.committee_id)).all())


def attendees(session: Session, meeting: Meeting) -> list[Attendee]:
    """The meeting's attendance as the quorum rules read it."""
    seats = seat_keys(session, meeting)
    return [
        Attendee(row.member_name, seats[row.seat_id], Presence(row.presence), row.deputy_for is not None)
        for row in meeting.attendance
    ]


def withdrawn_from(session: Session, item: AgendaItem) -> tuple[str, ...]:
    """The members who withdrew from ``item``: on the item itself, or by a declaration on the whole meeting."""
    rows = session.execute(
        select(Attendance.member_name)
        .join(Declaration, Declaration.attendance_id == Attendance.id)
        .where(
            Declaration.meeting_id == item.meeting_id,
            Declaration.withdraws.is_(True),
            (Declaration.item_id == item.id) | Declaration.item_id.is_(None),
        )
        .order_by(Attendance.member_name)
    )
    return tuple(dict.fromkeys(rows.scalars()))


def item_context(session: Session, item: AgendaItem) -> ItemContext:
    meeting = get_meeting(session, item.meeting_id)
    return ItemContext(
        terms_of(session, meeting),
        attendees(session, meeting),
        meeting.chair_allows_remote,
        withdrawn_from(session, item),
    )


def quorum_report(
    session: Session, principal: Principal, meeting_id: int, attendance: Sequence[Attendee] | None = None
) -> MeetingQuorum:
    """The quorum for the meeting and for every item, with the reasons where it fails: of the recorded
    attendance, or of ``attendance`` when given (the secretariat's form before it is saved).

    It names Part 2 items, so it is for those who may read the committee's confidential business.
    """
    meeting = get_meeting(session, meeting_id)
    require_confidential(session, principal, meeting)
    terms = terms_of(session, meeting)
    present = list(attendance) if attendance is not None else attendees(session, meeting)
    whole = evaluate_quorum(terms, present, chair_allows_remote=meeting.chair_allows_remote)
    items = []
    for item in meeting.items:
        withdrawn = withdrawn_from(session, item)
        result = evaluate_quorum(terms, present, chair_allows_remote=meeting.chair_allows_remote, withdrawn=withdrawn)
        items.append(ItemQuorum(item.id, item.position, item.title, Part(item.part), withdrawn, result))
    return MeetingQuorum(whole, tuple(items))


def matters_arising(session: Session, principal: Principal, meeting_id: int) -> list[Action]:
    """The actions carried forward to a meeting, in the order they were raised, open or since closed.

    An action may come from Part 2 business, so the list is for those who may read the committee's.
    """
    require_confidential(session, principal, get_meeting(session, meeting_id))
    return list(
        session.scalars(
            select(Action)
            .join(MatterArising, MatterArising.action_id == Action.id)
            .where(MatterArising.meeting_id == meeting_id)
            .order_by(Action.id)
        )
    )


def get_item(session: Session, item_id: int) -> AgendaItem:
    """The agenda item with ``item_id``, or a refusal saying there is none."""
    return get_record(session, AgendaItem, item_id, "agenda item")


def private_reason_text(terms: TermsOfReference, code: str) -> str:
    """The reason for private business with ``code``, in the terms' words with its paragraph."""
    reason = next(reason for reason in terms.private_business.reasons if reason.code == code)
    return f"{reason.text} (§{reason.paragraph})"


@dataclass(frozen=True)
class ItemContext:
    """What the quorum and voting rules need for one item: the terms, the attendance, who withdrew."""

    terms: TermsOfReference
    attendees: list[Attendee]
    chair_allows_remote: bool
    withdrawn: tuple[str, ...]


def unapproved_minutes_before(session: Session, meeting: Meeting) -> list[Minutes]:
    """Minutes of the committee's earlier meetings not yet approved: the meeting should approve them."""
    return list(
        session.scalars(
            select(Minutes)
            .join(Meeting, Meeting.id == Minutes.meeting_id)
            .where(
                Meeting.committee_id == meeting.committee_id,
                Meeting.starts_at < meeting.starts_at,
                Minutes.approved_on.is_(None),
            )
        )
    )
