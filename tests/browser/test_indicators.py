"""An analyst reads an indicator's page in a real browser: the chart is drawn with its baseline, target and
trajectory, the map and the deprivation chart are drawn, and the chart can be saved."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def legend_labels(page, chart_id: str) -> list[str]:
    return page.locator(f"#{chart_id} svg .role-legend-label text").all_text_contents()


def test_the_smoking_at_delivery_page_shows_its_chart_with_baseline_target_and_trajectory(page, server, demo) -> None:
    engine = demo[0].database_url.split(":")[0]
    page.goto(server + "/indicators/smoking-at-time-of-delivery")
    for chart_id in ("indicator-chart", "indicator-map", "indicator-deprivation"):
        page.wait_for_selector(f"#{chart_id}[data-rendered='true'] svg")
    labels = legend_labels(page, "indicator-chart")
    assert {"Baseline", "Target", "Trajectory", "England", "NHS Kent and Medway Integrated Care Board"} <= set(labels)
    chart = page.locator("#indicator-chart svg")
    # The trajectory is a dashed line; the baseline and target are symbols of their own.
    assert chart.locator("path[stroke-dasharray]").count() >= 1
    assert chart.locator(".mark-symbol path").count() >= 2
    # Thirteen districts are drawn on the map.
    assert page.locator("#indicator-map svg .mark-shape path").count() == 13
    expect(page.get_by_test_id("synthetic-warning")).to_be_visible()
    screenshot(page, f"indicator-smoking-{engine}")

    page.locator("#indicator-chart details summary").click()
    with page.expect_download() as download:
        page.locator("#indicator-chart .vega-actions a", has_text="SVG").click()
    assert download.value.suggested_filename == "indicator-chart.svg"
    with page.expect_download() as download:
        page.locator("#indicator-chart .vega-actions a", has_text="PNG").click()
    assert download.value.suggested_filename == "indicator-chart.png"
