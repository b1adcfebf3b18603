"""Per-person features on an index date, as Ibis expressions: age, recent emergency care, and
the table of every feature that segmentation rules may test.

Age is in whole years from the year and month of birth (the day is never stored): a person born in
March is a year older from the first of March. Recent emergency care is an A&E attendance or an emergency
admission in the 90 days up to and including the index date.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

import ibis
import ibis.expr.types as ir

from icshub.population.data_model import EventType
from icshub.population.methods.codelists import Condition
from icshub.population.methods.conditions import CmsWeights, conditions_held, flags_held, ltc_summary
from icshub.population.methods.frailty import Efi, efi

EMERGENCY_DAYS = 90
EMERGENCY = (EventType.AE_ATTENDANCE.value, EventType.EMERGENCY_ADMISSION.value)


def age_on(person: ir.Table, index_date: date) -> ir.IntegerValue:
    """Whole years of age on ``index_date``."""
    before_birthday = ibis.literal(index_date.month) < person.birth_month
    return (index_date.year - person.birth_year - before_birthday.cast("int64")).cast("int64")


def emergency_since(event: ir.Table, index_date: date) -> ir.Table:
    """(person_id) of people with emergency care in the ``EMERGENCY_DAYS`` up to ``index_date``."""
    first = ibis.literal(index_date - timedelta(days=EMERGENCY_DAYS - 1), type="date")
    last = ibis.literal(index_date, type="date")
    recent = event.filter(event.type.isin(EMERGENCY), event.start_date >= first, event.start_date <= last)
    return recent.select("person_id").distinct()


def person_features(
    tables: dict[str, ir.Table],
    conditions: list[Condition],
    weights: CmsWeights,
    frailty: Efi,
    index_date: date,
    flags: Collection[str] = (),
) -> ir.Table:
    """One row per person with age, sex, ethnic_category, ltc_count, cms, efi, frailty, recent_emergency,
    has_<condition> for each condition and flag_<flag> for each of ``flags``."""
    person, coded, flag = tables["person"], tables["coded"], tables["flag"]
    base = person.select("person_id", "sex", "ethnic_category", age=age_on(person, index_date))
    ltc = ltc_summary(person, coded, conditions, weights, index_date)
    frail = efi(person, coded, flag, frailty, index_date)
    held = conditions_held(coded, [c.concept for c in conditions], index_date)
    holding = flags_held(flag, index_date)
    emergency = emergency_since(tables["event"], index_date).mutate(recent_emergency=ibis.literal(True))
    joined = (
        base.join(ltc, "person_id")
        .join(frail.select("person_id", "efi", "frailty"), "person_id")
        .left_join(emergency, "person_id")
    )
    columns = {name: joined[name] for name in ("person_id", "age", "sex", "ethnic_category", "ltc_count", "cms")}
    columns |= {
        "efi": joined.efi,
        "frailty": joined.frailty,
        "recent_emergency": joined.recent_emergency.fill_null(False),
    }
    result = joined.select(**columns)
    for prefix, source, names in (
        ("has_", held.rename(name="concept"), [c.concept.name for c in conditions]),
        ("flag_", holding.rename(name="flag"), list(flags)),
    ):
        for name in names:
            having = source.filter(source.name == name).select("person_id").mutate(value=ibis.literal(True))
            result = result.left_join(having, "person_id")
            result = result.mutate(**{prefix + name: result.value.fill_null(False)}).drop("value", "person_id_right")
    return result
