"""The emergency-admission risk model of a dataset, as an analyst may see it: the model's odds ratios, and
its discrimination and calibration on the people held out, for everyone, each place and each deprivation
quintile. Aggregates only: the people's scores stay in the analytics store."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.population.methods.method_bundle import default_methods
from icshub.population.methods.risk import fit_risk_model
from icshub.registry.small_areas import small_area_table
from icshub.stats import StatsInputError
from icshub.web.deps import DbSession, permit
from icshub.web.population.pages import as_of, open_dataset
from icshub.web.templating import render

router = APIRouter(prefix="/population", include_in_schema=False)
analyst = Depends(permit(Permission.POPULATION_AGGREGATES))


@router.get("/{name}/risk")
def risk_model(name: str, request: Request, principal: Principal = analyst, session: Session = DbSession):
    manifest, tables = open_dataset(request, name)
    methods = default_methods()
    context = {"name": name, "manifest": manifest, "report": None, "problem": None}
    try:
        context["report"] = fit_risk_model(
            tables, methods.conditions, methods.weights, methods.frailty, as_of(manifest), small_area_table(session)
        )
    except StatsInputError as error:  # e.g. too few people, or no one admitted, to fit a model
        context["problem"] = str(error)
    return render(request, "population/risk.html", context)
