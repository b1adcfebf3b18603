"""icshub.stats: the statistical methods OHID uses for Fingertips, as a documented Python API.

DataFrame in, DataFrame out, vectorised over groups. Every method returns one row per group with
``value``, ``lower_95`` and ``upper_95`` (and ``lower_99_8``/``upper_99_8`` when
``confidence=(0.95, 0.998)``), the ``method`` used and a ``suppression_reason`` where a value is withheld.
Bad input is refused with a ``StatsInputError`` that names the column and the group.
"""

from icshub.stats._frames import StatsInputError
from icshub.stats.funnels import funnel_limits
from icshub.stats.inequality_indices import rii, sii
from icshub.stats.life_expectancy import life_expectancy
from icshub.stats.logistic import LogisticFit, ModelFitError, fit_logistic
from icshub.stats.means import mean
from icshub.stats.model_checks import c_statistic, calibration, calibration_table, discrimination
from icshub.stats.proportions import proportion
from icshub.stats.quantiles import quantiles
from icshub.stats.rates import rate
from icshub.stats.significance import Polarity, compare_two_levels, compare_with, judge
from icshub.stats.standard_population import ESP2013
from icshub.stats.standardised import dsr, isr, smr

__all__ = [
    "ESP2013",
    "LogisticFit",
    "ModelFitError",
    "Polarity",
    "StatsInputError",
    "c_statistic",
    "calibration",
    "calibration_table",
    "compare_two_levels",
    "compare_with",
    "discrimination",
    "dsr",
    "fit_logistic",
    "funnel_limits",
    "isr",
    "judge",
    "life_expectancy",
    "mean",
    "proportion",
    "quantiles",
    "rate",
    "rii",
    "sii",
    "smr",
]
