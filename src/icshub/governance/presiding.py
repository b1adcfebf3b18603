"""Who chairs the committee on a date, and who presides over an item when the chair cannot (§6.3, §6.8).

Pure rules. The chair rotates between the eligible seats for fixed terms counted from the start of the first
term (§6.3: every two years between the two Local Authority leaders; report §3.1: KCC's Leader first, the
other leader vice-chair). The terms do not date the first term, so the caller gives it. For an item, the
presiding order is followed past anyone absent or conflicted.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from icshub.governance.terms import TermsOfReference

_OFFICE_NAMES = {"chair": "Chair", "vice_chair": "Vice-chair"}


def _full_years(start: date, on: date) -> int:
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))


def _term_index(terms: TermsOfReference, on: date, first_term_starts: date) -> int:
    if on < first_term_starts:
        raise ValueError(f"{on:%d %B %Y} is before the first chair's term began on {first_term_starts:%d %B %Y}")
    return _full_years(first_term_starts, on) // terms.chair.term_years


def chair_on(terms: TermsOfReference, on: date, first_term_starts: date) -> str:
    """The seat whose holder chairs on ``on``: the rotation's seats in turn, a term each (§6.3)."""
    rotation = terms.chair.rotation
    return rotation[_term_index(terms, on, first_term_starts) % len(rotation)]


def vice_chair_on(terms: TermsOfReference, on: date, first_term_starts: date) -> str:
    """The vice-chair's seat on ``on``: a fixed seat, or the seat next in the rotation (report §3.1)."""
    if terms.vice_chair.seat is not None:
        return terms.vice_chair.seat
    rotation = terms.chair.rotation
    return rotation[(_term_index(terms, on, first_term_starts) + 1) % len(rotation)]


@dataclass(frozen=True)
class Presiding:
    """Who presides (a seat, or None when nobody in the order is available) and why, in words."""

    seat: str | None
    explanation: str


def who_presides(
    terms: TermsOfReference,
    *,
    on: date,
    first_term_starts: date,
    present: Collection[str],
    conflicted: Collection[str] = (),
) -> Presiding:
    """The first in the presiding order who is present and not conflicted on the item (§6.8).

    ``present`` and ``conflicted`` hold seat keys: whose holders are at the meeting, and who declared a
    conflict of interest on this item.
    """
    offices = {
        "chair": chair_on(terms, on, first_term_starts),
        "vice_chair": vice_chair_on(terms, on, first_term_starts),
    }
    passed_over: list[str] = []
    for step in terms.presiding.order:
        seat = offices.get(step, step)
        title = (
            f"the {step.replace('_', '-').capitalize()} ({terms.seat(seat).role})"
            if step in offices
            else (terms.seat(seat).role)
        )
        if seat not in present:
            passed_over.append(f"{title} is absent")
        elif seat in conflicted:
            passed_over.append(f"{title} is conflicted on this item")
        else:
            because = f": {'; '.join(passed_over)} (§{terms.presiding.paragraph})" if passed_over else ""
            return Presiding(seat, f"{title[0].upper()}{title[1:]} presides{because}.")
    return Presiding(
        None,
        f"Nobody in the presiding order can preside: {'; '.join(passed_over)}. The terms of reference do not say "
        f"who presides then (§{terms.presiding.paragraph}).",
    )
