"""Decisions and actions: the decisions register, votes per member, the actions register and matters arising.

A decision is reached by consensus where possible; a formal vote is recorded member by member and counted by
``voting.take_vote`` under the committee's terms (§7.4 for the ICP: a majority of the voting members present,
no casting vote, so a tie fails). Either way the item must be quorate without the members who withdrew from it,
and a vote from a withdrawn, non-voting or absent member is refused with the reason. A decision on Part 2
business needs a public summary, which is all the public decisions register shows of it (§13.2).

An action stays open until it is closed; ``carry_forward_actions`` brings every action still open from
earlier meetings of the committee to a meeting as a matter arising (§12.1.2). Writes need
``governance.manage``; refusals raise ``GovernanceError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event, snapshot
from icshub.auth.policy import Principal
from icshub.governance.access import authorised
from icshub.governance.errors import GovernanceError
from icshub.governance.meeting_times import describe_meeting
from icshub.governance.models import Action, AgendaItem, Decision, MatterArising, Meeting, Vote
from icshub.governance.queries import get_item, get_meeting, get_record, item_context
from icshub.governance.services.meetings import require_in_session
from icshub.governance.vocabulary import ActionStatus, DecisionOutcome, MeetingStatus, Part
from icshub.governance.voting import Choice, Outcome, VoteRefused, decide_by_consensus, take_vote

DECISION_FIELDS = ("item_id", "outcome", "votes_for", "votes_against", "abstentions", "explanation")
ACTION_FIELDS = ("meeting_id", "item_id", "description", "owner", "due", "status", "closed_on")


def _decidable(
    session: Session, item_id: int, text: str, public_summary: str | None, today: date | None
) -> tuple[AgendaItem, str | None]:
    """The item, if a decision can be recorded on it, and the public summary it will carry."""
    item = get_item(session, item_id)
    require_in_session(get_meeting(session, item.meeting_id), "record a decision", today)
    if session.scalars(select(Decision.id).where(Decision.item_id == item.id)).first() is not None:
        raise GovernanceError(f"A decision on '{item.title}' is already recorded.")
    if not text.strip():
        raise GovernanceError("Write the decision as it will stand in the decisions register.")
    summary = (public_summary or item.public_summary or "").strip() or None
    if item.part == Part.PRIVATE and summary is None:
        raise GovernanceError(
            f"'{item.title}' was decided in private: give a public summary of the decision that discloses no "
            "confidential information, which is what the public decisions register will show (§13.2)."
        )
    return item, summary if item.part == Part.PRIVATE else None


def _record(
    session: Session, actor: Actor, item: AgendaItem, text: str, summary: str | None, outcome: Outcome
) -> Decision:
    result = (
        DecisionOutcome.CONSENSUS
        if outcome.method == "consensus"
        else DecisionOutcome("carried" if outcome.passed else "failed")
    )
    decision = Decision(
        item_id=item.id,
        text=text.strip(),
        outcome=result.value,
        votes_for=outcome.votes_for,
        votes_against=outcome.votes_against,
        abstentions=outcome.abstentions,
        explanation=outcome.explanation,
        public_summary=summary,
    )
    session.add(decision)
    session.flush()
    record_event(
        session,
        actor,
        "governance.decision.record",
        "decision",
        str(decision.id),
        None,
        snapshot(decision, DECISION_FIELDS),
    )
    return decision


def _decide(
    session: Session,
    principal: Principal,
    item_id: int,
    text: str,
    public_summary: str | None,
    votes: Mapping[str, Choice] | None,
    today: date | None,
) -> Decision:
    """Record a decision by consensus (``votes`` None) or by the ``votes`` given, with the votes themselves."""
    actor = authorised(principal)
    item, summary = _decidable(session, item_id, text, public_summary, today)
    context = item_context(session, item)
    options = {"chair_allows_remote": context.chair_allows_remote, "withdrawn": context.withdrawn}
    try:
        if votes is None:
            outcome = decide_by_consensus(context.terms, context.attendees, **options)
        else:
            outcome = take_vote(context.terms, context.attendees, votes, **options)
    except VoteRefused as refused:
        raise GovernanceError(str(refused)) from None
    attendance = {row.member_name: row.id for row in get_meeting(session, item.meeting_id).attendance}
    session.add_all(
        Vote(item_id=item.id, attendance_id=attendance[m], choice=c.value) for m, c in (votes or {}).items()
    )
    return _record(session, actor, item, text, summary, outcome)


def record_consensus(
    session: Session,
    principal: Principal,
    item_id: int,
    text: str,
    *,
    public_summary: str | None = None,
    today: date | None = None,
) -> Decision:
    """Record a decision the members present reached by consensus, without a vote; the item must be quorate."""
    return _decide(session, principal, item_id, text, public_summary, None, today)


def record_vote(
    session: Session,
    principal: Principal,
    item_id: int,
    text: str,
    votes: Mapping[str, Choice],
    *,
    public_summary: str | None = None,
    today: date | None = None,
) -> Decision:
    """Record a formal vote (consensus was not reached): each member's vote, then the outcome, carried or not.

    ``votes`` maps each member's name, as in the attendance, to their vote; ``text`` is the proposal voted on.
    """
    return _decide(session, principal, item_id, text, public_summary, votes, today)


def raise_action(
    session: Session,
    principal: Principal,
    meeting_id: int,
    description: str,
    owner: str,
    *,
    due: date | None = None,
    item_id: int | None = None,
    today: date | None = None,
) -> Action:
    """Add an action to the register, raised at a meeting (on one of its items, if given), open until closed."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_in_session(meeting, "raise an action", today)
    if item_id is not None and get_item(session, item_id).meeting_id != meeting.id:
        raise GovernanceError(f"Agenda item {item_id} is not on the agenda of this meeting.")
    if not description.strip() or not owner.strip():
        raise GovernanceError("An action needs what is to be done and who owns it.")
    action = Action(
        meeting_id=meeting.id,
        item_id=item_id,
        description=description.strip(),
        owner=owner.strip(),
        due=due,
        status=ActionStatus.OPEN,
    )
    session.add(action)
    session.flush()
    record_event(
        session, actor, "governance.action.raise", "action", str(action.id), None, snapshot(action, ACTION_FIELDS)
    )
    return action


def close_action(session: Session, principal: Principal, action_id: int, on: date, note: str) -> Action:
    """Close an action, saying how it was done; it is no longer carried forward."""
    actor = authorised(principal)
    action = get_record(session, Action, action_id, "action")
    if action.status == ActionStatus.CLOSED:
        raise GovernanceError(f"The action '{action.description}' was already closed on {action.closed_on:%-d %B %Y}.")
    before = snapshot(action, ACTION_FIELDS)
    action.status, action.closed_on, action.closing_note = ActionStatus.CLOSED, on, note.strip() or None
    record_event(
        session, actor, "governance.action.close", "action", str(action.id), before, snapshot(action, ACTION_FIELDS)
    )
    return action


def _earlier_open_actions(session: Session, meeting: Meeting) -> list[Action]:
    return list(
        session.scalars(
            select(Action)
            .join(Meeting, Meeting.id == Action.meeting_id)
            .where(
                Meeting.committee_id == meeting.committee_id,
                Meeting.starts_at < meeting.starts_at,
                Action.status == ActionStatus.OPEN,
            )
            .order_by(Meeting.starts_at, Action.id)
        )
    )


def carry_forward_actions(session: Session, principal: Principal, meeting_id: int) -> list[Action]:
    """Bring every action still open from earlier meetings of the committee to this one as a matter arising.

    Returns the actions newly carried forward; running it again adds nothing twice.
    """
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise GovernanceError(f"Cannot carry actions forward to {describe_meeting(meeting)}: it is cancelled.")
    already = set(session.scalars(select(MatterArising.action_id).where(MatterArising.meeting_id == meeting.id)))
    carried = [action for action in _earlier_open_actions(session, meeting) if action.id not in already]
    session.add_all(MatterArising(meeting_id=meeting.id, action_id=action.id) for action in carried)
    session.flush()
    if carried:
        record_event(
            session,
            actor,
            "governance.action.carry_forward",
            "meeting",
            str(meeting.id),
            None,
            {"actions": [action.id for action in carried]},
        )
    return carried
