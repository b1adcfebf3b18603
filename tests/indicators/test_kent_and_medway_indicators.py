"""Every Kent and Medway indicator of seed 001 is present, with its baseline and target as written."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from icshub.db.engine import engine_for, make_session_factory
from icshub.defaults import KENT_AND_MEDWAY
from icshub.indicators import queries

PLAN = yaml.safe_load((KENT_AND_MEDWAY / "plan.yaml").read_text())


@pytest.fixture
def indicators(demo):
    settings, _ = demo
    with make_session_factory(engine_for(settings.database_url))() as session:
        indicator_set = queries.indicator_set_for(session, "2024")
        yield {i.key: i for i in queries.list_indicators(session, indicator_set)}


def test_every_indicator_sentence_of_the_plan_is_an_indicator(indicators) -> None:
    # The plan's "Indicators for this outcome" sentences (seed 001), transcribed verbatim into plan.yaml.
    sentences = {
        (o["key"], text) for o in PLAN["outcomes"] for text in o.get("indicators_text", []) if o["key"] != "so6"
    }
    statements = {(i.outcome_key, i.statement) for i in indicators.values() if i.status == "in_use"}
    assert statements == sentences
    assert Counter(i.status for i in indicators.values()) == {"in_use": 25, "in_development": 5}


def test_the_five_workforce_measure_areas_are_in_development(indicators) -> None:
    workforce = {i.title for i in indicators.values() if i.outcome_key == "so6"}
    assert workforce == {
        "Vacancies",
        "Staff wellbeing",
        "Sickness absence",
        "VCSE workforce",
        "Supporting employment in under-represented groups",
    }
    so6 = next(o for o in PLAN["outcomes"] if o["key"] == "so6")["indicators_text"][0]
    assert all(title.split()[0] in so6 for title in workforce)
    assert all(indicators[k].status == "in_development" for k in indicators if k.startswith("workforce-"))


def test_baselines_and_targets_are_the_documents_words(indicators) -> None:
    for indicator in indicators.values():
        if indicator.status != "in_use":
            continue
        for text in (indicator.baseline_text, indicator.target_text):
            if text:
                assert text in indicator.statement, (indicator.key, text)
        if indicator.baseline_value is not None:
            # Every number given is a number of the sentence.
            assert re.search(rf"\b{indicator.baseline_value:g}\b", indicator.statement.replace(",", "")), indicator.key
    smoking = indicators["smoking-at-time-of-delivery"]
    assert (smoking.baseline_value, smoking.target_kind, smoking.target_value, smoking.target_period) == (
        10.2,
        "at_most",
        6,
        "2028/29",
    )
    alcohol = indicators["alcohol-admissions"]
    assert (alcohol.baseline_value, alcohol.target_value, alcohol.unit) == (418.7, 395, "per 100,000")
    frail = indicators["frailty-emergency-admissions"]
    assert (frail.target_kind, frail.target_reference_period) == ("no_worse_than_reference", "2024")
    assert indicators["diagnostic-waits"].target_kind == "meet_national_ambition"
    assert indicators["net-zero-progress"].target_kind == "qualitative"
    kent, medway = indicators["reablement-at-home-91-days-kent"], indicators["reablement-at-home-91-days-medway"]
    assert (kent.area_code, kent.target_value, medway.area_code, medway.target_kind) == (
        "E10000016",
        85,
        "E06000035",
        "similar_to_national",
    )
    # The document gives no baseline period: each baseline with a value is dated by the documented rule (the
    # latest period published in spring 2024, in the target's form) and marked as assumed; no other is dated.
    for i in indicators.values():
        if i.baseline_value is None:
            assert i.baseline_period is None and not i.baseline_period_assumed
        else:
            assert i.baseline_period_assumed
            assert i.baseline_period == ("2022/23" if "/" in (i.target_period or "") else "2022"), i.key
