"""How the application answers what is not an ordinary GET of a page that exists: HEAD like the GET without
its body, a browser's errors as pages (not JSON), a sign-in link where signing in would help, no internal
permission names, and no server error for a name too long to be a dataset."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from icshub.auth.roles import Role
from icshub.auth.service import create_user
from icshub.db.engine import transaction
from icshub.installation import sessions
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.web.conftest import csrf_from

HTML = {"accept": "text/html"}
PASSWORD = "correct horse battery"


@pytest.mark.parametrize("path", ["/", "/meetings.ics", "/strategy", "/api/v1/system", "/static/icshub.css"])
def test_head_answers_as_get_without_the_body(client, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert get.status_code == head.status_code == 200, path
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.content == b""


@pytest.mark.parametrize("path", ["/nope", "/strategy/plans/9999", "/meetings/999999"])
def test_a_browser_is_shown_a_page_for_what_is_not_there(client, path: str) -> None:
    answer = client.get(path, headers=HTML)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html") and "<h1>Page not found</h1>" in answer.text


def test_an_api_client_still_gets_json(client) -> None:
    answer = client.get("/api/v1/nope")
    assert answer.status_code == 404 and answer.json() == {"detail": "Not Found"}


def test_a_page_for_the_signed_in_offers_to_sign_in_and_names_no_permission(client) -> None:
    answer = client.get("/admin/audit", headers=HTML)
    assert answer.status_code == 401
    assert 'href="/login?next=%2Fadmin%2Faudit"' in answer.text
    assert "audit.read" not in answer.text and "may not do" not in answer.text


def test_a_name_too_long_for_a_dataset_is_refused_not_a_server_error(demo_copy) -> None:
    settings, _ = demo_copy
    with transaction(sessions(settings)) as session:
        create_user(session, TEST_ACTOR, "long.names", Role.ANALYST, password=PASSWORD)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        token = csrf_from(client.get("/login").text)
        client.post("/login", data={"username": "long.names", "password": PASSWORD, "csrf_token": token})
        answer = client.get("/population/" + "x" * 300, headers=HTML)
    assert answer.status_code == 404 and "There is no population dataset" in answer.text
