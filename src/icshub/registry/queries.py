"""Registry reads: the system at a glance, places and their profiles, detail of each record, search."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

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
    Seat,
    SystemInfo,
)
from icshub.registry.vocabulary import AreaType, Hierarchy, PartnershipType

AGE_BANDS = ("0-15", "16-24", "25-34", "35-49", "50-64", "65+")
CURRENT_IMD = "imd2025"


def system_info(session: Session) -> SystemInfo | None:
    return session.scalar(select(SystemInfo))


def list_partnerships(session: Session, type: str | None = None, tier: str | None = None) -> list[Partnership]:
    query = select(Partnership).options(selectinload(Partnership.parent)).order_by(Partnership.name)
    if type:
        query = query.where(Partnership.type == type)
    if tier:
        query = query.where(Partnership.tier == tier)
    return list(session.scalars(query))


def get_partnership(session: Session, key: str) -> Partnership | None:
    return session.scalar(select(Partnership).where(Partnership.key == key).options(selectinload(Partnership.children)))


@dataclass
class Members:
    organisations: list[tuple[Organisation, PartnershipMember]] = field(default_factory=list)
    partnerships: list[tuple[Partnership, PartnershipMember]] = field(default_factory=list)


def members_of(session: Session, partnership: Partnership) -> Members:
    """The organisations and the partnerships that are members of ``partnership``, with their membership."""

    def of_kind(model, column) -> list:
        rows = session.execute(
            select(PartnershipMember, model)
            .join(model, column == model.id)
            .where(PartnershipMember.partnership_id == partnership.id)
            .order_by(model.name)
        )
        return [(record, member) for member, record in rows]

    return Members(
        organisations=of_kind(Organisation, PartnershipMember.organisation_id),
        partnerships=of_kind(aliased(Partnership), PartnershipMember.member_partnership_id),
    )


def memberships_of(session: Session, organisation: Organisation) -> list[Partnership]:
    """The partnerships an organisation is a member of."""
    return list(
        session.scalars(
            select(Partnership)
            .join(PartnershipMember, PartnershipMember.partnership_id == Partnership.id)
            .where(PartnershipMember.organisation_id == organisation.id)
            .order_by(Partnership.name)
        )
    )


def list_organisations(session: Session, type: str | None = None) -> list[Organisation]:
    query = select(Organisation).order_by(Organisation.name)
    if type:
        query = query.where(Organisation.type == type)
    return list(session.scalars(query))


def get_organisation(session: Session, key: str) -> Organisation | None:
    return session.scalar(
        select(Organisation).where(Organisation.key == key).options(selectinload(Organisation.location))
    )


def list_committees(session: Session) -> list[Committee]:
    return list(session.scalars(select(Committee).order_by(Committee.name)))


def get_committee(session: Session, key: str) -> Committee | None:
    return session.scalar(select(Committee).where(Committee.key == key).options(selectinload(Committee.seats)))


def committees_of(session: Session, partnership: Partnership) -> list[Committee]:
    return list(
        session.scalars(select(Committee).where(Committee.partnership_id == partnership.id).order_by(Committee.name))
    )


def subcommittees_of(session: Session, committee: Committee) -> list[Committee]:
    return list(session.scalars(select(Committee).where(Committee.parent_id == committee.id).order_by(Committee.name)))


def by_ids(session: Session, model: type, ids: set[int | None]) -> dict[int, object]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {record.id: record for record in session.scalars(select(model).where(model.id.in_(wanted)))}


@dataclass
class SeatView:
    seat: Seat
    appointed_by: Organisation | Partnership | None
    person: Person | None


def seats_of(session: Session, committee: Committee) -> list[SeatView]:
    organisations = by_ids(session, Organisation, {s.appointing_organisation_id for s in committee.seats})
    partnerships = by_ids(session, Partnership, {s.appointing_partnership_id for s in committee.seats})
    people = by_ids(session, Person, {s.person_id for s in committee.seats})
    return [
        SeatView(
            seat,
            organisations.get(seat.appointing_organisation_id) or partnerships.get(seat.appointing_partnership_id),
            people.get(seat.person_id),
        )
        for seat in committee.seats
    ]


def get_area(session: Session, code: str) -> Area | None:
    return session.get(Area, code)


def area_parents(session: Session, code: str) -> list[tuple[AreaLink, Area]]:
    rows = session.execute(
        select(AreaLink, Area).join(Area, AreaLink.parent_code == Area.code).where(AreaLink.child_code == code)
    )
    return [(link, area) for link, area in rows]


def area_children(session: Session, code: str) -> list[tuple[AreaLink, Area]]:
    rows = session.execute(
        select(AreaLink, Area)
        .join(Area, AreaLink.child_code == Area.code)
        .where(AreaLink.parent_code == code)
        .order_by(Area.name)
    )
    return [(link, area) for link, area in rows]


def list_areas(session: Session, type: str | None = None, edition: str | None = None) -> list[Area]:
    query = select(Area).order_by(Area.code)
    if type:
        query = query.where(Area.type == type)
    areas = list(session.scalars(query))
    return [a for a in areas if edition in a.editions] if edition else areas


def place_of_area(session: Session, code: str) -> Partnership | None:
    return session.scalar(
        select(Partnership)
        .join(PlaceArea, PlaceArea.partnership_id == Partnership.id)
        .where(PlaceArea.area_code == code)
    )


@dataclass
class DistrictShare:
    district: Area
    lsoas: int
    population: Decimal


@dataclass
class PlaceProfile:
    place: Partnership
    lsoas: list[str]
    population: Decimal
    population_by_age: dict[str, Decimal]
    districts: list[DistrictShare]
    pcns: list[tuple[Partnership, list[Organisation]]]
    unaffiliated_practices: list[Organisation]
    deprivation_quintiles: dict[int, Decimal]
    imd_period: str


def _statistic(session: Session, codes: list[str], measures: list[str]) -> dict[tuple[str, str], Decimal]:
    rows = session.execute(
        select(AreaStatistic.area_code, AreaStatistic.measure, AreaStatistic.value).where(
            AreaStatistic.area_code.in_(codes), AreaStatistic.measure.in_(measures)
        )
    )
    return {(code, measure): value for code, measure, value in rows}


def place_lsoas(session: Session, place: Partnership) -> list[str]:
    return list(session.scalars(select(PlaceArea.area_code).where(PlaceArea.partnership_id == place.id)))


def practices_by_pcn(session: Session, pcns: list[Partnership]) -> dict[int, list[Organisation]]:
    rows = session.execute(
        select(PartnershipMember.partnership_id, Organisation)
        .join(Organisation, PartnershipMember.organisation_id == Organisation.id)
        .where(PartnershipMember.partnership_id.in_([p.id for p in pcns]))
        .order_by(Organisation.name)
    )
    found: dict[int, list[Organisation]] = defaultdict(list)
    for pcn_id, organisation in rows:
        found[pcn_id].append(organisation)
    return found


def place_profile(session: Session, place: Partnership) -> PlaceProfile:
    """A place's small areas, population by age, districts, PCNs with practices and deprivation profile."""
    lsoas = place_lsoas(session, place)
    measures = ["population.all", *(f"population.age.{band}" for band in AGE_BANDS), f"{CURRENT_IMD}.decile"]
    values = _statistic(session, lsoas, measures)
    population = sum((values.get((c, "population.all"), Decimal(0)) for c in lsoas), Decimal(0))
    by_age = {
        band: sum((values.get((c, f"population.age.{band}"), Decimal(0)) for c in lsoas), Decimal(0))
        for band in AGE_BANDS
    }
    quintiles: dict[int, Decimal] = dict.fromkeys(range(1, 6), Decimal(0))
    for code in lsoas:
        decile = values.get((code, f"{CURRENT_IMD}.decile"))
        if decile is not None:
            quintiles[(int(decile) + 1) // 2] += values.get((code, "population.all"), Decimal(0))

    ward = aliased(Area)
    district = aliased(Area)
    ward_link = aliased(AreaLink)
    district_link = aliased(AreaLink)
    rows = session.execute(
        select(district, ward_link.child_code)
        .select_from(ward_link)
        .join(district_link, (district_link.child_code == ward_link.parent_code))
        .join(ward, ward.code == ward_link.parent_code)
        .join(district, district.code == district_link.parent_code)
        .where(
            ward_link.hierarchy == Hierarchy.LSOA21_WARD.value,
            district_link.hierarchy == Hierarchy.WARD_DISTRICT.value,
            district_link.valid_to.is_(None),
            ward_link.child_code.in_(lsoas),
        )
    )
    shares: dict[str, DistrictShare] = {}
    for area, lsoa in rows:
        share = shares.setdefault(area.code, DistrictShare(area, 0, Decimal(0)))
        share.lsoas += 1
        share.population += values.get((lsoa, "population.all"), Decimal(0))

    pcns = list(
        session.scalars(
            select(Partnership)
            .where(Partnership.parent_id == place.id, Partnership.type == PartnershipType.PCN.value)
            .order_by(Partnership.name)
        )
    )
    practices = practices_by_pcn(session, pcns)
    in_pcn = {o.id for group in practices.values() for o in group}
    unaffiliated = [o for o in place_practices(session, place) if o.id not in in_pcn]
    return PlaceProfile(
        place=place,
        lsoas=lsoas,
        population=population,
        population_by_age=by_age,
        districts=sorted(shares.values(), key=lambda s: -s.population),
        pcns=[(pcn, practices.get(pcn.id, [])) for pcn in pcns],
        unaffiliated_practices=unaffiliated,
        deprivation_quintiles=quintiles,
        imd_period=CURRENT_IMD,
    )


def place_practices(session: Session, place: Partnership) -> list[Organisation]:
    """GP practices whose location is in one of the place's small areas."""
    from icshub.registry.models import PracticeLocation

    return list(
        session.scalars(
            select(Organisation)
            .join(PracticeLocation, PracticeLocation.organisation_id == Organisation.id)
            .join(PlaceArea, PlaceArea.area_code == PracticeLocation.lsoa21_code)
            .where(PlaceArea.partnership_id == place.id)
            .order_by(Organisation.name)
        )
    )


def population_of(session: Session, codes: list[str]) -> Decimal:
    total = session.scalar(
        select(func.sum(AreaStatistic.value)).where(
            AreaStatistic.area_code.in_(codes), AreaStatistic.measure == "population.all"
        )
    )
    return total or Decimal(0)


@dataclass
class SearchHit:
    kind: str
    key: str
    name: str
    detail: str


def search(session: Session, text: str, limit: int = 50) -> list[SearchHit]:
    """Organisations, partnerships, committees and areas whose name, code or alias contains ``text``."""
    text = text.strip()
    if len(text) < 2:
        return []
    pattern = f"%{text.lower()}%"
    hits: list[SearchHit] = []
    for model, kind in ((Organisation, "organisation"), (Partnership, "partnership"), (Committee, "committee")):
        conditions = [func.lower(model.name).like(pattern), func.lower(model.key).like(pattern)]
        if hasattr(model, "ods_code"):
            conditions.append(func.lower(model.ods_code).like(pattern))
        for record in session.scalars(select(model).where(or_(*conditions)).order_by(model.name).limit(limit)):
            hits.append(SearchHit(kind, record.key, record.name, record.type.replace("_", " ")))
    areas = session.scalars(
        select(Area)
        .where(
            or_(func.lower(Area.name).like(pattern), func.lower(Area.code).like(pattern)),
            Area.type != AreaType.LSOA.value,
        )
        .order_by(Area.name)
        .limit(limit)
    )
    hits.extend(SearchHit("area", a.code, a.name, a.type.replace("_", " ")) for a in areas)
    return hits[:limit]


def area_statistics(session: Session, code: str) -> dict[str, Decimal]:
    rows = session.execute(
        select(AreaStatistic.measure, AreaStatistic.period, AreaStatistic.value).where(AreaStatistic.area_code == code)
    )
    return {f"{measure} ({period})": value for measure, period, value in rows}


def partnership_by_id(session: Session, partnership_id: int | None) -> Partnership | None:
    """The partnership with the database id ``partnership_id`` (a committee's or a record's own), if any."""
    return session.get(Partnership, partnership_id) if partnership_id is not None else None


def committee_relations(session: Session, committee: Committee) -> tuple[Committee | None, Committee | None]:
    """The committee's parent and the committee it reports to, either of which may be missing."""
    related = by_ids(session, Committee, {committee.parent_id, committee.reports_to_id})
    return related.get(committee.parent_id), related.get(committee.reports_to_id)  # type: ignore[return-value]


def councils_with_codes(session: Session, codes: set[str]) -> dict[int, Organisation]:
    """The councils whose GSS code is one of ``codes``, by database id."""
    found = session.scalars(select(Organisation).where(Organisation.gss_code.in_(codes)))
    return {organisation.id: organisation for organisation in found}


BODY_MODELS = {"organisation": Organisation, "partnership": Partnership, "committee": Committee}
"""The registry bodies that lead, act or meet, by the kind other domains name them with."""


def body(session: Session, kind: str, key: str) -> Organisation | Partnership | Committee | None:
    """The organisation, partnership or committee with ``key``; None for an unknown kind or key."""
    model = BODY_MODELS.get(kind)
    return session.scalar(select(model).where(model.key == key)) if model else None


def body_id(session: Session, kind: str, key: str) -> tuple[str, int] | None:
    """A body as ``(kind, id)``, the form the policy and other domains refer to it by; None if unknown."""
    found = body(session, kind, key)
    return (kind, found.id) if found else None
