"""Logistic regression fitted by iteratively reweighted least squares (Newton–Raphson), for transparent
risk models: every coefficient comes with its standard error and an odds ratio with Wald limits.

    logit P(y = 1) = offset + X·β

Each step solves (XᵀWX) Δ = Xᵀ(y − p) with W = p(1 − p). The fit has converged when the deviance
(−2 × log-likelihood) changes by less than ``tolerance`` relative to its size, |D − D'| / (|D| + 0.1),
the rule and the defaults (10⁻⁸, 25 iterations) of R's ``glm.fit``. A step that makes the deviance worse
is halved until it does not. The standard errors are the square roots of the diagonal of (XᵀWX)⁻¹ at
the estimate; the odds ratio of a term is exp(β) with limits exp(β ± z·se).

Refused, with a ``ModelFitError`` that says which terms are at fault: a term that is zero for everyone,
terms that are linear combinations of each other (a singular design), an outcome that is not 0 or 1 or
that everyone (or no one) has, a fit that does not converge in ``max_iterations``, and a fit whose
probabilities reach 0 or 1 (a term separates the outcome perfectly, so its odds ratio is infinite).

Vectorised with NumPy: a million rows with twenty terms fit in a few seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit

from icshub.stats._frames import StatsInputError
from icshub.stats._intervals import confidence_levels, suffix, z_value

TOLERANCE = 1e-8
MAX_ITERATIONS = 25
INTERCEPT = "intercept"
# Relative to the largest eigenvalue of the scaled XᵀX, below this the design is taken as singular.
SINGULAR = 1e-12
# Fitted probabilities this close to 0 or 1 mean the outcome is separated by the terms.
SEPARATED = 1e-10
_HALVINGS = 30
# Rows per block when forming XᵀWX: blocks that fit in cache are many times faster than one product.
_BLOCK = 65_536


class ModelFitError(StatsInputError):
    """A model that cannot be fitted to the data, with the reason and the terms involved."""


@dataclass(frozen=True)
class LogisticFit:
    """A fitted logistic regression: its terms (``intercept`` first when fitted with one), coefficients on
    the log-odds scale, their covariance, and how the fit went."""

    terms: tuple[str, ...]
    coefficients: np.ndarray
    covariance: np.ndarray
    intercept: bool
    iterations: int
    deviance: float
    people: int
    events: int

    @property
    def standard_errors(self) -> np.ndarray:
        return np.sqrt(np.diag(self.covariance))

    def linear_predictor(self, design: np.ndarray | pd.DataFrame, offset: np.ndarray | None = None) -> np.ndarray:
        """The log-odds for rows of ``design`` (the columns of the fit, without the intercept column)."""
        x = _matrix(design, len(self.terms) - self.intercept)
        eta = x @ self.coefficients[self.intercept :]
        if self.intercept:
            eta = eta + self.coefficients[0]
        return eta if offset is None else eta + np.asarray(offset, dtype=float)

    def predict(self, design: np.ndarray | pd.DataFrame, offset: np.ndarray | None = None) -> np.ndarray:
        """The predicted probability of the outcome for rows of ``design``."""
        return expit(self.linear_predictor(design, offset))

    def table(self, confidence: float | Sequence[float] = 0.95) -> pd.DataFrame:
        """One row per term: coefficient, standard_error, odds_ratio and its lower_/upper_ limits."""
        beta, se = self.coefficients, self.standard_errors
        result = pd.DataFrame(
            {"term": self.terms, "coefficient": beta, "standard_error": se, "odds_ratio": np.exp(beta)}
        )
        for level in confidence_levels(confidence):
            half = z_value(level) * se
            result[f"lower_{suffix(level)}"] = np.exp(beta - half)
            result[f"upper_{suffix(level)}"] = np.exp(beta + half)
        return result


def _matrix(design: np.ndarray | pd.DataFrame, columns: int | None = None) -> np.ndarray:
    x = np.asarray(design, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2:
        raise ModelFitError(f"the design must be a table of rows and columns, not {x.ndim}-dimensional")
    if columns is not None and x.shape[1] != columns:
        raise ModelFitError(f"the design has {x.shape[1]} columns but the model has {columns} terms")
    return x


def _weighted_gram(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """XᵀWX with W = diag(weights), summed over blocks of rows."""
    gram = np.zeros((x.shape[1], x.shape[1]))
    for start in range(0, len(x), _BLOCK):
        block = x[start : start + _BLOCK]
        gram += block.T @ (block * weights[start : start + _BLOCK, None])
    return gram


def _deviance(y: np.ndarray, eta: np.ndarray) -> float:
    # −2 Σ [y·η − log(1 + e^η)], with log(1 + e^η) computed without overflow.
    return float(-2 * np.sum(y * eta - np.logaddexp(0, eta)))


def _check_outcome(y: np.ndarray) -> None:
    if not np.isin(y, (0, 1)).all():
        raise ModelFitError("the outcome must be 0 or 1 for everyone (missing values are not allowed)")
    if y.min() == y.max():
        who = "everyone" if y[0] == 1 else "no one"
        raise ModelFitError(f"{who} has the outcome, so there is nothing to tell apart")


def _check_design(x: np.ndarray, terms: Sequence[str]) -> None:
    """Refuse a design whose coefficients are not all identifiable, naming the terms at fault."""
    if not np.isfinite(x).all():
        column = int(np.flatnonzero(~np.isfinite(x).all(axis=0))[0])
        raise ModelFitError(f"'{terms[column]}' has missing or infinite values")
    gram = _weighted_gram(x, np.ones(len(x)))
    scale = np.sqrt(np.diag(gram))
    if (scale == 0).any():
        zero = [terms[i] for i in np.flatnonzero(scale == 0)]
        raise ModelFitError(f"{_names(zero)} {'is' if len(zero) == 1 else 'are'} 0 for everyone: leave it out")
    values, vectors = np.linalg.eigh(gram / np.outer(scale, scale))
    if values[0] < SINGULAR * values[-1]:
        # The eigenvector of the smallest eigenvalue is the combination of terms that is (nearly) zero.
        loading = np.abs(vectors[:, 0])
        involved = [terms[i] for i in np.flatnonzero(loading > 0.1 * loading.max())]
        raise ModelFitError(
            f"the design is singular: {_names(involved)} can be worked out from one another, so their effects "
            "cannot be told apart; leave one out or merge categories"
        )


def _names(terms: Sequence[str]) -> str:
    quoted = [f"'{t}'" for t in terms]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def fit_logistic(
    design: np.ndarray | pd.DataFrame,
    outcome: np.ndarray | pd.Series | Sequence[int],
    terms: Sequence[str] | None = None,
    *,
    intercept: bool = True,
    offset: np.ndarray | None = None,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> LogisticFit:
    """Fit logit P(outcome = 1) = offset + intercept + design·β by IRLS.

    ``design`` has one row per person and one column per term (a DataFrame's column names are the terms;
    otherwise give ``terms``, or they are x1, x2, …). ``offset`` is a known part of the log-odds with
    coefficient 1 (used for the calibration intercept). Raises ``ModelFitError`` when the model cannot
    be fitted (see the module's description)."""
    x = _matrix(design)
    if terms is None:
        terms = [str(c) for c in design.columns] if isinstance(design, pd.DataFrame) else []
        terms = terms or [f"x{i + 1}" for i in range(x.shape[1])]
    names = ((INTERCEPT,) if intercept else ()) + tuple(terms)
    if len(terms) != x.shape[1]:
        raise ModelFitError(f"{len(terms)} term names were given for a design of {x.shape[1]} columns")
    y = np.asarray(outcome, dtype=float)
    if y.shape != (x.shape[0],):
        raise ModelFitError(f"the outcome has {y.size} values but the design has {x.shape[0]} rows")
    if intercept:
        x = np.column_stack([np.ones(len(y)), x])
    if not names:
        raise ModelFitError("the model has no terms to fit: give a design or an intercept")
    if max_iterations < 1 or not 0 < tolerance < 1:
        raise ModelFitError("max_iterations must be at least 1 and tolerance between 0 and 1")
    _check_outcome(y)
    _check_design(x, names)
    base = np.zeros(len(y)) if offset is None else np.asarray(offset, dtype=float)
    if base.shape != y.shape or not np.isfinite(base).all():
        raise ModelFitError("the offset must have one finite value per row of the design")
    beta = np.zeros(x.shape[1])
    deviance = _deviance(y, base)
    iterations, change = 0, np.inf
    while change >= tolerance:
        if iterations == max_iterations:
            raise ModelFitError(
                f"the fit did not converge in {max_iterations} iterations (the deviance still changed by "
                f"{change:.2g} of itself); a term may separate the outcome perfectly"
            )
        iterations += 1
        p = expit(base + x @ beta)
        step = np.linalg.solve(_weighted_gram(x, p * (1 - p)), x.T @ (y - p))
        for _ in range(_HALVINGS):
            updated = _deviance(y, base + x @ (beta + step))
            if updated <= deviance or np.isclose(updated, deviance, rtol=tolerance, atol=0):
                break
            step /= 2
        beta = beta + step
        change = abs(updated - deviance) / (abs(updated) + 0.1)
        deviance = updated
    p = expit(base + x @ beta)
    if np.minimum(p, 1 - p).min() < SEPARATED:
        raise ModelFitError(
            "some fitted probabilities are 0 or 1: a term (or a combination of terms) separates people with "
            "the outcome from those without it perfectly, so its odds ratio is infinite; merge categories or "
            "leave the term out"
        )
    covariance = np.linalg.inv(_weighted_gram(x, p * (1 - p)))
    return LogisticFit(names, beta, covariance, intercept, iterations, deviance, len(y), int(y.sum()))
