"""HTML pages of cohorts: the cohort builder, which counts a definition against a dataset as the analyst
writes it (the attrition table, after disclosure control), and the library of saved, versioned cohorts.

The builder works without JavaScript (the form posts and the page comes back with the counts); with it,
HTMX refreshes the counts as the definition changes. Aggregates only.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.loading.problems import ImportRefused
from icshub.population.cohort_counts import cohort_attrition
from icshub.population.cohorts.engine import UnknownCodelist
from icshub.population.methods.method_bundle import default_codelists
from icshub.population.queries import get_cohort, get_version, list_cohorts
from icshub.population.services.saved_cohorts import read_definition, save_cohort
from icshub.population.store import list_datasets
from icshub.web.deps import DbSession, csrf_protect, permit
from icshub.web.population.pages import as_of, open_dataset
from icshub.web.templating import render

router = APIRouter(include_in_schema=False)
analyst = Depends(permit(Permission.POPULATION_AGGREGATES))

EXAMPLE = """schema: icshub.cohort/1
key: older-people-hypertension-admitted
title: People aged 65 and over with hypertension and an emergency admission in the last year
index_date: {on}
inclusion:
  - name: Alive on the index date
    alive: true
  - name: Aged 65 or over
    age: {{min: 65}}
  - name: Diagnosed with hypertension
    codes: {{codelist: hypertension}}
  - name: An emergency admission in the last 12 months
    events: {{type: emergency_admission, within_days: 365}}
exclusion:
  - name: Recorded as at the end of life
    flag: end_of_life
"""


def _counts(request: Request, name: str, text: str) -> dict[str, Any]:
    """What the builder shows for ``text`` on dataset ``name``: the attrition, or the problems to fix."""
    manifest, tables = open_dataset(request, name)
    result: dict[str, Any] = {"name": name, "manifest": manifest, "text": text, "problems": [], "steps": None}
    try:
        definition = read_definition(text)
        result["steps"] = cohort_attrition(tables, definition, default_codelists())
        result["definition"] = definition
    except ImportRefused as refused:
        result["problems"] = [str(p) for p in refused.problems]
    except UnknownCodelist as error:
        result["problems"] = [f"{error} (the codelists are: {', '.join(default_codelists())})"]
    return result


@router.get("/population/{name}/cohort-builder")
def builder(
    name: str,
    request: Request,
    cohort: str | None = None,
    version: int | None = None,
    principal: Principal = analyst,
    session: Session = DbSession,
):
    if cohort:
        saved = get_cohort(session, cohort)
        chosen = None if saved is None else get_version(session, cohort, version or saved.latest.number)
        if chosen is None:
            raise HTTPException(status_code=404, detail=f"There is no saved cohort '{cohort}' of that version.")
        text = chosen.source_text
    else:
        manifest, _ = open_dataset(request, name)
        text = EXAMPLE.format(on=as_of(manifest).isoformat())
    return render(request, "population/cohort_builder.html", _counts(request, name, text))


@router.post("/population/{name}/cohort-builder", dependencies=[Depends(csrf_protect)])
def count_or_save(
    name: str,
    request: Request,
    definition: str = Form(""),
    note: str = Form(""),
    action: str = Form("count"),
    principal: Principal = analyst,
    session: Session = DbSession,
):
    context = _counts(request, name, definition)
    if action == "save" and not context["problems"]:
        saved = save_cohort(session, principal, definition, note)
        return RedirectResponse(
            f"/cohorts/{saved.version.cohort.key}?saved={int(saved.created)}&dataset={name}", status_code=303
        )
    partial = request.headers.get("hx-request") and action == "count"
    template = "population/_cohort_counts.html" if partial else "population/cohort_builder.html"
    return render(request, template, context, status_code=422 if context["problems"] and not partial else 200)


@router.get("/cohorts")
def library(request: Request, principal: Principal = analyst, session: Session = DbSession):
    datasets = list_datasets(request.app.state.settings.population_dir)
    return render(request, "population/cohorts.html", {"cohorts": list_cohorts(session), "datasets": datasets})


@router.get("/cohorts/{key}")
def saved_cohort(
    key: str,
    request: Request,
    version: int | None = None,
    principal: Principal = analyst,
    session: Session = DbSession,
):
    cohort = get_cohort(session, key)
    if cohort is None:
        raise HTTPException(status_code=404, detail=f"There is no saved cohort '{key}'.")
    shown = get_version(session, key, version or cohort.latest.number)
    if shown is None:
        raise HTTPException(status_code=404, detail=f"Cohort '{key}' has no version {version}.")
    datasets = list_datasets(request.app.state.settings.population_dir)
    return render(request, "population/cohort.html", {"cohort": cohort, "shown": shown, "datasets": datasets})
