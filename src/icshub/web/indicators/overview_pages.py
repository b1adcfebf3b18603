"""HTML pages of the indicators across areas: the tartan rug of every indicator and area, and each area's
spine chart. Thin: the rules are in ``icshub.indicators.overview``, the chart in ``spine_chart``.

``/indicators/overview`` is a literal path, so it matches before ``/indicators/{key}`` of
``icshub.web.indicators.pages`` whatever order the routers are listed in (``icshub.web.routes``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, HTTPException, Request

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.indicators import overview, queries
from icshub.indicators.benchmarks import area_kind, comparison_slug
from icshub.indicators.spine_chart import spine_chart
from icshub.registry import queries as registry_queries
from icshub.strategy import queries as strategy_queries
from icshub.web.deps import DbSession, permit
from icshub.web.indicators.api import current_set
from icshub.web.strategy.api import plan_for
from icshub.web.templating import render

if TYPE_CHECKING:
    from icshub.indicators.models import Indicator, IndicatorSet, IndicatorValue
router = APIRouter(prefix="/indicators", include_in_schema=False)
reader = Depends(permit(Permission.STRATEGY_READ))

KIND_HEADINGS = {
    "england": "England",
    "icb": "Integrated care board",
    "county": "County",
    "place": "Places",
    "district": "Districts",
    "other": "Other areas",
}
KIND_LABELS = {
    "england": "Country",
    "icb": "Integrated care board",
    "county": "County",
    "place": "Place",
    "district": "District",
    "other": "Area",
}
# What the templates' shared macros need (indicators/_overview_macros.html).
HELPERS = {
    "format_value": overview.format_value,
    "markers": overview.MARKERS,
    "comparisons": overview.COMPARISONS,
    "slug": comparison_slug,
}


def _figures(session: Session, indicator_set: IndicatorSet) -> tuple[list[Indicator], dict[str, list[IndicatorValue]]]:
    """The set's indicators in logframe order, and each one's figures."""
    indicators = queries.list_indicators(session, indicator_set)
    return indicators, {i.key: queries.values_of(session, i.key) for i in indicators}


def _synthetic(session: Session, import_ids: set[int]) -> bool:
    return any(i.synthetic for i in queries.imports_for(session, import_ids).values())


@router.get("/overview")
def tartan_rug(request: Request, principal: Principal = reader, session: Session = DbSession):
    indicator_set = current_set(session, principal)
    indicators, values = _figures(session, indicator_set)
    rug = overview.rug(indicators, values)
    plan = plan_for(session, principal, indicator_set.plan_version)
    groups = overview.by_outcome(strategy_queries.list_outcomes(session, plan), rug.rows)
    return render(
        request,
        "indicators/overview.html",
        {
            "rug": rug,
            "groups": groups,
            "kind_headings": KIND_HEADINGS,
            "synthetic": _synthetic(session, rug.import_ids),
            **HELPERS,
        },
    )


def _about_url(session: Session, code: str) -> str | None:
    """The registry's page of the area, where it has one."""
    if area_kind(code) == "place":
        return f"/partnerships/{code}" if registry_queries.get_partnership(session, code) else None
    return f"/areas/{code}" if registry_queries.get_area(session, code) else None


def _comparators_words(kind: str, rows: list[overview.SpineRow]) -> str:
    count = max((len(r.comparators) for r in rows), default=0)
    plural = "places" if overview.comparator_kind(kind) == "place" else "districts"
    return f"the system's {count} {plural}" if count else f"the system's {plural}"


@router.get("/areas/{code}")
def area(code: str, request: Request, principal: Principal = reader, session: Session = DbSession):
    indicators, values = _figures(session, current_set(session, principal))
    rows = overview.spine(code, indicators, values)
    if not rows:
        known = _about_url(session, code) is not None or any(v.area_code == code for vs in values.values() for v in vs)
        detail = (
            f"There are no indicator figures for the area '{code}' yet."
            if known
            else f"There is no area '{code}'. Areas are named by their ONS code (such as E06000035) or a place's key."
        )
        raise HTTPException(status_code=404, detail=detail)
    kind = area_kind(code)
    name = rows[0].area.figure.area_name or code
    context: dict[str, Any] = {
        "rows": rows,
        "area_name": name,
        "area_short": overview.short_name(name),
        "kind_label": KIND_LABELS[kind],
        "comparators_words": _comparators_words(kind, rows),
        "about_url": _about_url(session, code),
        "chart": spine_chart(rows, f"{name} compared with England") if any(r.positions for r in rows) else None,
        "synthetic": _synthetic(session, overview.spine_import_ids(rows)),
    }
    return render(request, "indicators/area.html", {**context, **HELPERS})
