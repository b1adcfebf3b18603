"""Population segmentation by first-match rules written as data: each segment's tests are tried in the
order the file gives, and a person is in the first segment whose tests they meet, or else in the default.

The default rules are Bridges to Health (Lynn et al. 2007, Milbank Q 85(2):185), in
``defaults/population/segments/bridges_to_health.yaml``; a system loads its own file in the same form (an
age by long-term-condition grid, a place's own segments). A rules file is checked before use, and every
problem is reported with its file, line and field: an unknown field, an operator that does not suit the
field, a duplicated segment, a default that is not a segment.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Collection
from functools import reduce
from pathlib import Path
from typing import Any, Literal

import ibis
import ibis.expr.types as ir
from pydantic import Field, model_validator

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import line_of, read_yaml
from icshub.population.methods.codelists import POPULATION, Key, Strict

BRIDGES_TO_HEALTH = POPULATION / "segments" / "bridges_to_health.yaml"
_FLAG = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
Operator = Literal["==", "!=", "<", "<=", ">", ">=", "in"]
OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
# The features a rule may test (see icshub.population.methods.person_features), by kind.
FIELDS = {
    "age": "number",
    "ltc_count": "number",
    "cms": "number",
    "efi": "number",
    "sex": "text",
    "ethnic_category": "text",
    "frailty": "text",
    "recent_emergency": "yes/no",
}
_ALLOWED = {"number": {"==", "!=", "<", "<=", ">", ">=", "in"}, "text": {"==", "!=", "in"}, "yes/no": {"==", "!="}}


class Test(Strict):
    field: str
    op: Operator
    value: bool | int | float | str | list[int | float | str]

    @model_validator(mode="after")
    def _value_suits_operator(self) -> Test:
        if (self.op == "in") != isinstance(self.value, list):
            raise ValueError("'in' takes a list of values; the other operators take one value")
        return self


class Segment(Strict):
    name: Key
    label: str
    description: str | None = None
    when_any: list[list[Test]] = Field(default_factory=list)


class Rules(Strict):
    schema_: str = Field(alias="schema", pattern=r"^icshub\.segments/1$")
    name: str
    source: str | None = None
    default: Key
    segments: list[Segment]

    @property
    def ordered(self) -> list[Segment]:
        """The segments that are tested, in priority order (all but the default)."""
        return [s for s in self.segments if s.name != self.default]

    @property
    def fields(self) -> set[str]:
        return {t.field for s in self.segments for alternative in s.when_any for t in alternative}


def _kind(field: str, conditions: Collection[str]) -> str | None:
    if field in FIELDS:
        return FIELDS[field]
    if field.startswith("has_") and field.removeprefix("has_") in conditions:
        return "yes/no"
    if field.startswith("flag_") and _FLAG.match(field.removeprefix("flag_")):
        return "yes/no"
    return None


def _test_problem(test: Test, conditions: Collection[str]) -> tuple[str, str] | None:
    """The field ('field', 'op' or 'value') and reason for which ``test`` cannot run, or None."""
    kind = _kind(test.field, conditions)
    if kind is None:
        known = ", ".join([*FIELDS, "has_<condition>", "flag_<flag>"])
        return "field", f"'{test.field}' is not a feature a rule can test ({known})"
    if test.op not in _ALLOWED[kind]:
        return "op", f"'{test.op}' cannot be used on '{test.field}', which is {kind}"
    values = test.value if isinstance(test.value, list) else [test.value]
    wanted = {"number": (int, float), "text": (str,), "yes/no": (bool,)}[kind]
    if any(isinstance(v, bool) != (kind == "yes/no") or not isinstance(v, wanted) for v in values):
        return "value", f"'{test.field}' is {kind}, and {test.value!r} is not"
    return None


def read_segments(path: Path, conditions: Collection[str]) -> Rules:
    """The rules file at ``path``, checked against the features available (``conditions`` are the keys
    of the long-term conditions, for ``has_<condition>``); refused with file, line and field."""
    document = read_yaml(path)
    rules = validate_document(Rules, document, path.name)
    problems = []
    names = [s.name for s in rules.segments]
    for i, segment in enumerate(rules.segments):
        where = ("segments", i)
        if names.index(segment.name) != i:
            problems.append(Problem(path.name, line_of(document, (*where, "name")), "segments.name", "given twice"))
        if segment.name == rules.default and segment.when_any:
            message = "the default segment is for everyone else: it takes no tests"
            problems.append(Problem(path.name, line_of(document, (*where, "when_any")), "segments.when_any", message))
        if segment.name != rules.default and not segment.when_any:
            message = "a segment other than the default needs at least one test"
            problems.append(Problem(path.name, line_of(document, where), "segments.when_any", message))
        for j, alternative in enumerate(segment.when_any):
            for k, test in enumerate(alternative):
                found = _test_problem(test, conditions)
                if found:
                    part, message = found
                    line = line_of(document, (*where, "when_any", j, k, part))
                    problems.append(Problem(path.name, line, f"segments.when_any.{part}", message))
    if rules.default not in names:
        problems.append(Problem(path.name, line_of(document, ("default",)), "default", "is not one of the segments"))
    if problems:
        raise ImportRefused(problems)
    return rules


def rule_mask(column: Callable[[str], Any], alternatives: list[list[Test]]) -> Any:
    """Whether any alternative holds: works on Ibis columns and on pandas Series alike, since both
    compare with the same operators and both have ``isin``."""

    def holds(test: Test) -> Any:
        values = column(test.field)
        return values.isin(test.value) if test.op == "in" else OPERATORS[test.op](values, test.value)

    return reduce(operator.or_, (reduce(operator.and_, map(holds, alternative)) for alternative in alternatives))


def segment_of(features: ir.Table, rules: Rules) -> ir.Value:
    """Each person's segment as an expression over ``features``: the first rule that holds, else the default."""
    branches = [(rule_mask(features.__getitem__, s.when_any), s.name) for s in rules.ordered]
    return ibis.cases(*branches, else_=rules.default) if branches else ibis.literal(rules.default)


def segment(features: ir.Table, rules: Rules) -> ir.Table:
    """(person_id, segment) for every person of ``features`` (see ``features.person_features``)."""
    return features.select("person_id", segment=segment_of(features, rules))
