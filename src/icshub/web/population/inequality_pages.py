"""The inequalities page of a population dataset: its figures by deprivation quintile and by ethnic group
(``icshub.population.health_inequalities``) for the system, a place, a PCN or a practice. Aggregates only, after
disclosure control, for those the policy allows to see them."""

from __future__ import annotations

from datetime import date
from typing import Any

import altair as alt
from fastapi import APIRouter, Depends, Request

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.population.health_inequalities import Breakdown, inequalities
from icshub.population.methods.method_bundle import default_methods
from icshub.registry import queries as registry
from icshub.registry.vocabulary import PartnershipType
from icshub.web.deps import DbSession, permit
from icshub.web.population.pages import as_of, open_dataset, scope_of
from icshub.web.templating import render

router = APIRouter(prefix="/population", include_in_schema=False)
analyst = Depends(permit(Permission.POPULATION_AGGREGATES))


def admissions_chart(breakdown: Breakdown, title: str) -> dict[str, Any] | None:
    """Emergency admissions per 1,000 people in each group, with the 95% interval as a line through the
    point; withheld figures are left out rather than drawn as zero (None when every one is withheld)."""
    rows = [
        {"group": r["category"], "rate": r["value"], "lower": r["lower_95"], "upper": r["upper_95"]}
        for r in breakdown.activity.to_dict("records")
        if r["value"] is not None
    ]
    if not rows:
        return None
    base = alt.Chart(alt.Data(values=rows), title=title, width="container", height=240).encode(
        y=alt.Y("group:N", sort=breakdown.categories, title=None)
    )
    interval = base.mark_rule(color="#425563").encode(
        x=alt.X("lower:Q", title="Emergency admissions per 1,000 people (95% confidence interval)"), x2="upper:Q"
    )
    point = base.mark_point(filled=True, size=80, color="#005eb8").encode(
        x="rate:Q",
        tooltip=[
            alt.Tooltip("group:N", title="Group"),
            alt.Tooltip("rate:Q", title="Per 1,000", format=".1f"),
            alt.Tooltip("lower:Q", title="Lower 95%", format=".1f"),
            alt.Tooltip("upper:Q", title="Upper 95%", format=".1f"),
        ],
    )
    return (interval + point).to_dict()


@router.get("/{name}/inequalities")
def dataset_inequalities(
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
    methods = default_methods()
    result = inequalities(tables, scope, on or as_of(manifest), methods.conditions, methods.weights, methods.frailty)
    deprivation = result.breakdowns[0]
    return render(
        request,
        "population/inequalities.html",
        {
            "name": name,
            "manifest": manifest,
            "result": result,
            "places": registry.list_partnerships(session, type=PartnershipType.PLACE.value),
            "chart": admissions_chart(deprivation, f"Emergency admissions by deprivation, {scope.label}"),
        },
    )
