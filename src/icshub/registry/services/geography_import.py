"""Writing the geography of a system definition: its areas by code, kept so that other records keep their
references, and the links between areas, the places' areas and the areas' statistics, replaced whole."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from icshub.registry.load import RegistryBundle
from icshub.registry.models import Area, AreaLink, AreaStatistic, PlaceArea


def by_key(session: Session, model: type, attribute: str = "key") -> dict[str, Any]:
    return {getattr(record, attribute): record for record in session.scalars(select(model))}


def bulk_insert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model), rows)


def write_geography(session: Session, bundle: RegistryBundle) -> None:
    """Areas by code; links, place memberships and statistics are replaced as a whole."""
    session.execute(delete(AreaLink))
    session.execute(delete(PlaceArea))
    session.execute(delete(AreaStatistic))
    areas = by_key(session, Area, "code")
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
    bulk_insert(
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
    bulk_insert(
        session,
        AreaStatistic,
        [
            {"area_code": s.area_code, "measure": s.measure, "period": s.period, "value": s.value, "source": s.source}
            for s in bundle.statistics
        ],
    )
