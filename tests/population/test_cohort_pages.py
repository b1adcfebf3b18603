"""The cohort builder and the saved cohorts' pages: counts and attrition as the analyst writes, after
disclosure control; problems named by line and field; saving versions; only for those the policy allows."""

from __future__ import annotations

import re

from tests.loading.test_yaml_lines import BOMB
from tests.population.test_pages import analyst_client, log_in  # noqa: F401  (the fixture)
from tests.web.conftest import csrf_from

DEFINITION = """schema: icshub.cohort/1
key: {key}
title: Older people admitted in an emergency
index_date: 2024-03-31
inclusion:
  - name: Aged 65 or over
    age: {{min: 65}}
  - name: An emergency admission in the year
    events: {{type: emergency_admission, within_days: {days}}}
"""


def attrition(page: str) -> list[list[str]]:
    """The attrition table's rows as the cells' text."""
    table = page.split('data-testid="attrition"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", table, re.S)[1:]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td.*?</td>", row, re.S)] for row in rows]


def count(client, text: str, **headers: str):
    token = csrf_from(client.get("/population/web-test/cohort-builder").text)
    form = {"definition": text, "csrf_token": token, "action": "count"}
    return client.post("/population/web-test/cohort-builder", data=form, headers=headers)


def test_the_builder_counts_a_definition_with_its_attrition(analyst_client) -> None:  # noqa: F811
    log_in(analyst_client, "pop.analyst")
    page = analyst_client.get("/population/web-test/cohort-builder")
    assert page.status_code == 200 and 'data-testid="synthetic-warning"' in page.text
    assert "index_date: 2024-03-31" in page.text  # the example is dated on the dataset's day
    # 115 people; 40 are under 65; of the 75 left, 31 had an emergency admission in the year to the day.
    result = count(analyst_client, DEFINITION.format(key="older-admitted", days=365))
    assert result.status_code == 200
    assert attrition(result.text) == [
        ["Everyone in the dataset", "Start", "", "115"],
        ["Aged 65 or over", "Inclusion", "40", "75"],
        ["An emergency admission in the year", "Inclusion", "45", "30"],
    ]
    # A window of 60 days holds only the 4 second admissions of February: withheld, with its partner.
    small = attrition(count(analyst_client, DEFINITION.format(key="older-admitted", days=60)).text)
    assert small[-1] == ["An emergency admission in the year", "Inclusion", "withheld", "withheld"]


def test_htmx_gets_the_counts_alone_and_problems_are_named_by_line_and_field(analyst_client) -> None:  # noqa: F811
    log_in(analyst_client, "pop.analyst")
    partial = count(analyst_client, DEFINITION.format(key="older-admitted", days=365), **{"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<div id="cohort-counts"') and "<html" not in partial.text
    bad = count(analyst_client, DEFINITION.format(key="older-admitted", days=365).replace("{min: 65}", "{min: 200}"))
    assert bad.status_code == 422 and 'data-testid="cohort-problems"' in bad.text
    assert "cohort definition, line 7, field &#39;inclusion.age.min&#39;" in bad.text
    text = DEFINITION.format(key="k", days=30).replace("events: {type: emergency_admission,", "codes: {codelist: nope,")
    unknown = count(analyst_client, text)
    assert "no codelist &#39;nope&#39;" in unknown.text and "hypertension" in unknown.text
    assert 'data-testid="attrition"' not in unknown.text


def test_a_definition_with_aliases_is_refused_before_it_is_expanded(analyst_client) -> None:  # noqa: F811
    log_in(analyst_client, "pop.analyst")
    refused = count(analyst_client, BOMB)
    assert refused.status_code == 422 and "aliases (*name) are not accepted" in refused.text
    assert "cohort definition, line 2" in refused.text


def test_saving_makes_versions_listed_in_the_library(analyst_client) -> None:  # noqa: F811
    log_in(analyst_client, "pop.analyst")
    token = csrf_from(analyst_client.get("/population/web-test/cohort-builder").text)

    def save(days: int, note: str):
        form = {"definition": DEFINITION.format(key="saved-older", days=days), "csrf_token": token}
        return analyst_client.post("/population/web-test/cohort-builder", data=form | {"action": "save", "note": note})

    first = save(365, "the year")
    assert first.status_code == 200 and first.url.path == "/cohorts/saved-older"
    assert "Saved as version 1." in first.text and "within_days: 365" in first.text
    assert "No new version" not in save(365, "again").text and "no new version was made" in save(365, "").text
    assert "Saved as version 2." in save(180, "six months").text
    library = analyst_client.get("/cohorts").text
    assert 'href="/cohorts/saved-older"' in library and "Older people admitted in an emergency" in library
    old = analyst_client.get("/cohorts/saved-older", params={"version": 1}).text
    assert "Version 1 of 2" in old and "within_days: 365" in old and "the year" in old
    reopened = analyst_client.get("/population/web-test/cohort-builder", params={"cohort": "saved-older", "version": 1})
    assert "within_days: 365" in reopened.text and attrition(reopened.text)[-1][-1] == "30"
    assert analyst_client.get("/cohorts/saved-older", params={"version": 9}).status_code == 404
    assert analyst_client.get("/cohorts/no-such-cohort").status_code == 404


def test_only_analysts_build_and_save_cohorts(analyst_client) -> None:  # noqa: F811
    assert analyst_client.get("/population/web-test/cohort-builder").status_code == 401
    assert analyst_client.get("/cohorts").status_code == 401
    log_in(analyst_client, "pop.partner")
    assert analyst_client.get("/cohorts").status_code == 403
    token = csrf_from(analyst_client.get("/").text)
    form = {"definition": DEFINITION.format(key="partner", days=30), "csrf_token": token, "action": "save"}
    assert analyst_client.post("/population/web-test/cohort-builder", data=form).status_code == 403
