"""Importing plan versions: refusals located by line, idempotence, audit by item, versions compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from icshub.auth.models import AuditEvent
from icshub.db.engine import transaction
from icshub.installation import import_plan_file, sessions
from icshub.loading.problems import ImportRefused
from icshub.strategy import queries
from icshub.strategy.errors import PlanError
from icshub.strategy.services import plan_versions as service
from icshub.strategy.vocabulary import PlanStatus
from tests.conftest import TEST_ACTOR
from tests.registry.test_refusals import replace_once


def refused(settings, path: Path):
    with pytest.raises(ImportRefused) as caught:
        import_plan_file(settings, path, TEST_ACTOR)
    return caught.value.problems


@pytest.mark.slow
def test_reimporting_the_same_plan_changes_nothing(planned) -> None:
    summary = import_plan_file(planned, Path(__file__).parent / "fixture_plan.yaml", TEST_ACTOR)
    assert not summary.created and summary.comparison.unchanged


def test_a_lead_missing_from_the_registry_is_refused_at_its_line(planned, plan_copy: Path) -> None:
    line = replace_once(plan_copy, "organisation: kent-county-council", "organisation: kent-county-counsel")
    problems = refused(planned, plan_copy)
    assert problems[0].line == line and problems[0].field == "leads"
    assert "no organisation in the registry has the key 'kent-county-counsel'" in problems[0].message


def test_a_due_date_in_no_known_form_is_refused(planned, plan_copy: Path) -> None:
    line = replace_once(plan_copy, 'due: "2024-03"', 'due: "March 2024"')
    problems = refused(planned, plan_copy)
    assert problems[0].line == line and problems[0].field.endswith("milestones.due")
    assert "not a due date icshub understands" in problems[0].message


def test_a_milestone_needs_a_due_date_or_the_documents_words(planned, plan_copy: Path) -> None:
    replace_once(plan_copy, ', due_text: "Spring 2025"', "")
    problems = refused(planned, plan_copy)
    assert "give 'due'" in problems[0].message


def test_duplicate_keys_and_unknown_outcome_mappings_are_refused(planned, plan_copy: Path) -> None:
    line = replace_once(plan_copy, "key: t-so1-c2", "key: t-so1-c1")
    mapping = replace_once(plan_copy, 'title: "Housing", outcomes: [1]', 'title: "Housing", outcomes: [9]')
    problems = refused(planned, plan_copy)
    assert any(p.line == line and "more than once" in p.message for p in problems)
    assert any(p.line == mapping and "no shared outcome 9" in p.message for p in problems)


def test_a_district_must_be_a_council(planned, plan_copy: Path) -> None:
    replace_once(plan_copy, "district: ashford-borough-council", "district: kent-county-council")
    problems = refused(planned, plan_copy)
    assert problems[0].field == "district" and "not a district, borough or unitary council" in problems[0].message


def test_changes_to_a_version_are_audited_item_by_item(planned, plan_copy: Path) -> None:
    text = plan_copy.read_text().replace('version: "test-1"', 'version: "audit-test"')
    plan_copy.write_text(text)
    import_plan_file(planned, plan_copy, TEST_ACTOR)
    plan_copy.write_text(text.replace("Reduce the % of children living in poverty", "Reduce child poverty"))
    summary = import_plan_file(planned, plan_copy, TEST_ACTOR)
    assert [(c.kind, c.key, list(c.fields)) for c in summary.comparison.changed] == [
        ("commitment", "t-so1-c2", ["text"])
    ]
    with sessions(planned)() as session:
        event = session.scalar(
            select(AuditEvent).where(AuditEvent.action == "strategy.commitment.update").order_by(AuditEvent.id.desc())
        )
    assert event.entity_key == "audit-test/t-so1-c2" and event.after == {"text": "Reduce child poverty"}


def test_a_new_version_copies_every_item_and_compares_with_its_base(planned) -> None:
    with transaction(sessions(planned)) as session:
        service.create_version(session, TEST_ACTOR, "test-1", "copy-1")
    with sessions(planned)() as session:
        base, copy = queries.get_plan(session, "test-1"), queries.get_plan(session, "copy-1")
        assert copy.status == "draft" and copy.based_on_id == base.id
        assert queries.plan_snapshot(session, base) == queries.plan_snapshot(session, copy)
    with pytest.raises(PlanError, match="already a plan version"), transaction(sessions(planned)) as session:
        service.create_version(session, TEST_ACTOR, "test-1", "copy-1")


def test_every_field_is_compared_and_audited(planned, plan_copy: Path) -> None:
    text = plan_copy.read_text().replace('version: "test-1"', 'version: "fields-test"')
    plan_copy.write_text(text)
    import_plan_file(planned, plan_copy, TEST_ACTOR)
    changed = text.replace('statement: "Conditions and support for all children."', 'statement: "For all children."')
    changed = changed.replace("        place: dartford-gravesham-and-swanley\n", "        place: west-kent\n")
    plan_copy.write_text(changed)
    summary = import_plan_file(planned, plan_copy, TEST_ACTOR)
    assert {(c.kind, c.key, tuple(c.fields)) for c in summary.comparison.changed} == {
        ("outcome", "t-so1", ("statement",)),
        ("delivery_example", "t-so1-x2", ("place",)),
    }


def test_a_new_version_is_a_draft_until_published(planned, plan_copy: Path) -> None:
    plan_copy.write_text(plan_copy.read_text().replace('version: "test-1"', 'version: "draft-test"'))
    import_plan_file(planned, plan_copy, TEST_ACTOR)
    with sessions(planned)() as session:
        assert queries.get_plan(session, "draft-test").status == "draft"
        assert queries.current_plan(session).version == "test-1"
    import_plan_file(planned, plan_copy, TEST_ACTOR, publish=True)
    with sessions(planned)() as session:
        assert queries.current_plan(session).version == "draft-test"
    with transaction(sessions(planned)) as session:
        service.set_plan_status(session, TEST_ACTOR, "draft-test", PlanStatus.DRAFT)
    with sessions(planned)() as session:
        assert queries.current_plan(session).version == "test-1"


def test_an_unquoted_yaml_date_is_a_due_day(planned, plan_copy: Path) -> None:
    text = plan_copy.read_text().replace('version: "test-1"', 'version: "date-test"')
    plan_copy.write_text(text.replace('due: "2024-03"', "due: 2024-03-28"))
    import_plan_file(planned, plan_copy, TEST_ACTOR)
    with sessions(planned)() as session:
        snapshot = queries.plan_snapshot(session, queries.get_plan(session, "date-test"))
    assert snapshot["milestone"]["t-so1-m1"]["due"] == "2024-03-28"


def test_a_published_version_is_replaced_only_when_asked_and_says_what_it_would_drop(planned, plan_copy: Path) -> None:
    # test-1 is published (the fixture); a file of the same label without its second commitment.
    text = plan_copy.read_text()
    start = text.index("          - key: t-so1-c2")
    end = text.index("    delivery_examples:", start)
    plan_copy.write_text(text[:start] + text[end:])
    with sessions(planned)() as session:
        before = queries.plan_snapshot(session, queries.get_plan(session, "test-1"))
    with pytest.raises(PlanError, match=r"Plan test-1 is published, and this file would drop 1 items \(t-so1-c2\)"):
        import_plan_file(planned, plan_copy, TEST_ACTOR)
    with sessions(planned)() as session:
        assert queries.plan_snapshot(session, queries.get_plan(session, "test-1")) == before  # nothing written
    summary = import_plan_file(planned, plan_copy, TEST_ACTOR, replace_published=True)
    assert summary.comparison.dropped == [("commitment", "t-so1-c2")]
    # The same file again changes nothing, so it needs no flag.
    assert import_plan_file(planned, plan_copy, TEST_ACTOR).comparison.unchanged
