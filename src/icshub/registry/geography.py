"""Build the geography (areas and their hierarchies) from ONS lookup rows: pure rules, no database.

Links carry effective dates from the manifest; the same link found in two editions of a lookup is kept
once, in force from the earlier edition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from icshub.loading.problems import Problem
from icshub.loading.tables import Row
from icshub.registry.codes import gss_code_problem
from icshub.registry.vocabulary import AreaType, Hierarchy


@dataclass(frozen=True)
class AreaRecord:
    code: str
    name: str
    type: AreaType
    editions: frozenset[str] = frozenset()
    nhs_code: str | None = None


@dataclass(frozen=True)
class LinkRecord:
    hierarchy: Hierarchy
    child: str
    parent: str
    valid_from: date | None = None
    valid_to: date | None = None
    detail: str | None = None


@dataclass
class GeographyBuilder:
    """Collects areas and links from rows, noting every problem with its file, line and column."""

    areas: dict[str, AreaRecord] = field(default_factory=dict)
    links: dict[tuple[Hierarchy, str, str], LinkRecord] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def area(
        self,
        row: Row,
        code_column: str,
        name_column: str | None,
        area_type: AreaType,
        edition: str | None = None,
        nhs_code: str | None = None,
    ) -> str | None:
        code = row[code_column]
        if problem := gss_code_problem(code, area_type.value):
            self.problems.append(row.problem(code_column, problem))
            return None
        name = row[name_column] if name_column else code
        known = self.areas.get(code)
        if known is not None and known.type is not area_type:
            self.problems.append(
                row.problem(code_column, f"'{code}' was already read as a {known.type.value}, not a {area_type.value}")
            )
            return None
        editions = (known.editions if known else frozenset()) | ({edition} if edition else set())
        self.areas[code] = AreaRecord(
            code, name or (known.name if known else code), area_type, editions, nhs_code or (known and known.nhs_code)
        )
        return code

    def link(
        self,
        hierarchy: Hierarchy,
        child: str | None,
        parent: str | None,
        valid_from: date | None = None,
        valid_to: date | None = None,
        detail: str | None = None,
    ) -> None:
        if child is None or parent is None:
            return
        key = (hierarchy, child, parent)
        known = self.links.get(key)
        if known is None:
            self.links[key] = LinkRecord(hierarchy, child, parent, valid_from, valid_to, detail)
            return
        starts = [d for d in (known.valid_from, valid_from) if d is not None]
        ends = None if known.valid_to is None or valid_to is None else max(known.valid_to, valid_to)
        self.links[key] = replace(known, valid_from=min(starts) if starts else None, valid_to=ends)

    def check_single_parent(self, hierarchy: Hierarchy, rows_by_child: Mapping[str, Row], column: str) -> None:
        """Best-fit lookups give each child one parent in a hierarchy; report a child given two."""
        parents: dict[str, set[str]] = defaultdict(set)
        for h, child, parent in self.links:
            if h is hierarchy:
                parents[child].add(parent)
        for child, found in parents.items():
            if len(found) > 1 and child in rows_by_child:
                self.problems.append(
                    rows_by_child[child].problem(
                        column, f"'{child}' has more than one parent in {hierarchy.value}: {', '.join(sorted(found))}"
                    )
                )


def assign_places(
    lsoa11_to_lsoa21: Iterable[tuple[str, str, Row]],
    lsoa11_ccg: Mapping[str, str],
    place_of_ccg: Mapping[str, str],
) -> tuple[dict[str, str], list[Problem]]:
    """The place of each 2021 LSOA, from the 2019 CCG of its 2011 parent LSOAs.

    Places follow the pre-2020 CCG footprints, so an LSOA 2021 takes the place of the CCG its 2011
    predecessors were in; one whose predecessors were in two places is ambiguous and refused.
    """
    places: dict[str, set[str]] = defaultdict(set)
    first_row: dict[str, Row] = {}
    problems: list[Problem] = []
    for lsoa11, lsoa21, row in lsoa11_to_lsoa21:
        first_row.setdefault(lsoa21, row)
        ccg = lsoa11_ccg.get(lsoa11)
        if ccg is None:
            problems.append(row.problem(None, f"LSOA 2011 {lsoa11} has no CCG in the LSOA → CCG lookup"))
            continue
        place = place_of_ccg.get(ccg)
        if place is None:
            problems.append(row.problem(None, f"CCG {ccg} of LSOA 2011 {lsoa11} is in no place of the definition"))
            continue
        places[lsoa21].add(place)
    assigned: dict[str, str] = {}
    for lsoa21, found in places.items():
        if len(found) == 1:
            assigned[lsoa21] = next(iter(found))
        else:
            problems.append(
                first_row[lsoa21].problem(
                    None, f"LSOA 2021 {lsoa21} comes from 2011 LSOAs in different places: {', '.join(sorted(found))}"
                )
            )
    return assigned, problems
