"""Comparing areas with England (or another benchmark) as Fingertips does, for one indicator's figures.

Figures are compared for the latest period that has a benchmark figure: by 95% interval overlap ("better",
"similar", "worse"; "higher"/"lower" without polarity) and by the two-level variant that distinguishes a
difference at 99.8% (``icshub.stats.compare_two_levels``). Pure: any objects with the attributes of an
``IndicatorValue`` (``area_code``, ``period``, ``period_order``, ``value`` and the limits) in, comparisons out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from icshub.stats import Polarity, compare_two_levels, compare_with, judge

ENGLAND = "E92000001"
# Where each kind of area stands in a table of the system, and its heading.
AREA_KINDS = ("england", "icb", "county", "place", "district", "other")
_GSS = re.compile(r"^[EWSN]\d{8}$")
_KIND_BY_PREFIX = {"E92": "england", "E54": "icb", "E10": "county", "E06": "district", "E07": "district"}


def area_kind(code: str) -> str:
    """The kind of an area from its code: England, ICB, county, district (unitary or lower tier), place
    (a place key, since places have no ONS code) or other."""
    if not _GSS.match(code):
        return "place"
    return _KIND_BY_PREFIX.get(code[:3], "other")


def overall(values: Iterable[Any]) -> list[Any]:
    """The headline figures: persons, all ages, no other breakdown."""
    return [v for v in values if v.sex == "Persons" and v.age == "All ages" and not v.category_type]


@dataclass(frozen=True)
class Benchmarked:
    """One area's figure with its comparison against the benchmark in the indicator's words."""

    figure: Any
    kind: str
    compared: str  # one level (95%): better / similar / worse, or higher / similar / lower
    two_level: str  # e.g. "better at 99.8%", "worse at 95%", "similar"

    @property
    def slug(self) -> str:
        """The two-level comparison as a CSS-friendly word: 'better-99-8', 'worse-95', 'not-compared'…"""
        return comparison_slug(self.two_level)


def comparison_slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", words.lower().replace(" at ", " ")).strip("-")


@dataclass(frozen=True)
class Comparison:
    period: str | None
    benchmark: Any | None
    areas: list[Benchmarked]


def _polarity(polarity: str | None) -> Polarity:
    return Polarity(polarity) if polarity else Polarity.NO_JUDGEMENT


def _column(figures: Sequence[Any], name: str) -> np.ndarray:
    return np.array([np.nan if getattr(f, name) is None else getattr(f, name) for f in figures], dtype=float)


def compare_figures(figures: Sequence[Any], benchmark: Any | None, polarity: str | None) -> list[Benchmarked]:
    """Each figure against ``benchmark``'s value; 'not compared' where either is missing."""
    if not figures:
        return []
    mark = np.nan if benchmark is None or benchmark.value is None else float(benchmark.value)
    one = compare_with(_column(figures, "lower_95"), _column(figures, "upper_95"), mark)
    two = compare_two_levels(
        _column(figures, "lower_95"),
        _column(figures, "upper_95"),
        _column(figures, "lower_99_8"),
        _column(figures, "upper_99_8"),
        mark,
    )
    words, levels = judge(one, _polarity(polarity)), judge(two, _polarity(polarity))
    return [
        Benchmarked(f, area_kind(f.area_code), *(("benchmark", "benchmark") if f is benchmark else (str(w), str(t))))
        for f, w, t in zip(figures, words, levels, strict=True)
    ]


def latest_comparison(values: Iterable[Any], polarity: str | None, benchmark_code: str = ENGLAND) -> Comparison:
    """Every area's headline figure for the latest period with a benchmark figure (else the latest period),
    compared with the benchmark; areas in table order (England, ICB, county, places, districts)."""
    headline = overall(values)
    if not headline:
        return Comparison(None, None, [])
    marks = {v.period_order: v for v in headline if v.area_code == benchmark_code and v.value is not None}
    order = max(marks) if marks else max(v.period_order for v in headline)
    at_period = [v for v in headline if v.period_order == order]
    at_period.sort(key=lambda v: (AREA_KINDS.index(area_kind(v.area_code)), v.area_name or v.area_code))
    benchmark = marks.get(order)
    return Comparison(at_period[0].period, benchmark, compare_figures(at_period, benchmark, polarity))
