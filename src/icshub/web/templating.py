"""Jinja2 templates with the helpers every page uses."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from icshub.auth.policy import ANONYMOUS, Permission, allows
from icshub.registry.vocabulary import label
from icshub.web.deps import csrf_token

TEMPLATES = Path(__file__).parent / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES))


NOT_AVAILABLE = "\N{EN DASH}"


def thousands(value: Decimal | int | float | None) -> str:
    if value is None:
        return NOT_AVAILABLE
    return f"{round(value):,}"


def percent(part: Decimal | int, whole: Decimal | int) -> str:
    if not whole:
        return NOT_AVAILABLE
    return f"{100 * Decimal(part) / Decimal(whole):.1f}%"


def humanise(value: str | None) -> str:
    return (value or "").replace("_", " ")


templates.env.filters["thousands"] = thousands
templates.env.filters["humanise"] = humanise
templates.env.filters["kind"] = label
templates.env.globals["percent"] = percent


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200):
    """Render a page with the principal, CSRF token and CSP nonce available to the template."""
    principal = getattr(request.state, "principal", None)
    base = {
        "principal": principal,
        # Whether the page's viewer may do something (the policy decides; templates only ask).
        "allowed": lambda permission: allows(principal or ANONYMOUS, Permission(permission)),
        "csrf_token": csrf_token(request),
        "nonce": getattr(request.state, "nonce", ""),
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)
