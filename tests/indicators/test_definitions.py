"""Indicator files are refused with their line when malformed or pointing at what does not exist."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from icshub.auth.models import AuditEvent
from icshub.defaults import KENT_AND_MEDWAY
from icshub.installation import import_indicators_file, sessions
from icshub.loading.problems import ImportRefused
from tests.conftest import TEST_ACTOR
from tests.registry.test_refusals import replace_once


@pytest.fixture
def built(demo_copy):
    settings, _ = demo_copy
    return settings


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "indicators.yaml"
    shutil.copyfile(KENT_AND_MEDWAY / "indicators.yaml", target)
    return target


def refused(settings, path: Path):
    with pytest.raises(ImportRefused) as caught:
        import_indicators_file(settings, path, TEST_ACTOR)
    return caught.value.problems


def test_a_target_without_the_value_its_kind_needs_is_refused(built, copy: Path) -> None:
    line = replace_once(copy, "target: {kind: at_most, value: 6,", "target: {kind: at_most,")
    problems = refused(built, copy)
    assert problems[0].line == line and "needs a value" in problems[0].message


def test_an_unknown_outcome_or_area_is_refused(built, copy: Path) -> None:
    line = replace_once(copy, "    outcome: so3\n", "    outcome: so9\n")
    area = replace_once(copy, "area: E10000016", "area: E10000099")
    problems = refused(built, copy)
    assert [(p.line, p.field) for p in problems] == [(line, "outcome"), (area, "area")]
    assert "plan 2024 has no outcome 'so9'" in problems[0].message


def test_an_unknown_target_kind_names_the_value(built, copy: Path) -> None:
    line = replace_once(copy, "kind: qualitative", "kind: vague")
    problems = refused(built, copy)
    assert problems[0].line == line and "vague" in problems[0].message


def test_reimporting_changes_nothing_and_changes_are_audited(built, copy: Path) -> None:
    assert import_indicators_file(built, copy, TEST_ACTOR).comparison.unchanged
    replace_once(copy, '"Pupil absence"', '"Pupil absence rate"')
    summary = import_indicators_file(built, copy, TEST_ACTOR)
    assert [(c.key, list(c.fields)) for c in summary.comparison.changed] == [("pupil-absence", ["title"])]
    with sessions(built)() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "indicators.indicator.update"))
    assert event.entity_key == "2024/pupil-absence" and event.after == {"title": "Pupil absence rate"}
