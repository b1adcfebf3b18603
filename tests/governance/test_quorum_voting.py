"""Quorum, voting and presiding under the ICP's terms: scenarios from paragraphs 6.3 and 7 to 12 of
Appendix 2 (seed 003), and properties that hold for any attendance."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icshub.defaults import KENT_AND_MEDWAY
from icshub.governance.presiding import chair_on, vice_chair_on, who_presides
from icshub.governance.quorum import AttendanceRefused, Attendee, Presence, evaluate_quorum
from icshub.governance.terms import Majority, Standing, read_terms
from icshub.governance.voting import Choice, VoteRefused, decide_by_consensus, take_vote

TERMS = read_terms(KENT_AND_MEDWAY / "terms" / "icp.yaml")
IN, REMOTE = Presence.IN_PERSON, Presence.REMOTE
# Every place on the committee as (member, seat): 'kcc-executive-members-2' is the second of that seat's two.
PLACES = [(f"{seat.key}-{n}", seat.key) for seat in TERMS.seats for n in range(1, seat.count + 1)]
VOTING = [(member, seat) for member, seat in PLACES if TERMS.seat(seat).standing is Standing.VOTING]
# A quorum of exactly nine: both councils, the ICB, the leadership team, two HCP areas (§8.1).
NINE = [
    "leader-kcc-1",
    "kcc-executive-members-1",
    "leader-medway-1",
    "medway-executive-members-1",
    "chair-icb-1",
    "icb-non-executive-director-1",
    "chair-west-kent-hcp-1",
    "district-rep-east-kent-hcp-1",
    "chair-east-kent-hcp-1",
]
FIRST_TERM = date(2022, 7, 1)


def attending(members: list[str], presence: Presence = IN, **overrides: Presence) -> list[Attendee]:
    """The named members (as in PLACES) attending with ``presence``; ``overrides`` by member, '_' for '-'."""
    seats = dict(PLACES)
    return [Attendee(m, seats[m], overrides.get(m.replace("-", "_"), presence)) for m in members]


def test_nine_voting_members_meeting_every_rule_are_quorate() -> None:
    result = evaluate_quorum(TERMS, attending(NINE))
    assert result.quorate and result.failures == ()
    assert set(result.counted) == set(NINE)


def test_nine_present_but_no_medway_member_is_inquorate_with_that_reason() -> None:
    members = [m for m in NINE if "medway" not in m] + ["kcc-executive-members-2", "icb-partner-member-primary-care-1"]
    result = evaluate_quorum(TERMS, attending(members))
    assert not result.quorate
    assert result.failures == (
        "No voting member from Medway Council is present (§8.1.1: “One of whom shall come from each of the two "
        "Local Authorities and one from the ICB”).",
    )


def test_eight_voting_members_are_not_a_quorum() -> None:
    result = evaluate_quorum(TERMS, attending(NINE[:-1]))
    assert result.failures[0].startswith("Only 8 voting members count as present; the quorum is 9 (§8.1")


def test_participants_do_not_make_up_the_quorum() -> None:
    result = evaluate_quorum(TERMS, attending([*NINE[:-1], "icb-chief-executive-1", "medway-chief-executive-1"]))
    assert not result.quorate and len(result.counted) == 8


def test_without_the_leadership_team_or_two_hcp_areas_the_meeting_is_inquorate() -> None:
    members = [
        "kcc-executive-members-1",
        "kcc-executive-members-2",
        "medway-executive-members-1",
        "medway-executive-members-2",
        "icb-non-executive-director-1",
        "icb-partner-member-primary-care-1",
        "chair-west-kent-hcp-1",
        "district-rep-west-kent-hcp-1",
        "district-rep-medway-and-swale-hcp-1",
    ]
    assert (
        evaluate_quorum(TERMS, attending(members)).failures[0].startswith("No voting member from the Leadership Team")
    )
    members[-1] = "leader-kcc-1"
    [failure] = evaluate_quorum(TERMS, attending(members)).failures
    assert failure.startswith("Only 1 of the 4 named areas is represented, and at least 2 must be; none is present")
    assert "§8.1.3" in failure


def test_a_member_withdrawn_for_an_interest_makes_item_3_inquorate_while_the_meeting_is_quorate() -> None:
    people = attending(NINE)
    assert evaluate_quorum(TERMS, people).quorate
    item_3 = evaluate_quorum(TERMS, people, withdrawn={"icb-non-executive-director-1"})
    assert not item_3.quorate
    assert item_3.failures[0].startswith("Only 8 voting members count as present")
    assert any("has withdrawn from this item because of a conflict of interest" in note for note in item_3.notes)


def test_withdrawal_of_the_only_medway_members_fails_paragraph_8_1_1_for_that_item() -> None:
    people = attending([*NINE, "kcc-executive-members-2", "district-rep-dgs-hcp-1"])
    item = evaluate_quorum(TERMS, people, withdrawn={"leader-medway-1", "medway-executive-members-1"})
    assert [failure[:41] for failure in item.failures] == ["No voting member from Medway Council is p"]


def test_remote_members_count_only_when_the_chair_allows() -> None:
    people = attending(NINE, chair_east_kent_hcp_1=REMOTE)
    refused = evaluate_quorum(TERMS, people)
    assert not refused.quorate
    assert any(
        "attends remotely and the Chair has not allowed remote attendance to count (§8.3)" in n for n in refused.notes
    )
    assert evaluate_quorum(TERMS, people, chair_allows_remote=True).quorate


def test_apologies_and_deputies_do_not_count() -> None:
    people = [*attending(NINE[:-1]), Attendee("a deputy", "chair-east-kent-hcp", IN, deputy=True)]
    result = evaluate_quorum(TERMS, people)
    assert not result.quorate
    assert any("attends as a deputy" in note for note in result.notes)  # §6.2
    assert not evaluate_quorum(TERMS, attending(NINE, chair_east_kent_hcp_1=Presence.APOLOGIES)).quorate


def test_the_public_health_aim_is_noted_but_does_not_decide_the_quorum() -> None:
    result = evaluate_quorum(TERMS, attending(NINE))
    assert result.quorate and any("§8.2" in note for note in result.notes)
    assert not any(
        "§8.2" in n for n in evaluate_quorum(TERMS, attending([*NINE, "director-of-public-health-kent-1"])).notes
    )


def test_attendance_that_makes_no_sense_is_refused() -> None:
    with pytest.raises(AttendanceRefused, match="'the mayor', which these terms lack"):
        evaluate_quorum(TERMS, [Attendee("someone", "the mayor", IN)])
    crowded = [Attendee(name, "kcc-executive-members", IN) for name in ("a", "b", "c")]
    with pytest.raises(AttendanceRefused, match=r"3 people are recorded in .* which has 2"):
        evaluate_quorum(TERMS, crowded)


# --- voting (§7.4) ----------------------------------------------------------------------------------------

TWELVE = [*NINE, "kcc-executive-members-2", "medway-executive-members-2", "icb-partner-member-primary-care-1"]


def ballot(for_: int, against: int, abstain: int = 0) -> dict[str, Choice]:
    choices = [Choice.FOR] * for_ + [Choice.AGAINST] * against + [Choice.ABSTAIN] * abstain
    return dict(zip(TWELVE, choices, strict=False))


def test_a_six_six_vote_fails_there_is_no_casting_vote() -> None:
    outcome = take_vote(TERMS, attending(TWELVE), ballot(6, 6))
    assert not outcome.passed and outcome.method == "vote"
    assert "the vote is tied and the Chair has no casting vote, so it fails (§7.4)" in outcome.explanation


def test_seven_five_is_carried() -> None:
    outcome = take_vote(TERMS, attending(TWELVE), ballot(7, 5))
    assert outcome.passed and (outcome.votes_for, outcome.votes_against, outcome.needed) == (7, 5, 7)


def test_the_majority_reading_is_configurable() -> None:
    # 6 for, 4 against, 2 abstaining of 12 present: not a majority of members present, but of those voting.
    outcome = take_vote(TERMS, attending(TWELVE), ballot(6, 4, 2))
    assert not outcome.passed and "a majority of the 12 voting members present, so 7 votes for" in outcome.explanation
    voting = TERMS.voting.model_copy(update={"majority": Majority.OF_MEMBERS_PRESENT_AND_VOTING})
    other = TERMS.model_copy(update={"voting": voting})
    assert take_vote(other, attending(TWELVE), ballot(6, 4, 2)).passed


def test_silence_is_recorded_as_not_voting() -> None:
    outcome = take_vote(TERMS, attending(TWELVE), ballot(5, 0))
    assert not outcome.passed and len(outcome.not_voting) == 7


def test_only_voting_members_present_and_not_withdrawn_may_vote() -> None:
    people = [*attending(TWELVE), Attendee("ceo", "icb-chief-executive", IN), Attendee("away", "chair-dgs-hcp", REMOTE)]
    votes = {"ceo": Choice.FOR, "away": Choice.FOR, "chair-icb-1": Choice.FOR, "nobody": Choice.AGAINST}
    with pytest.raises(VoteRefused) as caught:
        take_vote(TERMS, people, votes, withdrawn={"chair-icb-1"})
    message = str(caught.value)
    assert "ceo (Kent and Medway ICB Chief Executive) is a participant, not a voting member (§6.4.3)" in message
    assert "away (Chair of Dartford, Gravesham and Swanley Health and Care Partnership) attends remotely" in message
    assert "chair-icb-1 (Chair of the Kent and Medway ICB) has withdrawn from this item" in message
    assert "nobody is not in the attendance for this meeting" in message


def test_no_decision_is_made_when_the_item_is_inquorate() -> None:
    with pytest.raises(VoteRefused, match=r"not quorate for this item.*Only 8 voting members"):
        take_vote(TERMS, attending(NINE), {}, withdrawn={"leader-kcc-1"})
    with pytest.raises(VoteRefused, match="not quorate"):
        decide_by_consensus(TERMS, attending(NINE[:8]))


def test_consensus_is_recorded_as_such() -> None:
    outcome = decide_by_consensus(TERMS, attending(TWELVE))
    assert outcome.method == "consensus" and outcome.passed and outcome.votes_for == 0
    assert "consensus of the 12 voting members present" in outcome.explanation


# --- presiding (§6.3, §6.8) --------------------------------------------------------------------------------

LEADERS_AND_ICB = {"leader-kcc", "leader-medway", "chair-icb"}


def presides(on: date, present: set[str], conflicted: set[str] | None = None) -> str | None:
    return who_presides(
        TERMS, on=on, first_term_starts=FIRST_TERM, present=present, conflicted=conflicted or set()
    ).seat


def test_the_chair_rotates_every_two_years_between_the_leaders() -> None:
    assert chair_on(TERMS, date(2022, 7, 1), FIRST_TERM) == "leader-kcc"
    assert chair_on(TERMS, date(2024, 6, 30), FIRST_TERM) == "leader-kcc"
    assert chair_on(TERMS, date(2024, 7, 1), FIRST_TERM) == "leader-medway"
    assert chair_on(TERMS, date(2026, 7, 1), FIRST_TERM) == "leader-kcc"
    assert vice_chair_on(TERMS, date(2023, 1, 1), FIRST_TERM) == "leader-medway"
    assert vice_chair_on(TERMS, date(2025, 1, 1), FIRST_TERM) == "leader-kcc"
    with pytest.raises(ValueError, match="before the first chair's term"):
        chair_on(TERMS, date(2022, 6, 30), FIRST_TERM)


def test_the_vice_chair_presides_when_the_chair_is_conflicted() -> None:
    on = date(2023, 3, 1)
    assert presides(on, LEADERS_AND_ICB) == "leader-kcc"
    assert presides(on, LEADERS_AND_ICB, {"leader-kcc"}) == "leader-medway"
    result = who_presides(
        TERMS, on=on, first_term_starts=FIRST_TERM, present=LEADERS_AND_ICB, conflicted={"leader-kcc"}
    )
    assert result.explanation == (
        "The Vice-chair (Leader of Medway Council) presides: "
        "the Chair (Leader of KCC) is conflicted on this item (§6.8)."
    )


def test_the_icb_chair_presides_when_neither_leader_can() -> None:
    assert presides(date(2025, 3, 1), {"chair-icb", "leader-kcc"}, {"leader-kcc"}) == "chair-icb"
    nobody = who_presides(
        TERMS, on=date(2025, 3, 1), first_term_starts=FIRST_TERM, present={"chair-icb"}, conflicted={"chair-icb"}
    )
    assert nobody.seat is None and "do not say who presides then (§6.8)" in nobody.explanation


# --- properties ------------------------------------------------------------------------------------------

presences = st.lists(st.sampled_from(list(Presence)), min_size=len(VOTING), max_size=len(VOTING))


@given(presences, st.booleans(), st.sets(st.sampled_from([m for m, _ in VOTING]), max_size=4), st.data())
def test_adding_a_present_voting_member_never_makes_a_quorate_meeting_inquorate(
    presence: list[Presence], remote: bool, withdrawn: set[str], data: st.DataObject
) -> None:
    people = [Attendee(m, s, p) for (m, s), p in zip(VOTING, presence, strict=True)]
    before = evaluate_quorum(TERMS, people, chair_allows_remote=remote, withdrawn=withdrawn)
    away = [i for i, a in enumerate(people) if a.presence in (Presence.APOLOGIES, Presence.ABSENT)]
    if not away:
        return
    arriving = data.draw(st.sampled_from(away))
    people[arriving] = Attendee(people[arriving].member, people[arriving].seat, IN)
    after = evaluate_quorum(TERMS, people, chair_allows_remote=remote, withdrawn=withdrawn)
    assert after.quorate or not before.quorate
    assert len(after.failures) <= len(before.failures)


@given(st.integers(0, 6), st.integers(0, 6), st.sampled_from(list(Majority)))
def test_a_tie_never_passes(each: int, abstaining: int, majority: Majority) -> None:
    terms = TERMS.model_copy(update={"voting": TERMS.voting.model_copy(update={"majority": majority})})
    # Twelve present; for and against come first, so abstentions beyond twelve are the ones left out.
    # Twelve present; for and against come first, so only abstentions beyond twelve are left out.
    votes = dict(
        zip(TWELVE, [Choice.FOR] * each + [Choice.AGAINST] * each + [Choice.ABSTAIN] * abstaining, strict=False)
    )
    assert not take_vote(terms, attending(TWELVE), votes).passed


@given(presences, st.dictionaries(st.sampled_from([m for m, _ in PLACES]), st.sampled_from(list(Choice))))
def test_votes_are_counted_from_present_voting_members_only(presence: list[Presence], votes: dict[str, Choice]) -> None:
    people = [Attendee(m, s, p) for (m, s), p in zip(VOTING, presence, strict=True)]
    people += [Attendee(m, s, IN) for m, s in PLACES if TERMS.seat(s).standing is not Standing.VOTING]
    quorum = evaluate_quorum(TERMS, people)
    try:
        outcome = take_vote(TERMS, people, votes)
    except VoteRefused:
        assert not quorum.quorate or not set(votes) <= set(quorum.counted)
        return
    assert set(votes) <= set(quorum.counted)
    assert outcome.votes_for + outcome.votes_against + outcome.abstentions == len(votes)
    assert outcome.eligible == len(quorum.counted)
