"""Which terms a committee meets under: the ICP's own file, or default terms generated from registry seats."""

from __future__ import annotations

import pytest

from icshub.governance.committee_terms import terms_for
from icshub.governance.errors import GovernanceError
from icshub.governance.quorum import Attendee, Presence, evaluate_quorum
from icshub.governance.terms import Majority, Standing
from icshub.governance.voting import Choice, take_vote
from icshub.registry.models import Committee, Seat


def committee(key: str, *seats: tuple[str, str, int]) -> Committee:
    """A registry committee (not saved) with seats given as (key, category, count)."""
    return Committee(
        key=key,
        name=f"The {key} board",
        seats=[
            Seat(key=k, title=k.replace("-", " ").title(), category=c, count=n, chair_eligible=False)
            for k, c, n in seats
        ],
    )


def test_the_icp_meets_under_its_own_terms_of_reference() -> None:
    terms = terms_for(committee("icp-joint-committee"))
    assert terms.version == "V5 draft (pre-approval)" and terms.quorum.rules[0].count == 9


def test_other_committees_get_half_their_voting_places_as_quorum_and_a_simple_majority() -> None:
    board = committee("a-board", ("chair", "member", 1), ("members", "member", 4), ("adviser", "participant", 1))
    terms = terms_for(board)
    assert terms.quorum.rules[0].count == 3  # half of 5, rounded up
    assert terms.seat("members").standing is Standing.VOTING and terms.seat("adviser").standing is Standing.PARTICIPANT
    assert terms.voting.majority is Majority.OF_MEMBERS_PRESENT_AND_VOTING
    assert terms.notice.clear_working_days == 5 and terms.chair.eligible_seats == ["chair"]
    assert len(terms.private_business.reasons) == 7
    present = [Attendee("A", "chair", Presence.IN_PERSON), Attendee("B", "members", Presence.REMOTE)]
    assert not evaluate_quorum(terms, present).quorate
    present.append(Attendee("C", "members", Presence.IN_PERSON))
    # Three present: two for and one abstaining carries under a simple majority of those voting.
    outcome = take_vote(terms, present, {"A": Choice.FOR, "B": Choice.FOR, "C": Choice.ABSTAIN})
    assert outcome.passed and outcome.needed == 2


def test_a_committee_with_no_voting_seats_cannot_meet() -> None:
    with pytest.raises(GovernanceError, match="has no voting or member seats"):
        terms_for(committee("a-forum", ("guest", "observer", 3)))
