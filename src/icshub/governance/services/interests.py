"""The register of members' interests of a committee (§11.4.2): kept per member, presented to each meeting
and published.

An entry is in force from ``valid_from`` to ``valid_to`` (open while the interest lasts); the register for a
meeting is every entry in force on the meeting's day. Writes need ``governance.manage``; refusals raise
``GovernanceError``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.audit import record_event, snapshot
from icshub.auth.policy import Principal
from icshub.governance.access import authorised
from icshub.governance.errors import GovernanceError
from icshub.governance.models import RegisteredInterest
from icshub.governance.queries import committee_by_key, get_record
from icshub.governance.vocabulary import InterestCategory
from icshub.registry.models import Person

INTEREST_FIELDS = ("member_name", "interest", "category", "valid_from", "valid_to", "declared_on")


def register_interest(
    session: Session,
    principal: Principal,
    committee_key: str,
    member_name: str,
    interest: str,
    category: InterestCategory,
    *,
    valid_from: date,
    declared_on: date,
    valid_to: date | None = None,
    person: str | None = None,
) -> RegisteredInterest:
    """Enter a member's interest in the committee's register; ``person`` is their registry key, if any."""
    actor = authorised(principal)
    committee = committee_by_key(session, committee_key)
    if not member_name.strip() or not interest.strip():
        raise GovernanceError("An entry in the register of interests needs the member's name and the interest.")
    if valid_to is not None and valid_to < valid_from:
        raise GovernanceError(
            f"The interest is said to end on {valid_to:%-d %B %Y}, before it began on {valid_from:%-d %B %Y}."
        )
    person_id = None
    if person is not None:
        person_id = session.scalars(select(Person.id).where(Person.key == person)).one_or_none()
        if person_id is None:
            raise GovernanceError(f"There is no person '{person}' in the registry.")
    entry = RegisteredInterest(
        committee_id=committee.id,
        member_name=member_name.strip(),
        person_id=person_id,
        interest=interest.strip(),
        category=category.value,
        valid_from=valid_from,
        valid_to=valid_to,
        declared_on=declared_on,
    )
    session.add(entry)
    session.flush()
    record_event(
        session,
        actor,
        "governance.register.add",
        "registered_interest",
        str(entry.id),
        None,
        snapshot(entry, INTEREST_FIELDS),
    )
    return entry


def end_interest(session: Session, principal: Principal, entry_id: int, on: date) -> RegisteredInterest:
    """Record the last day of an interest; it stays in the register's history."""
    actor = authorised(principal)
    entry = get_record(session, RegisteredInterest, entry_id, "entry in the register of interests with id")
    if on < entry.valid_from:
        raise GovernanceError(f"The interest began on {entry.valid_from:%-d %B %Y}; it cannot end before that.")
    before = snapshot(entry, INTEREST_FIELDS)
    entry.valid_to = on
    record_event(
        session,
        actor,
        "governance.register.end",
        "registered_interest",
        str(entry.id),
        before,
        snapshot(entry, INTEREST_FIELDS),
    )
    return entry
