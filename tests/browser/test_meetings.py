"""A meeting's public page, and the secretariat marking attendance while the quorum follows live."""

from __future__ import annotations

from playwright.sync_api import expect

from icshub.governance.services.demo_meetings import ATTENDING
from tests.browser.conftest import BROWSER_ADMIN, screenshot

PROCUREMENT = "Children and young people's mental health"


def test_the_public_meeting_page(page, server, demo) -> None:
    page.goto(server + "/meetings")
    page.get_by_test_id("upcoming").locator("a").first.click()
    assert page.locator("h1").inner_text().startswith("Meeting of")
    agenda = page.get_by_test_id("agenda").inner_text()
    assert "Shared Delivery Plan: annual refresh" in agenda
    assert "Exclusion of the press and public" in agenda and PROCUREMENT not in page.content()
    expect(page.get_by_test_id("public-pack")).to_be_visible()
    screenshot(page, f"meeting-{demo[0].database_url.split(':')[0]}")


def test_the_quorum_follows_the_attendance_as_it_is_marked(page, server, demo) -> None:
    page.goto(server + "/login")
    page.get_by_label("Username").fill(BROWSER_ADMIN[0])
    page.get_by_label("Password").fill(BROWSER_ADMIN[1])
    page.get_by_role("button", name="Log in").click()
    page.goto(server + "/meetings")
    page.get_by_test_id("upcoming").locator("a").first.click()
    page.get_by_test_id("attendance-link").click()
    quorum = page.get_by_test_id("meeting-quorum")
    assert quorum.get_attribute("data-quorate") == "no"  # nobody is marked yet
    assert PROCUREMENT in page.get_by_test_id("item-quorum").inner_text()  # the secretariat sees Part 2 titles
    seats = [seat for seat in ATTENDING if seat != "director-of-public-health-kent"]  # the nine voting members
    for seat in seats:
        page.locator(f"tr[data-seat='{seat}'] select").first.select_option("in_person")
    page.wait_for_selector("[data-testid=meeting-quorum][data-quorate=yes]", timeout=10_000)
    assert "9 voting members counted" in page.get_by_test_id("meeting-quorum").inner_text()
    # One leader sends apologies instead: a council is then unrepresented, and the panel says so at once.
    page.locator("tr[data-seat='leader-medway'] select").first.select_option("apologies")
    page.locator("tr[data-seat='medway-executive-members'] select").first.select_option("apologies")
    page.wait_for_selector("[data-testid=meeting-quorum][data-quorate=no]", timeout=10_000)
    assert "Medway" in page.get_by_test_id("meeting-quorum").inner_text()
    screenshot(page, f"attendance-{demo[0].database_url.split(':')[0]}")
