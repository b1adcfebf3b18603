from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from icshub.strategy.compare import compare


def test_added_dropped_and_changed_are_found_by_key() -> None:
    before = {"commitment": {"c1": {"text": "A"}, "c2": {"text": "B"}}, "milestone": {"m1": {"due": "2024-03"}}}
    after = {"commitment": {"c1": {"text": "A2"}, "c3": {"text": "C"}}, "milestone": {"m1": {"due": "2024-03"}}}
    result = compare(before, after)
    assert result.added == [("commitment", "c3")]
    assert result.dropped == [("commitment", "c2")]
    assert [(c.kind, c.key, c.fields) for c in result.changed] == [("commitment", "c1", {"text": ("A", "A2")})]


items = st.dictionaries(
    st.sampled_from(["outcome", "commitment", "milestone"]),
    st.dictionaries(st.text("abc", min_size=1, max_size=2), st.fixed_dictionaries({"text": st.text("xy", max_size=2)})),
)


@given(items)
def test_a_version_compared_with_itself_is_unchanged(plan) -> None:
    assert compare(plan, plan).unchanged


@given(items, items)
def test_comparing_the_other_way_swaps_added_and_dropped(a, b) -> None:
    forward, backward = compare(a, b), compare(b, a)
    assert forward.added == backward.dropped and forward.dropped == backward.added
    assert {(c.kind, c.key) for c in forward.changed} == {(c.kind, c.key) for c in backward.changed}
