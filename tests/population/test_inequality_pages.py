"""The inequalities page: refused to those the policy does not allow, figures by deprivation and ethnic
group for an analyst, withheld counts shown as withheld, never a person-level value."""

from __future__ import annotations

import pytest

from tests.population import test_pages
from tests.population.test_pages import log_in

analyst_client = test_pages.analyst_client  # the demo with a hand-made dataset, "web-test", as of 31 March 2024


def test_only_analysts_see_the_inequalities(analyst_client) -> None:
    assert analyst_client.get("/population/web-test/inequalities").status_code == 401
    log_in(analyst_client, "pop.partner")
    assert analyst_client.get("/population/web-test/inequalities").status_code == 403


@pytest.mark.slow
def test_figures_by_deprivation_and_ethnic_group(analyst_client) -> None:
    log_in(analyst_client, "pop.analyst")
    profile = analyst_client.get("/population/web-test").text
    assert 'href="/population/web-test/inequalities"' in profile
    response = analyst_client.get("/population/web-test/inequalities")
    assert response.status_code == 200
    page = response.text
    assert 'data-testid="synthetic-warning"' in page and "crude" in page
    assert 'data-testid="activity-imd_quintile"' in page and 'data-testid="prevalence-ethnic_group"' in page
    # 55 people in the most deprived quintile with 30 emergency admissions in the year: 545.5 per 1,000,
    # and £5,454.55 a head (100,000p each, all the activity there is).
    most = page.split("Most deprived quintile</th>", 1)[1].split("</tr>", 1)[0]
    assert ">55<" in most and ">30<" in most and "545.5" in most and "£545.45" in most
    # Five admissions among the least deprived: withheld, with the rate and cost made from them.
    least = page.split("Least deprived quintile</th>", 1)[1].split("</tr>", 1)[0]
    assert least.count("withheld") == 3
    assert 'id="admissions-by-deprivation"' in page
    assert "not calculated: quantiles 2, 4 are missing" in page  # the SII needs all five quintiles
    third = page.split("Third more deprived quintile</th>", 1)[1].split("</tr>", 1)[0]
    # Twenty admissions, withheld so that the five cannot be worked out; the cost per head with them.
    assert ">40<" in third and third.count("withheld") == 3
    # No pseudonym, let alone an identifier, reaches the page.
    assert "0" * 40 not in page


def test_a_place_and_what_is_not_there(analyst_client) -> None:
    log_in(analyst_client, "pop.analyst")
    place = analyst_client.get("/population/web-test/inequalities", params={"place": "west-kent"})
    assert place.status_code == 200 and "Inequalities: West Kent" in place.text
    # 12 and 5 admissions in the only two quintiles: the five withheld, so the twelve with them.
    assert "545.5" not in place.text and 'id="admissions-by-deprivation"' not in place.text
    assert analyst_client.get("/population/web-test/inequalities", params={"place": "atlantis"}).status_code == 404
    assert analyst_client.get("/population/no-such-dataset/inequalities").status_code == 404
