"""Sign in and out, change password, the sessions an account is signed in to, and the administrator's
view of the audit log."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from icshub.auth.audit import AuditFilter, all_events, search_events
from icshub.auth.policy import Permission, Principal
from icshub.auth.service import (
    AccountError,
    active_user,
    change_password,
    end_own_session,
    end_session,
    is_current_session,
    live_sessions,
    log_in,
    start_session,
)
from icshub.db import Session
from icshub.web.deps import SESSION_TOKEN, DbSession, csrf_protect, permit
from icshub.web.templating import render

router = APIRouter(include_in_schema=False)
# One callable per permission, listed before the CSRF check so that the policy answers first.
may_read = permit(Permission.REGISTRY_READ)
may_use_account = permit(Permission.ACCOUNT_USE)
may_sign_out = permit(Permission.SIGN_OUT)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


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
    client = _client(request)
    result = log_in(request.app.state.session_factory, username, password, client)
    if not result.succeeded:
        if result.locked_until:
            error = "Too many failed attempts. Wait 15 minutes before trying again."
        else:
            error = "The username or password is not right."
        return render(request, "auth/login.html", {"next": _safe_next(next), "error": error, "username": username}, 400)
    user = result.user
    token = start_session(session, user, client, request.headers.get("user-agent", ""))
    request.session.clear()  # a new session, so a token planted before signing in is worth nothing
    request.session[SESSION_TOKEN] = token
    target = "/account/password" if user.must_change_password else _safe_next(next)
    return RedirectResponse(target, status_code=303)


@router.post("/logout", dependencies=[Depends(may_sign_out), Depends(csrf_protect)])
def logout(request: Request, session: Session = DbSession):
    token = request.session.get(SESSION_TOKEN)
    if isinstance(token, str):
        end_session(session, token)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/account/password")
def password_form(request: Request, principal: Principal = Depends(may_use_account)):
    return render(request, "auth/password.html", {"error": None, "done": False})


def _own_account(session: Session, principal: Principal):
    user = active_user(session, principal.user_id) if principal.user_id is not None else None
    if user is None:  # may_use_account lets only the signed-in through
        raise HTTPException(status_code=401, detail="Sign in to use your account.")
    return user


@router.post("/account/password", dependencies=[Depends(may_use_account), Depends(csrf_protect)])
def password_change(
    request: Request,
    current: str = Form(""),
    new: str = Form(""),
    confirm: str = Form(""),
    principal: Principal = Depends(may_use_account),
    session: Session = DbSession,
):
    user = _own_account(session, principal)
    try:
        change_password(session, user, current, new, confirm, keep_session=request.session.get(SESSION_TOKEN))
    except AccountError as error:
        return render(request, "auth/password.html", {"error": str(error), "done": False}, 400)
    return render(request, "auth/password.html", {"error": None, "done": True})


@router.get("/account/sessions")
def sessions_list(request: Request, principal: Principal = Depends(may_use_account), session: Session = DbSession):
    """Where the account is signed in, so that its holder can end a session they do not recognise."""
    token = request.session.get(SESSION_TOKEN)
    rows = [
        (row, is_current_session(row, token)) for row in live_sessions(session, _own_account(session, principal).id)
    ]
    return render(request, "auth/sessions.html", {"sessions": rows})


@router.post("/account/sessions/{session_id}/end", dependencies=[Depends(may_use_account), Depends(csrf_protect)])
def session_end(session_id: int, principal: Principal = Depends(may_use_account), session: Session = DbSession):
    try:
        end_own_session(session, _own_account(session, principal).id, session_id)
    except AccountError as error:
        raise HTTPException(status_code=404, detail=str(error)) from error
    return RedirectResponse("/account/sessions", status_code=303)


may_read_audit = permit(Permission.AUDIT_READ)


def _audit_filter(request: Request) -> tuple[AuditFilter, str | None]:
    """The filter the audit page's query asks for, and what in it could not be read (a date, say)."""
    asked = request.query_params
    days: dict[str, date | None] = {}
    problem = None
    for field, label in (("from", "From"), ("to", "To")):
        text = asked.get(field, "").strip()
        try:
            days[field] = date.fromisoformat(text) if text else None
        except ValueError:
            days[field], problem = None, f"{label} '{text}' is not a date: write it as YYYY-MM-DD."
    wanted = AuditFilter(
        who=asked.get("who", ""),
        what=asked.get("what", ""),
        entity_type=asked.get("type", ""),
        entity_key=asked.get("key", ""),
        on_or_after=days["from"],
        on_or_before=days["to"],
    )
    return wanted, problem


@router.get("/admin/audit")
def audit(
    request: Request, page: int = 1, principal: Principal = Depends(may_read_audit), session: Session = DbSession
):
    wanted, problem = _audit_filter(request)
    found = search_events(session, wanted, page)
    query = {k: v for k, v in request.query_params.items() if k != "page" and v}
    context = {"found": found, "asked": request.query_params, "problem": problem, "query": urlencode(query)}
    return render(request, "auth/audit.html", context, 422 if problem else 200)


EXPORT_COLUMNS = ("id", "at", "actor", "action", "entity_type", "entity_key", "before", "after", "detail")


@router.get("/admin/audit.csv")
def audit_export(request: Request, principal: Principal = Depends(may_read_audit), session: Session = DbSession):
    """Every event the filter finds, as CSV, before and after as JSON: for an investigation or an archive."""
    wanted, problem = _audit_filter(request)
    if problem:
        raise HTTPException(status_code=422, detail=problem)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for event in all_events(session, wanted):
        writer.writerow(
            [
                event.id,
                event.at.isoformat(),
                event.actor,
                event.action,
                event.entity_type,
                event.entity_key or "",
                json.dumps(event.before) if event.before is not None else "",
                json.dumps(event.after) if event.after is not None else "",
                event.detail or "",
            ]
        )
    headers = {"Content-Disposition": 'attachment; filename="icshub-audit.csv"', "Cache-Control": "private, no-store"}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
