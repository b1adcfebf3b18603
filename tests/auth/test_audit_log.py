"""The audit log as an administrator reads it: filtered by who, what, object and when, a page at a time,
and exported whole as CSV with each record before and after."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from icshub.auth.actor import Actor
from icshub.auth.audit import AuditFilter, record_access, record_event, search_events
from icshub.auth.models import AuditEvent
from icshub.auth.roles import Role
from icshub.auth.service import create_user
from icshub.db.engine import engine_for, make_session_factory, transaction
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.web.conftest import csrf_from

PASSWORD = "correct horse battery"


@pytest.fixture
def logged(settings):
    """An administrator, and 130 events: 120 by a clerk on meetings, 10 by an analyst on cohorts, dated."""
    factory = make_session_factory(engine_for(settings.database_url))
    with transaction(factory) as session:
        create_user(session, TEST_ACTOR, "audit.admin", Role.ADMINISTRATOR, password=PASSWORD)
        for index in range(120):
            record_event(
                session, Actor("clerk"), "governance.meeting.schedule", "meeting", str(index), None, {"n": index}
            )
        for index in range(10):
            record_event(session, Actor("analyst"), "population.cohort.save", "cohort", f"frail v{index}")
        # The analyst's events were on 1 March 2026.
        session.execute(
            update(AuditEvent).where(AuditEvent.actor == "analyst").values(at=datetime(2026, 3, 1, 12, tzinfo=UTC))
        )
    return settings, factory


def test_the_filter_finds_by_who_what_object_and_when(logged) -> None:
    _, factory = logged
    with factory() as session:
        assert search_events(session, AuditFilter(who="analy")).total == 10
        assert search_events(session, AuditFilter(what="governance.")).total == 120
        assert search_events(session, AuditFilter(entity_type="cohort", entity_key="v3")).total == 1
        on_the_day = AuditFilter(on_or_after=date(2026, 3, 1), on_or_before=date(2026, 3, 1))
        assert search_events(session, on_the_day).total == 10
        assert search_events(session, AuditFilter(on_or_before=date(2026, 2, 28))).total == 0
        # A wildcard in what is asked is a character, not a pattern.
        assert search_events(session, AuditFilter(who="%")).total == 0


def test_the_page_filters_pages_and_exports(logged) -> None:
    settings, _ = logged
    with TestClient(create_app(settings)) as client:
        token = csrf_from(client.get("/login").text)
        client.post("/login", data={"username": "audit.admin", "password": PASSWORD, "csrf_token": token})
        first = client.get("/admin/audit?who=clerk")
        assert first.status_code == 200 and "120 events, newest first; page 1 of 2" in first.text
        assert 'href="/admin/audit?who=clerk&amp;page=2"' in first.text
        second = client.get("/admin/audit?who=clerk&page=2")
        assert "page 2 of 2" in second.text and second.text.count("governance.meeting.schedule") == 20
        refused = client.get("/admin/audit?from=1%20March")
        assert refused.status_code == 422 and "From &#39;1 March&#39; is not a date" in refused.text

        export = client.get("/admin/audit.csv?who=clerk")
        assert export.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(export.text)))
        assert len(rows) == 120 and rows[0]["entity_key"] == "119" and json.loads(rows[0]["after"]) == {"n": 119}
        assert client.get("/admin/audit.csv?to=yesterday").status_code == 422


def test_a_reading_is_recorded_at_once_and_a_writing_request_records_it_with_its_writes(logged) -> None:
    _, factory = logged
    reader = Actor("reader")
    with factory() as session:  # a request that only reads, then fails
        session.scalar(select(func.count()).select_from(AuditEvent))
        record_access(session, reader, "governance.part2.read", "meeting", "1")
        session.rollback()
    with factory() as session:  # a request that writes, reads Part 2, then fails: nothing of it is kept
        record_event(session, Actor("clerk"), "governance.minutes.draft", "minutes", "2")
        session.flush()
        record_access(session, reader, "governance.part2.read", "meeting", "2")  # does not wait for itself
        session.rollback()
    with factory() as session:
        reads = [e.entity_key for e in search_events(session, AuditFilter(who="reader")).events]
    assert reads == ["1"]
