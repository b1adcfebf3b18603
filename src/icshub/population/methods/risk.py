"""Risk of an emergency admission in the next 12 months: a logistic regression fitted on the system's own
data, its odds ratios published, and its discrimination and calibration reported overall, per place and
per deprivation quintile on people it was not fitted on.

- **Inputs** on an index date, for everyone alive and born on it (``risk_inputs``, Ibis): age band, sex,
  count of long-term conditions (capped), Cambridge Multimorbidity Score, electronic Frailty Index, the
  numbers of emergency admissions and of A&E attendances in the 12 months up to and including the date
  (capped), and national IMD quintile (unknown as its own category). These are what a clinician would
  recognise and what the published admission-risk models lean on (age, multimorbidity, frailty and prior
  emergency use, deprivation); no term is hidden from the reader.
- **Outcome** (``risk_outcome``, Ibis): at least one emergency admission starting in the 12 months after
  the index date. A person who dies in those months without an admission counts as not admitted: death is
  not an admission, and leaving them out would make the model look at survivors only.
- **Fitting** (``fit_risk_model``): inputs on ``as_of`` minus 12 months, outcome over the 12 months up to
  ``as_of``, so that the model learns from a year that has happened. People are split by a hash of their
  pseudonym: three in ten are held out and never used in fitting, and the report is made on them alone.
  A term that takes one value for everyone fitted on carries no information and is left out (named in the
  model). The fitted model then scores everyone alive on ``as_of`` (``risk_scores``): those scores stay
  in the analytics store; the report is aggregate and passes disclosure control.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa

from icshub.population.data_model import EventType
from icshub.population.disclosure import Policy, protect, round_to
from icshub.population.methods.codelists import Condition, years_before
from icshub.population.methods.conditions import CmsWeights, ltc_summary
from icshub.population.methods.frailty import Efi, efi
from icshub.population.methods.person_features import age_on
from icshub.stats import LogisticFit, calibration, calibration_table, discrimination, fit_logistic
from icshub.stats.deprivation_groups import QUINTILE_WORDS

ADMISSION = EventType.EMERGENCY_ADMISSION.value
ATTENDANCE = EventType.AE_ATTENDANCE.value
# Lower ends of the age bands; the reference band (working-age adults, the largest) is left out of the design.
AGE_BANDS = {0: "0-17", 18: "18-44", 45: "45-64", 65: "65-74", 75: "75-84", 85: "85+"}
REFERENCE_AGE = "18-44"
# Caps on counts, so that a handful of people with very many contacts do not set the slope for everyone.
LTC_CAP = 5
ADMISSION_CAP = 3
ATTENDANCE_CAP = 5
HELD_OUT_TENTHS = 3
INPUTS = ("person_id", "age", "sex", "lsoa", "imd_quintile", "ltc_count", "cms", "efi", "emergency_admissions")
INPUTS += ("ae_attendances",)


def _at_risk(person: ir.Table, index_date: date) -> ir.Table:
    """People alive on ``index_date`` and born by its month."""
    day = ibis.literal(index_date, type="date")
    alive = person.filter(person.date_of_death.isnull() | (person.date_of_death > day))
    return alive.filter(age_on(alive, index_date) >= 0)


def _emergency_counts(event: ir.Table, after: date, until: date) -> ir.Table:
    """(person_id, emergency_admissions, ae_attendances) starting after ``after`` up to ``until``."""
    start, end = ibis.literal(after, type="date"), ibis.literal(until, type="date")
    window = event.filter(event.start_date > start, event.start_date <= end, event.type.isin([ADMISSION, ATTENDANCE]))
    return window.group_by("person_id").aggregate(
        emergency_admissions=(window.type == ADMISSION).cast("int64").sum(),
        ae_attendances=(window.type == ATTENDANCE).cast("int64").sum(),
    )


def risk_inputs(
    tables: Mapping[str, ir.Table], conditions: list[Condition], weights: CmsWeights, frailty: Efi, index_date: date
) -> ir.Table:
    """The model's inputs (columns ``INPUTS``) for everyone alive on ``index_date``; admissions and
    attendances are counted over the 12 months up to and including it."""
    people = _at_risk(tables["person"], index_date)
    base = people.select(
        "person_id",
        "sex",
        "lsoa",
        age=age_on(people, index_date),
        imd_quintile=((people.imd_decile + 1) // 2).cast("int64"),
    )
    ltc = ltc_summary(people, tables["coded"], conditions, weights, index_date)
    frail = efi(people, tables["coded"], tables["flag"], frailty, index_date).select("person_id", "efi")
    prior = _emergency_counts(tables["event"], years_before(index_date, 1), index_date)
    joined = base.join(ltc, "person_id").join(frail, "person_id").left_join(prior, "person_id")
    return joined.select(
        *(joined[name] for name in INPUTS[:-2]),
        emergency_admissions=joined.emergency_admissions.fill_null(0),
        ae_attendances=joined.ae_attendances.fill_null(0),
    )


def risk_outcome(tables: Mapping[str, ir.Table], index_date: date, until: date) -> ir.Table:
    """(person_id, admitted) for everyone alive on ``index_date``: whether they had an emergency admission
    starting after it, up to and including ``until``. Dying without one counts as not admitted."""
    if until <= index_date:
        raise ValueError(f"the outcome period must end after the index date {index_date}, not on {until}")
    people = _at_risk(tables["person"], index_date).select("person_id")
    after = _emergency_counts(tables["event"], index_date, until)
    joined = people.left_join(after, "person_id")
    return joined.select(person_id=joined.person_id, admitted=joined.emergency_admissions.fill_null(0) > 0)


def design(inputs: pd.DataFrame) -> pd.DataFrame:
    """The model's terms, one column per term named as the report shows it, from ``risk_inputs``."""
    age = inputs["age"].to_numpy()
    lower = np.array(list(AGE_BANDS))
    band = np.array(list(AGE_BANDS.values()))[np.searchsorted(lower, age, side="right") - 1]
    terms: dict[str, np.ndarray] = {
        f"age {label} (vs {REFERENCE_AGE})": band == label for label in AGE_BANDS.values() if label != REFERENCE_AGE
    }
    sex = inputs["sex"].astype(str).to_numpy()
    terms["male (vs female)"] = sex == "male"
    terms["sex other or unknown (vs female)"] = np.isin(sex, ["other", "unknown"])
    terms[f"long-term conditions (each, up to {LTC_CAP})"] = np.minimum(inputs["ltc_count"].to_numpy(), LTC_CAP)
    terms["Cambridge Multimorbidity Score (each point)"] = inputs["cms"].to_numpy(float)
    terms["electronic Frailty Index (each 0.1)"] = inputs["efi"].to_numpy(float) * 10
    admissions = np.minimum(inputs["emergency_admissions"].to_numpy(), ADMISSION_CAP)
    terms[f"emergency admissions in the year before (each, up to {ADMISSION_CAP})"] = admissions
    attendances = np.minimum(inputs["ae_attendances"].to_numpy(), ATTENDANCE_CAP)
    terms[f"A&E attendances in the year before (each, up to {ATTENDANCE_CAP})"] = attendances
    quintile = pd.to_numeric(inputs["imd_quintile"]).to_numpy(float)
    for rank in range(1, 5):
        terms[f"IMD quintile {rank}{' (most deprived)' if rank == 1 else ''} (vs 5, least deprived)"] = quintile == rank
    terms["IMD quintile unknown (vs 5, least deprived)"] = np.isnan(quintile)
    return pd.DataFrame(terms, index=inputs.index).astype(float)


def held_out(person_id: pd.Series) -> np.ndarray:
    """Whether each person is held out of fitting: a fixed hash of their pseudonym, so the same people are
    held out on every run and every engine (three in ten)."""
    hashed = pd.util.hash_pandas_object(person_id.astype(str), index=False).to_numpy()
    return hashed % 10 < HELD_OUT_TENTHS


@dataclass(frozen=True)
class RiskModel:
    """A fitted admission-risk model: the terms it uses, those left out (one value for everyone fitted
    on), the index date its inputs were taken on and the date its outcome year ended."""

    fit: LogisticFit
    left_out: tuple[str, ...]
    index_date: date
    as_of: date

    def score(self, inputs: pd.DataFrame) -> np.ndarray:
        """Each person's predicted risk of an emergency admission in the next 12 months."""
        return self.fit.predict(design(inputs)[list(self.fit.terms[1:])])


@dataclass(frozen=True)
class RiskReport:
    """What may be shown about the model: its odds ratios and, on the held-out people, its discrimination
    and calibration overall, per place and per IMD quintile, and observed against expected by tenths of
    risk. Counts are disclosure-controlled (withheld below the threshold, rounded)."""

    model: RiskModel
    coefficients: pd.DataFrame
    discrimination: pd.DataFrame
    calibration: pd.DataFrame
    tenths: pd.DataFrame
    fitted_people: int
    held_out_people: int


def training_data(
    tables: Mapping[str, ir.Table], conditions: list[Condition], weights: CmsWeights, frailty: Efi, as_of: date
) -> pd.DataFrame:
    """Inputs on ``as_of`` minus 12 months with the outcome over the following 12 months, by person_id."""
    index_date = years_before(as_of, 1)
    inputs = risk_inputs(tables, conditions, weights, frailty, index_date)
    joined = inputs.join(risk_outcome(tables, index_date, as_of), "person_id")
    # Through Arrow: Ibis's own conversion to pandas takes several times as long on millions of rows.
    return joined.order_by("person_id").to_pyarrow().to_pandas()


def _breakdowns(scored: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The scored people once for everyone, once by place of residence and once by IMD quintile, labelled
    with ``breakdown``, ``code`` and ``name`` (people whose place or quintile is unknown are only in 'all')."""
    places = areas.dropna(subset=["place"]).drop_duplicates("lsoa").set_index("lsoa")
    place = scored["lsoa"].map(places["place"])
    quintile = pd.to_numeric(scored["imd_quintile"])
    parts = [
        scored.assign(breakdown="all", code="all", name="Everyone"),
        scored.assign(breakdown="place", code=place, name=scored["lsoa"].map(places["place_name"]))[place.notna()],
        scored.assign(
            breakdown="imd_quintile",
            code=quintile.astype("Int64").astype(str),
            name=quintile.map(lambda q: QUINTILE_WORDS[int(q) - 1] if pd.notna(q) else None),
        )[quintile.notna()],
    ]
    return pd.concat(parts, ignore_index=True)[["breakdown", "code", "name", "admitted", "risk"]]


def _protected(table: pd.DataFrame, count: str, policy: Policy, dependent: list[str]) -> pd.DataFrame:
    """``count`` and ``people`` protected, cells of one breakdown protecting each other."""
    result = protect(table, count, groups=[["breakdown"]], policy=policy, dependent=dependent)
    result["people"] = protect(table, "people", policy=policy)["people"]
    return result


def fit_risk_model(
    tables: Mapping[str, ir.Table],
    conditions: list[Condition],
    weights: CmsWeights,
    frailty: Efi,
    as_of: date,
    areas: pd.DataFrame,
    policy: Policy = Policy(),
) -> RiskReport:
    """Fit the model on the year to ``as_of`` and report it on the held-out people. ``areas`` is the
    registry's small-area table (``icshub.registry.small_areas``: lsoa, place, place_name)."""
    return report_on(training_data(tables, conditions, weights, frailty, as_of), as_of, areas, policy)


def report_on(data: pd.DataFrame, as_of: date, areas: pd.DataFrame, policy: Policy = Policy()) -> RiskReport:
    """Fit and report the model on ``data`` (``training_data``'s layout, from any engine), ordered by person."""
    terms = design(data)
    outcome = data["admitted"].astype(int).to_numpy()
    test = held_out(data["person_id"])
    fitting = terms[~test]
    varies = (fitting.max() != fitting.min()).to_numpy()
    fit = fit_logistic(fitting.loc[:, varies], outcome[~test])
    model = RiskModel(fit, tuple(terms.columns[~varies]), years_before(as_of, 1), as_of)
    scored = data[test].assign(admitted=outcome[test], risk=fit.predict(terms.loc[test, varies]))
    groups = ["breakdown", "code", "name"]
    long = _breakdowns(scored, areas)
    discriminated = discrimination(long, "admitted", "risk", groups)
    limits = ["value", "lower_95", "upper_95"]
    calibrated = calibration(long, "admitted", "risk", groups)
    measured = [c for c in calibrated.columns if c not in (*groups, "people", "observed", "note")]
    tenths = calibration_table(scored.assign(breakdown="all"), "admitted", "risk", "breakdown")
    return RiskReport(
        model=model,
        coefficients=fit.table(),
        discrimination=_protected(discriminated, "events", policy, limits),
        calibration=_protected(calibrated, "observed", policy, measured),
        tenths=_protected(tenths, "observed", policy, ["expected", "observed_risk", "lower_95", "upper_95"]),
        fitted_people=int(round_to(pd.Series([int((~test).sum())]), policy.rounding)[0]),
        held_out_people=int(round_to(pd.Series([int(test.sum())]), policy.rounding)[0]),
    )


def risk_scores(
    tables: Mapping[str, ir.Table],
    model: RiskModel,
    conditions: list[Condition],
    weights: CmsWeights,
    frailty: Efi,
    on: date | None = None,
) -> pa.Table:
    """(person_id, risk) for everyone alive on ``on`` (the model's ``as_of`` by default): person-level, for
    the analytics store only, never the operational database or a page."""
    inputs = risk_inputs(tables, conditions, weights, frailty, on or model.as_of).to_pyarrow().to_pandas()
    return pa.table({"person_id": pa.array(inputs["person_id"], pa.string()), "risk": model.score(inputs)})
