"""Saved cohorts: versions made only by a changed definition, never edited, audited; and the attrition
table an analyst sees, with small counts and the figures that would give them away withheld."""

from __future__ import annotations

import pytest

from icshub.auth.audit import recent_events
from icshub.auth.policy import NotAllowed, Principal
from icshub.auth.roles import Role
from icshub.db.engine import engine_for, make_session_factory, transaction
from icshub.loading.problems import ImportRefused
from icshub.population.cohort_counts import ShownStep, protected_steps
from icshub.population.queries import get_cohort, get_version, list_cohorts
from icshub.population.services.saved_cohorts import read_definition, save_cohort

# A principal of no stored account (no user id): the audit log then records only the name.
ANALYST = Principal(Role.ANALYST, username="pytest")

TEXT = """schema: icshub.cohort/1
key: frail-older-people
title: Older people
index_date: 2024-03-31
inclusion:
  - name: Aged 65 or over
    age: {min: 65}
"""


@pytest.fixture
def sessions(settings):
    return make_session_factory(engine_for(settings.database_url))


def test_a_changed_definition_is_a_new_version_and_the_same_one_is_not(sessions) -> None:
    with transaction(sessions) as session:
        first = save_cohort(session, ANALYST, TEXT, "first cut")
        assert first.created and first.version.number == 1
    with transaction(sessions) as session:
        # The same rules written differently (flow style, a comment) are the same definition.
        same = TEXT.replace("age: {min: 65}", "age:\n      min: 65  # the NHS's older people") + "\n"
        again = save_cohort(session, ANALYST, same)
        assert not again.created and again.version.number == 1
    with transaction(sessions) as session:
        changed = save_cohort(session, ANALYST, TEXT.replace("min: 65", "min: 75").replace("Older", "Oldest"))
        assert changed.created and changed.version.number == 2
    with transaction(sessions) as session:
        cohort = get_cohort(session, "frail-older-people")
        assert [v.number for v in cohort.versions] == [1, 2] and cohort.title == "Oldest people"
        # Each version keeps the text as written and its own definition.
        first_version = get_version(session, "frail-older-people", 1)
        assert first_version.source_text == TEXT and first_version.note == "first cut"
        assert first_version.definition["inclusion"] == [{"name": "Aged 65 or over", "age": {"min": 65}}]
        assert get_version(session, "frail-older-people", 2).definition["inclusion"][0]["age"] == {"min": 75}
        assert get_version(session, "frail-older-people", 3) is None
        assert [c.key for c in list_cohorts(session)] == ["frail-older-people"]
        saves = recent_events(session, action_prefix="population.cohort.save")
        assert [e.entity_key for e in saves] == ["frail-older-people v2", "frail-older-people v1"]


def test_only_those_the_policy_lets_save_cohorts_may_save_one(sessions) -> None:
    for role in (Role.PUBLIC, Role.PARTNER_MEMBER, Role.CARE_COORDINATOR):
        with transaction(sessions) as session, pytest.raises(NotAllowed):
            save_cohort(session, Principal(role, username="someone"), TEXT)
    with sessions() as session:
        assert list_cohorts(session) == []


def test_a_bad_definition_is_refused_with_its_line_and_field_and_nothing_is_saved(sessions) -> None:
    with transaction(sessions) as session, pytest.raises(ImportRefused) as refused:
        save_cohort(session, ANALYST, TEXT.replace("age: {min: 65}", "age: {min: 65, max: 40}"))
    [problem] = refused.value.problems
    assert (problem.file, problem.line, problem.field) == ("cohort definition", 7, "inclusion.age")
    assert "min 65 is above max 40" in problem.message
    with pytest.raises(ImportRefused, match="cohort definition, line 3: not valid YAML"):
        read_definition("schema: icshub.cohort/1\nkey: [unclosed\n")
    with transaction(sessions) as session:
        assert list_cohorts(session) == []


def test_attrition_withholds_small_counts_and_the_partner_that_would_reveal_them() -> None:
    steps = [
        ("Everyone in the dataset", "start", 1000, 0),
        ("Aged 65 or over", "inclusion", 212, 788),
        ("Two emergency admissions", "inclusion", 7, 205),  # 7 people: withheld, and 205 would give it away
        ("Not at the end of life", "exclusion", 7, 0),
    ]
    assert protected_steps(steps) == [
        ShownStep("Everyone in the dataset", "start", 1000, None),
        ShownStep("Aged 65 or over", "inclusion", 210, 790),
        ShownStep("Two emergency admissions", "inclusion", None, None),
        # Withheld too, conservatively: the pair's total is withheld already, but the rule does not look back.
        ShownStep("Not at the end of life", "exclusion", None, None),
    ]
