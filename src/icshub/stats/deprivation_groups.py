"""Deprivation groups as Fingertips names them ("Most deprived quintile" … "Least deprived decile"), and
the repetitions OHID uses for the confidence interval of the slope index of inequality: shared by the
indicators' inequality gaps and the population's inequality measures, so both say the same."""

from __future__ import annotations

QUINTILE_WORDS = (
    "Most deprived quintile",
    "Second most deprived quintile",
    "Third more deprived quintile",
    "Second least deprived quintile",
    "Least deprived quintile",
)


DECILE_WORDS = (
    "Most deprived decile",
    "Second most deprived decile",
    "Third more deprived decile",
    "Fourth more deprived decile",
    "Fifth more deprived decile",
    "Fifth less deprived decile",
    "Fourth less deprived decile",
    "Third less deprived decile",
    "Second least deprived decile",
    "Least deprived decile",
)


SII_REPETITIONS = 10_000
