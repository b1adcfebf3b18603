"""Utilisation and cost over the 12 months ending on an index date, per group of people, as Ibis
expressions: people, events of each type, events per 1,000 people, bed days and cost in total and per
head, for everyone or by one of segment, place, PCN, practice, IMD quintile or NHS broad ethnic group.

- **The window** is the 12 months ending on the index date: from the day after the same date a year
  earlier up to and including the index date (1 April 2023 to 31 March 2024 for 31 March 2024). An event
  belongs to it by its start date (an admission by the day of admission).
- **People** (the denominator) are those alive on at least one day of the window: born by the end of the
  window's month (only the month of birth is stored) and not dead before its first day. This is the
  population that could have had the window's activity, so every counted event's person is in the
  denominator: babies born in the year and people who died in it, whose care is often the costliest, count
  in both. Only the events of these people count.
- **Events by type**: one row per group and type of ``EventType``, and one of type ``all`` for all
  activity; a type nobody in the group had appears with zero events, so that tables are complete.
- **Bed days**: for admissions, the days from admission to discharge (``end_date − start_date``; 0 for a
  same-day stay); an admission with no discharge date yet counts the days to the index date. Missing for
  the types that are not admissions; for ``all``, the bed days of every admission.
- **Cost**: ``cost_pence`` summed, in whole pence; an event without a cost adds nothing. Per head: the
  total over the people, rounded to the nearest penny (halves up) with integer arithmetic, never a float.
- **Groups**: a person's place is where they live (their 2021 LSOA through the ``places`` lookup: lsoa,
  place), their PCN that of their registered practice (the ``pcns`` lookup: practice, pcn), their segment
  the one the ``segments`` table gives (``segmentation.segment``'s output: person_id, segment). The group is
  written as text in ``group`` (``all`` for everyone; IMD quintile 1 to 5, 1 the most deprived); it is
  missing for people the grouping cannot place (no LSOA, a practice not in any PCN), who are counted
  in a group of their own so that the groups add up to everyone.

Each lookup must hold one row per key, or people would be counted twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import ibis
import ibis.expr.types as ir

from icshub.population.data_model import ETHNIC_GROUPS, EventType
from icshub.population.methods.codelists import years_before

GROUPINGS = ("overall", "segment", "place", "pcn", "practice", "imd_quintile", "ethnic_group")
ALL = "all"
TYPES = (*(t.value for t in EventType), ALL)
ADMISSIONS = tuple(t.value for t in EventType if t.is_admission)
# Which lookup each grouping needs, the column it joins on, and the column it gives.
LOOKUPS = {"segment": ("person_id", "segment"), "place": ("lsoa", "place"), "pcn": ("practice", "pcn")}


def window(index_date: date) -> tuple[date, date]:
    """The first and last days of the 12 months ending on ``index_date``."""
    return years_before(index_date, 1) + timedelta(days=1), index_date


def in_window(person: ir.Table, index_date: date) -> ir.Table:
    """The people alive on at least one day of the window ending on ``index_date`` (the denominator)."""
    first, last = window(index_date)
    born = person.birth_year.cast("int64") * 12 + person.birth_month.cast("int64")
    return person.filter(
        born <= last.year * 12 + last.month,
        person.date_of_death.isnull() | (person.date_of_death >= ibis.literal(first, type="date")),
    )


def person_groups(person: ir.Table, by: str, lookup: ir.Table | None = None) -> ir.Table:
    """(person_id, group) for each person of ``person``, the group as text (see the module docstring);
    ``lookup`` is the table the segment, place or PCN grouping needs."""
    if by == "overall":
        return person.select("person_id", group=ibis.literal(ALL))
    if by == "practice":
        return person.select("person_id", group=person.practice)
    if by == "imd_quintile":
        return person.select("person_id", group=((person.imd_decile.cast("int64") + 1) // 2).cast("string"))
    if by == "ethnic_group":
        return person.select("person_id", group=person.ethnic_category.substitute(ETHNIC_GROUPS))
    key, column = LOOKUPS[by]
    given = lookup.select(_key=lookup[key], group=lookup[column].cast("string"))
    joined = person.left_join(given, person[key] == given._key)
    return joined.select(person_id=person.person_id, group=joined.group)


def _lookup(by: str, segments: ir.Table | None, places: ir.Table | None, pcns: ir.Table | None) -> ir.Table | None:
    """The lookup the grouping needs, refused with what to give when it is missing."""
    if by not in GROUPINGS:
        raise ValueError(f"utilisation cannot be grouped by '{by}': choose one of {', '.join(GROUPINGS)}")
    given = {"segment": segments, "place": places, "pcn": pcns}
    if by not in LOOKUPS:
        return None
    key, column = LOOKUPS[by]
    lookup = given[by]
    if lookup is None:
        raise ValueError(f"grouping by {by} needs the {by} lookup, a table of ({key}, {column})")
    missing = [c for c in (key, column) if c not in lookup.columns]
    if missing:
        raise ValueError(f"the {by} lookup has no column {', '.join(missing)}: it needs ({key}, {column})")
    return lookup


def utilisation(
    tables: Mapping[str, ir.Table],
    index_date: date,
    by: str = "overall",
    *,
    segments: ir.Table | None = None,
    places: ir.Table | None = None,
    pcns: ir.Table | None = None,
) -> ir.Table:
    """(group, type, people, events, events_per_1000, bed_days, cost_pence, cost_per_head_pence): one row
    per group and type of event (and ``all``) for the 12 months ending on ``index_date``. Person-level
    data in, counts out: not yet protected by disclosure control (see ``icshub.population.disclosure``)."""
    lookup = _lookup(by, segments, places, pcns)
    first, last = window(index_date)
    people = person_groups(in_window(tables["person"], index_date), by, lookup)
    event = tables["event"]
    counted = event.filter(
        event.start_date >= ibis.literal(first, type="date"), event.start_date <= ibis.literal(last, type="date")
    ).join(people, "person_id")
    stay = ibis.greatest(
        counted.end_date.fill_null(ibis.literal(last, type="date")).delta(counted.start_date, unit="day"), 0
    )
    counted = counted.mutate(
        bed_days=ibis.ifelse(counted.type.isin(ADMISSIONS), stay, ibis.null("int64")),
        cost=counted.cost_pence.fill_null(0),
    )
    sums = {"events": lambda t: t.count(), "bed_days": lambda t: t.bed_days.sum(), "cost": lambda t: t.cost.sum()}
    by_type = counted.group_by(["group", "type"]).aggregate(**sums)
    overall = counted.group_by("group").aggregate(**sums).mutate(type=ibis.literal(ALL))
    activity = by_type.union(overall.select(*by_type.columns))
    denominators = people.group_by("group").aggregate(people=lambda t: t.count())
    grid = denominators.cross_join(ibis.memtable({"type": list(TYPES)}))
    joined = grid.left_join(activity, [grid.group.identical_to(activity.group), grid.type == activity.type])
    events = joined.events.fill_null(0)
    cost = joined.cost.fill_null(0)
    has_beds = grid.type.isin([*ADMISSIONS, ALL])
    return joined.select(
        group=grid.group,
        type=grid.type,
        people=grid.people,
        events=events,
        events_per_1000=(events * 1000) / grid.people,
        bed_days=ibis.ifelse(has_beds, joined.bed_days.fill_null(0), ibis.null("int64")),
        cost_pence=cost,
        cost_per_head_pence=(cost * 2 + grid.people) // (grid.people * 2),
    )
