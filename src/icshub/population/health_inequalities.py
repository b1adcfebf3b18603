"""Inequalities in a population's health and care, by deprivation quintile and by ethnic group: aggregate
figures safe to show an analyst, for the inequalities view.

For each group: the people; the **crude** prevalence of each long-term condition and of moderate or
severe frailty (eFI) among the people alive on the date, with Wilson 95% limits; emergency admissions per
1,000 people in the 12 months to the date, with exact (below 10) or Byar's 95% limits; and the cost of all
activity per head, in whole pence. Across the five deprivation quintiles, the slope index of inequality
(``icshub.stats.sii``, least minus most deprived) of each.

Crude, not age-standardised: a directly standardised rate (``icshub.stats.dsr``) needs people in every one
of the 19 age bands of the European Standard Population in every group, which small ethnic groups and
the quintiles of a practice or PCN rarely have; crude figures are shown for every group, and say so. Where
ages differ between groups (younger ethnic minority populations), crude prevalence differs partly for that.

The people of the rates are those of ``methods.utilisation`` (alive on at least one day of the 12 months);
those of the prevalences are the people alive on the date. Admissions are counted as events: one person
may have several, so Poisson limits are somewhat narrow.

Disclosure control (``icshub.population.disclosure``) on every count: withheld below the threshold, a
second cell withheld where one could be worked out from the total, the others rounded; a figure is
withheld with its count, and with its group's population (whose size a confidence interval would give
away); a group's cost per head is withheld with its emergency admissions (a cost made mostly of them
could give their number away) and where fewer than the threshold of events make it up. The SII is given
only where no quintile's count is withheld.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from ibis.expr.types import Table

from icshub.population.data_model import ETHNIC_GROUPS, EventType
from icshub.population.disclosure import Policy, protect, protect_ratio
from icshub.population.methods.codelists import Condition
from icshub.population.methods.conditions import CmsWeights
from icshub.population.methods.frailty import Efi
from icshub.population.methods.person_features import person_features
from icshub.population.methods.utilisation import ALL, person_groups, utilisation, window
from icshub.population.profile import Scope, alive_in_scope, plain
from icshub.stats import StatsInputError, proportion, rate, sii
from icshub.stats.deprivation_groups import QUINTILE_WORDS, SII_REPETITIONS

BREAKDOWNS = {"imd_quintile": "Deprivation (national IMD quintile)", "ethnic_group": "Ethnic group (NHS broad group)"}
FRAILTY = "frailty"
FRAILTY_LABEL = "Moderate or severe frailty (eFI)"
NOT_KNOWN = "Not known"
LIMITS = ["value", "lower_95", "upper_95"]
EMERGENCY = EventType.EMERGENCY_ADMISSION.value


@dataclass(frozen=True)
class Breakdown:
    """One breakdown's figures, every count protected; categories in order (most deprived first)."""

    key: str
    title: str
    categories: list[str]
    population: pd.DataFrame  # category, people, suppression
    prevalence: pd.DataFrame  # measure, label, category, count, value, lower_95, upper_95, suppression
    activity: pd.DataFrame  # category, people, admissions, value, lower_95, upper_95, cost_per_head_pence, suppression
    slopes: pd.DataFrame  # measure, label, value, lower_95, upper_95, note (quintiles only)

    def by_measure(self) -> list[tuple[str, dict[str, dict[str, Any]], dict[str, Any] | None]]:
        """(label, the figure of each category, the SII or None) per measure, in order: a table's rows."""
        slopes = {r["measure"]: r for r in self.slopes.to_dict("records")} if not self.slopes.empty else {}
        rows = []
        for measure, figures in self.prevalence.groupby("measure", sort=False):
            cells = {r["category"]: r for r in figures.to_dict("records")}
            rows.append((figures.iloc[0]["label"], cells, slopes.get(measure)))
        return rows

    def by_group(self) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
        """(population, activity or None) per group, in order: the rows of the people and activity table."""
        activity = {r["category"]: r for r in self.activity.to_dict("records")}
        return [(r, activity.get(r["category"])) for r in self.population.to_dict("records")]

    @property
    def admissions_slope(self) -> dict[str, Any] | None:
        """The SII of emergency admissions per 1,000 across the quintiles, or None for other breakdowns."""
        found = [r for r in self.slopes.to_dict("records") if r["measure"] == EMERGENCY]
        return found[0] if found else None


@dataclass(frozen=True)
class Inequalities:
    scope: Scope
    on: date
    first: date  # the first day of the 12 months of activity
    breakdowns: list[Breakdown]


def _label(key: str, group: object) -> str:
    if group is None or pd.isna(group):
        return NOT_KNOWN
    return QUINTILE_WORDS[int(group) - 1] if key == "imd_quintile" else str(group)


def _ordered(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Rows in the breakdown's order: most deprived first, or the NHS ethnic groups' order; not known last."""
    known = list(QUINTILE_WORDS) if key == "imd_quintile" else list(dict.fromkeys(ETHNIC_GROUPS.values()))
    order = [*known, NOT_KNOWN]
    rank = frame["category"].map(lambda c: order.index(c) if c in order else len(order))
    return frame.assign(_rank=rank).sort_values(["_rank", "category"], kind="stable").drop(columns="_rank")


def _prevalence(people: Table, features: Table, key: str, measures: Mapping[str, str]) -> pd.DataFrame:
    """(measure, label, category, count, people, value, lower_95, upper_95), unprotected: one row per measure
    and category of the people alive on the date."""
    joined = person_groups(people, key).join(features, "person_id")
    held = {m: joined[f"has_{m}"].cast("int64").sum() for m in measures if m != FRAILTY}
    held[FRAILTY] = joined.frailty.isin(["moderate", "severe"]).cast("int64").sum()
    counts = joined.group_by("group").aggregate(people=joined.count(), **held).to_pandas()
    counts["category"] = [_label(key, g) for g in counts["group"]]
    long = counts.melt(["category", "people"], list(measures), "measure", "count")
    figures = proportion(long, "count", "people", ["measure", "category"], 0.95, multiplier=100)
    long = long.merge(figures[["measure", "category", *LIMITS]], on=["measure", "category"])
    return _ordered(long.assign(label=long["measure"].map(measures)), key)


def _activity(tables: Mapping[str, Table], on: date, key: str) -> pd.DataFrame:
    """(category, people, admissions, value, lower_95, upper_95, events, cost_per_head_pence), unprotected:
    emergency admissions per 1,000 and the cost of all activity per head, in the 12 months to ``on``."""
    year = utilisation(tables, on, key).filter(lambda t: t.type.isin([EMERGENCY, ALL])).to_pandas()
    emergency = year[year["type"] == EMERGENCY][["group", "people", "events"]].rename(columns={"events": "admissions"})
    table = emergency.merge(year[year["type"] == ALL][["group", "events", "cost_per_head_pence"]], on="group")
    table["category"] = [_label(key, g) for g in table["group"]]
    figures = rate(table, "admissions", "people", "category", 0.95, multiplier=1000)
    return _ordered(table.drop(columns="group").merge(figures[["category", *LIMITS]], on="category"), key)


def _slope(
    figures: pd.DataFrame, value_type: str, scale: float
) -> tuple[float | None, float | None, float | None, str | None]:
    """The SII of one measure across the quintiles, from its published figures: (value, lower, upper, note)."""
    quintiles = figures[figures["category"].isin(QUINTILE_WORDS)]
    frame = pd.DataFrame(
        {
            "quantile": [QUINTILE_WORDS.index(c) + 1 for c in quintiles["category"]],
            "people": quintiles["people"].to_numpy(),
            **{c: quintiles[c].to_numpy(float) / scale for c in LIMITS},
        }
    )
    try:
        found = sii(
            frame,
            "value",
            "people",
            "quantile",
            lower="lower_95",
            upper="upper_95",
            repetitions=SII_REPETITIONS,
            value_type=value_type,
            multiplier=scale,
            nquantiles=len(QUINTILE_WORDS),
        ).iloc[0]
    except StatsInputError as error:
        return None, None, None, f"not calculated: {error}"
    return float(found["value"]), float(found["lower_95"]), float(found["upper_95"]), None


def _slopes(prevalence: pd.DataFrame, activity: pd.DataFrame, withheld: set[str]) -> pd.DataFrame:
    """The SII of every measure across the quintiles, from the published figures and head counts; not given
    for a measure whose quintile counts are partly withheld (``withheld``)."""
    measures = [(m, g.iloc[0]["label"], g, "proportion", 100.0) for m, g in prevalence.groupby("measure", sort=False)]
    measures.append((EMERGENCY, "Emergency admissions per 1,000 people", activity, "rate", 1.0))
    rows = []
    for measure, label, figures, value_type, scale in measures:
        if measure in withheld:
            rows.append((measure, label, None, None, None, "not given: a quintile's count is withheld"))
        else:
            rows.append((measure, label, *_slope(figures, value_type, scale)))
    return pd.DataFrame(rows, columns=["measure", "label", *LIMITS, "note"])


def _prevalence_limits(published: pd.DataFrame) -> pd.DataFrame:
    keys = ["measure", "category"]
    figures = proportion(published, "count", "people", keys, 0.95, multiplier=100)
    return published[keys].merge(figures[[*keys, *LIMITS]], on=keys, how="left")


def _admission_rates(published: pd.DataFrame) -> pd.DataFrame:
    figures = rate(published, "admissions", "people", "category", 0.95, multiplier=1000)
    return published[["category"]].merge(figures[["category", *LIMITS]], on="category", how="left")


def _protect_breakdown(prevalence: pd.DataFrame, activity: pd.DataFrame, policy: Policy) -> tuple[pd.DataFrame, ...]:
    """The population, prevalence and activity tables with every count protected, and every figure worked
    out from the published counts (``disclosure.protect_ratio``): withheld with its count or with its
    group's population, whose size its confidence interval would otherwise give away. The prevalence
    table keeps its (published) ``people`` for the slopes."""
    population = protect(
        prevalence.drop_duplicates("category")[["category", "people"]].assign(all=1), "people", [["all"]], policy
    ).drop(columns="all")
    hidden = set(population.loc[population["people"].isna(), "category"])
    each = [["measure"]]
    shown = protect_ratio(prevalence, "count", "people", LIMITS, _prevalence_limits, each, each, policy)
    shown.loc[shown["category"].isin(hidden), [*LIMITS, "people"]] = None
    everyone = [["all"]]
    year = protect_ratio(
        activity.assign(all=1), "admissions", "people", LIMITS, _admission_rates, everyone, everyone, policy
    )
    # The cost per head over the published head count, withheld with the admissions, and shown only where
    # enough events make it up.
    cost = activity["cost_per_head_pence"].astype(float) * activity["people"].astype(float)
    per_head = (cost / year["people"].astype(float)).round()
    kept = year["people"].notna() & year["admissions"].notna() & (activity["events"] >= policy.threshold)
    pence = [int(v) if ok else None for v, ok in zip(per_head, kept, strict=True)]
    year["cost_per_head_pence"] = pd.Series(pence, index=year.index, dtype=object)
    year.loc[year["category"].isin(hidden), [*LIMITS, "cost_per_head_pence"]] = None
    return population, shown, year.drop(columns=["all", "events"])


def inequalities(
    tables: Mapping[str, Table],
    scope: Scope,
    on: date,
    conditions: Sequence[Condition],
    weights: CmsWeights,
    frailty: Efi,
    policy: Policy = Policy(),
) -> Inequalities:
    """The inequalities view of the people in ``scope`` on ``on``: by deprivation quintile and by ethnic
    group, every count protected. Group-bys run in the engine; only a row per group leaves it."""
    first, _ = window(on)
    alive = alive_in_scope(tables, scope, on)
    features = person_features({**tables, "person": alive}, list(conditions), weights, frailty, on)
    in_year = {**tables, "person": alive_in_scope(tables, scope, first - timedelta(days=1))}
    measures = {c.concept.name: c.label for c in conditions} | {FRAILTY: FRAILTY_LABEL}
    breakdowns = []
    for key, title in BREAKDOWNS.items():
        prevalence = _prevalence(alive, features, key, measures)
        activity = _activity(in_year, on, key)
        population, shown, year = _protect_breakdown(prevalence, activity, policy)
        slopes = pd.DataFrame()
        if key == "imd_quintile":
            quintile_rows = shown[shown["category"].isin(QUINTILE_WORDS)]
            withheld = set(quintile_rows.loc[quintile_rows["suppression"].notna(), "measure"])
            if year.loc[year["category"].isin(QUINTILE_WORDS), "suppression"].notna().any():
                withheld.add(EMERGENCY)
            slopes = _slopes(shown, year, withheld)
        breakdowns.append(
            Breakdown(
                key,
                title,
                list(population["category"]),
                plain(population),
                plain(shown.drop(columns="people")),
                plain(year),
                plain(slopes),
            )
        )
    return Inequalities(scope, on, first, breakdowns)
