"""Cross-checks of a plan: keys unique in the whole file, outcome numbers, and every reference to the
registry (owner, leads, places, districts) resolving to a record of the right kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from icshub.loading.problems import Problem
from icshub.loading.yaml_lines import line_of
from icshub.strategy.definition import LeadRef, PlanDefinition
from icshub.strategy.vocabulary import OutcomeKind


@dataclass(frozen=True)
class RegistryKeys:
    """The registry's keys that a plan may refer to."""

    organisations: frozenset[str]
    partnerships: frozenset[str]
    committees: frozenset[str]
    places: frozenset[str]
    councils: frozenset[str]

    def lead_problem(self, lead: LeadRef) -> str | None:
        known = {"organisation": self.organisations, "partnership": self.partnerships, "committee": self.committees}
        if lead.target not in known[lead.kind]:
            return f"no {lead.kind} in the registry has the key '{lead.target}'"
        return None


def _keyed_items(plan: PlanDefinition) -> Iterator[tuple[list[str | int], str]]:
    """Every keyed item of the plan with its location in the document."""
    for i, outcome in enumerate(plan.outcomes):
        yield ["outcomes", i, "key"], outcome.key
        for j, priority in enumerate(outcome.priorities):
            yield ["outcomes", i, "priorities", j, "key"], priority.key
            for k, commitment in enumerate(priority.commitments):
                yield ["outcomes", i, "priorities", j, "commitments", k, "key"], commitment.key
        for j, example in enumerate(outcome.delivery_examples):
            yield ["outcomes", i, "delivery_examples", j, "key"], example.key
            for k, milestone in enumerate(example.milestones):
                yield ["outcomes", i, "delivery_examples", j, "milestones", k, "key"], milestone.key
    for section in ("place_priorities", "district_priorities"):
        for i, group in enumerate(getattr(plan, section)):
            for j, priority in enumerate(group.priorities):
                yield [section, i, "priorities", j, "key"], priority.key
    for i, priority in enumerate(plan.kalc_priorities):
        yield ["kalc_priorities", i, "key"], priority.key


def check_plan(plan: PlanDefinition, document: Any, file_name: str, registry: RegistryKeys) -> list[Problem]:
    """Every problem of consistency in ``plan``; an empty list means it can be imported."""
    problems: list[Problem] = []

    def add(location: Sequence[str | int], field: str, message: str) -> None:
        problems.append(Problem(file_name, line_of(document, location), field, message))

    items = list(_keyed_items(plan))
    counts = Counter(key for _, key in items)
    for location, key in items:
        if counts[key] > 1:
            add(location, "key", f"'{key}' is used more than once in the plan")

    if plan.owner not in registry.partnerships:
        add(["owner"], "owner", f"no partnership in the registry has the key '{plan.owner}'")
    numbers = Counter((o.kind, o.number) for o in plan.outcomes)
    shared = {o.number for o in plan.outcomes if o.kind is OutcomeKind.SHARED_OUTCOME}
    for i, outcome in enumerate(plan.outcomes):
        if numbers[outcome.kind, outcome.number] > 1:
            add(["outcomes", i, "number"], "number", f"{outcome.kind.value} {outcome.number} appears twice")
        for j, priority in enumerate(outcome.priorities):
            for k, commitment in enumerate(priority.commitments):
                for m, lead in enumerate(commitment.leads):
                    if problem := registry.lead_problem(lead):
                        add(["outcomes", i, "priorities", j, "commitments", k, "leads", m], "leads", problem)
        for j, example in enumerate(outcome.delivery_examples):
            for m, lead in enumerate(example.leads):
                if problem := registry.lead_problem(lead):
                    add(["outcomes", i, "delivery_examples", j, "leads", m], "leads", problem)
            if example.place and example.place not in registry.places:
                add(["outcomes", i, "delivery_examples", j, "place"], "place", f"'{example.place}' is not a place")

    def check_mapping(location: list[str | int], numbers: list[int]) -> None:
        unknown = sorted(set(numbers) - shared)
        if unknown:
            add(location, "outcomes", f"there is no shared outcome {', '.join(map(str, unknown))} in this plan")

    for i, group in enumerate(plan.place_priorities):
        if group.place not in registry.places:
            add(["place_priorities", i, "place"], "place", f"'{group.place}' is not a place of the registry")
        for j, priority in enumerate(group.priorities):
            check_mapping(["place_priorities", i, "priorities", j, "outcomes"], priority.outcomes)
    for i, group in enumerate(plan.district_priorities):
        if group.district not in registry.councils:
            add(
                ["district_priorities", i, "district"],
                "district",
                f"'{group.district}' is not a district, borough or unitary council of the registry",
            )
        for j, priority in enumerate(group.priorities):
            check_mapping(["district_priorities", i, "priorities", j, "outcomes"], priority.outcomes)
    for i, priority in enumerate(plan.kalc_priorities):
        check_mapping(["kalc_priorities", i, "outcomes"], priority.outcomes)
    return problems
