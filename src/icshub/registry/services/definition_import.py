"""Importing a whole system definition: organisations, partnerships, committees, seats and people,
with the geography written by ``geography_import``.

An import is one transaction: records are matched by their natural keys (area codes, organisation and
partnership keys, ODS codes), so ids stay stable for the other domains that refer to them; what the new
definition no longer holds is removed; every change to an organisation, partnership, committee, seat or
person is audited with its before and after.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, aliased

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event
from icshub.registry.definition import MemberRef
from icshub.registry.load import RegistryBundle
from icshub.registry.models import (
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
from icshub.registry.services.audited_upserts import ImportSummary, Upserter
from icshub.registry.services.geography_import import bulk_insert, by_key, write_geography
from icshub.registry.vocabulary import OrganisationType, PartnershipType, Tier

_COMMON = ("key", "name", "short_name", "type", "source", "aliases")
ORGANISATION_FIELDS = (*_COMMON, "ods_code", "gss_code", "status", "website", "postcode")
PARTNERSHIP_FIELDS = (*_COMMON, "tier", "ods_code", "status", "open_date", "description", "ccg19_codes")
COMMITTEE_FIELDS = (*_COMMON, "description")
SEAT_FIELDS = ("key", "title", "category", "count", "leadership_team", "chair_eligible", "position", "source")
PERSON_FIELDS = ("key", "name", "role", "source")


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


def _write_organisations(up: Upserter, bundle: RegistryBundle) -> dict[str, Organisation]:
    organisations = by_key(up.session, Organisation)
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
    up: Upserter, bundle: RegistryBundle, organisations: dict[str, Organisation]
) -> dict[str, Partnership]:
    session = up.session
    partnerships = by_key(session, Partnership)
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
    bulk_insert(session, PartnershipMember, rows)
    members_after = _memberships(session)
    for key in parent_of:
        if members_before.get(key, []) != members_after.get(key, []):
            up.members_changed(key, members_before.get(key, []), members_after.get(key, []))
    bulk_insert(
        session,
        PlaceArea,
        [
            {"partnership_id": partnerships[place].id, "area_code": code, "basis": "CCG (April 2019) footprint"}
            for code, place in bundle.place_of_lsoa21.items()
        ],
    )
    return partnerships


def _write_committees(
    up: Upserter,
    bundle: RegistryBundle,
    organisations: dict[str, Organisation],
    partnerships: dict[str, Partnership],
) -> None:
    session = up.session
    definition = bundle.definition
    organisation_keys, partnership_keys = _keys(organisations), _keys(partnerships)
    people = by_key(session, Person)
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
    committees = by_key(session, Committee)
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
    up = Upserter(session, actor, summary)
    write_geography(session, bundle)
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
