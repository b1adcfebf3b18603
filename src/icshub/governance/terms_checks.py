"""Cross-checks of a terms-of-reference file: references inside it, and agreement with the registry.

A quorum rule naming a group no seat belongs to could never be met, and a seat the registry does not know
would leave attendance with nobody to record; both are refused when the file is read, with line and field,
rather than discovered at a meeting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from icshub.loading.problems import Problem
from icshub.loading.yaml_lines import line_of
from icshub.registry.definition import MemberRef, SystemDefinition

if TYPE_CHECKING:
    from icshub.governance.terms import TermsOfReference

_OFFICES = ("chair", "vice_chair")


class _Checker:
    def __init__(self, document: Any, file_name: str) -> None:
        self.document = document
        self.file_name = file_name
        self.problems: list[Problem] = []

    def add(self, location: Sequence[str | int], message: str) -> None:
        field = ".".join(str(step) for step in location if not isinstance(step, int))
        self.problems.append(Problem(self.file_name, line_of(self.document, location), field, message))

    def unique(self, section: Sequence[str], values: Iterable[str]) -> None:
        values = list(values)
        counts = Counter(values)
        for index, value in enumerate(values):
            if counts[value] > 1:
                self.add([*section[:-1], index, section[-1]], f"'{value}' is used more than once")


def reference_problems(terms: TermsOfReference, document: Any, file_name: str) -> list[Problem]:
    """Every reference inside ``terms`` that does not resolve; an empty list means the terms are whole."""
    check = _Checker(document, file_name)
    check.unique(["seats", "key"], (seat.key for seat in terms.seats))
    check.unique(["groups", "key"], (group.key for group in terms.groups))
    check.unique(["private_business", "reasons", "code"], (reason.code for reason in terms.private_business.reasons))
    seats = {seat.key: seat for seat in terms.seats}
    declared = {group.key for group in terms.groups}
    voting_groups = {group for seat in terms.seats if seat.standing == "voting" for group in seat.groups}

    for i, seat in enumerate(terms.seats):
        for j, group in enumerate(seat.groups):
            if group not in declared:
                check.add(["seats", i, "groups", j], f"no group has the key '{group}': declare it under 'groups'")

    for field in ("eligible_seats", "rotation"):
        for i, key in enumerate(getattr(terms.chair, field)):
            if key not in seats:
                check.add(["chair", field, i], f"no seat has the key '{key}'")
            elif seats[key].standing != "voting":
                check.add(["chair", field, i], f"'{key}' is not a voting seat, so it cannot chair (§6.3)")
            elif field == "rotation" and key not in terms.chair.eligible_seats:
                check.add(["chair", field, i], f"'{key}' rotates into the chair but is not in eligible_seats")
    if terms.vice_chair.seat and terms.vice_chair.seat not in seats:
        check.add(["vice_chair", "seat"], f"no seat has the key '{terms.vice_chair.seat}'")
    if terms.vice_chair.other_in_rotation and len(terms.chair.rotation) < 2:
        check.add(["vice_chair", "other_in_rotation"], "the chair's rotation has one seat, so there is no other")
    for i, step in enumerate(terms.presiding.order):
        if step not in _OFFICES and step not in seats:
            check.add(["presiding", "order", i], f"'{step}' is neither 'chair', 'vice_chair' nor a seat's key")

    voting_seats = sum(seat.count for seat in terms.seats if seat.standing == "voting")
    for i, rule in enumerate(terms.quorum.rules):
        if rule.rule == "minimum_voting_members":
            if rule.count > voting_seats:
                check.add(["quorum", "rules", i, "count"], f"{rule.count} is more than the {voting_seats} voting seats")
            continue
        for j, group in enumerate(rule.groups):
            if group not in declared:
                check.add(["quorum", "rules", i, "groups", j], f"no group has the key '{group}'")
            elif group not in voting_groups:
                check.add(["quorum", "rules", i, "groups", j], f"no voting seat is in '{group}', so it cannot count")
    for i, aim in enumerate(terms.quorum.endeavour):
        if aim.group not in declared:
            check.add(["quorum", "endeavour", i, "group"], f"no group has the key '{aim.group}'")
    return check.problems


def registry_problems(
    terms: TermsOfReference, document: Any, file_name: str, system: SystemDefinition
) -> list[Problem]:
    """Every place where ``terms`` disagree with the registry's committee, its seats or its bodies."""
    check = _Checker(document, file_name)
    committee = next((c for c in system.committees if c.key == terms.committee), None)
    if committee is None:
        check.add(["committee"], f"no committee in the registry has the key '{terms.committee}'")
        return check.problems
    registry_seats = {seat.key: seat for seat in committee.seats}
    organisations = {o.key for o in system.organisations}
    partnerships = {p.key for p in system.partnerships}

    def body_problem(location: list[str | int], ref: MemberRef | None) -> None:
        if ref is None:
            return
        if ref.organisation and ref.organisation not in organisations:
            check.add(location, f"no organisation in the registry has the key '{ref.organisation}'")
        if ref.partnership and ref.partnership not in partnerships:
            check.add(location, f"no partnership in the registry has the key '{ref.partnership}'")

    for i, seat in enumerate(terms.seats):
        known = registry_seats.get(seat.key)
        if known is None:
            check.add(["seats", i, "key"], f"the registry's '{committee.key}' has no seat '{seat.key}'")
            continue
        if known.count != seat.count:
            check.add(["seats", i, "count"], f"the registry gives '{seat.key}' {known.count} places, not {seat.count}")
        if known.category.value != seat.standing.value:
            check.add(["seats", i, "standing"], f"the registry has '{seat.key}' as {known.category.value}")
        if known.appointed_by != seat.appointed_by:
            check.add(["seats", i, "appointed_by"], f"the registry has '{seat.key}' appointed by {known.appointed_by}")
    named = {seat.key for seat in terms.seats}
    for key in registry_seats.keys() - named:
        check.add(["seats"], f"the registry's seat '{key}' is missing from these terms")
    for i, group in enumerate(terms.groups):
        body_problem(["groups", i, "refers_to"], group.refers_to)
    for section in ("notice", "papers"):
        for i, ref in enumerate(getattr(terms, section).published_by):
            body_problem([section, "published_by", i], ref)
    return check.problems
