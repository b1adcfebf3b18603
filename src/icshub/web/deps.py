"""What every request gets: a database session, the principal, policy checks and CSRF protection."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import Depends, HTTPException, Request

from icshub.auth.policy import ANONYMOUS, Permission, Principal, require
from icshub.auth.service import principal_for, session_user
from icshub.db import Session

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
# The cookie holds the token of a session kept on the server (``auth.service.start_session``), never a user id.
SESSION_TOKEN = "session_token"


def _open_session(request: Request) -> Iterator[Session]:
    """The request's session, open until the response has been sent (so it can still load what it shows)."""
    with request.app.state.session_factory() as session:
        yield session


def db_session(session: Session = Depends(_open_session)) -> Iterator[Session]:
    """The request's unit of work: committed when the handler succeeds, rolled back when it fails, and either
    way before the response starts, so no one is told of a write that is not yet (or never) made. Take it
    as ``DbSession``, which gives it that scope."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


# Function scope: the code after the yield runs before the response is sent (FastAPI's default for a
# dependency with yield runs it afterwards).
DbSession: Any = Depends(db_session, scope="function")


def current_principal(request: Request, session: Session = DbSession) -> Principal:
    """Who is asking: the signed-in account if its session is still good, otherwise the public."""
    token = request.session.get(SESSION_TOKEN)
    user = session_user(session, token) if isinstance(token, str) else None
    if token is not None and user is None:
        request.session.clear()  # ended (signed out, password changed), or its account is gone
    principal = principal_for(user) if user else ANONYMOUS
    request.state.principal = principal
    return principal


def permit(permission: Permission) -> Callable[..., Principal]:
    """A dependency that lets the request through only if the policy allows ``permission``."""

    def check(principal: Principal = Depends(current_principal)) -> Principal:
        require(principal, permission)
        return principal

    check.__permission__ = permission  # type: ignore[attr-defined]
    return check


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


async def csrf_protect(request: Request) -> None:
    """Refuse a state-changing request whose CSRF token does not match the session's."""
    expected = request.session.get(CSRF_FIELD)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not sent or not secrets.compare_digest(str(sent), expected):
        raise HTTPException(status_code=403, detail="The form has expired or did not come from this site. Try again.")


def found(lookup: Callable[[], Any], missing: type[Exception]) -> Any:
    """``lookup()``, with its ``missing`` error (e.g. 'there is no meeting 12') answered as a 404."""
    try:
        return lookup()
    except missing as error:
        raise HTTPException(status_code=404, detail=str(error)) from error
