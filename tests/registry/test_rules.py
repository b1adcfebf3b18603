"""Pure registry rules: code formats, cycles and ordering, display names, age bands, place assignment."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icshub.loading.tables import Row
from icshub.registry.area_statistics import age_band_key
from icshub.registry.codes import gss_code_problem, ods_code_problem
from icshub.registry.geography import assign_places
from icshub.registry.graph import find_cycle, parents_first
from icshub.registry.practices import display_name


@pytest.mark.parametrize(
    ("code", "kind", "ok"),
    [
        ("E01024136", "lsoa", True),
        ("E05012403", "ward", True),
        ("E06000035", "district", True),
        ("E07000111", "district", True),
        ("E10000016", "county", True),
        ("E54000032", "icb", True),
        ("E05012403", "lsoa", False),
        ("E0102413", "lsoa", False),
        ("e01024136", "lsoa", False),
        ("X01024136", None, False),
    ],
)
def test_gss_codes(code: str, kind: str | None, ok: bool) -> None:
    assert (gss_code_problem(code, kind) is None) is ok


@pytest.mark.parametrize(
    ("code", "kind", "ok"),
    [
        ("G82048", "gp_practice", True),
        ("U10200", "pcn", True),
        ("RN7", "nhs_trust", True),
        ("QKS", "integrated_care_board", True),
        ("09J", "clinical_commissioning_group", True),
        ("G8204", "gp_practice", False),
        ("X10200", "pcn", False),
        ("QK", "integrated_care_board", False),
        ("g82048", None, False),
        ("ABC", None, True),
    ],
)
def test_ods_codes(code: str, kind: str | None, ok: bool) -> None:
    assert (ods_code_problem(code, kind) is None) is ok


keys = st.text(alphabet="abcdefgh", min_size=1, max_size=3)


@st.composite
def forests(draw) -> dict[str, str | None]:
    """Parent links with no cycle: each node's parent comes earlier in a random order."""
    nodes = draw(st.lists(keys, min_size=1, max_size=20, unique=True))
    parents: dict[str, str | None] = {}
    for index, node in enumerate(nodes):
        parents[node] = draw(st.sampled_from([None, *nodes[:index]])) if index else None
    return parents


@given(forests())
def test_forests_have_no_cycle_and_order_parents_first(parents: dict[str, str | None]) -> None:
    assert find_cycle(parents) is None
    order = parents_first(parents)
    assert sorted(order) == sorted(parents)
    position = {key: i for i, key in enumerate(order)}
    assert all(parent is None or position[parent] < position[child] for child, parent in parents.items())


@given(forests(), st.data())
def test_closing_a_loop_is_found(parents: dict[str, str | None], data) -> None:
    child = data.draw(st.sampled_from(sorted(parents)))
    # Point an ancestor (or the node itself) at a descendant to close a loop.
    chain = [child]
    while parents[chain[-1]] is not None:
        chain.append(parents[chain[-1]])
    top = chain[-1]
    looped = {**parents, top: child}
    cycle = find_cycle(looped)
    assert cycle is not None and cycle[0] == cycle[-1]
    assert set(cycle) <= set(chain)


@pytest.mark.parametrize(
    ("ods", "shown"),
    [
        ("HORSMAN'S PLACE SURGERY", "Horsman's Place Surgery"),
        ("SWANLEY & RURAL PCN", "Swanley & Rural PCN"),
        ("DR CJ SHIMMINS & PARTNERS", "Dr Cj Shimmins & Partners"),
        ("ST JAMES' SURGERY", "St James' Surgery"),
        ("THE ISLE OF SHEPPEY PCN", "The Isle of Sheppey PCN"),
    ],
)
def test_display_names(ods: str, shown: str) -> None:
    assert display_name(ods) == shown


@pytest.mark.parametrize(
    ("label", "band"),
    [
        ("Aged 15 years and under", "0-15"),
        ("Aged 16 to 24 years", "16-24"),
        ("Aged 65 years and over", "65+"),
    ],
)
def test_age_bands(label: str, band: str) -> None:
    assert age_band_key(label) == band


def test_age_band_that_cannot_be_read_is_refused() -> None:
    with pytest.raises(ValueError, match="not an age band"):
        age_band_key("Everyone")


def _row(line: int) -> Row:
    return Row("lookup.csv", line, {})


def test_an_lsoa_takes_the_place_of_its_2011_parents() -> None:
    places, problems = assign_places(
        [("A11", "A21", _row(2)), ("B11", "A21", _row(3)), ("C11", "C21", _row(4))],
        {"A11": "09J", "B11": "09J", "C11": "99J"},
        {"09J": "dgs", "99J": "west-kent"},
    )
    assert places == {"A21": "dgs", "C21": "west-kent"} and problems == []


def test_an_lsoa_from_two_places_is_refused_with_its_row() -> None:
    places, problems = assign_places(
        [("A11", "M21", _row(2)), ("B11", "M21", _row(3))],
        {"A11": "09J", "B11": "99J"},
        {"09J": "dgs", "99J": "west-kent"},
    )
    assert places == {}
    assert problems[0].line == 2 and "different places: dgs, west-kent" in problems[0].message
