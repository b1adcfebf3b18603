"""The secretariat's use cases for the ICP Joint Committee: a whole meeting run end to end, and every refusal
with the reason an officer reads."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from icshub.auth.audit import recent_events
from icshub.auth.policy import ANONYMOUS, NotAllowed
from icshub.governance import publication as public
from icshub.governance.errors import GovernanceError
from icshub.governance.queries import matters_arising, quorum_report
from icshub.governance.quorum import Presence
from icshub.governance.services import agenda, decisions, disputes, meetings, minutes, proceedings
from icshub.governance.services import interests as registers
from icshub.governance.vocabulary import DecisionOutcome, DisputeHandling, InterestCategory, Part
from icshub.governance.vocabulary import RequestDecision as Chair
from icshub.governance.voting import Choice
from tests.governance.helpers import CLOCK, ICP, NINE, attend_nine, noticed_meeting, part1, part2, read, run

FOR, AGAINST, ABSTAIN = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN


def test_a_meeting_run_from_notice_to_minutes_approved_at_the_next(registry) -> None:
    # Notice, agenda and attendance: nine voting members, a director of public health, one apology.
    first, (plan, hospice, estates) = noticed_meeting(
        registry,
        datetime(2025, 7, 2, 10),
        [
            part1("Shared Delivery Plan: annual refresh", decision_sought="Approve the refreshed plan"),
            part1("Hospice care: grant to a hospice in East Kent", decision_sought="Agree the grant"),
            part2("Estates: disposal of a community hospital site", "commercially-sensitive"),
        ],
        notice_on=date(2025, 6, 24),
    )
    attend_nine(registry, first)
    extra = [
        proceedings.AttendanceEntry("Kent DPH", "director-of-public-health-kent", Presence.IN_PERSON),
        proceedings.AttendanceEntry("Medway HCP Chair", "chair-medway-and-swale-hcp", Presence.APOLOGIES),
    ]
    run(registry, proceedings.record_attendance, first, extra)
    run(registry, meetings.mark_held, first)

    # A declaration with withdrawal makes the hospice item inquorate, and only that item.
    run(
        registry,
        proceedings.declare_interest,
        first,
        "East Kent district councillor",
        "Trustee of the hospice",
        item_id=hospice,
        withdraws=True,
    )
    report = run(registry, quorum_report, first)
    assert report.meeting.quorate
    by_item = {item.item_id: item for item in report.items}
    assert by_item[plan].quorum.quorate and by_item[estates].quorum.quorate
    assert not by_item[hospice].quorum.quorate
    assert by_item[hospice].withdrawn == ("East Kent district councillor",)
    assert by_item[hospice].quorum.failures[0].startswith("Only 8 voting members count as present; the quorum is 9")
    with pytest.raises(GovernanceError, match="not quorate for this item"):
        run(registry, decisions.record_consensus, hospice, "The grant is agreed.")

    # A tied vote fails: the Chair has no casting vote (§7.4).
    names = list(NINE)
    votes = dict.fromkeys(names[:4], FOR) | dict.fromkeys(names[4:8], AGAINST) | {names[8]: ABSTAIN}
    tied = run(registry, decisions.record_vote, plan, "That the refreshed plan be approved.", votes)
    assert tied.outcome == DecisionOutcome.FAILED and (tied.votes_for, tied.votes_against) == (4, 4)
    assert "tied and the Chair has no casting vote" in tied.explanation

    # A Part 2 decision: only its public summary reaches the public register.
    run(
        registry,
        decisions.record_consensus,
        estates,
        "Agreed to sell the site to the preferred bidder for the sum in the exempt report.",
        public_summary="The committee agreed the disposal of a surplus site; the terms remain confidential.",
    )
    register = [d for d in read(registry, public.public_decisions, ICP) if d.meeting_id == first]
    assert [(d.part, d.title, d.text, d.outcome) for d in register] == [
        (Part.PUBLIC, "Shared Delivery Plan: annual refresh", "That the refreshed plan be approved.", "failed"),
        (
            Part.PRIVATE,
            public.PRIVATE_DECISION,
            "The committee agreed the disposal of a surplus site; the terms remain confidential.",
            None,
        ),
    ]

    # Actions: one closed, one left open to be carried forward.
    open_action = run(registry, decisions.raise_action, first, "Bring the plan back with revisions", "ICP secretariat")
    done = run(registry, decisions.raise_action, first, "Circulate the estates report", "ICB estates lead")
    run(registry, decisions.close_action, done.id, date(2025, 7, 10), "Circulated to members")

    # Minutes drafted, then approved at the next meeting, not before.
    run(registry, minutes.draft_minutes, first, "Part 1 minutes of 2 July.", private_text="Part 2 minutes.")
    second, _ = noticed_meeting(registry, datetime(2025, 10, 1, 10), [part1("Minutes and matters arising")])
    with pytest.raises(GovernanceError, match="only at a later meeting"):
        run(registry, minutes.approve_minutes, first, first)
    assert read(registry, public.approved_minutes, first) is None
    CLOCK.set(date(2025, 10, 1))  # the day of the second meeting, at which they are approved
    run(registry, minutes.approve_minutes, first, second)
    published = read(registry, public.approved_minutes, first)
    assert (published.text, published.approved_on, published.approved_at_meeting_id) == (
        "Part 1 minutes of 2 July.",
        date(2025, 10, 1),
        second,
    )

    # The open action, and only it, is carried forward as a matter arising; twice adds nothing.
    carried = run(registry, decisions.carry_forward_actions, second)
    assert [action.id for action in carried] == [open_action.id]
    assert run(registry, decisions.carry_forward_actions, second) == []
    assert [action.id for action in run(registry, matters_arising, second)] == [open_action.id]


def test_notice_too_late_is_refused_with_the_last_day_unless_the_meeting_is_urgent(registry) -> None:
    CLOCK.set(date(2025, 12, 1))
    meeting = run(registry, meetings.schedule_meeting, ICP, datetime(2025, 12, 29, 14), "Gun Wharf, Chatham")
    # Christmas Day and Boxing Day do not count: from 19 December only 22, 23 and 24 December are clear.
    with pytest.raises(GovernanceError) as refused:
        run(registry, meetings.issue_notice, meeting.id, date(2025, 12, 19))
    message = str(refused.value)
    assert "leaves 3 clear working days" in message and "need 5" in message
    assert (
        "the last day was Wednesday 17 December 2025; bank holidays do not count: "
        "Christmas Day (Thursday 25 December), Boxing Day (Friday 26 December)" in message
    )
    assert "mark it urgent and give the reason" in message
    with pytest.raises(GovernanceError, match="needs its reason"):
        run(registry, meetings.issue_notice, meeting.id, date(2025, 12, 19), urgent_reason="  ")
    noticed = run(registry, meetings.issue_notice, meeting.id, date(2025, 12, 19), urgent_reason="Winter pressures")
    assert (noticed.status, noticed.urgent, noticed.notice_issued_on) == ("noticed", True, date(2025, 12, 19))
    with pytest.raises(GovernanceError, match="is noticed, and this needs it scheduled"):
        run(registry, meetings.issue_notice, meeting.id, date(2025, 12, 19))


def test_a_time_the_clocks_skip_and_a_committee_without_voting_seats_are_refused(registry) -> None:
    with pytest.raises(GovernanceError, match="does not exist in London"):
        run(registry, meetings.schedule_meeting, ICP, datetime(2026, 3, 29, 1, 30), "Maidstone")
    with pytest.raises(GovernanceError, match="no voting or member seats"):
        run(registry, meetings.schedule_meeting, "ipph-committee", datetime(2026, 3, 3, 10), "Maidstone")
    with pytest.raises(GovernanceError, match="no committee 'nope'"):
        run(registry, meetings.schedule_meeting, "nope", datetime(2026, 3, 3, 10), "Maidstone")


def test_part_2_needs_one_of_the_seven_reasons_and_its_papers_are_never_published(registry) -> None:
    CLOCK.set(date(2026, 1, 2))
    meeting = run(registry, meetings.schedule_meeting, ICP, datetime(2026, 1, 14, 10), "Maidstone")
    with pytest.raises(GovernanceError, match=r"needs one of the reasons .*none was given"):
        run(registry, agenda.add_agenda_item, meeting.id, agenda.ItemInput("Contract", Part.PRIVATE))
    with pytest.raises(GovernanceError, match="'gossip' is not one of them"):
        run(registry, agenda.add_agenda_item, meeting.id, part2("Contract", "gossip"))
    with pytest.raises(GovernanceError, match="A Part 1 item is taken in public"):
        run(registry, agenda.add_agenda_item, meeting.id, part1("Contract", private_reason="commercially-sensitive"))
    item = run(registry, agenda.add_agenda_item, meeting.id, part2("Contract", "legal-professional-privilege"))
    with pytest.raises(GovernanceError, match="not available to the press or public"):
        run(registry, agenda.add_paper, item.id, "Legal advice", "Counsel's opinion", published=True)
    paper = run(registry, agenda.add_paper, item.id, "Legal advice", "Counsel's opinion")
    with pytest.raises(GovernanceError, match="cannot be published"):
        run(registry, agenda.publish_paper, paper.id)


def test_agenda_requests_are_checked_against_the_deadline_and_left_to_the_chair(registry) -> None:
    CLOCK.set(date(2026, 1, 5))
    meeting = run(registry, meetings.schedule_meeting, ICP, datetime(2026, 2, 4, 10), "Maidstone")
    late = run(registry, agenda.receive_agenda_request, meeting.id, "Medway Leader", "Dental access", date(2026, 1, 20))
    assert not late.in_time and "need 20" in late.deadline_check
    urgent = run(
        registry,
        agenda.receive_agenda_request,
        meeting.id,
        "Medway Leader",
        "Winter discharge",
        date(2026, 1, 20),
        urgent=True,
    )
    assert urgent.in_time and "leaves 10 clear working days" in urgent.deadline_check
    with pytest.raises(GovernanceError, match="Chair's reason"):
        run(registry, agenda.decide_agenda_request, late.id, Chair.DECLINED, "")
    declined = run(registry, agenda.decide_agenda_request, late.id, Chair.DECLINED, "Too late; next meeting")
    assert (declined.chair_decision, declined.agenda_item_id) == ("declined", None)
    included = run(registry, agenda.decide_agenda_request, urgent.id, Chair.INCLUDED, "Urgent and in time")
    assert included.agenda_item_id is not None
    with pytest.raises(GovernanceError, match=r"already decided .* it was declined"):
        run(registry, agenda.decide_agenda_request, late.id, Chair.INCLUDED, "Changed my mind")


def test_attendance_that_makes_no_sense_is_refused(registry) -> None:
    meeting, _ = noticed_meeting(registry, datetime(2026, 3, 4, 10), [])
    CLOCK.set(date(2026, 3, 4))
    with pytest.raises(GovernanceError, match="'chair-of-the-board', which this committee lacks"):
        entry = proceedings.AttendanceEntry("Someone", "chair-of-the-board", Presence.IN_PERSON)
        run(registry, proceedings.record_attendance, meeting, [entry])
    two_leaders = [
        proceedings.AttendanceEntry("Roger Gough", "leader-kcc", Presence.IN_PERSON),
        proceedings.AttendanceEntry("Another leader", "leader-kcc", Presence.IN_PERSON),
    ]
    with pytest.raises(GovernanceError, match="2 people are recorded in 'Leader of KCC', which has 1"):
        run(registry, proceedings.record_attendance, meeting, two_leaders)
    with pytest.raises(GovernanceError, match="not in the attendance of this meeting"):
        run(registry, proceedings.declare_interest, meeting, "Roger Gough", "Governor of a school")


def test_withdrawn_members_cannot_vote_and_remote_members_count_only_when_the_chair_allows(registry) -> None:
    meeting, (item, private) = noticed_meeting(
        registry,
        datetime(2026, 4, 15, 10),
        [part1("Carers' strategy"), part2("Named patient complaint", "sensitive-personal-data")],
    )
    attend_nine(registry, meeting, chair_icb=Presence.REMOTE)
    report = run(registry, quorum_report, meeting)
    assert not report.meeting.quorate
    assert any("attends remotely and the Chair has not allowed" in note for note in report.meeting.notes)
    attend_nine(registry, meeting)
    tenth = proceedings.AttendanceEntry(
        "Second Medway executive member", "medway-executive-members", Presence.IN_PERSON
    )
    run(registry, proceedings.record_attendance, meeting, [tenth])
    run(registry, proceedings.declare_interest, meeting, "ICB Chair", "Spouse works for the provider", withdraws=True)
    with pytest.raises(GovernanceError, match=r"ICB Chair .* has withdrawn from this item"):
        run(registry, decisions.record_vote, item, "Adopt the strategy", {"ICB Chair": FOR})
    with pytest.raises(GovernanceError, match="give a public summary"):
        run(registry, decisions.record_consensus, private, "Uphold the complaint")


def test_a_decision_is_recorded_once_and_the_policy_guards_every_write(registry) -> None:
    meeting, (item,) = noticed_meeting(registry, datetime(2026, 5, 6, 10), [part1("Workforce strategy")])
    attend_nine(registry, meeting)
    votes = dict.fromkeys(list(NINE)[:5], FOR) | dict.fromkeys(list(NINE)[5:], AGAINST)
    carried = run(registry, decisions.record_vote, item, "Adopt the workforce strategy", votes)
    assert carried.outcome == DecisionOutcome.CARRIED and carried.votes_for == 5
    with pytest.raises(GovernanceError, match="already recorded"):
        run(registry, decisions.record_consensus, item, "Adopt it again")
    with pytest.raises(NotAllowed):
        run(registry, meetings.schedule_meeting, ICP, datetime(2026, 6, 3, 10), "Maidstone", principal=ANONYMOUS)
    with pytest.raises(NotAllowed):
        run(registry, quorum_report, meeting, principal=ANONYMOUS)


def test_minutes_are_approved_once_by_a_later_meeting_of_the_same_committee(registry) -> None:
    meeting, _ = noticed_meeting(registry, datetime(2026, 6, 10, 10), [])
    with pytest.raises(GovernanceError, match="is noticed, and this needs it held"):
        run(registry, minutes.draft_minutes, meeting, "Draft")
    CLOCK.set(date(2026, 6, 10))
    run(registry, meetings.mark_held, meeting)
    with pytest.raises(GovernanceError, match="no draft minutes"):
        run(registry, minutes.approve_minutes, meeting, meeting)
    run(registry, minutes.draft_minutes, meeting, "Draft")
    run(registry, minutes.draft_minutes, meeting, "Draft, corrected", private_text="Part 2 draft")
    [redraft, draft] = [
        e
        for e in read(registry, recent_events, action_prefix="governance.minutes.draft")
        if e.entity_key == str(meeting)
    ][:2]
    assert (draft.before, draft.after) == (None, {"text": "Draft", "private_text": None})
    assert (redraft.before, redraft.after) == (
        draft.after,
        {"text": "Draft, corrected", "private_text": "Part 2 draft"},
    )
    board = run(
        registry, meetings.schedule_meeting, "kent-and-medway-icb-board", datetime(2026, 7, 1, 10), "Gillingham"
    )
    with pytest.raises(GovernanceError, match="by the committee whose meeting they record"):
        run(registry, minutes.approve_minutes, meeting, board.id)
    later, _ = noticed_meeting(registry, datetime(2026, 9, 9, 10), [])
    # Not before the later meeting has begun: the minutes would say they were approved at a meeting to come.
    with pytest.raises(GovernanceError, match="has not taken place"):
        run(registry, minutes.approve_minutes, meeting, later)
    CLOCK.set(date(2026, 9, 9))
    run(registry, minutes.approve_minutes, meeting, later)
    with pytest.raises(GovernanceError, match="already approved"):
        run(registry, minutes.approve_minutes, meeting, later)
    with pytest.raises(GovernanceError, match="cannot be redrafted"):
        run(registry, minutes.draft_minutes, meeting, "A new text")


def test_disputes_are_settled_by_the_leadership_team_or_referred_to_a_meeting(registry) -> None:
    dispute = run(
        registry, disputes.raise_dispute, ICP, "Medway Leader", "Share of the pooled budget", date(2026, 1, 5)
    )
    with pytest.raises(GovernanceError, match="say which meeting"):
        run(registry, disputes.resolve_dispute, dispute.id, DisputeHandling.REFERRED, "Referred", date(2026, 1, 9))
    meeting, _ = noticed_meeting(registry, datetime(2026, 10, 7, 10), [])
    resolved = run(
        registry,
        disputes.resolve_dispute,
        dispute.id,
        DisputeHandling.REFERRED,
        "No consensus; referred to the committee",
        date(2026, 1, 9),
        referred_to_meeting_id=meeting,
    )
    assert (resolved.handled_by, resolved.referred_to_meeting_id) == ("referred", meeting)
    with pytest.raises(GovernanceError, match="already resolved"):
        run(registry, disputes.resolve_dispute, dispute.id, DisputeHandling.LEADERSHIP_TEAM, "x", date(2026, 1, 9))


def test_the_register_of_interests_lists_what_is_in_force_on_the_meeting_day(registry) -> None:
    args = ("Roger Gough", "Director of a care home company", InterestCategory.FINANCIAL)
    with pytest.raises(GovernanceError, match="before it began"):
        run(
            registry,
            registers.register_interest,
            ICP,
            *args,
            valid_from=date(2024, 5, 1),
            declared_on=date(2024, 5, 1),
            valid_to=date(2024, 4, 1),
        )
    current = run(
        registry,
        registers.register_interest,
        ICP,
        *args,
        valid_from=date(2024, 5, 1),
        declared_on=date(2024, 5, 2),
        person="roger-gough",
    )
    ended = run(
        registry,
        registers.register_interest,
        ICP,
        "Medway Leader",
        "Trustee of a hospice",
        InterestCategory.NON_FINANCIAL_PERSONAL,
        valid_from=date(2023, 1, 1),
        declared_on=date(2023, 1, 3),
    )
    run(registry, registers.end_interest, ended.id, date(2026, 10, 31))
    meeting, _ = noticed_meeting(registry, datetime(2026, 11, 4, 10), [])
    listed = read(registry, public.register_for_meeting, meeting)
    assert [(entry.member_name, entry.interest) for entry in listed] == [
        ("Roger Gough", "Director of a care home company")
    ]
    assert current.person_id is not None


def test_an_urgent_meeting_still_needs_notice_before_its_day_and_a_cancellation_needs_its_reason(registry) -> None:
    CLOCK.set(date(2026, 11, 30))
    urgent = run(
        registry,
        meetings.schedule_meeting,
        ICP,
        datetime(2026, 12, 2, 9, 30),
        "Online",
        urgent_reason="Critical incident declared across the acute trusts",
    )
    with pytest.raises(
        GovernanceError, match="on or after the day of the meeting on Wednesday 2 December 2026 at 09:30"
    ):
        run(registry, meetings.issue_notice, urgent.id, date(2026, 12, 2))
    assert run(registry, meetings.issue_notice, urgent.id, date(2026, 12, 1)).status == "noticed"
    with pytest.raises(GovernanceError, match="Give the reason"):
        run(registry, meetings.cancel_meeting, urgent.id, " ")
    run(registry, meetings.cancel_meeting, urgent.id, "The incident was stood down")
    shown = [m for m in read(registry, public.upcoming_meetings, date(2026, 11, 30), ICP) if m.id == urgent.id]
    assert [(m.status, m.cancelled_reason) for m in shown] == [("cancelled", "The incident was stood down")]
    with pytest.raises(GovernanceError, match="is cancelled, and this needs it noticed"):
        run(registry, meetings.mark_held, urgent.id)
