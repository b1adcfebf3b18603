"""Decisions of a committee: by consensus, or by a formal vote counted under the terms of reference (§7.4).

Pure rules: the terms, the attendance and the votes in; the outcome and its explanation out. A decision needs
the item to be quorate ("subject always to the meeting being quorate", §7.4). Only voting members who are
present and not withdrawn for the item may vote (§6.5-6.6, §8.3, §11.4.3); a vote from anyone else is refused
with the reason, rather than dropped silently. The terms say which reading of "a majority of members
present" applies; there is no casting vote, so a tie fails.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from icshub.errors import IcshubError
from icshub.governance.quorum import Attendee, QuorumResult, evaluate_quorum, not_counted_reason
from icshub.governance.terms import Majority, TermsOfReference


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class VoteRefused(IcshubError, ValueError):
    """A decision that cannot be recorded: the item is inquorate, or someone voted who may not."""


@dataclass(frozen=True)
class Outcome:
    """The decision on one item: how it was reached, whether it passed, the tally and why, in words."""

    method: Literal["consensus", "vote"]
    passed: bool
    votes_for: int
    votes_against: int
    abstentions: int
    not_voting: tuple[str, ...]
    eligible: int
    needed: int
    explanation: str


def _require_quorum(quorum: QuorumResult) -> None:
    if not quorum.quorate:
        raise VoteRefused(
            "No decision can be made: the meeting is not quorate for this item, and decisions are "
            "'subject always to the meeting being quorate' (§7.4). " + " ".join(quorum.failures)
        )


def decide_by_consensus(
    terms: TermsOfReference,
    attendees: Collection[Attendee],
    *,
    chair_allows_remote: bool = False,
    withdrawn: Collection[str] = (),
) -> Outcome:
    """Record a decision reached by consensus (§7.4, §2.2.2): no votes are counted, but quorum still applies."""
    quorum = evaluate_quorum(terms, attendees, chair_allows_remote=chair_allows_remote, withdrawn=withdrawn)
    _require_quorum(quorum)
    present = len(quorum.counted)
    return Outcome(
        method="consensus",
        passed=True,
        votes_for=0,
        votes_against=0,
        abstentions=0,
        not_voting=(),
        eligible=present,
        needed=0,
        explanation=f"Agreed by consensus of the {present} voting members present, without a formal vote (§7.4).",
    )


def take_vote(
    terms: TermsOfReference,
    attendees: Collection[Attendee],
    votes: Mapping[str, Choice],
    *,
    chair_allows_remote: bool = False,
    withdrawn: Collection[str] = (),
) -> Outcome:
    """Count a formal vote: one vote per voting member present for the item, by the terms' majority reading.

    ``votes`` maps a member to their choice; a voting member present who is not in it is recorded as not voting.
    """
    quorum = evaluate_quorum(terms, attendees, chair_allows_remote=chair_allows_remote, withdrawn=withdrawn)
    _require_quorum(quorum)
    by_member = {attendee.member: attendee for attendee in attendees}
    refusals = []
    for member in votes:
        if member not in by_member:
            refusals.append(f"{member} is not in the attendance for this meeting")
        elif reason := not_counted_reason(
            terms, by_member[member], chair_allows_remote=chair_allows_remote, withdrawn=withdrawn
        ):
            refusals.append(reason)
    if refusals:
        raise VoteRefused("These votes cannot be counted: " + "; ".join(refusals) + ".")

    tally = {choice: sum(1 for vote in votes.values() if vote is choice) for choice in Choice}
    votes_for, against = tally[Choice.FOR], tally[Choice.AGAINST]
    eligible = len(quorum.counted)
    reading = terms.voting.majority
    base = eligible if reading is Majority.OF_VOTING_MEMBERS_PRESENT else votes_for + against
    needed = base // 2 + 1
    passed = votes_for >= needed
    return Outcome(
        method="vote",
        passed=passed,
        votes_for=votes_for,
        votes_against=against,
        abstentions=tally[Choice.ABSTAIN],
        not_voting=tuple(member for member in quorum.counted if member not in votes),
        eligible=eligible,
        needed=needed,
        explanation=_explain(terms, passed, tally, eligible, needed),
    )


def _explain(terms: TermsOfReference, passed: bool, tally: Mapping[Choice, int], eligible: int, needed: int) -> str:
    """The outcome in a sentence for the minutes, naming the majority reading used."""
    counts = f"{tally[Choice.FOR]} for, {tally[Choice.AGAINST]} against, {tally[Choice.ABSTAIN]} abstaining"
    if terms.voting.majority is Majority.OF_VOTING_MEMBERS_PRESENT:
        rule = f"a majority of the {eligible} voting members present, so {needed} votes for"
    else:
        rule = f"a majority of those present and voting for or against, so {needed} votes for"
    cite = f"§{terms.voting.paragraph}"
    if passed:
        return f"Carried ({counts}): it needed {rule} ({cite})."
    if tally[Choice.FOR] == tally[Choice.AGAINST] > 0:
        return f"Not carried ({counts}): the vote is tied and the Chair has no casting vote, so it fails ({cite})."
    return f"Not carried ({counts}): it needed {rule} ({cite})."
