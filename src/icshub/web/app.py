"""The FastAPI application: the routers in ``routes``, static assets, sessions, security headers, errors."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from icshub import __version__
from icshub.auth.policy import NotAllowed, PasswordChangeRequired
from icshub.config import Settings, load_settings
from icshub.db.engine import engine_for, make_session_factory
from icshub.errors import IcshubError
from icshub.web.head_requests import HeadAsGet
from icshub.web.routes import include_routers
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
        # Secure: sent only over HTTPS (ICSHUB_SECURE_COOKIES, on unless the demo serves plain HTTP locally).
        https_only=settings.secure_cookies,
        max_age=8 * 60 * 60,
    )

    @app.exception_handler(PasswordChangeRequired)
    async def password_change_required(request: Request, error: PasswordChangeRequired):
        if _wants_json(request):
            return JSONResponse({"detail": error.message}, status_code=403)
        return RedirectResponse("/account/password", status_code=303)

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, error: NotAllowed):
        status = 403 if error.principal.signed_in else 401
        if _wants_json(request):
            return JSONResponse({"detail": str(error)}, status_code=status)
        if status == 401:
            context = {"title": "Sign in to see this page", "message": "This page is for people signed in to icshub."}
            context["sign_in"] = "/login?" + urlencode({"next": request.url.path})
        else:
            role = error.principal.role.label
            context = {
                "title": "You cannot see this page",
                "message": f"Your account ({role}) does not allow this. Ask your administrator if you need it.",
            }
        return render(request, "error.html", context, status)

    @app.exception_handler(IcshubError)
    async def refused(request: Request, error: IcshubError):
        # A refusal a handler did not answer itself: the person still reads why, not a server error.
        if _wants_json(request):
            return JSONResponse({"detail": error.message}, status_code=400)
        return render(request, "error.html", {"title": "This cannot be done", "message": error.message}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if _wants_json(request):
            return await http_exception_handler(request, error)
        title = "Page not found" if error.status_code == 404 else "Something went wrong"
        return render(request, "error.html", {"title": title, "message": error.detail}, error.status_code)

    app.add_middleware(HeadAsGet)  # outermost: HEAD is a GET to everything inside
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/assets", StaticFiles(directory=STATIC / "vendor" / "nhsuk-frontend" / "assets"), name="nhsuk-assets")
    include_routers(app)
    return app
