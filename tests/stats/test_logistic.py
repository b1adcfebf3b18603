"""Logistic regression by IRLS: known coefficients recovered from simulated data, agreement with an
independent maximisation of the likelihood, the closed form of a 2×2 table, and the refusals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import approx_fprime, minimize
from scipy.special import expit

from icshub.stats.logistic import ModelFitError, fit_logistic

TRUE = np.array([-2.0, 0.8, -0.5, 1.2])  # intercept, a continuous term, another, a yes/no term


def simulated(people: int, seed: int = 20250331) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    design = pd.DataFrame(
        {"age_z": rng.normal(size=people), "score": rng.normal(size=people), "flag": rng.random(people) < 0.3}
    ).astype(float)
    risk = expit(TRUE[0] + design.to_numpy() @ TRUE[1:])
    return design, (rng.random(people) < risk).astype(int)


def test_recovers_known_coefficients_within_their_standard_errors() -> None:
    design, outcome = simulated(40_000)
    fit = fit_logistic(design, outcome)
    assert fit.terms == ("intercept", "age_z", "score", "flag")
    assert np.all(np.abs(fit.coefficients - TRUE) < 4 * fit.standard_errors)
    assert np.all(fit.standard_errors < 0.05)
    assert fit.people == 40_000 and fit.events == outcome.sum() and fit.iterations < 10


def _negative_log_likelihood(beta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    eta = x @ beta
    return float(np.sum(np.logaddexp(0, eta) - y * eta))


def _gradient(beta: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return x.T @ (expit(x @ beta) - y)


def test_agrees_with_an_independent_maximisation_of_the_likelihood() -> None:
    design, outcome = simulated(3_000, seed=7)
    x = np.column_stack([np.ones(len(design)), design.to_numpy()])
    found = minimize(_negative_log_likelihood, np.zeros(4), (x, outcome), jac=_gradient, method="BFGS", tol=1e-10)
    fit = fit_logistic(design, outcome)
    np.testing.assert_allclose(fit.coefficients, found.x, atol=1e-5)
    # Standard errors from a finite-difference Hessian of the log-likelihood at the optimum.
    hessian = np.array([approx_fprime(found.x, lambda b, i=i: _gradient(b, x, outcome)[i], 1e-6) for i in range(4)])
    np.testing.assert_allclose(fit.standard_errors, np.sqrt(np.diag(np.linalg.inv(hessian))), rtol=1e-3)
    assert fit.deviance == pytest.approx(2 * found.fun, rel=1e-9)


def test_a_two_by_two_table_gives_the_cross_product_odds_ratio_and_woolfs_standard_error() -> None:
    # Exposed: 30 with the outcome, 70 without; unexposed: 10 with, 90 without.
    exposed = np.repeat([1.0, 1.0, 0.0, 0.0], [30, 70, 10, 90])
    outcome = np.repeat([1, 0, 1, 0], [30, 70, 10, 90])
    table = fit_logistic(exposed, outcome, ["exposed"]).table(confidence=(0.95, 0.998)).set_index("term")
    odds_ratio = (30 * 90) / (70 * 10)
    se = np.sqrt(1 / 30 + 1 / 70 + 1 / 10 + 1 / 90)
    assert table.loc["exposed", "odds_ratio"] == pytest.approx(odds_ratio, rel=1e-9)
    assert table.loc["exposed", "standard_error"] == pytest.approx(se, rel=1e-7)
    assert table.loc["exposed", "lower_95"] == pytest.approx(odds_ratio * np.exp(-1.959964 * se), rel=1e-6)
    assert table.loc["exposed", "upper_99_8"] == pytest.approx(odds_ratio * np.exp(3.090232 * se), rel=1e-6)
    assert table.loc["intercept", "odds_ratio"] == pytest.approx(10 / 90, rel=1e-9)  # the unexposed's odds


def test_predictions_and_offset() -> None:
    design, outcome = simulated(5_000, seed=3)
    fit = fit_logistic(design, outcome)
    rows = design.iloc[:3]
    expected = expit(fit.coefficients[0] + rows.to_numpy() @ fit.coefficients[1:])
    np.testing.assert_allclose(fit.predict(rows), expected)
    np.testing.assert_allclose(
        fit.predict(rows, offset=np.log([2.0, 2.0, 2.0])), expit(np.log(2) + np.log(expected / (1 - expected)))
    )
    # With the offset the model's own log-odds, the intercept alone is estimated as zero.
    again = fit_logistic(np.empty((len(design), 0)), outcome, offset=fit.linear_predictor(design))
    assert again.terms == ("intercept",) and abs(again.coefficients[0]) < 1e-8
    with pytest.raises(ModelFitError, match="3 terms"):
        fit.predict(rows.iloc[:, :2])


def test_refusals_name_the_terms_at_fault() -> None:
    design, outcome = simulated(2_000, seed=5)
    with pytest.raises(ModelFitError, match=r"'score' and 'twice' can be worked out from one another"):
        fit_logistic(design.assign(twice=2 * design["score"]), outcome)
    with pytest.raises(ModelFitError, match=r"'intercept' and 'constant'"):
        fit_logistic(design.assign(constant=3.0), outcome)
    with pytest.raises(ModelFitError, match="'never' is 0 for everyone"):
        fit_logistic(design.assign(never=0.0), outcome)
    with pytest.raises(ModelFitError, match="'score' has missing"):
        fit_logistic(design.assign(score=np.where(design["score"] > 2, np.nan, design["score"])), outcome)
    with pytest.raises(ModelFitError, match="everyone has the outcome"):
        fit_logistic(design, np.ones(len(design)))
    with pytest.raises(ModelFitError, match="must be 0 or 1"):
        fit_logistic(design, np.where(outcome == 1, 2, 0))
    with pytest.raises(ModelFitError, match="did not converge in 2 iterations"):
        fit_logistic(design, outcome, max_iterations=2)


def test_perfect_separation_is_refused() -> None:
    x = np.arange(20.0)
    with pytest.raises(ModelFitError, match="separates people with the outcome"):
        fit_logistic(x, (x >= 10).astype(int), ["dose"], max_iterations=100)
