"""YAML as icshub reads it from files and forms: with the line of every value, and never an alias, so a
few hundred bytes cannot expand into billions of values."""

from __future__ import annotations

import pytest

from icshub.loading.problems import ImportRefused
from icshub.loading.yaml_lines import line_of, parse_yaml

# The "billion laughs": nine levels of nine aliases each, under 500 bytes.
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_the_lines_of_values_are_kept() -> None:
    document = parse_yaml("schema: x\nitems:\n  - name: one\n  - name: two\n", "f.yaml")
    assert line_of(document, ["items", 1, "name"]) == 4


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (BOMB, 2),
        ("base: &base {min: 65}\nrule: *base\n", 2),
        ("base: &base {min: 65}\nrule:\n  <<: *base\n  max: 90\n", 3),
    ],
    ids=["billion laughs", "an alias", "a merge key"],
)
def test_an_alias_is_refused_with_its_line_before_anything_is_expanded(text: str, line: int) -> None:
    assert len(BOMB) < 500
    with pytest.raises(ImportRefused) as refused:
        parse_yaml(text, "cohort definition")
    [problem] = refused.value.problems
    assert (problem.file, problem.line) == ("cohort definition", line)
    assert "aliases (*name) are not accepted" in problem.message


def test_an_anchor_without_an_alias_is_harmless() -> None:
    assert parse_yaml("base: &base {min: 65}\n", "f.yaml") == {"base": {"min": 65}}
