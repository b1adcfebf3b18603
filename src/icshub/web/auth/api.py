"""Account endpoints for API clients that use a session: who am I, and the CSRF token for writes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from icshub.auth.policy import Permission, Principal
from icshub.web.deps import CSRF_HEADER, csrf_token, permit

router = APIRouter(prefix="/api/v1/session", tags=["session"])


class SessionOut(BaseModel):
    username: str | None
    role: str
    csrf_token: str
    csrf_header: str


@router.get("", response_model=SessionOut, summary="Who the session is, and the token to send with writes")
def get_session(request: Request, principal: Principal = Depends(permit(Permission.REGISTRY_READ))) -> SessionOut:
    return SessionOut(
        username=principal.username, role=principal.role.value, csrf_token=csrf_token(request), csrf_header=CSRF_HEADER
    )
