"""The public meeting pages, the decisions register, the calendar feed and the agenda packs, which never
carry Part 2 business; and the secretariat's attendance page with its live quorum."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from pypdf import PdfReader

from icshub.auth.roles import Role
from icshub.auth.service import create_user
from icshub.db.engine import transaction
from icshub.governance.services import agenda, decisions
from icshub.installation import sessions
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.governance.helpers import NINE, attend_nine, noticed_meeting, part1, part2, run
from tests.web.conftest import csrf_from

PASSWORD = "correct horse battery"
SECRET = ("Zanzibar", "Quokka", "Marmalade")  # marker words that only Part 2 business holds


@pytest.fixture(scope="module")
def site(registry):
    """A meeting in three days with its papers out, a Part 2 item and a decision on it; and a client."""
    starts = datetime.combine(date.today() + timedelta(days=3), time(10))
    meeting_id, (public_item, private_item) = noticed_meeting(
        registry,
        starts,
        [
            part1("Shared Delivery Plan: progress", owner="Director of Strategy", decision_sought="Note progress"),
            part2(
                f"{SECRET[0]} provider contract",
                owner=f"{SECRET[1]} team",
                decision_sought=f"Award the {SECRET[2]} contract",
                public_summary="The Joint Committee agreed a contract award, to be announced once signed.",
            ),
        ],
        notice_on=date.today() - timedelta(days=11),
    )
    run(registry, agenda.add_paper, public_item, "Progress report", "The plan is on track.", published=True)
    run(registry, agenda.add_paper, private_item, f"{SECRET[0]} tender evaluation", f"{SECRET[1]} scored best.")
    attend_nine(registry, meeting_id)
    run(registry, decisions.record_consensus, private_item, f"Award the {SECRET[2]} contract to {SECRET[1]}.")
    with transaction(sessions(registry)) as session:
        create_user(session, TEST_ACTOR, "clerk", Role.OFFICER, password=PASSWORD)
    with TestClient(create_app(registry)) as client:
        yield client, meeting_id


def log_in(client: TestClient, username: str) -> None:
    token = csrf_from(client.get("/login").text)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})


def log_out(client: TestClient) -> None:
    client.cookies.clear()


def no_secret(text: str) -> bool:
    return not any(word.lower() in text.lower() for word in SECRET)


def test_the_public_sees_the_meeting_and_never_its_part_2_business(site) -> None:
    client, meeting_id = site
    log_out(client)
    listing = client.get("/meetings").text
    assert f'href="/meetings/{meeting_id}"' in listing and 'href="/meetings.ics"' in listing
    page = client.get(f"/meetings/{meeting_id}").text
    assert "Shared Delivery Plan: progress" in page and "The plan is on track." in page
    assert "Exclusion of the press and public" in page and "commercial" in page.lower()
    assert "confidential-pack" not in page and "attendance-link" not in page
    register = client.get("/decisions").text
    assert "a contract award, to be announced once signed" in register
    feed = client.get("/meetings.ics")
    assert feed.headers["content-type"].startswith("text/calendar")
    events = [e for e in Calendar.from_ical(feed.content).walk("VEVENT") if e["URL"].endswith(f"/{meeting_id}")]
    assert len(events) == 1 and "Shared Delivery Plan" in str(events[0]["DESCRIPTION"])
    public_pack = client.get(f"/meetings/{meeting_id}/pack.pdf")
    assert public_pack.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(public_pack.content)).pages)
    assert "The plan is on track." in text and "Exclusion of the press and public" in text
    api = [client.get(path) for path in (f"/api/v1/meetings/{meeting_id}", "/api/v1/meetings", "/api/v1/decisions")]
    agenda = api[0].json()
    assert [item["title"] for item in agenda["items"]] == [
        "Shared Delivery Plan: progress",
        "Exclusion of the press and public",
    ]
    assert any(d["text"].startswith("The Joint Committee agreed a contract award") for d in api[2].json())
    for shown in (page, register, feed.text, text, client.get("/meetings").text, *(r.text for r in api)):
        assert no_secret(shown)
    assert client.get(f"/meetings/{meeting_id}/pack.pdf", params={"edition": "confidential"}).status_code == 401
    assert client.get("/meetings/999999").status_code == 404


def test_the_secretariat_gets_the_confidential_pack(site) -> None:
    client, meeting_id = site
    log_in(client, "clerk")
    page = client.get(f"/meetings/{meeting_id}").text
    assert 'data-testid="confidential-pack"' in page and no_secret(page)  # the page itself stays public
    pack = client.get(f"/meetings/{meeting_id}/pack.pdf", params={"edition": "confidential"})
    assert pack.status_code == 200 and pack.headers["cache-control"] == "private, no-store"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pack.content)).pages)
    assert all(word in text for word in SECRET) and "CONFIDENTIAL" in text


def test_the_attendance_page_shows_the_quorum_of_what_is_marked(site, clock) -> None:
    client, meeting_id = site
    clock.set(date.today() + timedelta(days=3))  # marked on the meeting's day
    log_out(client)
    assert client.get(f"/meetings/{meeting_id}/attendance").status_code == 401
    log_in(client, "clerk")
    page = client.get(f"/meetings/{meeting_id}/attendance").text
    assert 'data-quorate="yes"' in page and "The meeting is quorate" in page  # the nine recorded
    token = csrf_from(page)
    # Mark only the two council leaders: not quorate, with the reasons, and nothing saved.
    lines: dict[str, int] = {}
    for index, seat in enumerate(_seats(page)):
        lines.setdefault(seat, index)  # a seat's first place
    form = {"csrf_token": token, "action": "check"}
    form |= {f"presence-{lines[s]}": "in_person" for s in ("leader-kcc", "leader-medway")}
    checked = client.post(f"/meetings/{meeting_id}/attendance", data=form, headers={"HX-Request": "true"})
    assert checked.text.lstrip().startswith('<div id="quorum"') and "The meeting is not quorate" in checked.text
    assert "ICB" in checked.text  # the rule wanting a member from the ICB is named
    assert 'data-quorate="yes"' in client.get(f"/meetings/{meeting_id}/attendance").text
    # Saving: the East Kent HCP chair sends apologies; the quorum is kept, and the record changes.
    full = {"csrf_token": token, "action": "save"}
    full |= {f"presence-{lines[seat]}": "in_person" for seat in NINE.values()}
    full[f"presence-{lines['chair-east-kent-hcp']}"] = "apologies"
    saved = client.post(f"/meetings/{meeting_id}/attendance", data=full)
    assert saved.url.path.endswith("/attendance") and 'data-testid="saved"' in saved.text
    assert saved.text.count('<option value="apologies" selected>') == 1
    counted = saved.text.split('data-testid="meeting-quorum"', 1)[1].split("</p>", 1)[0]
    assert "8 voting members counted" in counted and "East Kent HCP Chair" not in counted


def _seats(page: str) -> list[str]:
    """The seat of each line of the attendance form, in order."""
    return [chunk.split('"', 1)[0] for chunk in page.split('data-seat="')[1:]]
