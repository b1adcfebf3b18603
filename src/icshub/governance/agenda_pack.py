"""A meeting's agenda pack (cover, agenda, then each paper) as HTML and PDF, in a public and a confidential edition.

Both editions are built from the same structured agenda items; the public one is never a redaction of the
confidential document. ``edition_of`` is the single place that decides what an edition may contain, and the
renderers hand the template nothing else, so Part 2 content cannot reach a public page by a template slip.

What the public edition shows of a Part 2 item, following how English councils publish exempt business (a
numbered "Exclusion of the press and public" item citing the paragraph that makes it exempt, with its papers
marked not for publication):

- the item's number, so that both editions and the minutes number items alike;
- the heading "Exclusion of the press and public";
- the reason for taking it in private: its paragraph of the terms of reference (one of §7.1.1-7.1.7) and the
  terms' words for it;
- a statement that its papers are not available to the press or public (§13.1).

It never shows the item's title, its owner, the decision sought or any of its papers, not even their titles:
a title alone can disclose what the exemption protects (a provider under investigation, a named person).

The dataclasses are the document layer's own plain values; meeting records are mapped into them
(``pack_records``), so this module needs no database. The HTML is drawn by ``icshub.web.governance.pack``
and the PDF from that same HTML by ``icshub.documents.pdf``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from icshub.governance.calendar import LONDON
from icshub.governance.terms import TermsOfReference
from icshub.governance.vocabulary import MeetingStatus, Part

EXCLUSION_HEADING = "Exclusion of the press and public"
CONFIDENTIAL_MARKING = "CONFIDENTIAL \N{EM DASH} NOT FOR PUBLICATION"


class Edition(StrEnum):
    """Who a pack is for: anyone (Part 1 only), or the members and officers entitled to Part 2 papers."""

    PUBLIC = "public"
    CONFIDENTIAL = "confidential"


@dataclass(frozen=True)
class PrivateReason:
    """Why an item is taken in private: its paragraph of the terms (e.g. '7.1.2') and the terms' words."""

    paragraph: str
    text: str


@dataclass(frozen=True)
class Paper:
    """A paper for an agenda item; ``text`` is plain text with paragraphs separated by blank lines."""

    title: str
    text: str

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text's paragraphs, each with its line breaks folded into spaces."""
        blocks = (" ".join(block.split()) for block in self.text.split("\n\n"))
        return tuple(block for block in blocks if block)


@dataclass(frozen=True)
class AgendaItem:
    """One item of business: Part 2 items must give their reason, Part 1 items must not have one."""

    number: str
    title: str
    part: Part
    owner: str
    decision_sought: str
    papers: tuple[Paper, ...] = ()
    private_reason: PrivateReason | None = None

    def __post_init__(self) -> None:
        if not self.number or any(character.isspace() for character in self.number):
            raise ValueError(f"agenda item '{self.title}' needs a number without spaces, not {self.number!r}")
        if self.part is Part.PRIVATE and self.private_reason is None:
            raise ValueError(f"item {self.number} is Part 2 but gives no reason for taking it in private (§7.1)")
        if self.part is Part.PUBLIC and self.private_reason is not None:
            raise ValueError(f"item {self.number} is Part 1 but has a reason for taking it in private")


@dataclass(frozen=True)
class Exclusion:
    """What the public edition shows in place of a Part 2 item: its number and the reason, nothing else."""

    number: str
    reason: PrivateReason
    heading: str = EXCLUSION_HEADING


@dataclass(frozen=True)
class MeetingDetails:
    """A meeting as its cover and calendar entry describe it; date-times must carry their time zone.

    ``key`` is the meeting's permanent identifier (its calendar UID and page address are built from it);
    ``revision`` counts published changes (0 at first), and ``revised_at`` is when the last one was made.
    """

    key: str
    committee: str
    title: str
    starts: datetime
    ends: datetime
    venue: str
    status: MeetingStatus
    chair: str
    notice_issued_on: date | None
    revision: int
    revised_at: datetime

    def __post_init__(self) -> None:
        for name in ("starts", "ends", "revised_at"):
            if getattr(self, name).utcoffset() is None:
                raise ValueError(f"meeting {self.key}: {name} has no time zone")
        if self.ends <= self.starts:
            raise ValueError(f"meeting {self.key} must end ({self.ends}) after it starts ({self.starts})")
        if self.revision < 0:
            raise ValueError(f"meeting {self.key}: revision {self.revision} is negative")

    @property
    def local_starts(self) -> datetime:
        """The start in Europe/London, as the cover and the calendar show it."""
        return self.starts.astimezone(LONDON)

    @property
    def local_ends(self) -> datetime:
        """The end in Europe/London."""
        return self.ends.astimezone(LONDON)


@dataclass(frozen=True)
class Meeting:
    """A meeting and its whole agenda, Part 1 and Part 2, in agenda order."""

    details: MeetingDetails
    items: tuple[AgendaItem, ...]

    def __post_init__(self) -> None:
        numbers = [item.number for item in self.items]
        repeated = sorted({number for number in numbers if numbers.count(number) > 1})
        if repeated:
            raise ValueError(f"meeting {self.details.key}: item numbers repeated: {', '.join(repeated)}")


@dataclass(frozen=True)
class EditionPack:
    """What one edition may contain: the meeting's details and its agenda entries, already filtered."""

    edition: Edition
    meeting: MeetingDetails
    entries: tuple[AgendaItem | Exclusion, ...]

    @property
    def items(self) -> tuple[AgendaItem, ...]:
        """The agenda items this edition shows in full, in agenda order."""
        return tuple(entry for entry in self.entries if isinstance(entry, AgendaItem))

    @property
    def has_private_business(self) -> bool:
        """Whether the meeting takes any business in private, which the public cover says."""
        return any(isinstance(entry, Exclusion) or entry.part is Part.PRIVATE for entry in self.entries)


def edition_of(meeting: Meeting, edition: Edition) -> EditionPack:
    """The contents an edition may show: everything for the confidential one; for the public one, Part 1
    items in full and each Part 2 item reduced to an ``Exclusion`` (number and reason only).

    This is the only place Part 2 business is filtered out; every public output goes through it.
    """
    if edition is Edition.CONFIDENTIAL:
        return EditionPack(edition, meeting.details, meeting.items)
    entries = tuple(
        item if item.part is Part.PUBLIC else Exclusion(item.number, _reason(item)) for item in meeting.items
    )
    return EditionPack(edition, meeting.details, entries)


def _reason(item: AgendaItem) -> PrivateReason:
    if item.private_reason is None:  # unreachable: AgendaItem refuses a Part 2 item without a reason
        raise ValueError(f"item {item.number} is Part 2 without a reason")
    return item.private_reason


def private_reason(terms: TermsOfReference, code: str) -> PrivateReason:
    """The terms' reason ``code`` (e.g. 'commercially-sensitive') as a pack shows it, with its paragraph."""
    for reason in terms.private_business.reasons:
        if reason.code == code:
            return PrivateReason(reason.paragraph, reason.text)
    known = ", ".join(reason.code for reason in terms.private_business.reasons)
    raise ValueError(f"'{code}' is not a reason for private business in these terms (known: {known})")


def clock(moment: datetime) -> str:
    """A time as the GOV.UK style writes it, in Europe/London: '2pm', '10:30am', 'midday'."""
    local = moment.astimezone(LONDON)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"
