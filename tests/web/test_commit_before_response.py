"""A write is committed before its response starts: a client that follows the redirect (or reads the 201)
finds what it was told was done, and a commit that fails gives an error, never a success."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from icshub.auth.roles import Role
from icshub.auth.service import create_user
from icshub.db.engine import transaction
from icshub.installation import sessions
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.web.conftest import csrf_from

PASSWORD = "correct horse battery"


class Timeline:
    """The order of commits and response starts, as an ASGI wrapper and a session listener see them."""

    def __init__(self, app) -> None:
        self.app = app
        self.events: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        async def recording_send(message) -> None:
            if message["type"] == "http.response.start":
                self.events.append(f"response {message['status']}")
            await send(message)

        await self.app(scope, receive, recording_send)

    def committed(self, session: Session) -> None:
        self.events.append("commit")


@pytest.fixture
def officer(demo_copy) -> Iterator[tuple[TestClient, Timeline, str]]:
    settings, _ = demo_copy
    with transaction(sessions(settings)) as session:
        create_user(session, TEST_ACTOR, "commit.officer", Role.OFFICER, password=PASSWORD)
    timeline = Timeline(create_app(settings))
    event.listen(Session, "after_commit", timeline.committed)
    try:
        with TestClient(timeline) as client:
            token = csrf_from(client.get("/login").text)
            client.post("/login", data={"username": "commit.officer", "password": PASSWORD, "csrf_token": token})
            yield client, timeline, csrf_from(client.get("/meetings/schedule").text)
    finally:
        event.remove(Session, "after_commit", timeline.committed)


def _a_wednesday_ahead() -> date:
    day = date.today() + timedelta(days=40)
    return day + timedelta(days=(2 - day.weekday()) % 7)


def test_a_new_meeting_is_committed_before_the_redirect_to_it(officer) -> None:
    client, timeline, token = officer
    timeline.events.clear()
    form = {"csrf_token": token, "committee": "icp-joint-committee", "venue": "Sessions House, Maidstone"}
    page = client.post(
        "/meetings/schedule", data=form | {"starts_at": f"{_a_wednesday_ahead()}T10:00"}, follow_redirects=False
    )
    assert page.status_code == 303
    assert timeline.events.index("commit") < timeline.events.index("response 303"), timeline.events
    assert re.search(r"/meetings/\d+/manage", page.headers["location"])


def test_an_api_write_is_committed_before_its_answer(officer) -> None:
    client, timeline, token = officer
    timeline.events.clear()
    answer = client.post(
        "/api/v1/strategy/items/commitment/so1-p1-c1/updates",
        json={"status": "on_track"},
        headers={"x-csrf-token": token},
    )
    assert answer.status_code == 201, answer.text
    assert timeline.events.index("commit") < timeline.events.index("response 201"), timeline.events


def test_a_commit_that_fails_answers_with_an_error(officer, monkeypatch: pytest.MonkeyPatch) -> None:
    client, _, token = officer

    def refuse(session: Session) -> None:
        raise OperationalError("COMMIT", {}, Exception("the database went away"))

    monkeypatch.setattr(Session, "commit", refuse)
    form = {"csrf_token": token, "committee": "icp-joint-committee", "venue": "Sessions House, Maidstone"}
    client_without_raise = TestClient(client.app, raise_server_exceptions=False, cookies=client.cookies)
    page = client_without_raise.post(
        "/meetings/schedule", data=form | {"starts_at": f"{_a_wednesday_ahead()}T10:00"}, follow_redirects=False
    )
    assert page.status_code == 500
