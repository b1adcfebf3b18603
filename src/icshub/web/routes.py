"""The one registry of routers: every API endpoint and page of the web application, and the order they match in.

A router is listed here once; the application takes its routes from ``application_routes``, which orders
them by how specific their paths are, so no router has to come before another for a literal path
(``/meetings/schedule``) to win over a parameter (``/meetings/{meeting_id}``).
"""

from __future__ import annotations

import re

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from icshub.web.auth import api as auth_api
from icshub.web.auth import pages as auth_pages
from icshub.web.governance import api as governance_api
from icshub.web.governance import committee_pages, secretariat_forms, secretariat_pages
from icshub.web.governance import pages as governance_pages
from icshub.web.indicators import api as indicators_api
from icshub.web.indicators import overview_pages
from icshub.web.indicators import pages as indicators_pages
from icshub.web.population import cohort_pages, core20plus5_pages, inequality_pages, risk_pages
from icshub.web.population import pages as population_pages
from icshub.web.registry import api as registry_api
from icshub.web.registry import pages as registry_pages
from icshub.web.strategy import api as strategy_api
from icshub.web.strategy import pages as strategy_pages

ROUTERS: tuple[APIRouter, ...] = (
    registry_api.router,
    registry_pages.router,
    strategy_api.router,
    strategy_pages.router,
    indicators_api.router,
    overview_pages.router,
    indicators_pages.router,
    governance_api.router,
    governance_pages.router,
    secretariat_pages.router,
    secretariat_forms.router,
    committee_pages.router,
    population_pages.router,
    cohort_pages.router,
    core20plus5_pages.router,
    inequality_pages.router,
    risk_pages.router,
    auth_pages.router,
    auth_api.router,
)

_PARAMETER = re.compile(r"\{[^}]*\}")


def specificity(path: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts a literal path segment before a parameter in the same place, so the most specific
    path matches first whatever order the routers are listed in."""
    key = []
    for segment in path.strip("/").split("/"):
        if _PARAMETER.fullmatch(segment):
            key.append((1, ""))
        elif _PARAMETER.search(segment):
            key.append((0, _PARAMETER.sub("", segment)))  # 'export.{fmt}' is literal in part
        else:
            key.append((0, segment))
    return tuple(key)


def application_routes() -> list[APIRoute]:
    """Every route of every router, the most specific path first."""
    routes = [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]
    return sorted(routes, key=lambda route: (specificity(route.path), sorted(route.methods)))


def include_routers(app: FastAPI) -> None:
    """Add every route to ``app``, in the order ``application_routes`` gives."""
    combined = APIRouter()
    combined.routes.extend(application_routes())
    app.include_router(combined)
