"""The system's small areas (2021 LSOAs) as one table: where each sits in every geography the system reports
on (ward, district, county, ICB, place), its deprivation and its population.

Analysts aggregate from this table to any of those geographies; the demo's synthetic indicator series are
built on it so that districts, places and the ICB add up.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.registry.models import Area, AreaLink, AreaStatistic, Partnership, PlaceArea
from icshub.registry.queries import CURRENT_IMD
from icshub.registry.vocabulary import AreaType, Hierarchy

COLUMNS = (
    "lsoa",
    "ward",
    "district",
    "district_name",
    "county",
    "county_name",
    "icb",
    "icb_name",
    "place",
    "place_name",
    "imd_decile",
    "population",
)


def _parents(session: Session, hierarchy: Hierarchy) -> dict[str, str]:
    """Each child's current parent in one hierarchy."""
    rows = session.execute(
        select(AreaLink.child_code, AreaLink.parent_code).where(
            AreaLink.hierarchy == hierarchy.value, AreaLink.valid_to.is_(None)
        )
    )
    return dict(rows.all())


def _statistic(session: Session, measure: str) -> dict[str, float]:
    rows = session.execute(select(AreaStatistic.area_code, AreaStatistic.value).where(AreaStatistic.measure == measure))
    return {code: float(value) for code, value in rows}


def small_area_table(session: Session) -> pd.DataFrame:
    """One row per 2021 LSOA of the system, with the columns in ``COLUMNS``; a geography the registry does not
    hold is left empty (None) rather than guessed."""
    lsoas = [
        code
        for code, editions in session.execute(select(Area.code, Area.editions).where(Area.type == AreaType.LSOA.value))
        if "2021" in (editions or [])
    ]
    names = dict(session.execute(select(Area.code, Area.name)).all())
    ward = _parents(session, Hierarchy.LSOA21_WARD)
    district = _parents(session, Hierarchy.WARD_DISTRICT)
    county = _parents(session, Hierarchy.DISTRICT_COUNTY)
    sub_icb = _parents(session, Hierarchy.LSOA21_SUB_ICB)
    icb = _parents(session, Hierarchy.SUB_ICB_ICB)
    places = dict(
        session.execute(
            select(PlaceArea.area_code, Partnership.key).join(Partnership, Partnership.id == PlaceArea.partnership_id)
        ).all()
    )
    place_names = dict(session.execute(select(Partnership.key, Partnership.name)).all())
    deciles = _statistic(session, f"{CURRENT_IMD}.decile")
    population = _statistic(session, "population.all")
    rows = []
    for code in sorted(lsoas):
        ward_code = ward.get(code)
        district_code = district.get(ward_code) if ward_code else None
        county_code = county.get(district_code, district_code) if district_code else None
        icb_code = icb.get(sub_icb.get(code, ""))
        place_key = places.get(code)
        rows.append(
            (
                code,
                ward_code,
                district_code,
                names.get(district_code),
                county_code,
                names.get(county_code),
                icb_code,
                names.get(icb_code),
                place_key,
                place_names.get(place_key),
                deciles.get(code),
                population.get(code),
            )
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))
