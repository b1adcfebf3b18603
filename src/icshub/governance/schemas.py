"""Typed outputs of the governance API: the quorum of a meeting and its items, and what the public may see.

The ``Public*`` records are built only by ``icshub.governance.publication`` and have no field that could hold
Part 2 content: a private item is shown by the reason it is private, and a private decision by its public
summary. Times are Europe/London.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from icshub.governance.quorum import QuorumResult
from icshub.governance.vocabulary import Part


@dataclass(frozen=True)
class ItemQuorum:
    """The quorum for one item: the members withdrawn from it (conflicts of interest) and the result."""

    item_id: int
    position: int
    title: str
    part: Part
    withdrawn: tuple[str, ...]
    quorum: QuorumResult


@dataclass(frozen=True)
class MeetingQuorum:
    """The quorum for the meeting as a whole and for every item on its agenda (§8, §11.4.3)."""

    meeting: QuorumResult
    items: tuple[ItemQuorum, ...]


@dataclass(frozen=True)
class PublicMeeting:
    id: int
    committee_key: str
    committee_name: str
    starts_at: datetime
    venue: str
    status: str
    urgent: bool
    notice_issued_on: date | None
    cancelled_reason: str | None


@dataclass(frozen=True)
class PublicPaper:
    title: str
    text: str


@dataclass(frozen=True)
class PublicItem:
    """An agenda item as published: a Part 2 item is 'Exclusion of the press and public' and its reason."""

    position: int
    part: Part
    title: str
    owner: str | None
    decision_sought: str | None
    private_reason: str | None
    papers: tuple[PublicPaper, ...]


@dataclass(frozen=True)
class PublicAgenda:
    """The public agenda; ``papers_from`` is the day Part 1 papers are published (§12.2)."""

    meeting: PublicMeeting
    items: tuple[PublicItem, ...]
    papers_from: date


@dataclass(frozen=True)
class PublicMinutes:
    """The Part 1 minutes of a meeting, once approved at a later meeting."""

    meeting: PublicMeeting
    text: str
    approved_on: date
    approved_at_meeting_id: int


@dataclass(frozen=True)
class PublicDecision:
    """An entry of the public decisions register (§13.2): a Part 1 decision as made, a Part 2 one as its summary.

    ``outcome`` is left out (None) for a decision taken in private, which the public summary describes.
    """

    meeting_id: int
    committee_name: str
    decided_on: date
    part: Part
    title: str
    text: str
    outcome: str | None


@dataclass(frozen=True)
class PublicInterest:
    """An entry of the register of members' interests, which is published (§11.4.2)."""

    member_name: str
    interest: str
    category: str
    valid_from: date
    valid_to: date | None
    declared_on: date
