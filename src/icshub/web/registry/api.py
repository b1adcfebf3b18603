"""REST endpoints of the registry under /api/v1: thin translations of queries into typed outputs."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from icshub.auth.policy import Permission
from icshub.db import Session
from icshub.registry import boundaries, queries
from icshub.registry.schemas import (
    AreaDetail,
    AreaLinkOut,
    AreaSummary,
    CommitteeDetail,
    CommitteeSummary,
    DistrictShareOut,
    MemberOut,
    OrganisationDetail,
    OrganisationSummary,
    PartnershipDetail,
    PartnershipSummary,
    PcnOut,
    PlaceProfileOut,
    SearchHitOut,
    SeatOut,
    SystemOut,
)
from icshub.registry.vocabulary import AreaType, OrganisationType, PartnershipType
from icshub.web.deps import DbSession, permit

if TYPE_CHECKING:
    from icshub.registry.models import Organisation, Partnership, PartnershipMember
router = APIRouter(prefix="/api/v1", tags=["registry"], dependencies=[Depends(permit(Permission.REGISTRY_READ))])

URLS = {"organisation": "/organisations/{}", "partnership": "/partnerships/{}", "committee": "/committees/{}"}


def url_for_hit(kind: str, key: str) -> str:
    return URLS.get(kind, "/areas/{}").format(key)


def partnership_summary(p: Partnership) -> PartnershipSummary:
    return PartnershipSummary(
        key=p.key,
        name=p.name,
        short_name=p.short_name,
        type=p.type,
        tier=p.tier,
        ods_code=p.ods_code,
        status=p.status,
        parent=p.parent.key if p.parent else None,
    )


def _member_out(kind: str, record: Organisation | Partnership, membership: PartnershipMember) -> MemberOut:
    return MemberOut(
        kind=kind,
        key=record.key,
        name=record.name,
        type=record.type,
        ods_code=record.ods_code,
        role=membership.role,
        note=membership.note,
        valid_from=membership.valid_from,
    )


def _missing(kind: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"There is no {kind} with the key or code '{key}'.")


@router.get("/system", response_model=SystemOut, summary="The system at a glance")
def get_system(session: Session = DbSession) -> SystemOut:
    info = queries.system_info(session)
    if info is None:
        raise HTTPException(status_code=404, detail="No system has been imported yet: run 'icshub demo'.")
    organisations = Counter(o.type for o in queries.list_organisations(session))
    partnerships = Counter(p.type for p in queries.list_partnerships(session))
    counts = {f"organisations.{k}": v for k, v in sorted(organisations.items())}
    counts |= {f"partnerships.{k}": v for k, v in sorted(partnerships.items())}
    counts["committees"] = len(queries.list_committees(session))
    counts["lsoas_2021"] = len(queries.list_areas(session, AreaType.LSOA.value, "2021"))
    counts["districts"] = len(queries.list_areas(session, AreaType.DISTRICT.value))
    return SystemOut(
        key=info.key,
        name=info.name,
        description=info.description,
        definition_version=info.definition_version,
        imported_at=info.imported_at.isoformat(),
        places=[partnership_summary(p) for p in queries.list_partnerships(session, PartnershipType.PLACE.value)],
        counts=counts,
        sources=info.sources,
        datasets=info.datasets,
    )


@router.get("/organisations", response_model=list[OrganisationSummary], summary="Organisations")
def get_organisations(
    type: OrganisationType | None = Query(None, description="Only organisations of this type"),
    session: Session = DbSession,
) -> list[Organisation]:
    return queries.list_organisations(session, type.value if type else None)


@router.get("/organisations/{key}", response_model=OrganisationDetail, summary="One organisation")
def get_organisation(key: str, session: Session = DbSession) -> OrganisationDetail:
    organisation = queries.get_organisation(session, key)
    if organisation is None:
        raise _missing("organisation", key)
    return OrganisationDetail.model_validate(
        {
            **{c: getattr(organisation, c) for c in OrganisationDetail.model_fields if hasattr(organisation, c)},
            "location": organisation.location,
            "member_of": [partnership_summary(p) for p in queries.memberships_of(session, organisation)],
        }
    )


@router.get("/partnerships", response_model=list[PartnershipSummary], summary="Partnerships and groupings")
def get_partnerships(
    type: PartnershipType | None = Query(None, description="Only partnerships of this type, e.g. place or pcn"),
    session: Session = DbSession,
) -> list[PartnershipSummary]:
    return [partnership_summary(p) for p in queries.list_partnerships(session, type.value if type else None)]


@router.get("/partnerships/{key}", response_model=PartnershipDetail, summary="One partnership, its members and parts")
def get_partnership(key: str, session: Session = DbSession) -> PartnershipDetail:
    partnership = queries.get_partnership(session, key)
    if partnership is None:
        raise _missing("partnership", key)
    members = queries.members_of(session, partnership)
    out = [_member_out("organisation", o, m) for o, m in members.organisations]
    out += [_member_out("partnership", p, m) for p, m in members.partnerships]
    summary = partnership_summary(partnership)
    return PartnershipDetail(
        **summary.model_dump(),
        description=partnership.description,
        source=partnership.source,
        aliases=partnership.aliases,
        ccg19_codes=partnership.ccg19_codes,
        open_date=partnership.open_date,
        members=out,
        children=[partnership_summary(c) for c in sorted(partnership.children, key=lambda c: c.name)],
        committees=[CommitteeSummary.model_validate(c) for c in queries.committees_of(session, partnership)],
    )


@router.get("/places/{key}/profile", response_model=PlaceProfileOut, summary="A place's population and primary care")
def get_place_profile(key: str, session: Session = DbSession) -> PlaceProfileOut:
    place = queries.get_partnership(session, key)
    if place is None or place.type != PartnershipType.PLACE.value:
        raise _missing("place", key)
    profile = queries.place_profile(session, place)
    return PlaceProfileOut(
        key=place.key,
        name=place.name,
        population=profile.population,
        lsoa_count=len(profile.lsoas),
        population_by_age=profile.population_by_age,
        deprivation_quintiles=profile.deprivation_quintiles,
        deprivation_source="IMD 2025 national quintile (1 = most deprived), population-weighted",
        districts=[
            DistrictShareOut(code=s.district.code, name=s.district.name, lsoas=s.lsoas, population=s.population)
            for s in profile.districts
        ],
        pcns=[
            PcnOut(
                key=pcn.key,
                ods_code=pcn.ods_code,
                name=pcn.name,
                practices=[OrganisationSummary.model_validate(o) for o in practices],
            )
            for pcn, practices in profile.pcns
        ],
        practices_in_no_pcn=[OrganisationSummary.model_validate(o) for o in profile.unaffiliated_practices],
    )


@router.get("/places/{key}/boundaries.geojson", summary="The place's 2021 LSOAs as GeoJSON, with IMD 2025 decile")
def get_place_boundaries(key: str, request: Request, session: Session = DbSession) -> Response:
    place = queries.get_partnership(session, key)
    if place is None or place.type != PartnershipType.PLACE.value:
        raise _missing("place", key)
    collection: dict[str, Any] = boundaries.place_lsoa_features(session, request.app.state.settings.home, place)
    return Response(json.dumps(collection, separators=(",", ":")), media_type="application/geo+json")


@router.get("/boundaries/districts.geojson", summary="The system's districts as GeoJSON, with code and name")
def get_district_boundaries(request: Request) -> Response:
    collection = boundaries.district_features(request.app.state.settings.home)
    return Response(json.dumps(collection, separators=(",", ":")), media_type="application/geo+json")


@router.get("/committees", response_model=list[CommitteeSummary], summary="Committees and boards")
def get_committees(session: Session = DbSession) -> list[CommitteeSummary]:
    return [CommitteeSummary.model_validate(c) for c in queries.list_committees(session)]


@router.get("/committees/{key}", response_model=CommitteeDetail, summary="One committee and its seats")
def get_committee(key: str, session: Session = DbSession) -> CommitteeDetail:
    committee = queries.get_committee(session, key)
    if committee is None:
        raise _missing("committee", key)
    related = queries.by_ids(session, type(committee), {committee.parent_id, committee.reports_to_id})
    partnership = queries.partnership_by_id(session, committee.partnership_id)
    return CommitteeDetail(
        key=committee.key,
        name=committee.name,
        type=committee.type,
        short_name=committee.short_name,
        description=committee.description,
        partnership=partnership.key if partnership else None,
        parent=related[committee.parent_id].key if committee.parent_id else None,
        reports_to=related[committee.reports_to_id].key if committee.reports_to_id else None,
        source=committee.source,
        seats=[
            SeatOut(
                key=v.seat.key,
                title=v.seat.title,
                category=v.seat.category,
                count=v.seat.count,
                appointed_by=v.appointed_by.key if v.appointed_by else None,
                appointed_by_kind=(None if v.appointed_by is None else type(v.appointed_by).__name__.lower()),
                person=v.person.name if v.person else None,
                leadership_team=v.seat.leadership_team,
                chair_eligible=v.seat.chair_eligible,
                source=v.seat.source,
            )
            for v in queries.seats_of(session, committee)
        ],
        subcommittees=[CommitteeSummary.model_validate(c) for c in queries.subcommittees_of(session, committee)],
    )


@router.get("/areas", response_model=list[AreaSummary], summary="Areas of the geography")
def get_areas(
    type: AreaType | None = Query(None, description="lsoa, ward, district, county, ccg, sub_icb or icb"),
    edition: str | None = Query(None, description="Only areas in this release, e.g. 2021 for LSOAs"),
    session: Session = DbSession,
) -> list[AreaSummary]:
    return [AreaSummary.model_validate(a) for a in queries.list_areas(session, type.value if type else None, edition)]


@router.get("/areas/{code}", response_model=AreaDetail, summary="One area, its parents, children and figures")
def get_area(code: str, session: Session = DbSession) -> AreaDetail:
    area = queries.get_area(session, code)
    if area is None:
        raise _missing("area", code)
    place = queries.place_of_area(session, code)

    def links(pairs) -> list[AreaLinkOut]:
        return [
            AreaLinkOut(
                hierarchy=link.hierarchy,
                area=AreaSummary.model_validate(other),
                valid_from=link.valid_from,
                valid_to=link.valid_to,
            )
            for link, other in pairs
        ]

    return AreaDetail(
        code=area.code,
        name=area.name,
        type=area.type,
        editions=area.editions,
        nhs_code=area.nhs_code,
        place=place.key if place else None,
        parents=links(queries.area_parents(session, code)),
        children=links(queries.area_children(session, code)),
        statistics=queries.area_statistics(session, code),
    )


@router.get("/search", response_model=list[SearchHitOut], summary="Search names and codes")
def get_search(q: str = Query(..., min_length=2, max_length=100), session: Session = DbSession):
    return [
        SearchHitOut(kind=h.kind, key=h.key, name=h.name, detail=h.detail, url=url_for_hit(h.kind, h.key))
        for h in queries.search(session, q)
    ]
