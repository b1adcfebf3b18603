"""Person-frequency rows for a DSR of non-independent events, collapsed to one row per group and age band.

When one person can have several events (admissions, say), the events are not independent and the
Poisson variance of an age band's count understates its spread. PHEindicatormethods' ``calculate_dsr``
(``independent_events = FALSE``) takes the data broken down by event frequency: each row holds the number
of people xᵢf in age band i who had exactly f events each. The band's event count is Oᵢ = Σf f × xᵢf, and
treating the people as independent, the variance of that count is Σf f² × xᵢf rather than Oᵢ.

This module checks such rows and sums them per group and age band, so that the DSR can then be computed
from one row per band exactly as for independent events, with the larger variance.
"""

from __future__ import annotations

import pandas as pd

from icshub.stats._frames import StatsInputError, check_counts, check_rows, describe_group, require

# The name of the column, in the collapsed frame, that holds the variance of each age band's event count.
SPREAD = "_spread"


def collapse_event_frequencies(
    data: pd.DataFrame, count: str, population: str, age_band: str, frequency: str, groups: list[str]
) -> pd.DataFrame:
    """One row per group and age band with the band's events in ``count`` and their variance in ``SPREAD``.

    ``count`` on the rows in is the number of people with ``frequency`` events each; ``population`` is the
    band's population, repeated on each of its rows. The age band column of the result holds the band labels
    as text. The checks name the group, as the other checks do.
    """
    require(data, [frequency])
    check_counts(data, [frequency], groups)
    f = pd.to_numeric(data[frequency], errors="coerce")
    check_rows(data, groups, (f < 1) | (f % 1 != 0), f"'{frequency}' is not a whole number of events of at least 1")
    people = pd.to_numeric(data[count], errors="coerce")
    frame = data[groups].assign(
        _band=data[age_band].astype(str).to_numpy(),
        _frequency=f.to_numpy(),
        _events=(people * f).to_numpy(),
        _spread=(people * f**2).to_numpy(),
        _population=data[population].to_numpy(),
    )
    keys = [*groups, "_band"]
    repeated = frame.duplicated([*keys, "_frequency"]).to_numpy()
    if repeated.any():
        first = frame[repeated].iloc[0]
        raise StatsInputError(
            f"age band {first['_band']} appears twice with '{frequency}' = {first['_frequency']:g} "
            f"in {describe_group(first, groups)}"
        )
    by_band = frame.groupby(keys, sort=False, dropna=False)["_population"]
    differs = (by_band.transform("min") != by_band.transform("max")).to_numpy()
    if differs.any():
        first = frame[differs].iloc[0]
        raise StatsInputError(
            f"'{population}' is not the same on every row of age band {first['_band']} "
            f"in {describe_group(first, groups)}"
        )
    collapsed = (
        frame.groupby(keys, sort=False, dropna=False)
        .agg(_events=("_events", "sum"), _spread=("_spread", "sum"), _population=("_population", "first"))
        .reset_index()
    )
    return collapsed.rename(columns={"_band": age_band, "_events": count, "_population": population})
