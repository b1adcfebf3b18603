"""The built-in Kent and Medway system holds what the public data and the seed documents say."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from icshub.db.engine import engine_for, make_session_factory
from icshub.defaults import KENT_AND_MEDWAY
from icshub.registry import queries
from icshub.registry.models import Area, AreaLink, Committee, Organisation, Partnership, PlaceArea, Seat

DATA = KENT_AND_MEDWAY / "data"
PLACE_KEYS = {
    "Dartford, Gravesham and Swanley": "dartford-gravesham-and-swanley",
    "West Kent": "west-kent",
    "Medway and Swale": "medway-and-swale",
    "East Kent": "east-kent",
}


@pytest.fixture
def session(demo):
    settings, _ = demo
    with make_session_factory(engine_for(settings.database_url))() as session:
        yield session


def rows(relative: str) -> list[dict[str, str]]:
    with (DATA / relative).open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_four_places_43_pcns_176_practices_13_districts_1107_lsoas(session) -> None:
    places = queries.list_partnerships(session, "place")
    assert {p.key for p in places} == set(PLACE_KEYS.values())
    assert len(queries.list_partnerships(session, "pcn")) == 43
    assert len(queries.list_organisations(session, "gp_practice")) == 176
    assert len(queries.list_areas(session, "district")) == 13
    assert len(queries.list_areas(session, "lsoa", "2021")) == 1107
    assert session.scalar(select(func.count()).select_from(PlaceArea)) == 1107


def test_every_open_pcn_and_active_practice_of_the_ods_lists_is_there(session) -> None:
    open_pcns = {r["PCN Code"] for r in rows("gp/epcn_pcn_details_kent_medway_91Q.csv") if not r["Close Date"]}
    active = {
        r["Organisation Code"]
        for r in rows("gp/epraccur_kent_medway_QKS.csv")
        if r["Status Code"] == "A" and r["Prescribing Setting"] == "4"
    }
    assert {p.ods_code for p in queries.list_partnerships(session, "pcn")} == open_pcns
    assert {o.ods_code for o in queries.list_organisations(session, "gp_practice")} == active


def test_each_practice_is_in_the_place_of_its_pre_2020_ccg(session) -> None:
    expected = {
        r["practice_code"]: PLACE_KEYS[r["hcp_by_ccg19_membership"]]
        for r in rows("gp/practice_ccg19_hcp_location_kent_medway_derived.csv")
    }
    found: dict[str, str] = {}
    for place in queries.list_partnerships(session, "place"):
        profile = queries.place_profile(session, place)
        for _, practices in profile.pcns:
            found.update({o.ods_code: place.key for o in practices})
        found.update({o.ods_code: place.key for o in profile.unaffiliated_practices})
    assert found == expected
    assert Counter(found.values()) == {
        "east-kent": 63,
        "west-kent": 48,
        "medway-and-swale": 44,
        "dartford-gravesham-and-swanley": 21,
    }


def test_lsoas_follow_ccg_footprints_not_districts(session) -> None:
    expected = {
        r["LSOA21CD"]: PLACE_KEYS[r["HCP_NAME_DERIVED"]]
        for r in rows("lookups/lsoa21_ccg19_hcp_derived_kent_medway.csv")
    }
    found = dict(
        session.execute(
            select(PlaceArea.area_code, Partnership.key).join(Partnership, Partnership.id == PlaceArea.partnership_id)
        ).all()
    )
    assert found == expected
    # Sevenoaks district is split between Dartford, Gravesham and Swanley and West Kent.
    sevenoaks = _places_of_district(session, "E07000111")
    assert set(sevenoaks) == {"dartford-gravesham-and-swanley", "west-kent"}
    # Swale is mostly Medway and Swale, but the Faversham town wards are in East Kent.
    swale = _places_of_district(session, "E07000113")
    assert set(swale) == {"medway-and-swale", "east-kent"}
    assert swale["medway-and-swale"] > swale["east-kent"]
    faversham_wards = {"Abbey", "Priory", "St Ann's", "Watling"}
    faversham = _places_of_district(session, "E07000113", faversham_wards)
    assert set(faversham) == {"east-kent"} and faversham["east-kent"] >= len(faversham_wards)


def _places_of_district(session, district: str, ward_names: set[str] | None = None) -> dict[str, int]:
    """How many of the district's 2021 LSOAs each place holds (optionally only in the named wards)."""
    ward_link, district_link = AreaLink.__table__.alias("w"), AreaLink.__table__.alias("d")
    found = session.execute(
        select(Partnership.key, func.count())
        .select_from(PlaceArea)
        .join(Partnership, Partnership.id == PlaceArea.partnership_id)
        .join(ward_link, (ward_link.c.child_code == PlaceArea.area_code) & (ward_link.c.hierarchy == "lsoa21-ward"))
        .join(
            district_link,
            (district_link.c.child_code == ward_link.c.parent_code)
            & (district_link.c.hierarchy == "ward-district")
            & (district_link.c.parent_code == district),
        )
        .join(Area, Area.code == ward_link.c.parent_code)
        .where(Area.name.in_(ward_names) if ward_names else True)
        .group_by(Partnership.key)
    ).all()
    return dict(found)


def test_the_hierarchies_reach_the_top(session) -> None:
    # LSOA → ward → district → county, LSOA → sub-ICB → ICB, practice → PCN → place → ICS.
    lsoa = "E01024136"  # Dartford 006? the LSOA of Dr CJ Shimmins & Partners
    parents = {link.hierarchy: area.code for link, area in queries.area_parents(session, lsoa)}
    assert parents["lsoa21-sub_icb"] == "E38000237"
    ward = parents["lsoa21-ward"]
    district = {link.hierarchy: a.code for link, a in queries.area_parents(session, ward)}["ward-district"]
    assert district == "E07000107"  # Dartford
    county = {link.hierarchy: a.code for link, a in queries.area_parents(session, district)}["district-county"]
    assert county == "E10000016"
    assert {link.hierarchy: a.code for link, a in queries.area_parents(session, "E38000237")}[
        "sub_icb-icb"
    ] == "E54000032"
    medway = {link.hierarchy for link, _ in queries.area_parents(session, "E06000035")}
    assert "district-county" not in medway  # a unitary authority has no county above it
    practice = queries.get_organisation(session, "g82006")
    pcn = queries.memberships_of(session, practice)[0]
    assert pcn.ods_code == "U17834" and pcn.parent.key == "dartford-gravesham-and-swanley"
    assert pcn.parent.parent.key == "kent-and-medway-ics"


def test_links_carry_effective_dates(session) -> None:
    ccg_links = session.scalars(select(AreaLink).where(AreaLink.hierarchy == "lsoa11-ccg")).all()
    assert len(ccg_links) == 1065
    assert {(link.valid_from.isoformat(), link.valid_to.isoformat()) for link in ccg_links} == {
        ("2019-04-01", "2020-03-31")
    }
    lsoa11 = queries.list_areas(session, "lsoa", "2011")
    assert len(lsoa11) == 1065


def test_the_seven_dgs_pcns_hold_the_practices_seed_000_names(session) -> None:
    info = queries.system_info(session)
    dgs = queries.get_partnership(session, "dartford-gravesham-and-swanley")
    pcns = {p.ods_code: p for p in dgs.children if p.type == "pcn"}
    assert len(pcns) == 7
    documented = info.document_pcns
    assert {d["ods_pcn_code"] for d in documented} == set(pcns)
    membership_2019 = {
        (r["Partner Organisation Code"], r["PCN Code"])
        for r in rows("gp/epcn_dec2019_core_partner_details_kent_medway.csv")
    }
    current = queries.practices_by_pcn(session, list(pcns.values()))
    named_and_current = 0
    for document_pcn in documented:
        pcn = pcns[document_pcn["ods_pcn_code"]]
        now = {o.ods_code for o in current[pcn.id]}
        for practice in document_pcn["practices"]:
            code = practice["ods_code"]
            if code is None:
                continue
            # The page is of about 2020: the practice was in the same PCN then, or is in it now.
            agrees = (code, pcn.ods_code) in membership_2019 or code in now
            assert agrees or practice["note"], (document_pcn["name_in_document"], practice)
            named_and_current += code in now
    # Most of the practices the page names are still in the same network today.
    assert named_and_current >= 15
    horsmans = queries.get_organisation(session, "g82048")
    assert horsmans.name == "Horsman's Place Surgery"
    assert "U10200" in {p.ods_code for p in queries.memberships_of(session, horsmans)}


def test_the_icp_joint_committee_has_the_seats_of_its_terms_of_reference(session) -> None:
    icp = session.scalar(select(Committee).where(Committee.key == "icp-joint-committee"))
    seats = session.scalars(select(Seat).where(Seat.committee_id == icp.id)).all()
    voting = sum(s.count for s in seats if s.category == "voting")
    # §6.1: two leaders, the ICB chair, 2 + 2 executive members, an ICB NED, the primary-care partner
    # member, four HCP chairs and four district representatives.
    assert voting == 17
    assert sum(1 for s in seats if s.leadership_team) == 3
    assert {s.title for s in seats if s.chair_eligible} == {"Leader of Kent County Council", "Leader of Medway Council"}
    assert any(s.category == "participant" for s in seats)


def test_committees_named_in_the_documents_are_there(session) -> None:
    names = {c.name for c in queries.list_committees(session)}
    assert any("Inequalities, Prevention and Population Health" in n for n in names)
    assert any("Prevention" in n and "ubcommittee" in n for n in names)
    assert any(n == "Dartford, Gravesham and Swanley Partnership Board" for n in names)


def test_codes_are_never_invented(session) -> None:
    organisations = session.scalars(select(Organisation).where(Organisation.type != "gp_practice")).all()
    with_codes = {o.key: o.ods_code for o in organisations if o.ods_code}
    # Only codes that the documents or the bundled national files establish.
    assert with_codes["kent-and-medway-icb"] == "QKS"
    assert all(len(code) >= 3 for code in with_codes.values())
    for person in session.scalars(select(Seat.person_id).where(Seat.person_id.is_not(None))):
        assert person is not None


def test_the_definition_folder_is_self_contained() -> None:
    for licence in ("data/LICENCE-OGL-3.0.txt", "data/gp/SOURCE.txt", "data/lookups/SOURCE.txt"):
        assert (KENT_AND_MEDWAY / licence).is_file()
    assert not any("shared" in Path(p).parts for p in (KENT_AND_MEDWAY / "datasets.yaml").read_text().split())
