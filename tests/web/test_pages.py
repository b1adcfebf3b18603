"""Pages anyone can read, and the sign-in journey with its protections."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select

from icshub.auth.models import AuditEvent
from icshub.auth.roles import Role
from icshub.auth.service import create_user
from icshub.db.engine import engine_for, make_session_factory, transaction
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.web.conftest import csrf_from


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/", "How the system is organised"),
        ("/partnerships/dartford-gravesham-and-swanley", "Dartford Central PCN"),
        ("/partnerships?type=place", "East Kent Health and Care Partnership"),
        ("/organisations?type=gp_practice", "Horsman&#39;s Place Surgery"),
        ("/organisations/g82048", "U10200"),
        ("/committees", "Integrated Care Partnership"),
        ("/committees/icp-joint-committee", "Leader of Kent County Council"),
        ("/areas/E07000111", "Sevenoaks"),
        ("/search?q=swanley", "Swanley"),
        ("/about/data", "epraccur_kent_medway_QKS.csv"),
    ],
)
def test_public_pages_need_no_login(client, path: str, text: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert text in response.text
    assert "Content-Security-Policy" in response.headers


def test_a_place_page_has_its_map_and_charts(client) -> None:
    html = client.get("/partnerships/west-kent").text
    for chart in ("place-map", "age-chart", "deprivation-chart"):
        assert f'data-vega-spec="{chart}-spec"' in html
    assert "/api/v1/places/west-kent/boundaries.geojson" in html
    assert "Tunbridge Wells" in html and "Sevenoaks" in html


def test_search_answers_htmx_with_a_fragment(client) -> None:
    fragment = client.get("/search?q=medway", headers={"HX-Request": "true"}).text
    assert "<html" not in fragment and "Medway" in fragment


def test_unknown_page_is_a_404_page(client) -> None:
    response = client.get("/partnerships/atlantis")
    assert response.status_code == 404 and "Page not found" in response.text


def _user(demo, username: str, role: Role, password: str = "correct horse battery") -> None:
    settings, _ = demo
    with transaction(make_session_factory(engine_for(settings.database_url))) as session:
        create_user(session, TEST_ACTOR, username, role, password=password)


def test_login_needs_the_csrf_token(client) -> None:
    response = client.post("/login", data={"username": "admin", "password": "x"})
    assert response.status_code == 403


def test_login_logout_and_the_audit_log(client, demo) -> None:
    _user(demo, "web.admin", Role.ADMINISTRATOR)
    assert client.get("/admin/audit").status_code == 401
    token = csrf_from(client.get("/login").text)
    wrong = client.post("/login", data={"username": "web.admin", "password": "nope", "csrf_token": token})
    assert wrong.status_code == 400 and "not right" in wrong.text
    token = csrf_from(wrong.text)
    response = client.post(
        "/login",
        data={
            "username": "web.admin",
            "password": "correct horse battery",
            "csrf_token": token,
            "next": "/admin/audit",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/admin/audit"
    page = client.get("/admin/audit")
    assert page.status_code == 200 and "users.login" in page.text
    token = csrf_from(page.text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/admin/audit").status_code == 401


def test_an_officer_cannot_read_the_audit_log(client, demo) -> None:
    _user(demo, "web.officer", Role.OFFICER)
    token = csrf_from(client.get("/login").text)
    client.post("/login", data={"username": "web.officer", "password": "correct horse battery", "csrf_token": token})
    assert client.get("/admin/audit").status_code == 403


def test_login_redirects_only_to_local_pages(client, demo) -> None:
    _user(demo, "web.visitor", Role.PARTNER_MEMBER)
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login",
        data={
            "username": "web.visitor",
            "password": "correct horse battery",
            "csrf_token": token,
            "next": "https://evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def change(client, token: str, current: str, new: str, confirm: str):
    data = {"current": current, "new": new, "confirm": confirm, "csrf_token": token}
    return client.post("/account/password", data=data)


def test_a_one_time_password_must_be_changed(client, demo) -> None:
    settings, result = demo
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": result.admin_username, "password": result.admin_password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/account/password"
    page = client.get("/account/password")
    token = csrf_from(page.text)
    mismatch = change(client, token, result.admin_password, "a new long password", "different")
    assert mismatch.status_code == 400 and "not the same" in mismatch.text
    done = change(client, csrf_from(mismatch.text), result.admin_password, "a new long password", "a new long password")
    assert done.status_code == 200 and "has been changed" in done.text
    with make_session_factory(engine_for(settings.database_url))() as session:
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "users.change_password"))


def test_every_route_goes_through_the_policy(demo) -> None:
    app = create_app(demo[0])
    unguarded = []
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        dependencies = [d.call for d in route.dependant.dependencies]
        stack = list(route.dependant.dependencies)
        while stack:
            dependant = stack.pop()
            dependencies.append(dependant.call)
            stack.extend(dependant.dependencies)
        if not any(hasattr(call, "__permission__") for call in dependencies):
            unguarded.append(route.path)
    assert unguarded == []
