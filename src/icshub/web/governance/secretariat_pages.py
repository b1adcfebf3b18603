"""The secretariat's attendance page: who is at the meeting and how, with the quorum for the meeting and
for every item worked out live as the attendance is marked (HTMX), and saved when the officer says so.

The form has one line for each place on the committee under its terms of reference (a seat with three
places has three lines). Without JavaScript, "Check the quorum" posts the form and the page comes back
with the quorum of what was marked, unsaved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.governance.errors import GovernanceError
from icshub.governance.publication import public_meeting
from icshub.governance.queries import get_meeting, quorum_report, seat_keys, terms_of
from icshub.governance.quorum import AttendanceRefused, Attendee, Presence
from icshub.governance.services.proceedings import AttendanceEntry, record_attendance
from icshub.governance.terms import Standing
from icshub.web.deps import DbSession, csrf_protect, found, permit
from icshub.web.templating import render

if TYPE_CHECKING:
    from icshub.governance.models import Meeting
router = APIRouter(include_in_schema=False)
secretariat = Depends(permit(Permission.GOVERNANCE_MANAGE))
PRESENCE_WORDS = {
    Presence.IN_PERSON: "In person",
    Presence.REMOTE: "Remotely",
    Presence.APOLOGIES: "Apologies",
    Presence.ABSENT: "Absent",
}


@dataclass(frozen=True)
class Line:
    """One place on the committee as the form shows it."""

    index: int
    seat: str
    role: str
    standing: str
    deputy_allowed: bool
    member: str
    presence: str  # "" when not yet marked
    deputy: bool


def _lines(session: Session, meeting: Meeting) -> list[Line]:
    """A line per place, filled from the recorded attendance, in the order of the terms' seats."""
    terms = terms_of(session, meeting)
    recorded: dict[str, list] = {}
    keys = seat_keys(session, meeting)
    for row in meeting.attendance:
        recorded.setdefault(keys[row.seat_id], []).append(row)
    lines = []
    for seat in terms.seats:
        rows = recorded.get(seat.key, [])
        for place in range(seat.count):
            row = rows[place] if place < len(rows) else None
            default = seat.role if seat.count == 1 else f"{seat.role} ({place + 1})"
            lines.append(
                Line(
                    len(lines),
                    seat.key,
                    seat.role,
                    seat.standing.value,
                    seat.deputy_allowed,
                    row.member_name if row else default,
                    row.presence if row else "",
                    bool(row and row.deputy_for),
                )
            )
    return lines


def _marked(form: FormData, lines: list[Line]) -> list[tuple[Line, str, Presence, bool]]:
    """The lines the officer has marked: (line, member, presence, deputy)."""
    marked = []
    for line in lines:
        presence = str(form.get(f"presence-{line.index}", ""))
        if not presence:
            continue
        try:
            how = Presence(presence)
        except ValueError as error:
            raise HTTPException(status_code=422, detail=f"'{presence}' is not a way of attending.") from error
        member = str(form.get(f"member-{line.index}", "")).strip() or line.member
        marked.append((line, member, how, bool(form.get(f"deputy-{line.index}"))))
    return marked


def _context(
    session: Session,
    principal: Principal,
    meeting: Meeting,
    lines: list[Line],
    present: list[Attendee] | None = None,
) -> dict[str, Any]:
    context = {
        "meeting": public_meeting(session, meeting.id),
        "lines": lines,
        "presence_words": PRESENCE_WORDS,
        "voting": Standing.VOTING.value,
        "problem": None,
        "quorum": None,
    }
    try:
        context["quorum"] = quorum_report(session, principal, meeting.id, present)
    except AttendanceRefused as refused:
        context["problem"] = str(refused)
    return context


def _meeting(session: Session, meeting_id: int) -> Meeting:
    return found(lambda: get_meeting(session, meeting_id), GovernanceError)


@router.get("/meetings/{meeting_id}/attendance")
def attendance(meeting_id: int, request: Request, principal: Principal = secretariat, session: Session = DbSession):
    meeting = _meeting(session, meeting_id)
    context = _context(session, principal, meeting, _lines(session, meeting))
    return render(request, "governance/attendance.html", context)


@router.post("/meetings/{meeting_id}/attendance", dependencies=[Depends(csrf_protect)])
async def mark_attendance(
    meeting_id: int, request: Request, principal: Principal = secretariat, session: Session = DbSession
):
    meeting = _meeting(session, meeting_id)
    form = await request.form()
    lines = _lines(session, meeting)
    marked = _marked(form, lines)
    if form.get("action") == "save":
        entries = [
            AttendanceEntry(member, line.seat, how, deputy_for=line.role if deputy else None)
            for line, member, how, deputy in marked
        ]
        try:
            record_attendance(session, principal, meeting_id, entries)
        except GovernanceError as error:
            context = _context(session, principal, meeting, lines)
            context["problem"] = str(error)
            return render(request, "governance/attendance.html", context, status_code=422)
        return RedirectResponse(f"/meetings/{meeting_id}/attendance?saved=1", status_code=303)
    present = [Attendee(member, line.seat, how, deputy) for line, member, how, deputy in marked]
    by_line = {line.index: (member, how, deputy) for line, member, how, deputy in marked}
    shown = [
        replace(
            line, member=by_line[line.index][0], presence=by_line[line.index][1].value, deputy=by_line[line.index][2]
        )
        if line.index in by_line
        else line
        for line in lines
    ]
    context = _context(session, principal, meeting, shown, present)
    template = "governance/_quorum.html" if request.headers.get("hx-request") else "governance/attendance.html"
    return render(request, template, context)
