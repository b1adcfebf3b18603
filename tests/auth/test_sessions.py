"""Sessions kept on the server: signing out, a password change or the user ends them, and a copied cookie
is then worth nothing; a one-time password must be changed before anything else; the session cookie is
HTTPS-only outside the demo; the throttle counts attempts made at the same time; and an unknown username
is checked as long as a known one."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from icshub.auth import service
from icshub.auth.audit import recent_events
from icshub.auth.roles import Role
from icshub.auth.service import create_user, log_in
from icshub.auth.throttle import MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_USERNAME
from icshub.config import load_settings
from icshub.db.engine import engine_for, make_session_factory, transaction
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.web.conftest import csrf_from

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a different horse entirely"


@pytest.fixture
def factory(settings):
    return make_session_factory(engine_for(settings.database_url))


@pytest.fixture
def app(settings, factory):
    with transaction(factory) as session:
        create_user(session, TEST_ACTOR, "sam", Role.OFFICER, password=PASSWORD)
        create_user(session, TEST_ACTOR, "pat", Role.PUBLIC, password=PASSWORD)
    return create_app(settings)


def sign_in(client: TestClient, username: str = "sam", password: str = PASSWORD):
    token = csrf_from(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def signed_in_as(client: TestClient) -> str | None:
    return client.get("/api/v1/session").json()["username"]


def test_signing_out_ends_the_session_and_a_copied_cookie_with_it(app) -> None:
    with TestClient(app) as client, TestClient(app) as thief:
        sign_in(client)
        assert signed_in_as(client) == "sam"
        thief.cookies.update(client.cookies)  # a copy of the cookie, taken while signed in
        assert signed_in_as(thief) == "sam"
        client.post("/logout", data={"csrf_token": csrf_from(client.get("/account/password").text)})
        assert signed_in_as(client) is None
        assert signed_in_as(thief) is None, "the copied cookie still works after signing out"
        assert thief.get("/account/password", follow_redirects=False).status_code == 401


def test_a_password_change_ends_every_other_session(app) -> None:
    with TestClient(app) as here, TestClient(app) as elsewhere:
        sign_in(here)
        sign_in(elsewhere)
        page = here.get("/account/password").text
        form = {"csrf_token": csrf_from(page), "current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
        assert "Your password has been changed" in here.post("/account/password", data=form).text
        assert signed_in_as(here) == "sam"
        assert signed_in_as(elsewhere) is None


def test_the_user_sees_their_sessions_and_ends_one(app) -> None:
    with TestClient(app) as here, TestClient(app) as elsewhere, TestClient(app) as other:
        sign_in(here)
        sign_in(elsewhere)
        sign_in(other, "pat")
        page = here.get("/account/sessions").text
        assert page.count('<tr class="nhsuk-table__row">') == 3  # the header and two sessions
        assert "This session" in page
        [other_session] = re.findall(r"/account/sessions/(\d+)/end", page)
        token = csrf_from(page)
        # Another account's session is not theirs to end.
        pats = other.get("/account/sessions").text
        [pats_session] = re.findall(r"/account/sessions/(\d+)/end", pats) or [None]
        assert pats_session is None  # pat has one session, the current one
        ended = here.post(f"/account/sessions/{other_session}/end", data={"csrf_token": token})
        assert ended.status_code == 200 and "/account/sessions/" not in ended.text.split("<tbody", 1)[1]
        assert signed_in_as(elsewhere) is None and signed_in_as(here) == "sam"
        assert here.post("/account/sessions/999999/end", data={"csrf_token": token}).status_code == 404


def test_a_one_time_password_must_be_changed_before_anything_else(app, factory) -> None:
    with transaction(factory) as session:
        one_time = create_user(session, TEST_ACTOR, "new.officer", Role.OFFICER).password
    with TestClient(app) as client:
        assert sign_in(client, "new.officer", one_time).url.path == "/account/password"
        for path in ("/strategy", "/meetings/schedule", "/admin/audit", "/"):
            answer = client.get(path, follow_redirects=False)
            assert answer.status_code == 303 and answer.headers["location"] == "/account/password", path
        api = client.get("/api/v1/strategy/plans")
        assert api.status_code == 403 and "Choose your own password" in api.json()["detail"]
        page = client.get("/account/password").text
        form = {"csrf_token": csrf_from(page), "current": one_time, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
        assert "Your password has been changed" in client.post("/account/password", data=form).text
        assert client.get("/meetings/schedule").status_code == 200


def test_a_public_account_can_change_its_password(app) -> None:
    with TestClient(app) as client:
        sign_in(client, "pat")
        page = client.get("/account/password")
        assert page.status_code == 200
        form = {"csrf_token": csrf_from(page.text), "current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
        assert "Your password has been changed" in client.post("/account/password", data=form).text


@pytest.mark.parametrize(("secure", "flagged"), [(True, True), (False, False)])
def test_the_session_cookie_is_https_only_when_the_setting_says(settings, app, secure, flagged) -> None:
    with TestClient(create_app(replace(settings, secure_cookies=secure)), base_url="https://testserver") as client:
        cookie = client.get("/login").headers["set-cookie"]  # the session carries the form's CSRF token
    assert ("secure" in cookie.lower()) is flagged


def test_the_setting_is_on_unless_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ICSHUB_SECURE_COOKIES")
    assert load_settings().secure_cookies is True
    monkeypatch.setenv("ICSHUB_SECURE_COOKIES", "off")
    assert load_settings().secure_cookies is False


def test_wrong_passwords_sent_at_once_are_all_counted(app, factory) -> None:
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: log_in(factory, "sam", "guess", "10.1.0.1"), range(19)))
    checked = [result for result in results if result.locked_until is None]
    assert len(checked) <= MAX_FAILURES_PER_USERNAME, f"{len(checked)} guesses were checked"
    assert log_in(factory, "sam", PASSWORD, "10.1.0.2").locked_until is not None


def test_a_success_does_not_reset_the_clients_count(app, factory) -> None:
    for index in range(MAX_FAILURES_PER_CLIENT):
        if index % 4 == 0:
            assert log_in(factory, "pat", PASSWORD, "10.2.0.1").succeeded
        assert not log_in(factory, f"guess-{index % 3}", "guess", "10.2.0.1").succeeded
    assert log_in(factory, "pat", PASSWORD, "10.2.0.1").locked_until is not None


def test_an_unknown_username_is_checked_like_a_known_one_and_every_failure_is_audited(
    app, factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = service.verify_password
    monkeypatch.setattr(
        service, "verify_password", lambda digest, password: checked.append(digest) or real(digest, password)
    )
    assert not log_in(factory, "nobody", "guess", "10.3.0.1").succeeded
    assert not log_in(factory, "sam", "guess", "10.3.0.1").succeeded
    assert len(checked) == 2 and all(digest.startswith("$argon2id$") for digest in checked)
    with factory() as session:
        failures = recent_events(session, action_prefix="users.login_failed")
    assert [(event.entity_key, event.detail) for event in failures[:2]] == [
        ("sam", "wrong username or password"),
        ("nobody", "wrong username or password"),
    ]
