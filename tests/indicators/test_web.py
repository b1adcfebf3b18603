"""The indicators on the web and in the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

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
