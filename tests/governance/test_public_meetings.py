"""What the public sees of a meeting, and that Part 2 content never reaches it: every public query is run
over a meeting whose private business is marked with a word that must not appear in any answer."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from icshub.auth.audit import recent_events
from icshub.auth.policy import ANONYMOUS, NotAllowed, Principal
from icshub.auth.roles import Role
from icshub.auth.service import affiliate, create_user, principal_for
from icshub.db.engine import transaction
from icshub.governance import confidential
from icshub.governance import publication as public
from icshub.governance.queries import matters_arising
from icshub.governance.services import agenda, decisions, meetings, minutes
from icshub.governance.services import interests as registers
from icshub.governance.vocabulary import InterestCategory, Part
from icshub.installation import sessions
from icshub.registry.models import Committee
from tests.conftest import TEST_ACTOR
from tests.governance.helpers import CLOCK, ICP, attend_nine, noticed_meeting, part1, part2, read, run

SECRET = "ZANZIBAR"
MEETING_DAY = datetime(2027, 3, 10, 10)
PAPERS_DAY = date(2027, 3, 2)  # five clear working days: 3, 4, 5, 8 and 9 March 2027


@pytest.fixture(scope="module")
def held(registry) -> tuple[int, int]:
    """A held meeting with Part 1 and Part 2 business, decided and minuted, approved at a later meeting."""
    first, (report, contract) = noticed_meeting(
        registry,
        MEETING_DAY,
        [
            part1("Population health report", owner="Director of Public Health", decision_sought="Note the report"),
            part2(
                f"{SECRET} contract award",
                "commercially-sensitive",
                owner=f"{SECRET} owner",
                decision_sought=f"{SECRET} sought",
                public_summary="A contract was awarded for community services.",
            ),
        ],
        notice_on=date(2027, 2, 24),
    )
    run(registry, agenda.add_paper, report, "Population health report 2027", "Life expectancy rose.", published=True)
    run(registry, agenda.add_paper, report, "Draft appendix", "Not yet released.")
    run(registry, agenda.add_paper, contract, f"{SECRET} paper", f"{SECRET} text")
    attend_nine(registry, first)
    run(registry, meetings.mark_held, first)
    run(registry, decisions.record_consensus, report, "The committee noted the report.")
    run(registry, decisions.record_consensus, contract, f"Awarded to {SECRET} Ltd for £4.2m.")
    run(registry, decisions.raise_action, first, f"{SECRET} action", "ICB", item_id=contract)
    run(registry, minutes.draft_minutes, first, "The committee noted the report.", private_text=f"{SECRET} minutes")
    second, _ = noticed_meeting(registry, datetime(2027, 6, 9, 10), [part1("Minutes of the last meeting")])
    CLOCK.set(date(2027, 6, 9))  # approved at the second meeting, on its day
    run(registry, minutes.approve_minutes, first, second)
    interest = ("Roger Gough", "Member of a housing association board", InterestCategory.NON_FINANCIAL_PROFESSIONAL)
    run(
        registry, registers.register_interest, ICP, *interest, valid_from=date(2026, 1, 1), declared_on=date(2026, 1, 5)
    )
    return first, second


def everything_public(settings, meeting_id: int, today: date) -> str:
    """Every public answer about the meeting, as text."""
    answers = [
        read(settings, public.upcoming_meetings, date(2027, 1, 1)),
        read(settings, public.upcoming_meetings, date(2027, 1, 1), ICP),
        read(settings, public.public_meeting, meeting_id),
        read(settings, public.public_agenda, meeting_id, today),
        read(settings, public.approved_minutes, meeting_id),
        read(settings, public.public_decisions),
        read(settings, public.public_decisions, ICP),
        read(settings, public.register_of_interests, ICP, today),
        read(settings, public.register_for_meeting, meeting_id),
    ]
    return repr(answers)


def test_no_public_answer_holds_part_2_content(registry, held) -> None:
    first, _ = held
    for today in (date(2027, 2, 25), PAPERS_DAY, date(2027, 7, 1)):
        text = everything_public(registry, first, today)
        assert SECRET not in text
        # The same answers do carry the Part 1 business, so the check above looks where the content would be.
        assert "Population health report" in text and "The committee noted the report." in text
    assert "A contract was awarded for community services." in everything_public(registry, first, PAPERS_DAY)


def test_a_part_2_item_is_published_as_the_exclusion_of_the_press_and_public_with_its_reason(registry, held) -> None:
    agenda_now = read(registry, public.public_agenda, held[0], PAPERS_DAY)
    private = agenda_now.items[1]
    assert (private.part, private.title, private.owner, private.decision_sought, private.papers) == (
        Part.PRIVATE,
        "Exclusion of the press and public",
        None,
        None,
        (),
    )
    assert private.private_reason == "The matter being commercially sensitive or confidential (§7.1.2)"


def test_part_1_papers_are_published_from_five_clear_working_days_before(registry, held) -> None:
    before = read(registry, public.public_agenda, held[0], date(2027, 3, 1))
    on_the_day = read(registry, public.public_agenda, held[0], PAPERS_DAY)
    assert before.papers_from == PAPERS_DAY and before.items[0].papers == ()
    # Only the paper the secretariat released is published.
    assert [(p.title, p.text) for p in on_the_day.items[0].papers] == [
        ("Population health report 2027", "Life expectancy rose.")
    ]


def test_the_agenda_is_published_once_notice_is_issued(registry) -> None:
    meeting = run(registry, meetings.schedule_meeting, ICP, datetime(2027, 9, 8, 10), "Maidstone")
    run(registry, agenda.add_agenda_item, meeting.id, part1("Forward plan"))
    assert read(registry, public.public_agenda, meeting.id, date(2027, 8, 1)).items == ()
    run(registry, meetings.issue_notice, meeting.id, date(2027, 8, 25))
    assert [i.title for i in read(registry, public.public_agenda, meeting.id, date(2027, 8, 25)).items] == [
        "Forward plan"
    ]


def _member(settings, username: str, of_committee: bool) -> Principal:
    with transaction(sessions(settings)) as session:
        user = create_user(session, TEST_ACTOR, username, Role.PARTNER_MEMBER).user
        if of_committee:
            committee = session.scalars(select(Committee).where(Committee.key == ICP)).one()
            affiliate(session, TEST_ACTOR, username, "committee", committee.id, ICP)
        return principal_for(user)


def test_part_2_is_read_by_the_secretariat_and_by_members_of_the_committee_only(registry, held) -> None:
    member, outsider = _member(registry, "icp.member", True), _member(registry, "other.member", False)
    minuted = run(registry, confidential.minutes_in_full, held[0], principal=member)
    assert minuted.private_text == f"{SECRET} minutes"
    texts = [d.text for d in run(registry, confidential.meeting_decisions, held[0])]
    assert f"Awarded to {SECRET} Ltd for £4.2m." in texts
    for principal in (outsider, ANONYMOUS):
        with pytest.raises(NotAllowed):
            run(registry, confidential.full_meeting, held[0], principal=principal)
        with pytest.raises(NotAllowed):
            run(registry, matters_arising, held[1], principal=principal)
    # Every reading let in is audited, once per unit of work; the refusals read nothing.
    reads = [
        e for e in read(registry, recent_events, action_prefix="governance.part2.read") if e.entity_key == str(held[0])
    ]
    assert [e.actor for e in reads[:2]] == ["secretariat.test", "icp.member"]
    assert all(e.actor not in ("other.member", "anonymous") for e in reads)


def test_members_may_read_but_not_write(registry, held) -> None:
    member = _member(registry, "icp.reader", True)
    with pytest.raises(NotAllowed):
        run(registry, minutes.draft_minutes, held[0], "Rewritten", principal=member)

    def titles(session, principal, meeting_id):
        return [item.title for item in confidential.full_meeting(session, principal, meeting_id).items]

    assert run(registry, titles, held[0], principal=member) == ["Population health report", f"{SECRET} contract award"]
