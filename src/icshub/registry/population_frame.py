"""The registry as a population generator or model needs it: every small area with its population by age band,
and every GP practice with the small area it stands in, its primary care network and its place.

Two tables, read once: the synthetic population (``icshub.population.synthetic``) draws people per LSOA and
age band from the first and registers them with practices from the second.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from icshub.registry.models import (
    AreaStatistic,
    Organisation,
    Partnership,
    PartnershipMember,
    PlaceArea,
    PracticeLocation,
)
from icshub.registry.queries import AGE_BANDS
from icshub.registry.small_areas import small_area_table
from icshub.registry.vocabulary import OrganisationType, PartnershipType

PRACTICE_COLUMNS = ("practice", "lsoa", "pcn", "place")


def band_column(band: str) -> str:
    """The column of an age band's usual residents: '0-15' → 'age_0-15'."""
    return f"age_{band}"


def small_areas_with_age_bands(session: Session) -> pd.DataFrame:
    """The small-area table (``icshub.registry.small_areas``) with one more column per age band of
    ``AGE_BANDS`` (Census 2021 usual residents; 0 where the registry holds no figure)."""
    areas = small_area_table(session)
    measures = {f"population.age.{band}": band_column(band) for band in AGE_BANDS}
    rows = session.execute(
        select(AreaStatistic.area_code, AreaStatistic.measure, AreaStatistic.value).where(
            AreaStatistic.measure.in_(list(measures))
        )
    )
    values = pd.DataFrame(rows.all(), columns=["lsoa", "measure", "value"])
    wide = values.assign(column=values["measure"].map(measures), value=values["value"].astype(float)).pivot_table(
        index="lsoa", columns="column", values="value", aggfunc="sum"
    )
    wide = wide.reindex(columns=list(measures.values()))
    return areas.merge(wide, left_on="lsoa", right_index=True, how="left").fillna(dict.fromkeys(measures.values(), 0.0))


def practice_table(session: Session) -> pd.DataFrame:
    """Active GP practices with a known 2021 LSOA: ODS code, LSOA, PCN key (None if in no PCN) and place key
    (the PCN's place, else the place of the LSOA the practice stands in), sorted by ODS code."""
    pcn = aliased(Partnership)
    rows = session.execute(
        select(Organisation.ods_code, PracticeLocation.lsoa21_code, pcn.key, pcn.parent_id)
        .join(PracticeLocation, PracticeLocation.organisation_id == Organisation.id)
        .outerjoin(PartnershipMember, PartnershipMember.organisation_id == Organisation.id)
        .outerjoin(pcn, (pcn.id == PartnershipMember.partnership_id) & (pcn.type == PartnershipType.PCN.value))
        .where(
            Organisation.type == OrganisationType.GP_PRACTICE.value,
            Organisation.status == "active",
            PracticeLocation.lsoa21_code.is_not(None),
        )
    ).all()
    place_keys = dict(session.execute(select(Partnership.id, Partnership.key)).all())
    place_of_lsoa = dict(
        session.execute(
            select(PlaceArea.area_code, Partnership.key).join(Partnership, Partnership.id == PlaceArea.partnership_id)
        ).all()
    )
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for ods, lsoa, pcn_key, parent in rows:
        if ods in found and found[ods][1] is not None:
            continue  # a practice's PCN membership wins over its other partnerships
        place = place_keys.get(parent) if pcn_key else None
        found[ods] = (lsoa, pcn_key, place or place_of_lsoa.get(lsoa))
    return pd.DataFrame([(ods, *found[ods]) for ods in sorted(found)], columns=list(PRACTICE_COLUMNS))
