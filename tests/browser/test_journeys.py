"""What a visitor and an officer see in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_ADMIN, screenshot


def test_home_page(page, server, demo) -> None:
    page.goto(server + "/")
    assert page.locator("h1").inner_text().startswith("Kent and Medway")
    assert page.get_by_test_id("population").inner_text() == "1,855,899"
    tiers = page.get_by_role("list", name="Tiers of the system").inner_text()
    assert (
        "System" in tiers and "Place: 4 health and care partnerships" in tiers and "43 primary care networks" in tiers
    )
    path = screenshot(page, f"home-{demo[0].database_url.split(':')[0]}")
    assert path.stat().st_size > 10_000


def test_place_page_draws_its_map_and_charts(page, server, demo) -> None:
    page.goto(server + "/partnerships/dartford-gravesham-and-swanley")
    for chart in ("place-map", "age-chart", "deprivation-chart"):
        page.wait_for_selector(f"#{chart}[data-rendered=true] svg", timeout=30_000)
    # One shape per small area of the place.
    assert page.locator("#place-map svg path[aria-roledescription='geoshape']").count() == 163
    assert page.get_by_test_id("districts").inner_text().count("Sevenoaks") == 1
    expect(page.get_by_role("heading", name="Dartford Central PCN")).to_be_visible()
    screenshot(page, f"place-dgs-{demo[0].database_url.split(':')[0]}")


def test_log_in_and_out(page, server, demo) -> None:
    page.goto(server + "/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(BROWSER_ADMIN[0])
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    assert "not right" in page.locator(".nhsuk-error-summary").inner_text()
    screenshot(page, f"login-error-{demo[0].database_url.split(':')[0]}")
    page.get_by_label("Username").fill(BROWSER_ADMIN[0])
    page.get_by_label("Password").fill(BROWSER_ADMIN[1])
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_test_id("account").inner_text() == "Browser Admin"
    page.goto(server + "/admin/audit")
    assert "users.login" in page.locator("table").inner_text()
    screenshot(page, f"audit-{demo[0].database_url.split(':')[0]}")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_search_as_you_type(page, server) -> None:
    page.goto(server + "/search")
    page.get_by_label("Organisation, partnership, committee, area or code").press_sequentially("garden city")
    page.wait_for_selector("#results a:has-text('Garden City PCN')", timeout=10_000)
    page.locator("#results a:has-text('Garden City PCN')").click()
    assert page.locator("h1").inner_text() == "Garden City PCN"
