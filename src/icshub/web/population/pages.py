"""HTML pages of population health: the datasets in the analytics store, and a population's profile for
the system, a place, a PCN or a practice. Aggregates only, for those the policy allows to see them."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from ibis.expr.types import Table

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.population import charts
from icshub.population.profile import Scope, profile
from icshub.population.store import dataset_tables, list_datasets, read_manifest
from icshub.registry import queries as registry
from icshub.registry.vocabulary import PartnershipType
from icshub.web.deps import DbSession, permit
from icshub.web.templating import render

router = APIRouter(prefix="/population", include_in_schema=False)
analyst = Depends(permit(Permission.POPULATION_AGGREGATES))


@router.get("")
def datasets(request: Request, principal: Principal = analyst):
    root = request.app.state.settings.population_dir
    return render(request, "population/datasets.html", {"datasets": list_datasets(root)})


def open_dataset(request: Request, name: str) -> tuple[dict[str, Any], dict[str, Table]]:
    """The manifest and tables of the dataset ``name``, or a 404 naming it."""
    settings = request.app.state.settings
    try:
        manifest = read_manifest(settings.population_dir, name)
    except (FileNotFoundError, ValueError) as error:
        raise HTTPException(status_code=404, detail=f"There is no population dataset '{name}'.") from error
    return manifest, dataset_tables(settings.population_dir, name, settings.analytics)


def as_of(manifest: dict[str, Any]) -> date:
    """The day a dataset describes: its manifest's ``as_of``, else today."""
    return date.fromisoformat(manifest.get("as_of", date.today().isoformat()))


def scope_of(session: Session, place: str | None, pcn: str | None, practice: str | None) -> Scope:
    """Everyone, or the people living in a place, or registered with a PCN's practices or one practice."""
    if place:
        found = registry.get_partnership(session, place)
        if found is None or found.type != PartnershipType.PLACE.value:
            raise HTTPException(status_code=404, detail=f"There is no place '{place}'.")
        return Scope(found.name, lsoas=registry.place_lsoas(session, found))
    if pcn:
        found = registry.get_partnership(session, pcn)
        if found is None or found.type != PartnershipType.PCN.value:
            raise HTTPException(status_code=404, detail=f"There is no primary care network '{pcn}'.")
        practices = registry.practices_by_pcn(session, [found]).get(found.id, [])
        return Scope(found.name, practices=[p.ods_code for p in practices if p.ods_code])
    if practice:
        found = registry.get_organisation(session, practice)
        if found is None or not found.ods_code:
            raise HTTPException(status_code=404, detail=f"There is no practice '{practice}'.")
        return Scope(found.name, practices=[found.ods_code])
    return Scope("Everyone in the dataset")


@router.get("/{name}")
def dataset_profile(
    name: str,
    request: Request,
    place: str | None = None,
    pcn: str | None = None,
    practice: str | None = None,
    on: date | None = None,
    principal: Principal = analyst,
    session: Session = DbSession,
):
    manifest, tables = open_dataset(request, name)
    scope = scope_of(session, place, pcn, practice)
    result = profile(tables, scope, on or as_of(manifest))
    return render(
        request,
        "population/profile.html",
        {
            "name": name,
            "manifest": manifest,
            "profile": result,
            "places": registry.list_partnerships(session, type=PartnershipType.PLACE.value),
            "pyramid": charts.pyramid(result.pyramid, f"People by age and sex, {scope.label}"),
        },
    )
