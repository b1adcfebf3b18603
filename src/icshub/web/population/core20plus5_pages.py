"""Core20PLUS5 on a dataset: for each of the ten clinical areas, NHS England's ambition, the metrics icshub
derives with their figures for the financial year to the dataset's day (aggregates after disclosure
control, by area and group as each measure says), and the metrics it cannot derive, with the reason."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.population.methods.core20plus5_areas import area_figures, read_catalogue
from icshub.population.profile import plain
from icshub.registry.small_areas import small_area_table
from icshub.web.deps import DbSession, permit
from icshub.web.population.pages import as_of, open_dataset
from icshub.web.templating import render

router = APIRouter(prefix="/population", include_in_schema=False)
analyst = Depends(permit(Permission.POPULATION_AGGREGATES))


def financial_year(day: date) -> str:
    """The financial year ending on or after ``day``, as periods are written: '2024/25'."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


@router.get("/{name}/core20plus5")
def core20plus5(name: str, request: Request, principal: Principal = analyst, session: Session = DbSession):
    manifest, tables = open_dataset(request, name)
    catalogue = read_catalogue()
    period = financial_year(as_of(manifest))
    figures = area_figures(tables, small_area_table(session), catalogue=catalogue, periods=[period])
    by_indicator = {key: plain(rows) for key, rows in figures.groupby("indicator")} if not figures.empty else {}
    context = {
        "name": name,
        "manifest": manifest,
        "catalogue": catalogue,
        "period": period,
        "figures": by_indicator,
    }
    return render(request, "population/core20plus5.html", context)
