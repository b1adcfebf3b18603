"""Importing writes everything in one go, keeps ids stable, audits changes, and round-trips through export."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from icshub.auth.models import AuditEvent
from icshub.db.engine import engine_for, make_session_factory
from icshub.installation import import_definition
from icshub.registry.definition import parse_definition
from icshub.registry.export import definition_document, definition_yaml
from icshub.registry.models import Organisation, Partnership, Seat
from tests.conftest import TEST_ACTOR


def _session(settings):
    return make_session_factory(engine_for(settings.database_url))()


@pytest.mark.slow
def test_reimporting_changes_nothing_and_keeps_ids(settings, definition_copy: Path) -> None:
    first = import_definition(settings, definition_copy, TEST_ACTOR)
    defined = len(yaml.safe_load((definition_copy / "system.yaml").read_text())["organisations"])
    assert first.changes["organisation created"] == first.counts["organisations"] == defined + 176
    with _session(settings) as session:
        ids = dict(session.execute(select(Partnership.key, Partnership.id)).all())
    second = import_definition(settings, definition_copy, TEST_ACTOR)
    assert sum(second.changes.values()) == 0
    with _session(settings) as session:
        assert dict(session.execute(select(Partnership.key, Partnership.id)).all()) == ids


@pytest.mark.slow
def test_changes_are_audited_with_before_and_after(settings, definition_copy: Path) -> None:
    import_definition(settings, definition_copy, TEST_ACTOR)
    system = definition_copy / "system.yaml"
    system.write_text(system.read_text().replace('name: "Kent County Council"', 'name: "Kent County Council (KCC)"', 1))
    summary = import_definition(settings, definition_copy, TEST_ACTOR)
    assert summary.changes == {"organisation updated": 1}
    with _session(settings) as session:
        event = session.scalar(
            select(AuditEvent).where(AuditEvent.action == "registry.organisation.update").order_by(AuditEvent.id.desc())
        )
        assert event.actor == "pytest" and event.entity_key == "kent-county-council"
        assert event.before["name"] == "Kent County Council"
        assert event.after["name"] == "Kent County Council (KCC)"
        imports = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "registry.import")
        )
        assert imports == 2


@pytest.mark.slow
def test_removed_records_are_deleted_and_audited(settings, definition_copy: Path) -> None:
    import_definition(settings, definition_copy, TEST_ACTOR)
    system = definition_copy / "system.yaml"
    document = yaml.safe_load(system.read_text())
    icp = next(c for c in document["committees"] if c["key"] == "icp-joint-committee")
    dropped = icp["seats"].pop()
    system.write_text(yaml.safe_dump(document, sort_keys=False))
    summary = import_definition(settings, definition_copy, TEST_ACTOR)
    assert summary.changes["seat deleted"] == 1
    with _session(settings) as session:
        assert session.scalar(select(Seat).where(Seat.key == dropped["key"])) is None
        assert session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "registry.seat.delete", AuditEvent.entity_key.like("%" + dropped["key"])
            )
        )


@pytest.mark.slow
def test_export_reads_back_as_the_same_definition(settings, definition_copy: Path) -> None:
    import_definition(settings, definition_copy, TEST_ACTOR)
    with _session(settings) as session:
        exported = definition_yaml(session)
        document = definition_document(session)
    original = parse_definition(yaml.safe_load((definition_copy / "system.yaml").read_text()), "system.yaml")
    again = parse_definition(yaml.safe_load(exported), "export.yaml")
    assert {o.key for o in again.organisations} == {o.key for o in original.organisations}
    assert {p.key: p.parent for p in again.partnerships} == {p.key: p.parent for p in original.partnerships}
    assert {c.key: [s.key for s in c.seats] for c in again.committees} == {
        c.key: [s.key for s in c.seats] for c in original.committees
    }
    assert again.document_pcns == original.document_pcns
    assert not any(o["type"] == "gp_practice" for o in document["organisations"])
    # Importing the export changes nothing.
    (definition_copy / "system.yaml").write_text(exported)
    assert sum(import_definition(settings, definition_copy, TEST_ACTOR).changes.values()) == 0
    with _session(settings) as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == len(document["organisations"]) + 176


def _events(settings, action: str) -> list[AuditEvent]:
    with _session(settings) as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


@pytest.mark.slow
def test_links_and_memberships_are_audited_by_key(settings, definition_copy: Path) -> None:
    import_definition(settings, definition_copy, TEST_ACTOR)
    created = next(e for e in _events(settings, "registry.partnership.create") if e.entity_key == "east-kent")
    assert created.after["parent"] == "kent-and-medway-ics"
    pcn = next(e for e in _events(settings, "registry.partnership.create") if e.entity_key == "u10200")
    assert pcn.after["parent"] == "dartford-gravesham-and-swanley"
    assert ["organisation", "g82048", "core partner"] in pcn.after["members"]

    system = definition_copy / "system.yaml"
    document = yaml.safe_load(system.read_text())
    icp = next(p for p in document["partnerships"] if p["type"] == "icp")
    dropped = icp["members"].pop()
    place = next(p for p in document["partnerships"] if p["key"] == "east-kent")
    other = next(p for p in document["partnerships"] if p["type"] == "alliance")
    other["parent"] = "east-kent"
    seat = next(c for c in document["committees"] if c["key"] == "icp-joint-committee")["seats"][0]
    seat["person"] = None
    system.write_text(yaml.safe_dump(document, sort_keys=False))
    summary = import_definition(settings, definition_copy, TEST_ACTOR)
    assert summary.changes["partnership updated"] == 2 and summary.changes["seat updated"] == 1

    updates = {e.entity_key: e for e in _events(settings, "registry.partnership.update")}
    assert updates[other["key"]].after == {"parent": place["key"]}
    members_before = updates[icp["key"]].before["members"]
    members_after = updates[icp["key"]].after["members"]
    gone = [m for m in members_before if m not in members_after]
    assert len(gone) == 1 and gone[0][1] == dropped.get("organisation", dropped.get("partnership"))
    seat_update = _events(settings, "registry.seat.update")[-1]
    assert seat_update.before["person"] is not None and seat_update.after["person"] is None
