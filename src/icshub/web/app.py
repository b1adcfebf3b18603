"""The FastAPI application: routers of each domain, static assets, sessions, security headers, errors."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from icshub import __version__
from icshub.auth.api import router as auth_api
from icshub.auth.pages import router as auth_pages
from icshub.auth.policy import NotAllowed
from icshub.config import Settings, load_settings
from icshub.db.engine import engine_for, make_session_factory
from icshub.governance.api import router as governance_api
from icshub.governance.committee_pages import router as committee_pages
from icshub.governance.pages import router as governance_pages
from icshub.governance.secretariat_forms import router as secretariat_forms
from icshub.governance.secretariat_pages import router as secretariat_pages
from icshub.indicators.api import router as indicators_api
from icshub.indicators.overview_pages import router as indicators_overview_pages
from icshub.indicators.pages import router as indicators_pages
from icshub.population.cohort_pages import router as cohort_pages
from icshub.population.core20plus5_pages import router as core20plus5_pages
from icshub.population.inequality_pages import router as inequality_pages
from icshub.population.pages import router as population_pages
from icshub.population.risk_pages import router as risk_pages
from icshub.registry.api import router as registry_api
from icshub.registry.pages import router as registry_pages
from icshub.strategy.api import router as strategy_api
from icshub.strategy.pages import router as strategy_pages
from icshub.web.templating import render

STATIC = Path(__file__).parent / "static"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}' 'unsafe-eval'; "  # vega compiles chart expressions at run time
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "font-src 'self' https://assets.nhs.uk; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The icshub web application for the installation described by ``settings``."""
    settings = settings or load_settings()
    app = FastAPI(
        title="icshub",
        version=__version__,
        description="Open-source software for running an integrated care system. REST API of the registry.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    engine = engine_for(settings.database_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        request.state.nonce = secrets.token_urlsafe(16)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.format(nonce=request.state.nonce)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key(),
        session_cookie="icshub_session",
        same_site="lax",
        https_only=False,
        max_age=8 * 60 * 60,
    )

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, error: NotAllowed):
        status = 403 if error.principal.signed_in else 401
        if _wants_json(request):
            return JSONResponse({"detail": str(error)}, status_code=status)
        return render(request, "error.html", {"title": "You cannot see this page", "message": str(error)}, status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        if _wants_json(request):
            return await http_exception_handler(request, error)
        title = "Page not found" if error.status_code == 404 else "Something went wrong"
        return render(request, "error.html", {"title": title, "message": error.detail}, error.status_code)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/assets", StaticFiles(directory=STATIC / "vendor" / "nhsuk-frontend" / "assets"), name="nhsuk-assets")
    app.include_router(registry_api)
    app.include_router(registry_pages)
    app.include_router(strategy_api)
    app.include_router(strategy_pages)
    app.include_router(indicators_api)
    app.include_router(indicators_overview_pages)  # before indicators_pages: its /indicators/{key} takes all
    app.include_router(indicators_pages)
    app.include_router(governance_api)
    app.include_router(secretariat_pages)
    app.include_router(secretariat_forms)
    app.include_router(committee_pages)
    app.include_router(governance_pages)
    app.include_router(cohort_pages)
    app.include_router(inequality_pages)
    app.include_router(risk_pages)
    app.include_router(core20plus5_pages)
    app.include_router(population_pages)
    app.include_router(auth_pages)
    app.include_router(auth_api)
    return app
