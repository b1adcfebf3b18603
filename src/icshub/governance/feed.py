"""The public iCalendar feed of a committee's meetings (RFC 5545), for anyone to subscribe to.

One VEVENT per meeting: a UID built from the meeting's permanent key, so a calendar updates the event instead
of adding another; DTSTART and DTEND in Europe/London with the VTIMEZONE that defines it, so a meeting on
either side of a change to or from British Summer Time lands at the right instant; SEQUENCE from the
meeting's revision; STATUS CANCELLED for a cancelled meeting, CONFIRMED otherwise; and a description that
lists the Part 1 agenda. The agenda comes from the public edition of the pack (``edition_of``), so no Part 2
title can reach the feed.

The ``icalendar`` package writes the text: it folds long lines, escapes commas and semicolons, and derives
the VTIMEZONE from the time-zone database, which are the parts of RFC 5545 easiest to get subtly wrong.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, timedelta

from icalendar import Calendar, Event

from icshub.governance.agenda_pack import (
    Edition,
    EditionPack,
    Exclusion,
    Meeting,
    MeetingDetails,
    edition_of,
)
from icshub.governance.vocabulary import MeetingStatus

PRODUCT = "-//icshub//Committee meetings//EN"
NO_AGENDA_YET = "The agenda has not been published yet."


def meeting_uid(details: MeetingDetails, domain: str) -> str:
    """The meeting's calendar UID: the same for every version of the feed, unique to this installation."""
    return f"meeting-{details.key}@{domain}"


def event_description(pack: EditionPack) -> str:
    """The event's description from a public edition: its Part 1 items, and which items are taken in private."""
    if pack.edition is not Edition.PUBLIC:
        raise ValueError("a calendar description is public: build it from the public edition")
    lines = ["This meeting has been cancelled.", ""] if pack.meeting.status is MeetingStatus.CANCELLED else []
    if not pack.entries:
        return "\n".join([*lines, NO_AGENDA_YET])
    if pack.items:
        lines.append("Agenda (Part 1):")
        lines.extend(f"{item.number}. {item.title}" for item in pack.items)
    private = [entry.number for entry in pack.entries if isinstance(entry, Exclusion)]
    if private:
        items = "item" if len(private) == 1 else "items"
        lines += [""] if lines else []
        lines.append(f"The press and public are expected to be excluded for {items} {', '.join(private)} (Part 2).")
    return "\n".join(lines)


def meeting_event(meeting: Meeting, domain: str, meeting_url: Callable[[MeetingDetails], str]) -> Event:
    """The VEVENT of one meeting, described from its public edition."""
    details = meeting.details
    return Event.new(
        uid=meeting_uid(details, domain),
        # Without a METHOD, DTSTAMP is when the event's information was last revised (RFC 5545 §3.8.7.2).
        stamp=details.revised_at.astimezone(UTC),
        last_modified=details.revised_at.astimezone(UTC),
        start=details.local_starts,
        end=details.local_ends,
        summary=f"{details.committee}: {details.title}",
        location=details.venue,
        url=meeting_url(details),
        status="CANCELLED" if details.status is MeetingStatus.CANCELLED else "CONFIRMED",
        sequence=details.revision,
        description=event_description(edition_of(meeting, Edition.PUBLIC)),
    )


def calendar_feed(
    meetings: Iterable[Meeting],
    *,
    name: str,
    domain: str,
    meeting_url: Callable[[MeetingDetails], str],
) -> bytes:
    """The feed ``name`` of ``meetings`` as iCalendar text, with the Europe/London VTIMEZONE it uses.

    ``domain`` makes the UIDs unique to this installation (e.g. 'icshub.kentandmedway.example');
    ``meeting_url`` gives each meeting's public page.
    """
    meetings = sorted(meetings, key=lambda meeting: (meeting.details.starts, meeting.details.key))
    calendar = Calendar.new(
        prodid=PRODUCT,
        name=name,
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"icshub:{domain}:{name}")),
        refresh_interval=timedelta(hours=6),
        subcomponents=[meeting_event(meeting, domain, meeting_url) for meeting in meetings],
    )
    if meetings:
        first = meetings[0].details.local_starts.date()
        last = max(meeting.details.local_ends for meeting in meetings).date()
        calendar.add_missing_timezones(first_date=first - timedelta(days=1), last_date=last + timedelta(days=1))
    ical: bytes = calendar.to_ical()
    return ical
