"""What every request gets: a database session, the principal, policy checks and CSRF protection."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from icshub.auth.audit import Actor
from icshub.auth.models import User
from icshub.auth.policy import ANONYMOUS, Permission, Principal, require
from icshub.auth.service import principal_for

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def db_session(request: Request) -> Iterator[Session]:
    """A session for this request; work is committed only if the handler succeeds."""
    factory = request.app.state.session_factory
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def current_user(request: Request, session: Session = Depends(db_session)) -> User | None:
    user_id = request.session.get("user_id")
    if user_id is None:
        return None
    user = session.get(User, user_id)
    if user is None or not user.active:
        request.session.clear()
        return None
    return user


def current_principal(request: Request, user: User | None = Depends(current_user)) -> Principal:
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


def actor_for(principal: Principal) -> Actor:
    return Actor(principal.username or "anonymous", principal.user_id)


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
