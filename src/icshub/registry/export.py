"""Export the registry: as a system definition (YAML that ``registry import`` reads back) or as JSON.

The definition holds what came from documents; practices, PCNs and the geography come from the national
datasets and are in the JSON export, not the definition.
"""

from __future__ import annotations

from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.registry import queries
from icshub.registry.definition import SCHEMA
from icshub.registry.errors import RegistryError
from icshub.registry.models import Committee, Organisation, Partnership, Person
from icshub.registry.vocabulary import OrganisationType, PartnershipType


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, [], False)}


def definition_document(session: Session) -> dict[str, Any]:
    """The registry's document-derived records in the ``icshub.system/1`` form."""
    info = queries.system_info(session)
    if info is None:
        raise RegistryError("No system has been imported yet, so there is nothing to export.")
    organisations = {o.id: o for o in session.scalars(select(Organisation).order_by(Organisation.id))}
    partnerships = {p.id: p for p in session.scalars(select(Partnership).order_by(Partnership.id))}
    committees = {c.id: c for c in session.scalars(select(Committee).order_by(Committee.id))}
    people = {p.id: p for p in session.scalars(select(Person).order_by(Person.id))}

    def ref(organisation_id: int | None, partnership_id: int | None) -> dict[str, str] | None:
        if organisation_id:
            return {"organisation": organisations[organisation_id].key}
        if partnership_id:
            return {"partnership": partnerships[partnership_id].key}
        return None

    document: dict[str, Any] = {
        "schema": SCHEMA,
        "version": info.definition_version,
        "system": _drop_empty(
            {"key": info.key, "name": info.name, "ics": info.ics_partnership_key, "description": info.description}
        ),
        "sources": [_drop_empty(s) for s in info.sources],
        "organisations": [
            _drop_empty(
                {
                    "key": o.key,
                    "name": o.name,
                    "short_name": o.short_name,
                    "type": o.type,
                    "ods_code": o.ods_code,
                    "gss_code": o.gss_code,
                    "status": o.status,
                    "website": o.website,
                    "aliases": o.aliases,
                    "source": o.source,
                }
            )
            for o in organisations.values()
            if o.type != OrganisationType.GP_PRACTICE.value
        ],
        "partnerships": [],
        "committees": [],
        "people": [
            _drop_empty(
                {
                    "key": p.key,
                    "name": p.name,
                    "role": p.role,
                    "organisation": organisations[p.organisation_id].key if p.organisation_id else None,
                    "source": p.source,
                }
            )
            for p in people.values()
        ],
        "document_pcns": info.document_pcns,
    }
    for p in partnerships.values():
        if p.type == PartnershipType.PCN.value:
            continue
        members = queries.members_of(session, p)
        document["partnerships"].append(
            _drop_empty(
                {
                    "key": p.key,
                    "name": p.name,
                    "short_name": p.short_name,
                    "type": p.type,
                    "tier": p.tier,
                    "parent": partnerships[p.parent_id].key if p.parent_id else None,
                    "description": p.description,
                    "ccg19": p.ccg19_codes,
                    "status": p.status,
                    "members": [
                        _drop_empty(
                            {"organisation": o.key, "role": None if m.role == "member" else m.role, "note": m.note}
                        )
                        for o, m in members.organisations
                    ]
                    + [
                        _drop_empty(
                            {"partnership": q.key, "role": None if m.role == "member" else m.role, "note": m.note}
                        )
                        for q, m in members.partnerships
                    ],
                    "aliases": p.aliases,
                    "source": p.source,
                }
            )
        )
    for c in committees.values():
        document["committees"].append(
            _drop_empty(
                {
                    "key": c.key,
                    "name": c.name,
                    "short_name": c.short_name,
                    "type": c.type,
                    "partnership": partnerships[c.partnership_id].key if c.partnership_id else None,
                    "parent": committees[c.parent_id].key if c.parent_id else None,
                    "reports_to": committees[c.reports_to_id].key if c.reports_to_id else None,
                    "description": c.description,
                    "aliases": c.aliases,
                    "source": c.source,
                    "seats": [
                        _drop_empty(
                            {
                                "key": s.key,
                                "title": s.title,
                                "category": s.category,
                                "appointed_by": ref(s.appointing_organisation_id, s.appointing_partnership_id),
                                "count": None if s.count == 1 else s.count,
                                "person": people[s.person_id].key if s.person_id else None,
                                "leadership_team": s.leadership_team,
                                "chair_eligible": s.chair_eligible,
                                "source": s.source,
                            }
                        )
                        for s in c.seats
                    ],
                }
            )
        )
    return document


def definition_yaml(session: Session) -> str:
    header = "# icshub system definition, exported from the registry. `icshub registry import` reads it back.\n"
    return header + yaml.safe_dump(definition_document(session), sort_keys=False, allow_unicode=True, width=110)
