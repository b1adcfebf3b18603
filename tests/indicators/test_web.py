"""The indicators on the web and in the API."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from icshub.indicators.benchmarks import comparison_slug
from icshub.indicators.load import IndicatorInfo, read_tidy
from icshub.web.app import create_app


@pytest.fixture
def client(demo):
    with TestClient(create_app(demo[0])) as client:
        yield client


def test_the_logframe_page_lists_indicators_by_outcome(client) -> None:
    page = client.get("/indicators").text
    assert "Mothers smoking at time of delivery" in page and "no more than 6%" in page
    assert "In development" in page and "VCSE workforce" in page


def test_an_indicator_page_and_the_outcome_section(client) -> None:
    page = client.get("/indicators/smoking-at-time-of-delivery").text
    assert "10.2%" in page and "Lower is better" in page and "2028/29" in page
    section = client.get("/indicators/outcomes/so3/section").text
    assert "Hospital admissions due to alcohol" in section and "<html" not in section
    assert 'hx-get="/indicators/outcomes/so1/section"' in client.get("/strategy/outcomes/so1").text
    assert client.get("/indicators/nope").status_code == 404


def test_the_api(client) -> None:
    logframe = client.get("/api/v1/indicators").json()
    assert logframe["goal"].startswith("We will work together") and len(logframe["indicators"]) == 30
    so1 = client.get("/api/v1/indicators", params={"outcome": "so1"}).json()["indicators"]
    assert [i["key"] for i in so1][:1] == ["smoking-at-time-of-delivery"]
    assert client.get("/api/v1/indicators/alcohol-admissions").json()["target_value"] == 395


def test_the_indicator_page_compares_areas_and_shows_inequality_and_provenance(client) -> None:
    page = client.get("/indicators/smoking-at-time-of-delivery").text
    assert 'data-testid="synthetic-warning"' in page and "not real data" in page
    assert "(2022/23, period assumed: the plan gives none)" in page
    assessment = client.get("/api/v1/indicators/smoking-at-time-of-delivery/assessment").json()
    # Every area the API compares is a row of the page's table, with the same words and class.
    for area in assessment["benchmark"]["areas"]:
        row = page.split(f'data-area="{area["area_code"]}"')[1].split("</tr>")[0]
        assert area["compared_two_level"].capitalize() in row
        assert f"icshub-compare--{comparison_slug(area['compared_two_level'])}" in row
    assert {a["kind"] for a in assessment["benchmark"]["areas"]} == {"england", "icb", "county", "place", "district"}
    assert 'id="indicator-map"' in page and "/api/v1/boundaries/districts.geojson" in page
    assert 'data-testid="deprivation-gap"' in page and 'data-testid="place-gap"' in page
    gap = assessment["deprivation"]
    assert gap["most_deprived"] - gap["least_deprived"] == pytest.approx(gap["gap"])
    assert gap["sii_lower_95"] < gap["sii"] < gap["sii_upper_95"]
    assert assessment["progress"]["area_code"] == "E54000032" and assessment["synthetic"] is True
    assert 'href="/indicators/smoking-at-time-of-delivery/data.csv"' in page


def test_an_indicator_without_figures_says_why_it_cannot_be_assessed(client) -> None:
    page = client.get("/indicators/workforce-vacancies").text
    assert "No figures have been loaded" in page and "synthetic-warning" not in page
    assessment = client.get("/api/v1/indicators/workforce-vacancies/assessment").json()
    assert assessment["progress"]["status"] == "not yet assessable"
    assert assessment["benchmark"]["areas"] == [] and assessment["deprivation"] is None
    assert client.get("/api/v1/indicators/nope/assessment").status_code == 404


def test_the_data_download_is_the_tidy_layout_with_provenance(client, tmp_path) -> None:
    response = client.get("/indicators/pupil-absence/data.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="pupil-absence.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    values = client.get("/api/v1/indicators/pupil-absence/values").json()
    assert len(rows) == len(values) > 0
    assert all(r["synthetic"] == "yes" and r["indicator"] == "pupil-absence" for r in rows)
    # The download reads back with the tidy importer, figure for figure.
    path = tmp_path / "again.csv"
    path.write_text(response.text)
    places = {r["area_code"] for r in rows if not r["area_code"].startswith("E")}
    read = read_tidy(path, {"pupil-absence": IndicatorInfo("percentage", None)}, places)
    assert [(r.area_code, r.period, r.category, r.value) for r in read] == [
        (v["area_code"], v["period"], v["category"], v["value"]) for v in values
    ]


def test_the_outcome_scorecard_agrees_with_the_assessment(client) -> None:
    section = client.get("/indicators/outcomes/so1/section").text
    assert 'data-testid="scorecard"' in section and "synthetic demonstration data" in section
    for key in ("smoking-at-time-of-delivery", "pupil-absence"):
        row = section.split(f'data-indicator="{key}"')[1].split("</tr>")[0]
        assessment = client.get(f"/api/v1/indicators/{key}/assessment").json()
        icb = next(a for a in assessment["benchmark"]["areas"] if a["area_code"] == "E54000032")
        assert f"({assessment['progress']['latest_period']})" in row
        assert icb["compared_two_level"].capitalize() in row and icb["recent_trend"] in row
        assert assessment["progress"]["status"].capitalize() in row
    # An indicator without figures is still listed, saying so.
    logframe = client.get("/indicators").text
    assert "No figures yet" in logframe.split('data-indicator="workforce-vacancies"')[1].split("</tr>")[0]
