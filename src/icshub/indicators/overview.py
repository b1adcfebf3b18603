"""The two overviews of the strategic indicators that OHID Fingertips draws: the tartan rug and the spine chart.

**Tartan rug.** One row per indicator with figures, one column per area of the system (England, the ICB,
the county, the places, the districts: ``benchmarks.AREA_KINDS`` order, then by name); each cell is the
area's latest headline figure coloured by its two-level comparison with England
(``benchmarks.latest_comparison``: the latest period with an England figure).

**Spine chart.** For one area, one row per indicator for which the area has a figure at that period: the
area's value, England's, and the spread of the *comparators*, the areas like it (the districts for a
district, the places for a place, the districts for anything else). Every row is drawn on its own scale
from 0 to 1:

- England sits at the centre, 0.5;
- the scale's half-width is the largest distance from England of any comparator (and of the area itself,
  so that it is always on the chart): that value sits at an edge (0 or 1), and a value *v* sits at
  0.5 + (v − England) / (2 × half-width);
- where the indicator's polarity says lower is better the row is mirrored (0.5 − …), so that "better" is
  always to the right; with no judgement, higher is to the right;
- the light bar runs from the lowest to the highest comparator, the darker bar from the 25th to the 75th
  percentile (linear interpolation, as Excel's QUARTILE.INC);
- when every value equals England's everything sits at 0.5; without an England figure or any comparator a
  row has no positions (its numbers are still listed).

Pure: indicator definitions and value rows (anything with the attributes of an ``IndicatorValue``) in,
plain dataclasses out; no database and no web.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from icshub.indicators.benchmarks import AREA_KINDS, Benchmarked, area_kind, comparison_slug, latest_comparison

NOT_AVAILABLE = "\N{EN DASH}"
_ICB_NAME = re.compile(r"^NHS (?P<name>.+) Integrated Care Board$")
_SUFFIXES = (
    " Health and Care Partnership",
    " Integrated Care Partnership",
    " Borough Council",
    " District Council",
    " City Council",
    " County Council",
    " Council",
)


def short_name(name: str) -> str:
    """A column heading for an area: 'NHS Kent and Medway Integrated Care Board' → 'Kent and Medway ICB',
    'West Kent Health and Care Partnership' → 'West Kent'; other names unchanged."""
    icb = _ICB_NAME.match(name)
    if icb:
        return f"{icb['name']} ICB"
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def format_value(value: float | None, measure: str | None = None) -> str:
    """A figure for a table cell: 1 decimal place (3 for a proportion, which runs from 0 to 1)."""
    if value is None:
        return NOT_AVAILABLE
    return f"{value:,.3f}" if measure == "proportion" else f"{value:,.1f}"


def comparator_kind(kind: str) -> str:
    """Which areas an area is set among on its spine chart: districts for a district, places for a place,
    otherwise the districts."""
    return kind if kind in {"district", "place"} else "district"


def _area_order(kind: str, name: str) -> tuple[int, str]:
    return AREA_KINDS.index(kind), name


# The rug.


@dataclass(frozen=True)
class RugArea:
    """A column of the rug."""

    code: str
    name: str
    kind: str

    @property
    def short_name(self) -> str:
        return short_name(self.name)


@dataclass(frozen=True)
class RugRow:
    """An indicator's latest figures, one per area code, compared with England."""

    indicator: Any
    period: str | None
    cells: dict[str, Benchmarked]


@dataclass(frozen=True)
class Rug:
    areas: list[RugArea]
    rows: list[RugRow]

    @property
    def import_ids(self) -> set[int]:
        """The imports that the figures shown came from (to say when any of them is synthetic)."""
        return {cell.figure.import_id for row in self.rows for cell in row.cells.values()}

    def kinds(self) -> list[tuple[str, int]]:
        """Each kind of area among the columns, in order, with how many columns it has."""
        counts: dict[str, int] = {}
        for area in self.areas:
            counts[area.kind] = counts.get(area.kind, 0) + 1
        return list(counts.items())


def rug(indicators: Sequence[Any], values: Mapping[str, Iterable[Any]]) -> Rug:
    """The rug of ``indicators`` (in the order given; those without figures are left out) from each
    indicator's value rows, keyed by indicator key."""
    rows: list[RugRow] = []
    areas: dict[str, RugArea] = {}
    for indicator in indicators:
        comparison = latest_comparison(values.get(indicator.key, ()), indicator.polarity)
        if not comparison.areas:
            continue
        cells = {b.figure.area_code: b for b in comparison.areas}
        rows.append(RugRow(indicator, comparison.period, cells))
        for b in comparison.areas:
            code = b.figure.area_code
            areas.setdefault(code, RugArea(code, b.figure.area_name or code, b.kind))
    columns = sorted(areas.values(), key=lambda a: _area_order(a.kind, a.name))
    return Rug(columns, rows)


def by_outcome(outcomes: Iterable[Any], rows: Iterable[RugRow]) -> list[tuple[Any, list[RugRow]]]:
    """Rows grouped under their outcome (anything with a ``key``), in the outcomes' order; outcomes
    without rows are left out."""
    rows = list(rows)
    groups = [(o, [r for r in rows if r.indicator.outcome_key == o.key]) for o in outcomes]
    return [(o, group) for o, group in groups if group]


# The spine chart.


@dataclass(frozen=True)
class SpinePositions:
    """Where a row's marks sit on the 0–1 scale (see the module docstring); each pair is (left, right)."""

    point: float | None
    whole_range: tuple[float, float]
    middle: tuple[float, float]


@dataclass(frozen=True)
class SpineRow:
    """One indicator on an area's spine chart."""

    indicator: Any
    period: str | None
    area: Benchmarked
    england: Any | None
    comparators: list[Any] = field(default_factory=list)
    lowest: float | None = None
    lower_quartile: float | None = None
    upper_quartile: float | None = None
    highest: float | None = None
    positions: SpinePositions | None = None


def quartiles(numbers: Sequence[float]) -> tuple[float, float, float, float] | None:
    """The lowest, 25th percentile, 75th percentile and highest of ``numbers`` (None when empty)."""
    if not numbers:
        return None
    low, q1, q3, high = np.percentile(np.asarray(numbers, dtype=float), [0, 25, 75, 100]).tolist()
    return low, q1, q3, high


def spine_positions(
    value: float | None, england: float | None, comparators: Sequence[float], polarity: str | None
) -> SpinePositions | None:
    """The positions of an area's ``value`` and of its comparators' spread on the 0–1 scale, England at 0.5
    and better to the right; None without England or comparators."""
    spread = quartiles(comparators)
    if england is None or spread is None:
        return None
    reach = [abs(v - england) for v in (*comparators, *([] if value is None else [value]))]
    half_width = max(reach)
    sign = -1.0 if polarity == "low_is_good" else 1.0

    def at(v: float) -> float:
        return 0.5 if half_width == 0 else float(0.5 + sign * (v - england) / (2 * half_width))

    def pair(a: float, b: float) -> tuple[float, float]:
        return min(at(a), at(b)), max(at(a), at(b))

    return SpinePositions(None if value is None else at(value), pair(spread[0], spread[3]), pair(spread[1], spread[2]))


def spine(area_code: str, indicators: Sequence[Any], values: Mapping[str, Iterable[Any]]) -> list[SpineRow]:
    """The spine chart rows of ``area_code``: each of ``indicators`` (in the order given) for which the area
    has a headline figure at the period compared with England."""
    kind = comparator_kind(area_kind(area_code))
    rows: list[SpineRow] = []
    for indicator in indicators:
        comparison = latest_comparison(values.get(indicator.key, ()), indicator.polarity)
        mine = next((b for b in comparison.areas if b.figure.area_code == area_code), None)
        if mine is None:
            continue
        others = [b.figure for b in comparison.areas if b.kind == kind and b.figure.value is not None]
        numbers = [f.value for f in others]
        england = comparison.benchmark.value if comparison.benchmark is not None else None
        rows.append(
            SpineRow(
                indicator,
                comparison.period,
                mine,
                comparison.benchmark,
                others,
                *(quartiles(numbers) or (None,) * 4),
                spine_positions(mine.figure.value, england, numbers, indicator.polarity),
            )
        )
    return rows


def spine_import_ids(rows: Iterable[SpineRow]) -> set[int]:
    """The imports of every figure a spine chart shows: the area's, England's and the comparators'."""
    ids: set[int] = set()
    for row in rows:
        figures = [row.area.figure, *row.comparators, *([row.england] if row.england is not None else [])]
        ids.update(f.import_id for f in figures)
    return ids


# How each two-level comparison is told apart without colour (a mark beside the value) and explained in the
# legend, in the legend's order; the colours are the ``icshub-compare--<slug>`` classes of icshub.css.
COMPARISONS = (
    ("better at 99.8%", "++", "Better than England (99.8% confidence)"),
    ("better at 95%", "+", "Better than England (95% confidence)"),
    ("similar", "=", "Similar to England"),
    ("worse at 95%", "\N{MINUS SIGN}", "Worse than England (95% confidence)"),
    ("worse at 99.8%", "\N{MINUS SIGN}\N{MINUS SIGN}", "Worse than England (99.8% confidence)"),
    ("higher at 99.8%", "\N{UPWARDS ARROW}\N{UPWARDS ARROW}", "Higher than England (99.8%), no judgement"),
    ("higher at 95%", "\N{UPWARDS ARROW}", "Higher than England (95%), no judgement"),
    ("lower at 95%", "\N{DOWNWARDS ARROW}", "Lower than England (95%), no judgement"),
    ("lower at 99.8%", "\N{DOWNWARDS ARROW}\N{DOWNWARDS ARROW}", "Lower than England (99.8%), no judgement"),
    ("not compared", "", "Not compared (no confidence interval or no England figure)"),
    ("benchmark", "", "England, the benchmark"),
)
MARKERS = {comparison_slug(words): marker for words, marker, _ in COMPARISONS}
