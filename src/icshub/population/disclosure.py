"""Disclosure control of aggregate counts before anything person-derived leaves the analytics store.

Three rules, in the order they are applied:

1. **Primary suppression.** A count below the threshold (10 by default; configurable), other than zero, is
   withheld, and so is any rate or proportion computed from it. Zero is shown: knowing that nobody in a
   group has a condition discloses nothing about a person.
2. **Secondary suppression.** Where a group of cells adds up to a published total (the quintiles of an
   area, the places of the system), one withheld cell could be recovered by subtraction. So whenever a
   group has exactly one withheld cell, the smallest other non-zero cell of that group (a zero when all
   the others are zero) is withheld too.
   This is repeated until no group has exactly one, since a cell withheld for one group may leave a lone
   one in another (a cell can belong to several groups, e.g. its row and its column).
3. **Rounding.** Counts that are shown are rounded to the nearest multiple of 5 (configurable; halves
   upward), so that differences between overlapping published tables cannot reveal a small count.
4. **Figures from published counts only.** A rate, proportion or percentage, and its confidence limits,
   is worked out from the rounded numerator and denominator as published, never from the exact counts,
   and is withheld wherever either is (``protect_ratio``). Otherwise an interval would give back a
   withheld denominator (Wilson's upper limit for 0 of n names n), and a percentage the exact count.

Pure: a table in, the same table with the counts withheld or rounded and the reason for each out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

PRIMARY = "fewer than {threshold}"
SECONDARY = "withheld so that another withheld figure cannot be worked out"


@dataclass(frozen=True)
class Policy:
    threshold: int = 10
    rounding: int = 5

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.rounding < 1:
            raise ValueError("the threshold and the rounding base must be whole numbers of at least 1")


def round_to(values: pd.Series, base: int) -> pd.Series:
    """Nearest multiple of ``base``, halves upward (so 2.5 × base rounds up, unlike banker's rounding)."""
    return (np.floor(values.astype(float) / base + 0.5) * base).astype("Int64")


def protect(
    table: pd.DataFrame,
    count: str,
    groups: Sequence[Sequence[str]] = (),
    policy: Policy = Policy(),
    dependent: Sequence[str] = (),
) -> pd.DataFrame:
    """The table with ``count`` protected: withheld counts become missing with a ``suppression`` reason,
    shown counts are rounded, and the ``dependent`` columns (rates, proportions, their limits) are withheld
    wherever their count is.

    ``groups`` lists the column sets whose cells add up to a published total (for a table of areas by
    quintile: ``[["area"], ["quintile"]]``); secondary suppression works within each."""
    if count not in table.columns:
        raise ValueError(f"there is no column '{count}'")
    values = pd.to_numeric(table[count], errors="raise").reset_index(drop=True)
    if (values < 0).any():
        raise ValueError(f"'{count}' has negative counts")
    result = table.reset_index(drop=True)
    primary = (values > 0) & (values < policy.threshold)
    withheld = primary.copy()
    changed = True
    while changed:
        changed = False
        for keys in groups:
            for index in result.groupby(list(keys), sort=False, dropna=False).indices.values():
                if int(withheld.iloc[index].sum()) != 1:
                    continue
                shown = values.iloc[index][~withheld.iloc[index]]
                if shown.empty:
                    continue
                # The smallest non-zero cell; if every other cell is zero, a zero (else the lone one is the total).
                non_zero = shown[shown > 0]
                withheld[(non_zero if not non_zero.empty else shown).idxmin()] = True
                changed = True
    reason = [
        PRIMARY.format(threshold=policy.threshold) if p else SECONDARY if w else None
        for p, w in zip(primary, withheld, strict=True)
    ]
    result[count] = round_to(values, policy.rounding).mask(withheld)
    for column in dependent:
        result[column] = result[column].mask(withheld)
    result["suppression"] = pd.Series(reason, dtype=object)
    result.index = table.index
    return result


def protect_ratio(
    table: pd.DataFrame,
    numerator: str,
    denominator: str,
    figures: Sequence[str],
    compute: Callable[[pd.DataFrame], pd.DataFrame],
    groups: Sequence[Sequence[str]] = (),
    denominator_groups: Sequence[Sequence[str]] = (),
    policy: Policy = Policy(),
) -> pd.DataFrame:
    """The table with ``numerator`` and ``denominator`` protected, and the ``figures`` (a value and its
    limits, say) worked out by ``compute`` from the published counts alone: ``compute`` gets the rows
    where both are shown and the denominator is above zero, with the rounded counts, and returns those
    rows (same index) with the ``figures``. Elsewhere the figures are withheld. ``groups`` and
    ``denominator_groups`` are the groups each count adds up over (see ``protect``); the ``suppression``
    reason is the numerator's, else the denominator's."""
    shown = protect(table.drop(columns=[c for c in figures if c in table.columns]), numerator, groups, policy)
    under = protect(
        table[[*{c for g in denominator_groups for c in g}, denominator]], denominator, denominator_groups, policy
    )
    shown[denominator] = under[denominator]
    shown["suppression"] = shown["suppression"].where(shown["suppression"].notna(), under["suppression"])
    usable = shown[numerator].notna() & shown[denominator].notna() & (shown[denominator].fillna(0) > 0)
    for column in figures:
        shown[column] = pd.Series(np.nan, index=shown.index, dtype="float64")
    if usable.any():
        published = shown.loc[usable].copy()
        published[[numerator, denominator]] = published[[numerator, denominator]].astype("int64")
        worked = compute(published)
        for column in figures:
            shown.loc[usable, column] = worked[column].to_numpy(dtype="float64", na_value=np.nan)
    return shown
