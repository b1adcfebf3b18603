"""A population's profile from its person-level data, as aggregates safe to show an analyst: people by age
band and sex, by deprivation quintile and by ethnic group, by segment, long-term condition and frailty, and
activity and its cost by kind of event, for the whole system, a place (where people live) or a practice or
PCN (where they are registered).

Every count passes disclosure control (``icshub.population.disclosure``) before it leaves; costs are shown
only where at least the threshold number of events make them up. Ibis expressions, so the same code runs
on any backend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import ibis
import pandas as pd
from ibis.expr.types import Table

from icshub.population.data_model import ETHNIC_GROUPS, EventType
from icshub.population.disclosure import Policy, protect, protect_ratio, round_to
from icshub.population.methods.frailty import CATEGORIES
from icshub.population.methods.method_bundle import Methods, default_methods, segmented_features
from icshub.stats.deprivation_groups import QUINTILE_WORDS

BAND_YEARS = 5
TOP_BAND = 90  # "90+"


@dataclass(frozen=True)
class Scope:
    """Whose profile: everyone, or people living in some LSOAs, or registered with some practices."""

    label: str
    lsoas: Sequence[str] | None = None
    practices: Sequence[str] | None = None


@dataclass(frozen=True)
class Profile:
    scope: Scope
    on: date
    people: int | None  # rounded, or None when withheld
    pyramid: pd.DataFrame  # band, sex, people
    deprivation: pd.DataFrame  # quintile, people
    ethnicity: pd.DataFrame  # group, people
    activity: pd.DataFrame  # type, events, people, cost_pounds
    segments: pd.DataFrame  # segment, people, percent
    conditions: pd.DataFrame  # condition, people, percent
    frailty: pd.DataFrame  # frailty, people, percent (people aged 65 and over)


def band_label(lower: int) -> str:
    return f"{TOP_BAND}+" if lower >= TOP_BAND else f"{lower}-{lower + BAND_YEARS - 1}"


def year_before(on: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    return (
        on.replace(year=on.year - 1, day=min(on.day, 28))
        if (on.month, on.day) == (2, 29)
        else on.replace(year=on.year - 1)
    )


def alive_in_scope(tables: Mapping[str, Table], scope: Scope, on: date) -> Table:
    person = tables["person"]
    alive = person.filter(person.date_of_death.isnull() | (person.date_of_death > on))
    if scope.lsoas is not None:
        alive = alive.filter(alive.lsoa.isin(list(scope.lsoas)))
    if scope.practices is not None:
        alive = alive.filter(alive.practice.isin(list(scope.practices)))
    return alive


def profile(
    tables: Mapping[str, Table],
    scope: Scope,
    on: date,
    policy: Policy = Policy(),
    methods: Methods | None = None,
) -> Profile:
    """The profile of the people in ``scope`` alive on ``on``; activity over the year to ``on``."""
    people = alive_in_scope(tables, scope, on)
    segments, conditions, frailty = _health(tables, people, methods or default_methods(), on, policy)
    age = ((on.year * 12 + on.month - (people.birth_year.cast("int64") * 12 + people.birth_month)) / 12).floor()
    lower = ibis.least((age / BAND_YEARS).floor() * BAND_YEARS, TOP_BAND).cast("int64")
    pyramid = (
        people.mutate(lower=lower)
        .group_by(["lower", "sex"])
        .aggregate(people=lambda t: t.count())
        .to_pandas()
        .sort_values(["lower", "sex"])
    )
    pyramid["band"] = pyramid["lower"].map(band_label)
    # Each table adds up (nearly) to the published total, so its cells protect each other.
    everyone = [["all"]]
    pyramid = protect(pyramid.assign(all=1), "people", everyone, policy)[["band", "sex", "people", "suppression"]]
    quintile = ((people.imd_decile + 1) / 2).floor().cast("int64")
    deprivation = (
        people.filter(people.imd_decile.notnull())
        .mutate(quintile=quintile)
        .group_by("quintile")
        .aggregate(people=lambda t: t.count())
        .to_pandas()
        .sort_values("quintile")
    )
    deprivation["quintile"] = deprivation["quintile"].map(lambda q: QUINTILE_WORDS[int(q) - 1])
    deprivation = protect(deprivation.assign(all=1), "people", everyone, policy).drop(columns="all")
    ethnicity = (
        people.mutate(group=people.ethnic_category.substitute(ETHNIC_GROUPS))
        .group_by("group")
        .aggregate(people=lambda t: t.count())
        .to_pandas()
        .sort_values("group")
    )
    ethnicity = protect(ethnicity.assign(all=1), "people", everyone, policy).drop(columns="all")
    event = tables["event"].semi_join(people, "person_id")
    year = event.filter((event.start_date > year_before(on)) & (event.start_date <= on))
    activity = (
        year.group_by("type")
        .aggregate(events=year.count(), people=year.person_id.nunique(), cost_pence=year.cost_pence.sum())
        .to_pandas()
        .sort_values("type")
    )
    activity["activity"] = activity["type"].map(lambda kind: EventType(kind).label)
    activity["cost_pounds"] = (activity["cost_pence"].astype("Float64") / 100).round(0)
    activity = protect(activity, "events", policy=policy, dependent=["cost_pounds"])
    activity["people"] = protect(activity, "people", policy=policy)["people"]
    total = pd.Series([int(people.count().execute())])
    shown = None if 0 < total[0] < policy.threshold else int(round_to(total, policy.rounding)[0])
    return Profile(
        scope,
        on,
        shown,
        plain(pyramid),
        plain(deprivation),
        plain(ethnicity),
        plain(activity.drop(columns="cost_pence")),
        plain(segments),
        plain(conditions),
        plain(frailty),
    )


def _shares(counts: pd.DataFrame, whole: int, policy: Policy, adds_up: bool) -> pd.DataFrame:
    """``counts`` (a label column and ``people``), protected, with each shown count's percentage of
    ``whole``, both as published (rounded), so that a percentage reveals no more than the counts do;
    withheld when ``whole`` is. With ``adds_up`` the counts add up to ``whole``, so they protect each other
    (one withheld cell cannot be had by subtraction)."""
    table = counts.assign(whole=whole)
    groups = [["whole"]] if adds_up else []

    def percent(published: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {"percent": (100 * published["people"] / published["whole"]).round(1)}, index=published.index
        )

    shown = protect_ratio(table, "people", "whole", ["percent"], percent, groups, policy=policy)
    return shown.drop(columns="whole")


def _health(
    tables: Mapping[str, Table], people: Table, methods: Methods, on: date, policy: Policy
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """People by segment, with each long-term condition, and by frailty category (at 65 and over)."""
    features = segmented_features(dict(tables), methods, on).semi_join(people, "person_id")
    held = [f"has_{name}" for name in methods.condition_names]
    sums = features.aggregate(
        people=features.count(),
        older=(features.age >= 65).sum(),
        **{name: features[name].sum() for name in held},
    ).to_pandas()
    whole, older = int(sums.at[0, "people"]), int(sums.at[0, "older"] or 0)
    counted = features.group_by("segment").aggregate(people=features.count()).to_pandas()
    counts = dict(zip(counted["segment"], counted["people"], strict=True))
    by_segment = pd.DataFrame(
        {
            "segment": [s.label for s in methods.segments.segments],
            "people": [int(counts.get(s.name, 0)) for s in methods.segments.segments],
        }
    )
    labels = {c.concept.name: c.label for c in methods.conditions}
    conditions = pd.DataFrame(
        {"condition": [labels[n] for n in methods.condition_names], "people": [int(sums.at[0, h] or 0) for h in held]}
    ).sort_values("people", ascending=False)
    aged = features.filter(features.age >= 65)
    frail = aged.group_by("frailty").aggregate(people=aged.count()).to_pandas()
    frail = frail.set_index("frailty").reindex(CATEGORIES, fill_value=0).reset_index()
    return (
        _shares(by_segment, whole, policy, adds_up=True),
        _shares(conditions.reset_index(drop=True), whole, policy, adds_up=False),
        _shares(frail, older, policy, adds_up=True),
    )


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None (withheld counts), so that pages and JSON need no pandas rules."""
    return frame.astype(object).where(frame.notna(), None)
