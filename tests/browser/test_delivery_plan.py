"""An officer keeps the delivery plan current in a real browser, and the dashboard follows."""

from __future__ import annotations

from tests.browser.conftest import BROWSER_ADMIN, screenshot

MILESTONE = "so1-m-family-hub-launch"


def log_in(page, server) -> None:
    page.goto(server + "/login")
    page.get_by_label("Username").fill(BROWSER_ADMIN[0])
    page.get_by_label("Password").fill(BROWSER_ADMIN[1])
    page.get_by_role("button", name="Log in").click()


def test_an_officer_records_a_milestone_update_and_the_dashboard_shows_it(page, server, demo) -> None:
    engine = demo[0].database_url.split(":")[0]
    page.goto(server + "/strategy/dashboard")
    row = page.locator(f"tr[data-item='{MILESTONE}']")
    assert "Overdue" in row.inner_text()  # due March 2024, with no update yet
    log_in(page, server)
    page.goto(server + f"/strategy/items/milestone/{MILESTONE}")
    page.get_by_label("Status").select_option("complete")
    page.get_by_label("RAG rating").select_option("green")
    page.get_by_label("What has happened").fill("Family hubs launched across Kent and Medway.")
    page.get_by_label("Evidence links").fill("https://www.kent.gov.uk/family-hubs")
    page.get_by_role("button", name="Record update").click()
    assert page.get_by_test_id("current-status").inner_text().startswith("Complete")
    screenshot(page, f"milestone-update-{engine}")

    page.goto(server + "/strategy/dashboard?status=complete")
    row = page.locator(f"tr[data-item='{MILESTONE}']")
    assert "Complete" in row.inner_text() and "Overdue" not in row.inner_text()
    counts = page.locator("tr[data-outcome='so1'] td[data-status='complete']").inner_text()
    assert counts.strip().endswith("1")
    screenshot(page, f"dashboard-{engine}")


def test_the_place_page_shows_the_place_in_the_plan(page, server) -> None:
    page.goto(server + "/partnerships/west-kent")
    section = page.get_by_test_id("place-strategy")
    section.wait_for(timeout=10_000)
    assert "Frailty & complex care" in section.inner_text()
