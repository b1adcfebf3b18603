"""Registry use cases that write: importing a whole system definition with its datasets.

An import is one transaction: records are matched by their natural keys (area codes, organisation and
partnership keys, ODS codes), so ids stay stable for the other domains that refer to them; what the new
definition no longer holds is removed; every change to an organisation, partnership, committee, seat or
person is audited with its before and after.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from icshub.auth.audit import Actor, record_event, snapshot
from icshub.registry.definition import MemberRef
from icshub.registry.kinds import OrganisationType, PartnershipType, Tier
from icshub.registry.load import RegistryBundle
from icshub.registry.models import (
    Area,
    AreaLink,
    AreaStatistic,
    Committee,
    Organisation,
    Partnership,
    PartnershipMember,
    Person,
    PlaceArea,
    PracticeLocation,
    Seat,
    SystemInfo,
)

ORGANISATION_FIELDS = ("key", "name", "short_name", "type", "ods_code", "gss_code", "status", "website", "postcode")
PARTNERSHIP_FIELDS = ("key", "name", "short_name", "type", "tier", "ods_code", "status", "open_date", "description")
COMMITTEE_FIELDS = ("key", "name", "short_name", "type", "description")
SEAT_FIELDS = ("key", "title", "category", "count", "leadership_team", "chair_eligible")
PERSON_FIELDS = ("key", "name", "role")


@dataclass
class ImportSummary:
    """What an import did: counts of what the registry now holds and of the audited changes."""

    counts: dict[str, int] = field(default_factory=dict)
    changes: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {"counts": self.counts, "changes": dict(self.changes)}


class _Upserter:
    """Matches records by key, applies new values, and audits what changed."""

    def __init__(self, session: Session, actor: Actor, summary: ImportSummary) -> None:
        self.session = session
        self.actor = actor
        self.summary = summary

    def apply(
        self,
        model: type,
        existing: dict[str, Any],
        key: str,
        values: dict[str, Any],
        fields: tuple[str, ...],
        label: str | None = None,
    ) -> Any:
        entity = model.__tablename__.removeprefix("registry_")
        label = label or key
        record = existing.get(key)
        if record is None:
            record = model(**values)
            self.session.add(record)
            existing[key] = record
            after = snapshot(record, fields)
            record_event(self.session, self.actor, f"registry.{entity}.create", entity, label, None, after)
            self.summary.changes[f"{entity} created"] += 1
            return record
        before = snapshot(record, fields)
        for name, value in values.items():
            setattr(record, name, value)
        after = snapshot(record, fields)
        if before != after:
            record_event(self.session, self.actor, f"registry.{entity}.update", entity, label, before, after)
            self.summary.changes[f"{entity} updated"] += 1
        return record

    def remove_missing(
        self, existing: dict[str, Any], keep: set[str], fields: tuple[str, ...], label_prefix: str = ""
    ) -> None:
        for key in sorted(set(existing) - keep):
            record = existing.pop(key)
            entity = record.__tablename__.removeprefix("registry_")
            before = snapshot(record, fields)
            record_event(
                self.session, self.actor, f"registry.{entity}.delete", entity, label_prefix + key, before, None
            )
            self.summary.changes[f"{entity} deleted"] += 1
            self.session.delete(record)


def _by(session: Session, model: type, attribute: str = "key") -> dict[str, Any]:
    return {getattr(record, attribute): record for record in session.scalars(select(model))}


def _bulk(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model), rows)


def _write_geography(session: Session, bundle: RegistryBundle) -> None:
    """Areas by code; links, place memberships and statistics are replaced as a whole."""
    session.execute(delete(AreaLink))
    session.execute(delete(PlaceArea))
    session.execute(delete(AreaStatistic))
    areas = _by(session, Area, "code")
    for record in bundle.geography.areas.values():
        values = {
            "code": record.code,
            "name": record.name,
            "type": record.type.value,
            "editions": sorted(record.editions),
            "nhs_code": record.nhs_code,
        }
        if record.code in areas:
            for name, value in values.items():
                setattr(areas[record.code], name, value)
        else:
            session.add(Area(**values))
    for code in set(areas) - set(bundle.geography.areas):
        session.delete(areas[code])
    session.flush()
    _bulk(
        session,
        AreaLink,
        [
            {
                "hierarchy": link.hierarchy.value,
                "child_code": link.child,
                "parent_code": link.parent,
                "valid_from": link.valid_from,
                "valid_to": link.valid_to,
                "detail": link.detail,
            }
            for link in bundle.geography.links.values()
        ],
    )
    _bulk(
        session,
        AreaStatistic,
        [
            {"area_code": s.area_code, "measure": s.measure, "period": s.period, "value": s.value, "source": s.source}
            for s in bundle.statistics
        ],
    )


def _write_organisations(up: _Upserter, bundle: RegistryBundle) -> dict[str, Organisation]:
    organisations = _by(up.session, Organisation)
    for o in bundle.definition.organisations:
        values = {
            "key": o.key,
            "name": o.name,
            "short_name": o.short_name,
            "type": o.type.value,
            "ods_code": o.ods_code,
            "gss_code": o.gss_code,
            "status": o.status.value,
            "website": o.website,
            "postcode": None,
            "source": o.source,
            "aliases": list(o.aliases),
        }
        up.apply(Organisation, organisations, o.key, values, ORGANISATION_FIELDS)
    for p in bundle.primary_care.practices.values():
        values = {
            "key": p.ods_code.lower(),
            "name": p.name,
            "short_name": None,
            "type": OrganisationType.GP_PRACTICE.value,
            "ods_code": p.ods_code,
            "gss_code": None,
            "status": "active",
            "website": None,
            "postcode": p.postcode,
            "source": bundle.datasets.practices.current.file,
            "aliases": [p.ods_name],
        }
        practice = up.apply(Organisation, organisations, p.ods_code.lower(), values, ORGANISATION_FIELDS)
        location = {
            "postcode": p.postcode,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "lsoa11_code": p.lsoa11,
            "lsoa21_code": p.lsoa21,
            "geocode_is_current": p.geocode_is_current,
        }
        if practice.location is None:
            practice.location = PracticeLocation(**location)
        else:
            for name, value in location.items():
                setattr(practice.location, name, value)
    keep = {o.key for o in bundle.definition.organisations} | {p.lower() for p in bundle.primary_care.practices}
    up.remove_missing(organisations, keep, ORGANISATION_FIELDS)
    up.session.flush()
    return organisations


def _write_partnerships(
    up: _Upserter, bundle: RegistryBundle, organisations: dict[str, Organisation]
) -> dict[str, Partnership]:
    session = up.session
    partnerships = _by(session, Partnership)
    parent_of: dict[str, str | None] = {}
    for d in bundle.definition.partnerships:
        values = {
            "key": d.key,
            "name": d.name,
            "short_name": d.short_name,
            "type": d.type.value,
            "tier": d.tier.value if d.tier else None,
            "ods_code": None,
            "status": d.status.value,
            "open_date": None,
            "description": d.description,
            "source": d.source,
            "aliases": list(d.aliases),
            "ccg19_codes": list(d.ccg19),
        }
        up.apply(Partnership, partnerships, d.key, values, PARTNERSHIP_FIELDS)
        parent_of[d.key] = d.parent
    for pcn in bundle.primary_care.pcns.values():
        key = pcn.ods_code.lower()
        values = {
            "key": key,
            "name": pcn.name,
            "short_name": None,
            "type": PartnershipType.PCN.value,
            "tier": Tier.NEIGHBOURHOOD.value,
            "ods_code": pcn.ods_code,
            "status": "active",
            "open_date": pcn.open_date,
            "description": None,
            "source": bundle.datasets.pcns.details.file,
            "aliases": [pcn.ods_name],
            "ccg19_codes": [],
        }
        up.apply(Partnership, partnerships, key, values, PARTNERSHIP_FIELDS)
        parent_of[key] = pcn.place
    session.execute(delete(PartnershipMember))
    for key in set(partnerships) - set(parent_of):
        partnerships[key].parent_id = None
    session.flush()
    for key, parent in parent_of.items():
        partnerships[key].parent_id = partnerships[parent].id if parent else None
    up.remove_missing(partnerships, set(parent_of), PARTNERSHIP_FIELDS)
    session.flush()

    def member(partnership_key: str, ref: MemberRef) -> dict[str, Any]:
        return {
            "partnership_id": partnerships[partnership_key].id,
            "organisation_id": organisations[ref.organisation].id if ref.organisation else None,
            "member_partnership_id": partnerships[ref.partnership].id if ref.partnership else None,
            "role": ref.role or "member",
            "note": ref.note,
            "valid_from": None,
        }

    rows = [member(d.key, ref) for d in bundle.definition.partnerships for ref in d.members]
    rows += [
        {
            "partnership_id": partnerships[m.pcn.lower()].id,
            "organisation_id": organisations[m.practice.lower()].id,
            "member_partnership_id": None,
            "role": "core partner",
            "note": None,
            "valid_from": m.valid_from,
        }
        for m in bundle.primary_care.memberships
    ]
    _bulk(session, PartnershipMember, rows)
    _bulk(
        session,
        PlaceArea,
        [
            {"partnership_id": partnerships[place].id, "area_code": code, "basis": "CCG (April 2019) footprint"}
            for code, place in bundle.place_of_lsoa21.items()
        ],
    )
    return partnerships


def _write_committees(
    up: _Upserter,
    bundle: RegistryBundle,
    organisations: dict[str, Organisation],
    partnerships: dict[str, Partnership],
) -> None:
    session = up.session
    definition = bundle.definition
    people = _by(session, Person)
    for p in definition.people:
        values = {
            "key": p.key,
            "name": p.name,
            "role": p.role,
            "organisation_id": organisations[p.organisation].id if p.organisation else None,
            "source": p.source,
        }
        up.apply(Person, people, p.key, values, PERSON_FIELDS)
    committees = _by(session, Committee)
    for c in definition.committees:
        values = {
            "key": c.key,
            "name": c.name,
            "short_name": c.short_name,
            "type": c.type.value,
            "partnership_id": partnerships[c.partnership].id if c.partnership else None,
            "description": c.description,
            "source": c.source,
            "aliases": list(c.aliases),
        }
        up.apply(Committee, committees, c.key, values, COMMITTEE_FIELDS)
    session.flush()
    for c in definition.committees:
        committee = committees[c.key]
        committee.parent_id = committees[c.parent].id if c.parent else None
        committee.reports_to_id = committees[c.reports_to].id if c.reports_to else None
        seats = {seat.key: seat for seat in session.scalars(select(Seat).where(Seat.committee_id == committee.id))}
        for position, s in enumerate(c.seats):
            by = s.appointed_by
            values = {
                "committee_id": committee.id,
                "key": s.key,
                "title": s.title,
                "category": s.category.value,
                "count": s.count,
                "person_id": people[s.person].id if s.person else None,
                "leadership_team": s.leadership_team,
                "chair_eligible": s.chair_eligible,
                "position": position,
                "source": s.source,
                "appointing_organisation_id": organisations[by.organisation].id if by and by.organisation else None,
                "appointing_partnership_id": partnerships[by.partnership].id if by and by.partnership else None,
            }
            up.apply(Seat, seats, s.key, values, SEAT_FIELDS, label=f"{c.key}/{s.key}")
        up.remove_missing(seats, {s.key for s in c.seats}, SEAT_FIELDS, label_prefix=f"{c.key}/")
    keep = {c.key for c in definition.committees}
    for key in set(committees) - keep:
        for seat in session.scalars(select(Seat).where(Seat.committee_id == committees[key].id)):
            session.delete(seat)
    for committee in committees.values():
        if committee.parent_id in {committees[k].id for k in set(committees) - keep}:
            committee.parent_id = None
    up.remove_missing(committees, keep, COMMITTEE_FIELDS)
    up.remove_missing(people, {p.key for p in definition.people}, PERSON_FIELDS)


def import_registry(session: Session, bundle: RegistryBundle, actor: Actor) -> ImportSummary:
    """Write ``bundle`` into the registry inside the caller's transaction, and say what changed."""
    summary = ImportSummary()
    up = _Upserter(session, actor, summary)
    _write_geography(session, bundle)
    organisations = _write_organisations(up, bundle)
    partnerships = _write_partnerships(up, bundle, organisations)
    _write_committees(up, bundle, organisations, partnerships)

    definition = bundle.definition
    info = session.scalar(select(SystemInfo)) or SystemInfo()
    info.key = definition.system.key
    info.name = definition.system.name
    info.description = definition.system.description
    info.ics_partnership_key = definition.system.ics
    info.definition_version = definition.version
    info.definition_sha256 = bundle.definition_sha256
    info.imported_at = datetime.now(UTC)
    info.sources = [source.model_dump(mode="json") for source in definition.sources]
    info.document_pcns = [pcn.model_dump(mode="json") for pcn in definition.document_pcns]
    session.add(info)
    session.flush()

    areas = Counter(a.type.value for a in bundle.geography.areas.values())
    summary.counts = {
        "organisations": len(definition.organisations) + len(bundle.primary_care.practices),
        "practices": len(bundle.primary_care.practices),
        "partnerships": len(definition.partnerships) + len(bundle.primary_care.pcns),
        "pcns": len(bundle.primary_care.pcns),
        "committees": len(definition.committees),
        "seats": sum(len(c.seats) for c in definition.committees),
        "people": len(definition.people),
        **{f"areas.{kind}": n for kind, n in sorted(areas.items())},
        "area_links": len(bundle.geography.links),
        "statistics": len(bundle.statistics),
    }
    record_event(
        session,
        actor,
        "registry.import",
        "system",
        definition.system.key,
        None,
        {"version": definition.version, "sha256": bundle.definition_sha256, **summary.counts},
        detail=", ".join(f"{k}: {v}" for k, v in sorted(summary.changes.items())) or "no changes",
    )
    return summary
