"""The vocabularies of committee business: meeting status, agenda parts, outcomes, actions, interests, disputes.

How members attend (``quorum.Presence``) and how they vote (``voting.Choice``) belong to the pure rules and are
not repeated here. ``GovernanceError`` is the one error every refused request about meetings raises.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class MeetingStatus(StrEnum):
    """Where a meeting stands: scheduled, notice issued (§10.2), held, or cancelled."""

    SCHEDULED = "scheduled"
    NOTICED = "noticed"
    HELD = "held"
    CANCELLED = "cancelled"


class Part(IntEnum):
    """Part 1 business is taken in public; Part 2 in private, for one of the reasons of §7.1 (§7.2)."""

    PUBLIC = 1
    PRIVATE = 2


class RequestDecision(StrEnum):
    """The Chair's decision on a member's request for an agenda item (§12.3: at the Chair's discretion)."""

    INCLUDED = "included"
    DECLINED = "declined"


class DecisionOutcome(StrEnum):
    """How an item was decided: agreed by consensus, or a formal vote carried or failed (§7.4)."""

    CONSENSUS = "consensus"
    CARRIED = "carried"
    FAILED = "failed"


class ActionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class InterestCategory(StrEnum):
    """The categories of interest in NHS England's guidance on managing conflicts of interest, which the
    ICB's policy follows (§7.5)."""

    FINANCIAL = "financial"
    NON_FINANCIAL_PROFESSIONAL = "non_financial_professional"
    NON_FINANCIAL_PERSONAL = "non_financial_personal"
    INDIRECT = "indirect"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize().replace("Non financial", "Non-financial")


class DisputeHandling(StrEnum):
    """How a dispute raised to the Chair was handled (§9.1): agreed by the Leadership Team by consensus, or,
    where it could not agree, referred to the committee."""

    LEADERSHIP_TEAM = "leadership_team"
    REFERRED = "referred"
