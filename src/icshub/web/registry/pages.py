"""HTML pages of the registry: the system at a glance, places, partnerships, organisations, committees,
areas and search. Thin: each page asks ``queries`` and renders a template."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from icshub.auth.policy import Permission
from icshub.db import Session
from icshub.registry import charts, queries
from icshub.registry.vocabulary import AreaType, OrganisationType, PartnershipType
from icshub.web.deps import DbSession, permit
from icshub.web.templating import render

if TYPE_CHECKING:
    from icshub.registry.models import Committee
router = APIRouter(include_in_schema=False, dependencies=[Depends(permit(Permission.REGISTRY_READ))])


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"There is no {what} here. It may have been renamed or removed.")


@router.get("/")
def home(request: Request, session: Session = DbSession):
    info = queries.system_info(session)
    places = queries.list_partnerships(session, PartnershipType.PLACE.value)
    place_rows = []
    for place in places:
        lsoas = queries.place_lsoas(session, place)
        pcns = [c for c in place.children if c.type == PartnershipType.PCN.value]
        place_rows.append({"place": place, "population": queries.population_of(session, lsoas), "pcns": len(pcns)})
    organisations = queries.list_organisations(session)
    partnerships = queries.list_partnerships(session)
    system_tier = [p for p in partnerships if p.tier == "system" and p.type not in {"ics", "icp"}]
    return render(
        request,
        "registry/home.html",
        {
            "info": info,
            "places": place_rows,
            "population": sum((r["population"] for r in place_rows), 0),
            "organisation_types": Counter(o.type for o in organisations),
            "partnership_types": Counter(p.type for p in partnerships),
            "icp": next((p for p in partnerships if p.type == "icp"), None),
            "system_bodies": [o for o in organisations if o.type in SYSTEM_BODY_TYPES and o.status == "active"],
            "system_tier_types": Counter(p.type for p in system_tier),
            "committees": sorted(queries.list_committees(session), key=_committee_order)[:10],
            "committee_count": len(queries.list_committees(session)),
            "practices": sum(1 for o in organisations if o.type == OrganisationType.GP_PRACTICE.value),
            "districts": len(queries.list_areas(session, AreaType.DISTRICT.value)),
        },
    )


# Shown first on the overview: the statutory bodies the system is built on, and its principal committees.
SYSTEM_BODY_TYPES = {"integrated_care_board", "county_council", "unitary_council"}
_COMMITTEE_PRIORITY = {"joint_committee": 0, "committee": 1, "subcommittee": 2, "board": 3}


def _committee_order(committee: Committee) -> tuple[int, str]:
    return _COMMITTEE_PRIORITY.get(committee.type, 9), committee.name


def _listing(request: Request, kind: str, types: type[StrEnum], wanted: str | None, lister) -> object:
    """A list page filtered by type; an unknown type shows everything rather than an error."""
    chosen = wanted if wanted in {t.value for t in types} else None
    return render(request, f"registry/{kind}.html", {kind: lister(chosen), "type": chosen, "types": list(types)})


@router.get("/about/data")
def about_data(request: Request, session: Session = DbSession):
    return render(request, "registry/about_data.html", {"info": queries.system_info(session)})


@router.get("/partnerships")
def partnerships(request: Request, type: str | None = Query(None), session: Session = DbSession):
    return _listing(
        request, "partnerships", PartnershipType, type, lambda chosen: queries.list_partnerships(session, chosen)
    )


@router.get("/partnerships/{key}")
def partnership(key: str, request: Request, session: Session = DbSession):
    record = queries.get_partnership(session, key)
    if record is None:
        raise _not_found("partnership")
    context = {
        "partnership": record,
        "members": queries.members_of(session, record),
        "children": sorted(record.children, key=lambda c: c.name),
        "committees": queries.committees_of(session, record),
    }
    if record.type == PartnershipType.PLACE.value:
        profile = queries.place_profile(session, record)
        context |= {
            "profile": profile,
            "age_chart": charts.age_profile(profile.population_by_age, "Population by age"),
            "deprivation_chart": charts.deprivation_profile(
                profile.deprivation_quintiles, "Population by deprivation quintile"
            ),
            "map_chart": charts.deprivation_map(
                f"/api/v1/places/{record.key}/boundaries.geojson", "Small areas by deprivation decile"
            ),
        }
        return render(request, "registry/place.html", context)
    return render(request, "registry/partnership.html", context)


@router.get("/organisations")
def organisations(request: Request, type: str | None = Query(None), session: Session = DbSession):
    return _listing(
        request, "organisations", OrganisationType, type, lambda chosen: queries.list_organisations(session, chosen)
    )


@router.get("/organisations/{key}")
def organisation(key: str, request: Request, session: Session = DbSession):
    record = queries.get_organisation(session, key)
    if record is None:
        raise _not_found("organisation")
    place = None
    if record.location and record.location.lsoa21_code:
        place = queries.place_of_area(session, record.location.lsoa21_code)
    return render(
        request,
        "registry/organisation.html",
        {"organisation": record, "member_of": queries.memberships_of(session, record), "place": place},
    )


@router.get("/committees")
def committees(request: Request, session: Session = DbSession):
    return render(request, "registry/committees.html", {"committees": queries.list_committees(session)})


@router.get("/committees/{key}")
def committee(key: str, request: Request, session: Session = DbSession):
    record = queries.get_committee(session, key)
    if record is None:
        raise _not_found("committee")
    parent, reports_to = queries.committee_relations(session, record)
    return render(
        request,
        "registry/committee.html",
        {
            "committee": record,
            "seats": queries.seats_of(session, record),
            "subcommittees": queries.subcommittees_of(session, record),
            "parent": parent,
            "reports_to": reports_to,
            "partnership": queries.partnership_by_id(session, record.partnership_id),
        },
    )


@router.get("/areas/{code}")
def area(code: str, request: Request, session: Session = DbSession):
    record = queries.get_area(session, code)
    if record is None:
        raise _not_found("area")
    return render(
        request,
        "registry/area.html",
        {
            "area": record,
            "parents": queries.area_parents(session, code),
            "children": queries.area_children(session, code),
            "place": queries.place_of_area(session, code),
            "statistics": queries.area_statistics(session, code),
        },
    )


@router.get("/search")
def search(request: Request, q: str = Query("", max_length=100), session: Session = DbSession):
    hits = queries.search(session, q)
    template = "registry/search_results.html" if request.headers.get("hx-request") else "registry/search.html"
    return render(request, template, {"q": q, "hits": hits})
