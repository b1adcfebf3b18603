"""Cross-checks of a system definition: unique keys, references that resolve, no cycles, known sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from icshub.loading.problems import Problem
from icshub.loading.yaml_lines import line_of
from icshub.registry.definition import MemberRef, SystemDefinition
from icshub.registry.graph import find_cycle
from icshub.registry.vocabulary import PartnershipType


class _Checker:
    def __init__(self, document: Any, file_name: str) -> None:
        self.document = document
        self.file_name = file_name
        self.problems: list[Problem] = []

    def add(self, location: Sequence[str | int], field: str, message: str) -> None:
        self.problems.append(Problem(self.file_name, line_of(self.document, location), field, message))

    def no_cycle(self, section: str, items: Sequence[Any], field: str = "parent") -> None:
        cycle = find_cycle({item.key: getattr(item, field) for item in items})
        if cycle:
            index = next(i for i, item in enumerate(items) if item.key == cycle[0])
            self.add([section, index, field], field, f"'{field}' links form a cycle: " + " → ".join(cycle))

    def unique(self, section: str, values: Iterable[str | None], field: str = "key") -> None:
        values = list(values)
        counts = Counter(v for v in values if v)
        for index, value in enumerate(values):
            if value and counts[value] > 1:
                self.add([section, index, field], field, f"'{value}' is used more than once in {section}")


def check_references(definition: SystemDefinition, document: Any, file_name: str) -> list[Problem]:
    """Every problem of consistency in ``definition``; an empty list means it can be imported."""
    check = _Checker(document, file_name)
    organisations = {o.key for o in definition.organisations}
    partnerships = {p.key: p for p in definition.partnerships}
    committees = {c.key for c in definition.committees}
    people = {p.key for p in definition.people}
    sources = {s.key for s in definition.sources}

    for section, items in (
        ("organisations", definition.organisations),
        ("partnerships", definition.partnerships),
        ("committees", definition.committees),
        ("people", definition.people),
        ("sources", definition.sources),
    ):
        check.unique(section, (item.key for item in items))
    check.unique("organisations", (o.ods_code for o in definition.organisations), "ods_code")

    def member_problem(ref: MemberRef) -> str | None:
        if ref.organisation and ref.organisation not in organisations:
            return f"no organisation has the key '{ref.organisation}'"
        if ref.partnership and ref.partnership not in partnerships:
            return f"no partnership has the key '{ref.partnership}'"
        return None

    def source_problem(source: str | None) -> str | None:
        if source is None or not sources:
            return None
        first = source.split()[0]
        return None if first in sources else f"cites '{first}', which is not one of the sources listed"

    ics = partnerships.get(definition.system.ics)
    if ics is None or ics.type is not PartnershipType.ICS:
        check.add(["system", "ics"], "ics", f"'{definition.system.ics}' is not a partnership of type ics")

    for i, organisation in enumerate(definition.organisations):
        if problem := source_problem(organisation.source):
            check.add(["organisations", i, "source"], "source", problem)

    ccg_owner: dict[str, str] = {}
    for i, partnership in enumerate(definition.partnerships):
        if partnership.parent and partnership.parent not in partnerships:
            check.add(["partnerships", i, "parent"], "parent", f"no partnership has the key '{partnership.parent}'")
        for j, member in enumerate(partnership.members):
            if problem := member_problem(member):
                check.add(["partnerships", i, "members", j], "members", problem)
        for code in partnership.ccg19:
            if code in ccg_owner:
                check.add(
                    ["partnerships", i, "ccg19"], "ccg19", f"CCG {code} is already in the place '{ccg_owner[code]}'"
                )
            ccg_owner[code] = partnership.key
        if problem := source_problem(partnership.source):
            check.add(["partnerships", i, "source"], "source", problem)
    check.no_cycle("partnerships", definition.partnerships)

    for i, committee in enumerate(definition.committees):
        if committee.partnership and committee.partnership not in partnerships:
            check.add(
                ["committees", i, "partnership"],
                "partnership",
                f"no partnership has the key '{committee.partnership}'",
            )
        for field in ("parent", "reports_to"):
            target = getattr(committee, field)
            if target and target not in committees:
                check.add(["committees", i, field], field, f"no committee has the key '{target}'")
        seat_keys = Counter(seat.key for seat in committee.seats)
        for j, seat in enumerate(committee.seats):
            if seat_keys[seat.key] > 1:
                check.add(["committees", i, "seats", j, "key"], "key", f"seat '{seat.key}' appears twice")
            if seat.appointed_by and (problem := member_problem(seat.appointed_by)):
                check.add(["committees", i, "seats", j, "appointed_by"], "appointed_by", problem)
            if seat.person and seat.person not in people:
                check.add(["committees", i, "seats", j, "person"], "person", f"no person has the key '{seat.person}'")
            if problem := source_problem(seat.source):
                check.add(["committees", i, "seats", j, "source"], "source", problem)
        if problem := source_problem(committee.source):
            check.add(["committees", i, "source"], "source", problem)
    check.no_cycle("committees", definition.committees)
    check.no_cycle("committees", definition.committees, "reports_to")

    for i, person in enumerate(definition.people):
        if problem := source_problem(person.source):
            check.add(["people", i, "source"], "source", problem)
        if person.organisation and person.organisation not in organisations:
            check.add(
                ["people", i, "organisation"], "organisation", f"no organisation has the key '{person.organisation}'"
            )

    for i, pcn in enumerate(definition.document_pcns):
        if problem := source_problem(pcn.source):
            check.add(["document_pcns", i, "source"], "source", problem)
        place = partnerships.get(pcn.place)
        if place is None or place.type is not PartnershipType.PLACE:
            check.add(["document_pcns", i, "place"], "place", f"'{pcn.place}' is not a partnership of type place")
    return check.problems
