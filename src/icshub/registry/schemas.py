"""Typed outputs of the registry API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class OrganisationSummary(_Out):
    key: str
    name: str
    type: str
    ods_code: str | None
    status: str


class PracticeLocationOut(_Out):
    postcode: str | None
    latitude: float | None
    longitude: float | None
    lsoa11_code: str | None
    lsoa21_code: str | None
    geocode_is_current: bool


class PartnershipSummary(_Out):
    key: str
    name: str
    short_name: str | None
    type: str
    tier: str | None
    ods_code: str | None
    status: str
    parent: str | None = None


class OrganisationDetail(OrganisationSummary):
    short_name: str | None
    gss_code: str | None
    website: str | None
    postcode: str | None
    source: str | None
    aliases: list[str]
    location: PracticeLocationOut | None
    member_of: list[PartnershipSummary]


class MemberOut(BaseModel):
    kind: str
    key: str
    name: str
    type: str
    ods_code: str | None
    role: str
    note: str | None
    valid_from: date | None


class CommitteeSummary(_Out):
    key: str
    name: str
    type: str


class PartnershipDetail(PartnershipSummary):
    description: str | None
    source: str | None
    aliases: list[str]
    ccg19_codes: list[str]
    open_date: date | None
    members: list[MemberOut]
    children: list[PartnershipSummary]
    committees: list[CommitteeSummary]


class SeatOut(BaseModel):
    key: str
    title: str
    category: str
    count: int
    appointed_by: str | None
    appointed_by_kind: str | None
    person: str | None
    leadership_team: bool
    chair_eligible: bool
    source: str | None


class CommitteeDetail(CommitteeSummary):
    short_name: str | None
    description: str | None
    partnership: str | None
    parent: str | None
    reports_to: str | None
    source: str | None
    seats: list[SeatOut]
    subcommittees: list[CommitteeSummary]


class AreaSummary(_Out):
    code: str
    name: str
    type: str
    editions: list[str]


class AreaLinkOut(BaseModel):
    hierarchy: str
    area: AreaSummary
    valid_from: date | None
    valid_to: date | None


class AreaDetail(AreaSummary):
    nhs_code: str | None
    place: str | None
    parents: list[AreaLinkOut]
    children: list[AreaLinkOut]
    statistics: dict[str, Decimal]


class DistrictShareOut(BaseModel):
    code: str
    name: str
    lsoas: int
    population: Decimal


class PcnOut(BaseModel):
    key: str
    ods_code: str | None
    name: str
    practices: list[OrganisationSummary]


class PlaceProfileOut(BaseModel):
    key: str
    name: str
    population: Decimal
    lsoa_count: int
    population_by_age: dict[str, Decimal]
    deprivation_quintiles: dict[int, Decimal]
    deprivation_source: str
    districts: list[DistrictShareOut]
    pcns: list[PcnOut]
    practices_in_no_pcn: list[OrganisationSummary]


class SearchHitOut(BaseModel):
    kind: str
    key: str
    name: str
    detail: str
    url: str


class SystemOut(BaseModel):
    key: str
    name: str
    description: str | None
    definition_version: str
    imported_at: str
    places: list[PartnershipSummary]
    counts: dict[str, int]
    sources: list[dict[str, str | None]]
    datasets: list[dict[str, str | None]]
