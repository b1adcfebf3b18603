"""The plan on the web and through the API: what the public sees, and who may record what."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from icshub.auth.roles import Role
from icshub.auth.service import affiliate, create_user
from icshub.db.engine import transaction
from icshub.installation import sessions
from icshub.registry.queries import body_id
from icshub.strategy.services import plan_versions as service
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.web.conftest import csrf_from

PASSWORD = "a long test password"


@pytest.fixture
def client(planned):
    with TestClient(create_app(planned)) as client:
        yield client


def sign_in(client: TestClient, username: str) -> str:
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    return csrf_from(client.get("/strategy").text)


def user(planned, username: str, role: Role, acts_for: tuple[str, str] | None = None) -> str:
    with transaction(sessions(planned)) as session:
        create_user(session, TEST_ACTOR, username, role, password=PASSWORD)
        if acts_for:
            kind, key = acts_for
            affiliate(session, TEST_ACTOR, username, kind, body_id(session, kind, key)[1], key)
    return username


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/strategy", "Give children and young people the best start in life"),
        ("/strategy/outcomes/t-so1", "Family Hub Programme \N{EN DASH} Medway &amp; KCC"),
        ("/strategy/outcomes/t-so1", "I am happy and secure at school and at home"),
        ("/strategy/leads/organisation/kent-county-council", "Reduce the % of children living in poverty"),
        ("/strategy/places/dartford-gravesham-and-swanley", "Flow and discharge"),
        ("/strategy/places/east-kent", "Ashford Borough Council"),
        ("/strategy/dashboard", "Status by outcome"),
        ("/strategy/items/milestone/t-so1-m1", "Launch Family Hub programme"),
        ("/strategy/versions", "test-1"),
    ],
)
def test_the_published_plan_is_public(client, path: str, text: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert text in response.text


def test_draft_versions_are_hidden_from_the_public(client, planned) -> None:
    with transaction(sessions(planned)) as session:
        service.create_version(session, TEST_ACTOR, "test-1", "draft-web")
    assert client.get("/strategy?version=draft-web").status_code == 404
    assert client.get("/api/v1/strategy/plans/draft-web").status_code == 404
    assert "draft-web" not in [p["version"] for p in client.get("/api/v1/strategy/plans").json()]
    sign_in(client, user(planned, "web.partner", Role.PARTNER_MEMBER))
    assert client.get("/api/v1/strategy/plans/draft-web").status_code == 200


def test_an_officer_records_an_update_and_the_dashboard_shows_it(client, planned) -> None:
    with transaction(sessions(planned)) as session:
        create_user(session, TEST_ACTOR, "web.officer", Role.OFFICER, "Wendy Officer", password=PASSWORD)
    token = sign_in(client, "web.officer")
    response = client.post(
        "/strategy/items/milestone/t-so1-m3/updates",
        data={
            "status": "off_track",
            "rag": "red",
            "narrative": "Board delayed",
            "csrf_token": token,
            "publish": "true",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    dashboard = client.get("/strategy/dashboard?status=off_track").text
    assert "Programme board established" in dashboard
    public = TestClient(create_app(planned))
    page = public.get("/strategy/items/milestone/t-so1-m3").text
    assert "Board delayed" in page
    # Who recorded it is named by name and role, never by the username they sign in with.
    assert "by Wendy Officer (officer)" in page and "web.officer" not in page
    [update] = public.get("/api/v1/strategy/items/milestone/t-so1-m3/updates").json()[:1]
    assert update["recorded_by"] == "Wendy Officer (officer)"


def test_a_lead_cannot_update_another_leads_item_through_the_api(client, planned) -> None:
    token = sign_in(client, user(planned, "api.lead", Role.PARTNER_MEMBER, ("organisation", "kent-county-council")))
    headers = {"X-CSRF-Token": token}
    mine = client.post(
        "/api/v1/strategy/items/commitment/t-so1-c2/updates", json={"status": "on_track"}, headers=headers
    )
    assert mine.status_code == 201 and mine.json()["published"] is False
    theirs = client.post(
        "/api/v1/strategy/items/commitment/t-so1-c1/updates", json={"status": "on_track"}, headers=headers
    )
    assert theirs.status_code == 422 and "only what a body you act for leads" in theirs.json()["detail"]
    without_token = client.post("/api/v1/strategy/items/commitment/t-so1-c2/updates", json={"status": "on_track"})
    assert without_token.status_code == 403


def test_the_public_cannot_record_or_see_drafts(client, planned) -> None:
    response = client.post("/api/v1/strategy/items/milestone/t-so1-m1/updates", json={"status": "complete"})
    assert response.status_code == 401
    history = client.get("/api/v1/strategy/items/commitment/t-so1-c2/updates").json()
    assert all(update["published"] for update in history)


def test_a_future_date_is_refused_on_the_form(client, planned) -> None:
    token = sign_in(client, user(planned, "web.officer2", Role.OFFICER))
    response = client.post(
        "/strategy/items/milestone/t-so1-m2/updates",
        data={"status": "complete", "as_of": "2999-01-01", "csrf_token": token},
    )
    assert response.status_code == 400 and "in the future" in response.text


def test_exports(client) -> None:
    csv_response = client.get("/api/v1/strategy/export.csv")
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert csv_response.text.splitlines()[0].startswith("item_type,item_key")
    workbook = load_workbook(io.BytesIO(client.get("/api/v1/strategy/export.xlsx").content))
    assert workbook["Delivery plan"].max_row == 6
    assert client.get("/api/v1/strategy/export.pdf").status_code == 404


def test_the_items_api_filters_and_judges_overdue_on_the_day_asked(client) -> None:
    on_time = client.get("/api/v1/strategy/items", params={"on": "2024-03-31", "overdue": True}).json()
    late = client.get("/api/v1/strategy/items", params={"on": "2024-04-01", "overdue": True}).json()
    assert "t-so1-m1" not in [i["key"] for i in on_time] or any(i["status"] == "complete" for i in on_time)
    assert [i["key"] for i in late][:1] in (["t-so1-m1"], ["t-so1-m2"])
    kcc = client.get("/api/v1/strategy/items", params={"lead_kind": "organisation", "lead": "kent-county-council"})
    assert [i["key"] for i in kcc.json()] == ["t-so1-c2"]


def test_uploading_a_sheet_with_a_bad_row_writes_nothing(client, planned) -> None:
    token = sign_in(client, user(planned, "web.officer3", Role.OFFICER))
    content = (
        b"item_type,item_key,new_status,new_rag,new_narrative,new_evidence,new_date\nmilestone,t-so1-m1,done,,,,\n"
    )
    response = client.post(
        "/strategy/import", data={"csrf_token": token}, files={"file": ("updates.csv", content, "text/csv")}
    )
    assert response.status_code == 400 and "updates.csv, line 2, field &#39;new_status&#39;" in response.text


def test_a_sheet_that_cannot_be_read_whole_is_refused_through_the_api_not_a_server_error(client, planned) -> None:
    sign_in(client, user(planned, "web.officer4", Role.OFFICER))
    token = client.get("/api/v1/session").json()["csrf_token"]
    header = b"item_type,item_key,new_status,new_rag,new_narrative,new_evidence,new_date\n"
    for content, words in (
        (header + b'milestone,t-so1-m1,on_track,,"' + b"x" * 140_000 + b'",,\n', "longer than"),
        (header + b"milestone,t-so1-m1,on_track", "has 3 fields where the header has 7"),
        (b"", "the file is empty"),
    ):
        answer = client.post(
            "/api/v1/strategy/imports",
            files={"file": ("updates.csv", content, "text/csv")},
            headers={"x-csrf-token": token},
        )
        assert answer.status_code == 422, answer.text[:300]
        assert any(words in problem for problem in answer.json()["detail"])


def test_api_clients_get_their_csrf_token_from_the_session_endpoint(client, planned) -> None:
    sign_in(client, user(planned, "api.officer", Role.OFFICER))
    session = client.get("/api/v1/session").json()
    assert session["username"] == "api.officer" and session["role"] == "officer"
    headers = {session["csrf_header"]: session["csrf_token"]}
    response = client.post(
        "/api/v1/strategy/items/milestone/t-so1-m2/updates",
        json={"status": "on_track", "publish": True},
        headers=headers,
    )
    assert response.status_code == 201 and response.json()["published"] is True
    withdrawn = client.post("/api/v1/strategy/plans/test-1/status", json={"status": "draft"}, headers=headers)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "draft"
    assert (
        client.post("/api/v1/strategy/plans/test-1/status", json={"status": "published"}, headers=headers).json()[
            "status"
        ]
        == "published"
    )


def test_the_export_follows_the_dashboard_filters(client) -> None:
    page = client.get("/strategy/dashboard?lead=organisation:kent-county-council")
    assert "export.xlsx?lead_kind=organisation&amp;lead=kent-county-council" in page.text
    csv_text = client.get("/api/v1/strategy/export.csv?lead_kind=organisation&lead=kent-county-council").text
    assert [line.split(",")[1] for line in csv_text.splitlines()[1:]] == ["t-so1-c2"]
