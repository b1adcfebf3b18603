"""Sign in and out, change password, and the administrator's view of the audit log."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from icshub.auth.audit import recent_events
from icshub.auth.policy import Permission, Principal
from icshub.auth.service import AccountError, active_user, change_password, log_in
from icshub.db import Session
from icshub.web.deps import DbSession, csrf_protect, permit
from icshub.web.templating import render

router = APIRouter(include_in_schema=False)
# One callable per permission, listed before the CSRF check so that the policy answers first.
may_read = permit(Permission.REGISTRY_READ)
may_use_account = permit(Permission.ACCOUNT_USE)


def _safe_next(target: str | None) -> str:
    """Only local paths, so that a crafted link cannot send someone elsewhere after signing in."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login", dependencies=[Depends(may_read)])
def login_form(request: Request, next: str | None = None):
    return render(request, "auth/login.html", {"next": _safe_next(next), "error": None, "username": ""})


@router.post("/login", dependencies=[Depends(may_read), Depends(csrf_protect)])
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
    session: Session = DbSession,
):
    client = request.client.host if request.client else "unknown"
    result = log_in(session, username, password, client)
    if not result.succeeded:
        if result.locked_until:
            error = "Too many failed attempts. Wait 15 minutes before trying again."
        else:
            error = "The username or password is not right."
        session.commit()
        return render(request, "auth/login.html", {"next": _safe_next(next), "error": error, "username": username}, 400)
    user = result.user
    request.session.clear()
    request.session["user_id"] = user.id
    target = "/account/password" if user.must_change_password else _safe_next(next)
    return RedirectResponse(target, status_code=303)


@router.post("/logout", dependencies=[Depends(may_read), Depends(csrf_protect)])
def logout(request: Request):
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/account/password")
def password_form(request: Request, principal: Principal = Depends(may_use_account)):
    return render(request, "auth/password.html", {"error": None, "done": False})


@router.post("/account/password", dependencies=[Depends(may_use_account), Depends(csrf_protect)])
def password_change(
    request: Request,
    current: str = Form(""),
    new: str = Form(""),
    confirm: str = Form(""),
    principal: Principal = Depends(may_use_account),
    session: Session = DbSession,
):
    user = active_user(session, principal.user_id) if principal.user_id is not None else None
    if user is None:  # may_use_account lets only the signed-in through
        raise HTTPException(status_code=401, detail="Sign in to change your password.")
    try:
        change_password(session, user, current, new, confirm)
    except AccountError as error:
        return render(request, "auth/password.html", {"error": str(error), "done": False}, 400)
    return render(request, "auth/password.html", {"error": None, "done": True})


@router.get("/admin/audit")
def audit(
    request: Request,
    principal: Principal = Depends(permit(Permission.AUDIT_READ)),
    session: Session = DbSession,
):
    return render(request, "auth/audit.html", {"events": recent_events(session, 200)})
