"""Is a meeting, or one item of it, quorate? And if not, why not, in words for the secretariat.

Pure rules over plain values: the terms of reference and the attendance. Only voting members count (§8.1),
and only when present: in person, or remotely where the terms and the Chair allow it (§8.3); not a deputy
where the seat allows none (§6.2); not a member who has withdrawn from the item because of a conflict of
interest (§11.4.3), which is how one item can be inquorate in a quorate meeting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from icshub.errors import IcshubError
from icshub.governance.terms import (
    GroupsRepresented,
    MinimumVotingMembers,
    OneFromAny,
    OneFromEach,
    QuorumRule,
    RemoteAttendance,
    Standing,
    TermsOfReference,
)


class Presence(StrEnum):
    IN_PERSON = "in_person"
    REMOTE = "remote"
    APOLOGIES = "apologies"
    ABSENT = "absent"


_ATTENDING = (Presence.IN_PERSON, Presence.REMOTE)


@dataclass(frozen=True)
class Attendee:
    """One person in the attendance record: the seat they sit in and how they attend.

    ``deputy`` is set when the person stands in for the seat's holder (allowed only where the seat allows it).
    """

    member: str
    seat: str
    presence: Presence
    deputy: bool = False


@dataclass(frozen=True)
class QuorumResult:
    """Whether the quorum is met, the reason for each rule that is not, who was counted, and notes."""

    quorate: bool
    failures: tuple[str, ...]
    counted: tuple[str, ...]
    notes: tuple[str, ...]


class AttendanceRefused(IcshubError, ValueError):
    """An attendance record the terms cannot make sense of: an unknown seat, or a seat filled twice over."""


def check_attendance(terms: TermsOfReference, attendees: Iterable[Attendee]) -> None:
    """Refuse attendance naming unknown seats, listing a member twice or seating more people than places."""
    seats = {seat.key: seat for seat in terms.seats}
    problems: list[str] = []
    seen: set[str] = set()
    filled: dict[str, int] = {}
    for attendee in attendees:
        if attendee.member in seen:
            problems.append(f"{attendee.member} is listed more than once")
        seen.add(attendee.member)
        if attendee.seat not in seats:
            problems.append(f"{attendee.member} is recorded in the seat '{attendee.seat}', which these terms lack")
            continue
        filled[attendee.seat] = filled.get(attendee.seat, 0) + 1
    for key, people in filled.items():
        if people > seats[key].count:
            problems.append(f"{people} people are recorded in '{seats[key].role}', which has {seats[key].count}")
    if problems:
        raise AttendanceRefused("The attendance cannot be used: " + "; ".join(problems) + ".")


def remote_counts(terms: TermsOfReference, chair_allows_remote: bool) -> bool:
    """Whether a member attending remotely is deemed present (§8.3: at the discretion of the Chair)."""
    policy = terms.quorum.remote_attendance
    return policy is RemoteAttendance.COUNTS or (policy is RemoteAttendance.CHAIRS_DISCRETION and chair_allows_remote)


def not_counted_reason(
    terms: TermsOfReference, attendee: Attendee, *, chair_allows_remote: bool, withdrawn: Collection[str] = ()
) -> str | None:
    """Why ``attendee`` is not a voting member present for the item, or None if they are (§6, §8.3, §11.4.3)."""
    seat = terms.seat(attendee.seat)
    who = f"{attendee.member} ({seat.role})"
    if seat.standing is not Standing.VOTING:
        return f"{who} is a {seat.standing.value}, not a voting member (§{seat.paragraph})"
    if attendee.presence is Presence.APOLOGIES:
        return f"{who} sent apologies"
    if attendee.presence is Presence.ABSENT:
        return f"{who} is absent"
    if attendee.presence is Presence.REMOTE and not remote_counts(terms, chair_allows_remote):
        ruling = "the Chair has not allowed remote attendance to count"
        return f"{who} attends remotely and {ruling} (§{terms.quorum.remote_paragraph})"
    if attendee.deputy and not seat.deputy_allowed:
        return f"{who} attends as a deputy, and the terms of reference allow no deputy for this seat"
    if attendee.member in withdrawn:
        return f"{who} has withdrawn from this item because of a conflict of interest (§{terms.interests.paragraph})"
    return None


def evaluate_quorum(
    terms: TermsOfReference,
    attendees: Collection[Attendee],
    *,
    chair_allows_remote: bool = False,
    withdrawn: Collection[str] = (),
) -> QuorumResult:
    """The quorum for the meeting, or for one item when ``withdrawn`` names members who left it (§8, §11.4.3).

    ``chair_allows_remote`` is the Chair's ruling for this meeting under §8.3; ``withdrawn`` holds members.
    """
    check_attendance(terms, attendees)
    counted: list[Attendee] = []
    notes: list[str] = []
    for attendee in attendees:
        reason = not_counted_reason(terms, attendee, chair_allows_remote=chair_allows_remote, withdrawn=withdrawn)
        if reason is None:
            counted.append(attendee)
        elif attendee.presence in _ATTENDING and terms.seat(attendee.seat).standing is Standing.VOTING:
            notes.append(f"Not counted: {reason}.")
    groups_present = {group for attendee in counted for group in terms.seat(attendee.seat).groups}
    failures = [
        failure
        for rule in terms.quorum.rules
        if (failure := _failure(terms, rule, len(counted), groups_present)) is not None
    ]
    notes.extend(_endeavour_notes(terms, attendees, withdrawn))
    return QuorumResult(not failures, tuple(failures), tuple(a.member for a in counted), tuple(notes))


def _failure(terms: TermsOfReference, rule: QuorumRule, present: int, groups: set[str]) -> str | None:
    """The sentence saying why ``rule`` is not met, or None when it is."""
    cite = f"(§{rule.paragraph}: “{rule.text}”)"
    if isinstance(rule, MinimumVotingMembers):
        if present >= rule.count:
            return None
        counted = {0: "No voting member counts", 1: "Only 1 voting member counts"}.get(
            present, f"Only {present} voting members count"
        )
        return f"{counted} as present; the quorum is {rule.count} {cite}."
    names = [terms.group_name(group) for group in rule.groups if group not in groups]
    if isinstance(rule, OneFromEach):
        return f"No voting member from {_listed(names)} is present {cite}." if names else None
    if isinstance(rule, OneFromAny):
        return f"No voting member from {_listed(names)} is present {cite}." if len(names) == len(rule.groups) else None
    assert isinstance(rule, GroupsRepresented)
    represented = len(rule.groups) - len(names)
    if represented >= rule.at_least:
        return None
    return (
        f"Only {represented} of the {len(rule.groups)} named areas {'is' if represented == 1 else 'are'} "
        f"represented, and at least {rule.at_least} must be; none is present for {_listed(names)} {cite}."
    )


def _endeavour_notes(terms: TermsOfReference, attendees: Iterable[Attendee], withdrawn: Collection[str]) -> list[str]:
    """A note for each group the committee tries to have present (§8.2) that nobody attending belongs to."""
    attending = [a for a in attendees if a.presence in _ATTENDING and a.member not in withdrawn]
    groups = {group for a in attending for group in terms.seat(a.seat).groups}
    return [
        f"Nobody from {terms.group_name(aim.group)} is attending; this does not affect the quorum, but "
        f"§{aim.paragraph} says: “{aim.text}”"
        for aim in terms.quorum.endeavour
        if aim.group not in groups
    ]


def _listed(names: list[str]) -> str:
    """'A', 'A or B', 'A, B or C': read as 'from each of' or 'from any of' by the sentence around it."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
