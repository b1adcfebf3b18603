"""Registry use cases that write: importing a whole system definition with its datasets.

An import is one transaction: records are matched by their natural keys (area codes, organisation and
partnership keys, ODS codes), so ids stay stable for the other domains that refer to them; what the new
definition no longer holds is removed; every change to an organisation, partnership, committee, seat or
person is audited with its before and after.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, aliased

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event, snapshot
from icshub.auth.models import AuditEvent
from icshub.registry.definition import MemberRef
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
from icshub.registry.vocabulary import OrganisationType, PartnershipType, Tier

_COMMON = ("key", "name", "short_name", "type", "source", "aliases")
ORGANISATION_FIELDS = (*_COMMON, "ods_code", "gss_code", "status", "website", "postcode")
PARTNERSHIP_FIELDS = (*_COMMON, "tier", "ods_code", "status", "open_date", "description", "ccg19_codes")
COMMITTEE_FIELDS = (*_COMMON, "description")
SEAT_FIELDS = ("key", "title", "category", "count", "leadership_team", "chair_eligible", "position", "source")
PERSON_FIELDS = ("key", "name", "role", "source")


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
        self.created: dict[tuple[str, str], AuditEvent] = {}

    @staticmethod
    def _state(record: Any, fields: tuple[str, ...], links: dict[str, dict[int, str]]) -> dict[str, Any]:
        """The audited state: the fields, and each link by the key of the record it points at."""
        state = snapshot(record, fields)
        state.update({name.removesuffix("_id"): keys.get(getattr(record, name)) for name, keys in links.items()})
        return state

    def apply(
        self,
        model: type,
        existing: dict[str, Any],
        key: str,
        values: dict[str, Any],
        fields: tuple[str, ...],
        label: str | None = None,
        links: dict[str, dict[int, str]] | None = None,
    ) -> Any:
        """Create or update the record ``key`` with ``values``, auditing what changed.

        ``links`` names id columns among the values, with the keys of the records they can point at, so
        that the audit shows which record, not which number.
        """
        entity = model.__tablename__.removeprefix("registry_")
        label = label or key
        links = links or {}
        record = existing.get(key)
        if record is None:
            record = model(**values)
            self.session.add(record)
            existing[key] = record
            after = self._state(record, fields, links)
            event = record_event(self.session, self.actor, f"registry.{entity}.create", entity, label, None, after)
            self.created[entity, label] = event
            self.summary.changes[f"{entity} created"] += 1
            return record
        before = self._state(record, fields, links)
        for name, value in values.items():
            setattr(record, name, value)
        after = self._state(record, fields, links)
        if before != after:
            record_event(self.session, self.actor, f"registry.{entity}.update", entity, label, before, after)
            self.summary.changes[f"{entity} updated"] += 1
        return record

    def relink(self, record: Any, label: str, links: dict[str, tuple[int | None, dict[int, str]]]) -> None:
        """Point a record's id columns at other records (set once all exist), auditing the change by key."""
        entity = record.__tablename__.removeprefix("registry_")
        before = {name.removesuffix("_id"): keys.get(getattr(record, name)) for name, (_, keys) in links.items()}
        for name, (target, _) in links.items():
            setattr(record, name, target)
        after = {name.removesuffix("_id"): keys.get(target) for name, (target, keys) in links.items()}
        self._amend_or_record(entity, label, before, after)

    def _amend_or_record(self, entity: str, label: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        created = self.created.get((entity, label))
        if created is not None:
            created.after = {**(created.after or {}), **after}
        elif before != after:
            record_event(self.session, self.actor, f"registry.{entity}.update", entity, label, before, after)
            self.summary.changes[f"{entity} updated"] += 1

    def members_changed(self, label: str, before: list[list[str]], after: list[list[str]]) -> None:
        """Audit a partnership's membership, which is rewritten as a whole on every import."""
        self._amend_or_record("partnership", label, {"members": before}, {"members": after})

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


def _keys(records: dict[str, Any]) -> dict[int, str]:
    """Keys by id, for showing links in the audit by the record they point at."""
    return {record.id: key for key, record in records.items()}


def _memberships(session: Session) -> dict[str, list[list[str]]]:
    """Each partnership's members as sorted [kind, key, role] triples, to see what an import changed."""
    member_partnership = aliased(Partnership)
    rows = session.execute(
        select(Partnership.key, Organisation.key, member_partnership.key, PartnershipMember.role)
        .select_from(PartnershipMember)
        .join(Partnership, Partnership.id == PartnershipMember.partnership_id)
        .outerjoin(Organisation, Organisation.id == PartnershipMember.organisation_id)
        .outerjoin(member_partnership, member_partnership.id == PartnershipMember.member_partnership_id)
    )
    found: dict[str, list[list[str]]] = defaultdict(list)
    for partnership, organisation, other, role in rows:
        found[partnership].append(
            ["organisation", organisation, role] if organisation else ["partnership", other, role]
        )
    return {key: sorted(members) for key, members in found.items()}


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


ORGANISATION_DEFAULTS: dict[str, Any] = {
    "short_name": None,
    "ods_code": None,
    "gss_code": None,
    "status": "active",
    "website": None,
    "postcode": None,
}
PARTNERSHIP_DEFAULTS: dict[str, Any] = {
    "short_name": None,
    "tier": None,
    "ods_code": None,
    "status": "active",
    "open_date": None,
    "description": None,
    "ccg19_codes": [],
}


def _values(defaults: dict[str, Any], key: str, name: str, type: str, source: str | None, aliases, **fields: Any):
    """Every column of a named record: the given values over the defaults of its kind."""
    return {**defaults, **fields, "key": key, "name": name, "type": type, "source": source, "aliases": list(aliases)}


def _write_organisations(up: _Upserter, bundle: RegistryBundle) -> dict[str, Organisation]:
    organisations = _by(up.session, Organisation)
    for o in bundle.definition.organisations:
        values = _values(
            ORGANISATION_DEFAULTS,
            o.key,
            o.name,
            o.type.value,
            o.source,
            o.aliases,
            short_name=o.short_name,
            ods_code=o.ods_code,
            gss_code=o.gss_code,
            status=o.status.value,
            website=o.website,
        )
        up.apply(Organisation, organisations, o.key, values, ORGANISATION_FIELDS)
    for p in bundle.primary_care.practices.values():
        values = _values(
            ORGANISATION_DEFAULTS,
            p.ods_code.lower(),
            p.name,
            OrganisationType.GP_PRACTICE.value,
            bundle.datasets.practices.current.file,
            [p.ods_name],
            ods_code=p.ods_code,
            postcode=p.postcode,
        )
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
        values = _values(
            PARTNERSHIP_DEFAULTS,
            d.key,
            d.name,
            d.type.value,
            d.source,
            d.aliases,
            short_name=d.short_name,
            tier=d.tier.value if d.tier else None,
            status=d.status.value,
            description=d.description,
            ccg19_codes=list(d.ccg19),
        )
        up.apply(Partnership, partnerships, d.key, values, PARTNERSHIP_FIELDS)
        parent_of[d.key] = d.parent
    for pcn in bundle.primary_care.pcns.values():
        key = pcn.ods_code.lower()
        values = _values(
            PARTNERSHIP_DEFAULTS,
            key,
            pcn.name,
            PartnershipType.PCN.value,
            bundle.datasets.pcns.details.file,
            [pcn.ods_name],
            tier=Tier.NEIGHBOURHOOD.value,
            ods_code=pcn.ods_code,
            open_date=pcn.open_date,
        )
        up.apply(Partnership, partnerships, key, values, PARTNERSHIP_FIELDS)
        parent_of[key] = pcn.place
    members_before = _memberships(session)
    session.execute(delete(PartnershipMember))
    for key in set(partnerships) - set(parent_of):
        partnerships[key].parent_id = None
    session.flush()
    keys = _keys(partnerships)
    for key, parent in parent_of.items():
        up.relink(partnerships[key], key, {"parent_id": (partnerships[parent].id if parent else None, keys)})
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
    members_after = _memberships(session)
    for key in parent_of:
        if members_before.get(key, []) != members_after.get(key, []):
            up.members_changed(key, members_before.get(key, []), members_after.get(key, []))
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
    organisation_keys, partnership_keys = _keys(organisations), _keys(partnerships)
    people = _by(session, Person)
    for p in definition.people:
        values = {
            "key": p.key,
            "name": p.name,
            "role": p.role,
            "organisation_id": organisations[p.organisation].id if p.organisation else None,
            "source": p.source,
        }
        up.apply(Person, people, p.key, values, PERSON_FIELDS, links={"organisation_id": organisation_keys})
    session.flush()
    person_keys = _keys(people)
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
        up.apply(Committee, committees, c.key, values, COMMITTEE_FIELDS, links={"partnership_id": partnership_keys})
    keep = {c.key for c in definition.committees}
    for key in set(committees) - keep:
        committees[key].parent_id = committees[key].reports_to_id = None
    session.flush()
    committee_keys = _keys(committees)
    seat_links = {
        "appointing_organisation_id": organisation_keys,
        "appointing_partnership_id": partnership_keys,
        "person_id": person_keys,
    }
    for c in definition.committees:
        committee = committees[c.key]
        up.relink(
            committee,
            c.key,
            {
                "parent_id": (committees[c.parent].id if c.parent else None, committee_keys),
                "reports_to_id": (committees[c.reports_to].id if c.reports_to else None, committee_keys),
            },
        )
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
            up.apply(Seat, seats, s.key, values, SEAT_FIELDS, label=f"{c.key}/{s.key}", links=seat_links)
        up.remove_missing(seats, {s.key for s in c.seats}, SEAT_FIELDS, label_prefix=f"{c.key}/")
    for key in sorted(set(committees) - keep):
        seats = {
            seat.key: seat for seat in session.scalars(select(Seat).where(Seat.committee_id == committees[key].id))
        }
        up.remove_missing(seats, set(), SEAT_FIELDS, label_prefix=f"{key}/")
    session.flush()
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
    info.datasets = bundle.provenance
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
