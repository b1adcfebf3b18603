"""Progress updates: appended, the latest current, overdue against the day asked, leads limited to theirs."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from icshub.auth.actor import Actor
from icshub.auth.models import AuditEvent
from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.auth.service import acts_for, affiliate, create_user
from icshub.db.engine import transaction
from icshub.installation import sessions
from icshub.registry import queries as registry_queries
from icshub.strategy import dashboard, queries
from icshub.strategy.errors import ProgressError
from icshub.strategy.services import progress_updates as progress
from icshub.strategy.vocabulary import ItemType, ProgressStatus, Rag
from tests.conftest import TEST_ACTOR
from tests.strategy.conftest import OFFICER, TODAY


def request(key: str, status: ProgressStatus, as_of: date = TODAY, item_type=ItemType.MILESTONE, **extra):
    return progress.UpdateRequest(
        item_type,
        key,
        status,
        extra.get("rag"),
        extra.get("narrative"),
        tuple(extra.get("evidence", ())),
        as_of,
        extra.get("publish", True),
    )


def record(planned, principal, update, acts=frozenset()):
    with transaction(sessions(planned)) as session:
        plan = queries.get_plan(session, "test-1")
        return progress.record_update(session, principal, set(acts), plan, update, TODAY)


def rows(planned, on: date, drafts: bool = True):
    with sessions(planned)() as session:
        return {r.key: r for r in queries.plan_items(session, queries.get_plan(session, "test-1"), on, drafts)}


def test_a_month_milestone_is_overdue_the_day_after_the_month(planned) -> None:
    assert not rows(planned, date(2024, 3, 31))["t-so1-m1"].overdue
    assert rows(planned, date(2024, 4, 1))["t-so1-m1"].overdue
    # A financial year ends on 31 March.
    assert not rows(planned, date(2025, 3, 31))["t-so1-m2"].overdue
    assert rows(planned, date(2025, 4, 1))["t-so1-m2"].overdue
    # A milestone the plan gives no date for is never overdue.
    assert not rows(planned, date(2030, 1, 1))["t-so1-m3"].overdue


def test_updates_are_appended_and_the_latest_is_current(planned) -> None:
    record(planned, OFFICER, request("t-so1-m2", ProgressStatus.AT_RISK, date(2025, 1, 10), rag=Rag.AMBER))
    record(planned, OFFICER, request("t-so1-m2", ProgressStatus.ON_TRACK, date(2025, 2, 10), rag=Rag.GREEN))
    # An update dated earlier, recorded later, does not replace the later status.
    record(planned, OFFICER, request("t-so1-m2", ProgressStatus.OFF_TRACK, date(2024, 12, 1)))
    row = rows(planned, date(2025, 2, 11))["t-so1-m2"]
    assert (row.status, row.rag, row.as_of) == (ProgressStatus.ON_TRACK, "green", date(2025, 2, 10))
    with sessions(planned)() as session:
        history = queries.item_history(session, ItemType.MILESTONE, "t-so1-m2", include_drafts=True)
    assert [u.status for u in history][:2] == ["on_track", "at_risk"] and len(history) == 3


def test_complete_work_is_not_overdue(planned) -> None:
    record(planned, OFFICER, request("t-so1-m1", ProgressStatus.COMPLETE, date(2024, 3, 20)))
    assert not rows(planned, date(2025, 1, 1))["t-so1-m1"].overdue


def test_updates_cannot_be_dated_in_the_future_or_name_unknown_items(planned) -> None:
    with pytest.raises(ProgressError, match="in the future"):
        record(planned, OFFICER, request("t-so1-m1", ProgressStatus.ON_TRACK, date(2025, 6, 2)))
    with pytest.raises(ProgressError, match="no milestone 'nope'"):
        record(planned, OFFICER, request("nope", ProgressStatus.ON_TRACK))
    with pytest.raises(ProgressError, match="web links"):
        record(planned, OFFICER, request("t-so1-m1", ProgressStatus.ON_TRACK, evidence=["see the minutes"]))


def _lead_user(planned, username: str, organisation: str) -> Principal:
    with transaction(sessions(planned)) as session:
        user = create_user(session, TEST_ACTOR, username, Role.PARTNER_MEMBER).user
        kind, body = registry_queries.body_id(session, "organisation", organisation)
        affiliate(session, TEST_ACTOR, username, kind, body, organisation)
        return Principal(Role.PARTNER_MEMBER, user.id, username, username)


def test_a_lead_updates_only_what_it_leads_and_as_a_draft(planned) -> None:
    lead = _lead_user(planned, "kcc.lead", "kent-county-council")
    with sessions(planned)() as session:
        bodies = acts_for(session, lead.user_id)
    update = record(planned, lead, request("t-so1-c2", ProgressStatus.ON_TRACK, item_type=ItemType.COMMITMENT), bodies)
    assert update.published is False  # a lead's update waits for an officer to publish it
    with pytest.raises(ProgressError, match="only what a body you act for leads"):
        record(planned, lead, request("t-so1-c1", ProgressStatus.ON_TRACK, item_type=ItemType.COMMITMENT), bodies)
    # The public sees the published status, not the draft; partners see the draft.
    assert rows(planned, TODAY, drafts=False)["t-so1-c2"].status is ProgressStatus.NOT_STARTED
    assert rows(planned, TODAY, drafts=True)["t-so1-c2"].draft
    with transaction(sessions(planned)) as session:
        progress.publish_update(session, OFFICER, update.id)
    assert rows(planned, TODAY, drafts=False)["t-so1-c2"].status is ProgressStatus.ON_TRACK


def test_someone_without_an_affiliation_or_the_right_role_cannot_update(planned) -> None:
    member = Principal(Role.PARTNER_MEMBER, None, "nobody", "Nobody")
    analyst = Principal(Role.ANALYST, None, "ana", "Ana")
    for principal in (member, analyst):
        with pytest.raises(ProgressError, match="only what a body you act for leads"):
            record(planned, principal, request("t-so1-m1", ProgressStatus.ON_TRACK))


def test_every_update_is_audited(planned) -> None:
    update = record(planned, OFFICER, request("t-so1-m3", ProgressStatus.NOT_STARTED, narrative="Board to meet"))
    with sessions(planned)() as session:
        event = session.scalar(
            select(AuditEvent).where(AuditEvent.action == "strategy.progress.record").order_by(AuditEvent.id.desc())
        )
    assert event.actor == OFFICER.username and event.after["item_key"] == "t-so1-m3" == update.item_key
    assert event.after["narrative"] == "Board to meet"


def test_the_dashboard_puts_overdue_and_at_risk_first_and_filters(planned) -> None:
    all_rows = list(rows(planned, date(2025, 4, 2)).values())
    ordered = dashboard.concern_first(all_rows)
    assert ordered[0].overdue
    counts = dashboard.status_counts(all_rows)
    assert counts["t-so1"]["total"] == 5 and "t-en1" not in counts  # an enabler with no items has no row
    with sessions(planned)() as session:
        kcc = registry_queries.body_id(session, "organisation", "kent-county-council")
        dgs = registry_queries.body(session, "partnership", "dartford-gravesham-and-swanley")
        in_dgs = frozenset(queries.bodies_within(session, dgs))
    assert [r.key for r in dashboard.apply(all_rows, dashboard.Filters(lead=kcc))] == ["t-so1-c2"]
    assert [r.key for r in dashboard.apply(all_rows, dashboard.Filters(place_bodies=in_dgs, place_key=dgs.key))] == [
        "t-so1-m3"
    ]
    window = dashboard.Filters(due_from=date(2024, 3, 1), due_to=date(2024, 3, 31))
    assert [r.key for r in dashboard.apply(all_rows, window)] == ["t-so1-m1"]


def test_cli_actor_is_an_officer() -> None:
    from icshub.cli.options import CLI_PRINCIPAL

    assert CLI_PRINCIPAL.role is Role.OFFICER and Actor("cli").name == CLI_PRINCIPAL.username
