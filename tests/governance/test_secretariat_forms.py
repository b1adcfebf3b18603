"""The secretariat runs a meeting through the web forms, from scheduling to minutes approved at the next
meeting; refusals come back on the page in the service's words, with nothing written."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from fastapi.testclient import TestClient

from icshub.auth.roles import Role
from icshub.auth.service import create_user
from icshub.db.engine import transaction
from icshub.installation import sessions
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.governance.helpers import NINE
from tests.web.conftest import csrf_from

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def clerk(registry):
    with transaction(sessions(registry)) as session:
        create_user(session, TEST_ACTOR, "forms.clerk", Role.OFFICER, password=PASSWORD)
    with TestClient(create_app(registry)) as client:
        token = csrf_from(client.get("/login").text)
        client.post("/login", data={"username": "forms.clerk", "password": PASSWORD, "csrf_token": token})
        yield client, csrf_from(client.get("/meetings/schedule").text)


def schedule(client: TestClient, token: str, day: date) -> int:
    form = {"csrf_token": token, "committee": "icp-joint-committee", "venue": "Sessions House, Maidstone"}
    page = client.post("/meetings/schedule", data=form | {"starts_at": f"{day.isoformat()}T10:00"})
    assert page.status_code == 200 and "The meeting is scheduled." in page.text
    return int(re.search(r"/meetings/(\d+)/manage", str(page.url)).group(1))


def test_a_meeting_run_through_the_forms(clerk, clock) -> None:
    client, token = clerk
    day = date.today() + timedelta(days=40)
    day += timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday
    meeting = schedule(client, token, day)
    post = lambda path, **form: client.post(f"/meetings/{meeting}/{path}", data={"csrf_token": token, **form})  # noqa: E731
    # Notice three days ahead is too short, unless urgent: refused in the calendar's words.
    late = post("notice", on=(day - timedelta(days=3)).isoformat())
    assert late.status_code == 422 and "clear working day" in late.text and "mark it urgent" in late.text
    assert "Notice is given." in post("notice", on=(day - timedelta(days=20)).isoformat()).text
    assert "is on the agenda" in post("items", title="Better Care Fund plan", part="1", owner="KCC").text
    private = post("items", title="Hospice contract", part="2", private_reason="commercially-sensitive")
    assert "is on the agenda" in private.text
    refused = post("items", title="No reason given", part="2")
    assert refused.status_code == 422 and "needs one of the reasons" in refused.text
    # Attendance: the nine, so the meeting is quorate; then the ICB chair withdraws from item 2.
    # Nothing is recorded of the meeting before its day: the attendance is refused until then.
    early = client.post(f"/meetings/{meeting}/attendance", data={"csrf_token": token, "action": "save"})
    assert early.status_code == 422 and "has not taken place" in early.text
    clock.set(day)
    page = client.get(f"/meetings/{meeting}/attendance").text
    seats = [chunk.split('"', 1)[0] for chunk in page.split('data-seat="')[1:]]
    first = {seat: seats.index(seat) for seat in set(seats)}
    form = {"action": "save"} | {f"presence-{first[seat]}": "in_person" for seat in NINE.values()}
    form |= {f"member-{first[seat]}": name for name, seat in NINE.items()}
    client.post(f"/meetings/{meeting}/attendance", data={"csrf_token": token, **form})
    manage = client.get(f"/meetings/{meeting}/manage").text
    items = re.findall(r'<option value="(\d+)">Item (\d)</option>', manage)
    item_ids = {int(position): int(item_id) for item_id, position in items}
    declared = post("declarations", member="ICB Chair", item_id=str(item_ids[2]), interest="Trustee", withdraws="true")
    assert "declaration is recorded" in declared.text and "ICB Chair: Trustee (item 2), withdraws" in declared.text
    quorum = client.get(f"/meetings/{meeting}/attendance").text
    assert re.search(r'data-quorate="no">\s*<td class="nhsuk-table__cell">2\. Hospice contract', quorum)
    inquorate = post(
        "decisions", item_id=str(item_ids[2]), text="Award it", public_summary="A contract.", method="consensus"
    )
    assert inquorate.status_code == 422, inquorate.text.split("nhsuk-error-summary__body", 1)[-1][:600]
    assert "quorate" in inquorate.text, inquorate.text.split("nhsuk-error-summary__body", 1)[-1][:600]
    # A tied vote on item 1 fails: no casting vote.
    votes = {f"vote-{name}": "for" for name in list(NINE)[:4]} | {f"vote-{name}": "against" for name in list(NINE)[4:8]}
    tied = post("decisions", item_id=str(item_ids[1]), text="Approve the plan", method="vote", **votes)
    assert tied.status_code == 200 and "Approve the plan (failed: 4 for, 4 against, 0 abstaining)" in tied.text
    assert "The meeting is held." in post("status", status="held").text
    assert "draft minutes are saved" in post("minutes", text="The plan was not approved.", private_text="x").text
    # The next meeting approves them; the public then sees them.
    following = schedule(client, token, day + timedelta(days=90))
    client.post(f"/meetings/{following}/notice", data={"csrf_token": token, "on": day.isoformat()})
    clock.set(day + timedelta(days=90))
    approved = client.post(
        f"/meetings/{following}/minutes/approve", data={"csrf_token": token, "minutes_of": str(meeting)}
    )
    assert "approved and published" in approved.text
    with TestClient(client.app) as visitor:  # not signed in
        public = visitor.get(f"/meetings/{meeting}").text
    assert "The plan was not approved." in public and "Hospice" not in public


def test_the_forms_are_for_the_secretariat_only(registry) -> None:
    with TestClient(create_app(registry)) as client:
        assert client.get("/meetings/schedule").status_code == 401
        assert client.get("/meetings/1/manage").status_code == 401
        starts = datetime.combine(date.today(), time(10)).isoformat()
        refused = client.post("/meetings/schedule", data={"committee": "icp-joint-committee", "starts_at": starts})
        assert refused.status_code in (401, 403)


def test_interests_are_entered_published_and_ended_and_disputes_resolved(clerk) -> None:
    client, token = clerk
    base = "/committees/icp-joint-committee"
    entered = client.post(
        f"{base}/interests",
        data={
            "csrf_token": token,
            "member": "Roger Gough",
            "interest": "Trustee of a hospice charity",
            "category": "non_financial_personal",
            "valid_from": "2025-01-01",
        },
    )
    assert "interest is in the register" in entered.text
    assert "Trustee of a hospice charity" in client.get(f"{base}/interests").text  # published, for anyone
    entry = re.search(rf"{base}/interests/(\d+)/end", entered.text).group(1)
    yesterday = (date.today() - timedelta(days=1)).isoformat()  # in force to the end of the day it ends
    client.post(f"{base}/interests/{entry}/end", data={"csrf_token": token, "on": yesterday})
    assert "Trustee of a hospice charity" not in client.get(f"{base}/interests").text
    raised = client.post(
        f"{base}/disputes", data={"csrf_token": token, "raised_by": "Medway Leader", "subject": "Pooled budget share"}
    )
    dispute = re.search(rf"{base}/disputes/(\d+)", raised.text).group(1)
    empty = client.post(f"{base}/disputes/{dispute}", data={"csrf_token": token, "handled_by": "referred"})
    assert empty.status_code == 422 and "Record the course of action" in empty.text
    resolved = client.post(
        f"{base}/disputes/{dispute}",
        data={"csrf_token": token, "handled_by": "leadership_team", "outcome": "Shares kept as in the section 75"},
    )
    assert "Agreed by the Leadership Team: Shares kept as in the section 75" in resolved.text
