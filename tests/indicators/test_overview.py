"""The tartan rug and the spine charts: the pure computation with hand-made figures, and the pages on the demo."""

from __future__ import annotations

import html
import json
import re
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from icshub.db.engine import engine_for, make_session_factory
from icshub.indicators import overview
from icshub.indicators.benchmarks import comparison_slug
from icshub.indicators.models import IndicatorValue
from icshub.indicators.spine_chart import spine_chart
from icshub.web.app import create_app

ENGLAND = "E92000001"
ICB = "E54000032"
KENT = "E10000016"
MEDWAY = "E06000035"
ASHFORD = "E07000105"
DOVER = "E07000108"


def fig(code: str, value: float | None, half: float = 0.5, period: str = "2024", name: str | None = None, **extra):
    """A headline figure with a symmetric 95% interval of ``half`` and a 99.8% one half as wide again."""
    return SimpleNamespace(
        area_code=code,
        area_name=name or code,
        period=period,
        period_order=int(period[:4]),
        sex="Persons",
        age="All ages",
        category_type="",
        category="",
        value=value,
        lower_95=None if value is None else value - half,
        upper_95=None if value is None else value + half,
        lower_99_8=None if value is None else value - 1.5 * half,
        upper_99_8=None if value is None else value + 1.5 * half,
        import_id=extra.get("import_id", 1),
    )


def ind(key: str, polarity: str | None = "high_is_good", outcome: str = "so1", measure: str = "percentage"):
    return SimpleNamespace(key=key, title=key.title(), polarity=polarity, outcome_key=outcome, measure=measure)


# Pure: names and numbers.


def test_short_names_for_column_headings() -> None:
    assert overview.short_name("NHS Kent and Medway Integrated Care Board") == "Kent and Medway ICB"
    assert overview.short_name("West Kent Health and Care Partnership") == "West Kent"
    assert overview.short_name("Medway") == "Medway"


def test_values_are_formatted_to_one_decimal_and_proportions_to_three() -> None:
    assert overview.format_value(10.25) == "10.2" and overview.format_value(1234.56) == "1,234.6"
    assert overview.format_value(0.7312, "proportion") == "0.731"
    assert overview.format_value(None) == "\N{EN DASH}"


# Pure: the spine scale.


def test_england_is_at_the_centre_and_the_furthest_comparator_at_an_edge() -> None:
    positions = overview.spine_positions(55, 50, [40, 45, 55, 70], "high_is_good")
    assert positions.whole_range == (0.25, 1.0)  # 70 is furthest from England (20), so it is at the edge
    assert positions.point == pytest.approx(0.625)
    # 25th and 75th percentiles of 40, 45, 55, 70 by linear interpolation: 43.75 and 58.75
    assert positions.middle == pytest.approx((0.5 - 6.25 / 40, 0.5 + 8.75 / 40))


def test_lower_is_better_is_mirrored_so_that_better_is_to_the_right() -> None:
    positions = overview.spine_positions(55, 50, [40, 45, 55, 70], "low_is_good")
    assert positions.whole_range == (0.0, 0.75)
    assert positions.point == pytest.approx(0.375)  # higher than England is worse: left of the centre
    no_judgement = overview.spine_positions(55, 50, [40, 45, 55, 70], None)
    assert no_judgement.point == pytest.approx(0.625)  # higher is to the right


def test_the_scale_keeps_the_area_itself_on_the_chart_and_handles_no_spread() -> None:
    beyond = overview.spine_positions(90, 50, [40, 60], "high_is_good")
    assert beyond.point == 1.0 and beyond.whole_range == (0.375, 0.625)
    level = overview.spine_positions(50, 50, [50, 50], "high_is_good")
    assert level.point == 0.5 and level.whole_range == (0.5, 0.5)
    assert overview.spine_positions(50, None, [40, 60], "high_is_good") is None
    assert overview.spine_positions(50, 50, [], "high_is_good") is None


def _values() -> dict[str, list]:
    smoking = [
        fig(ENGLAND, 50, 0.1, name="England"),
        fig(ICB, 52, name="NHS Kent and Medway Integrated Care Board"),
        fig("west-kent", 45, name="West Kent Health and Care Partnership"),
        fig("east-kent", 58, name="East Kent Health and Care Partnership"),
        fig(MEDWAY, 60, name="Medway"),
        fig(KENT, 50.2, name="Kent"),
        fig(ASHFORD, 50.6, name="Ashford"),
        fig(DOVER, 30, name="Dover"),
        fig(MEDWAY, 10, period="2023", name="Medway"),  # an earlier period is not shown
    ]
    no_england = [fig(MEDWAY, 5, name="Medway"), fig(ASHFORD, 6, name="Ashford")]
    return {"smoking": smoking, "no-england": no_england, "empty": []}


def test_a_districts_spine_sets_it_among_the_districts() -> None:
    indicators = [ind("smoking", "low_is_good"), ind("empty"), ind("no-england")]
    rows = overview.spine(MEDWAY, indicators, _values())
    assert [r.indicator.key for r in rows] == ["smoking", "no-england"]
    smoking = rows[0]
    assert sorted(f.area_code for f in smoking.comparators) == [MEDWAY, ASHFORD, DOVER]
    assert (smoking.lowest, smoking.highest) == (30, 60) and smoking.england.value == 50
    assert smoking.area.two_level == "worse at 99.8%" and smoking.period == "2024"
    # Dover (30) is furthest from England: lower is better, so it sits at the right edge, Medway to the left.
    assert smoking.positions.whole_range == (pytest.approx(0.25), 1.0)
    assert smoking.positions.point == pytest.approx(0.25)


def test_a_places_spine_sets_it_among_the_places_and_the_icb_among_districts() -> None:
    place = overview.spine("west-kent", [ind("smoking")], _values())[0]
    assert sorted(f.area_code for f in place.comparators) == ["east-kent", "west-kent"]
    assert place.area.two_level == "worse at 99.8%"
    # East Kent (58) is furthest from England (50): 8 is the half-width, so West Kent (45) is at 0.5 - 5/16.
    assert place.positions.whole_range == (0.1875, 1.0) and place.positions.point == 0.1875
    icb = overview.spine(ICB, [ind("smoking")], _values())[0]
    assert sorted(f.area_code for f in icb.comparators) == [MEDWAY, ASHFORD, DOVER]
    assert overview.spine("nowhere", [ind("smoking")], _values()) == []


def test_without_an_england_figure_nothing_is_compared_or_placed() -> None:
    row = overview.spine(MEDWAY, [ind("no-england")], _values())[0]
    assert row.england is None and row.positions is None and row.area.two_level == "not compared"
    assert (row.lowest, row.highest) == (5, 6)  # the numbers are still given
    rug = overview.rug([ind("no-england")], _values())
    assert {c.slug for c in rug.rows[0].cells.values()} == {"not-compared"}
    assert [a.code for a in rug.areas] == [ASHFORD, MEDWAY]


# Pure: the rug.


def test_the_rug_orders_columns_by_kind_and_compares_every_cell_with_england() -> None:
    indicators = [ind("smoking", "high_is_good", "so1"), ind("empty", outcome="so2"), ind("no-england", outcome="so3")]
    rug = overview.rug(indicators, _values())
    assert [a.code for a in rug.areas] == [ENGLAND, ICB, KENT, "east-kent", "west-kent", ASHFORD, DOVER, MEDWAY]
    assert [a.short_name for a in rug.areas][:5] == ["England", "Kent and Medway ICB", "Kent", "East Kent", "West Kent"]
    assert rug.kinds() == [("england", 1), ("icb", 1), ("county", 1), ("place", 2), ("district", 3)]
    assert [r.indicator.key for r in rug.rows] == ["smoking", "no-england"]
    cells = rug.rows[0].cells
    assert {code: c.slug for code, c in cells.items()} == {
        ENGLAND: "benchmark",
        ICB: "better-99-8",
        "west-kent": "worse-99-8",
        "east-kent": "better-99-8",
        MEDWAY: "better-99-8",
        KENT: "similar",  # 95% interval 49.7 to 50.7
        ASHFORD: "better-95",  # 95% interval 50.1 to 51.1 clears England's 50; the 99.8% one (49.85 to 51.35) does not
        DOVER: "worse-99-8",
    }
    assert rug.rows[0].period == "2024" and rug.import_ids == {1}
    outcomes = [SimpleNamespace(key=k) for k in ("so3", "so2", "so1")]
    assert [(o.key, [r.indicator.key for r in rows]) for o, rows in overview.by_outcome(outcomes, rug.rows)] == [
        ("so3", ["no-england"]),
        ("so1", ["smoking"]),
    ]


def test_every_comparison_has_a_marker_and_a_description() -> None:
    slugs = [comparison_slug(words) for words, _, _ in overview.COMPARISONS]
    assert slugs == [
        "better-99-8",
        "better-95",
        "similar",
        "worse-95",
        "worse-99-8",
        "higher-99-8",
        "higher-95",
        "lower-95",
        "lower-99-8",
        "not-compared",
        "benchmark",
    ]
    assert all(overview.MARKERS[s] for s in slugs[:9]) and len(set(overview.MARKERS.values())) == 10


def test_the_spine_chart_draws_only_rows_with_positions() -> None:
    rows = overview.spine(MEDWAY, [ind("smoking", "low_is_good"), ind("no-england")], _values())
    spec = spine_chart(rows, "Medway")
    assert spec["width"] == "container"
    data = spec["data"]["values"]
    assert [d["indicator"] for d in data] == ["Smoking"]
    assert data[0]["point"] == pytest.approx(0.25) and data[0]["comparison"] == "worse at 99.8%"
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert colour["scale"]["domain"] == ["worse at 99.8%"]


# The pages on the demo.


@pytest.fixture
def client(demo):
    with TestClient(create_app(demo[0])) as client:
        yield client


@pytest.fixture
def headline(demo) -> dict[str, set[str]]:
    """Each indicator key with figures, and the areas with headline figures for it."""
    with make_session_factory(engine_for(demo[0].database_url))() as session:
        rows = session.execute(
            select(IndicatorValue.indicator_key, IndicatorValue.area_code).where(IndicatorValue.category_type == "")
        )
        found: dict[str, set[str]] = {}
        for key, code in rows:
            found.setdefault(key, set()).add(code)
        return found


def _cells(page: str) -> list[tuple[str, str]]:
    """(slug of the class, words in the visually-hidden text) of each comparison cell."""
    pattern = (
        r'<td class="[^"]*icshub-compare icshub-compare--([a-z0-9-]+)".*?'
        r'<span class="nhsuk-u-visually-hidden"> \(([^)]*)\)</span></td>'
    )
    return [(slug, html.unescape(words)) for slug, words in re.findall(pattern, page, re.S)]


def test_the_rug_shows_every_indicator_with_figures_and_every_area(client, headline) -> None:
    response = client.get("/indicators/overview")
    assert response.status_code == 200
    page = response.text
    rug = page[page.index('data-testid="tartan-rug"') :]
    assert len(headline) == 12
    rows = re.findall(r'<tr class="nhsuk-table__row" data-indicator="([^"]+)"', rug)
    assert sorted(rows) == sorted(headline)
    assert rows.index("smoking-at-time-of-delivery") < rows.index("physical-inactivity")  # logframe order
    areas = set().union(*headline.values())
    columns = re.findall(r'scope="col" data-area="([^"]+)"><a href="/indicators/areas/([^"]+)"', rug)
    assert [c for c, _ in columns][:3] == [ENGLAND, ICB, KENT] and len(columns) == len(areas) == 20
    assert {c for c, link in columns if c == link} == areas
    assert ">Kent and Medway ICB</a>" in rug and ">West Kent</a>" in rug
    assert 'scope="colgroup" colspan="13">Districts' in rug and 'scope="rowgroup"' in rug
    cells = _cells(rug)
    assert len(cells) == len(rows) * len(areas)
    assert all(comparison_slug(words) == slug for slug, words in cells)
    slugs = {slug for slug, _ in cells}
    assert "benchmark" in slugs and slugs & {"better-99-8", "better-95"} and slugs & {"worse-99-8", "worse-95"}
    assert 'data-testid="synthetic-warning"' in page and "not real data" in page
    assert 'class="icshub-table-scroll" role="region"' in page and "Compared with England" in page


def test_the_logframe_links_to_the_rug(client) -> None:
    assert 'href="/indicators/overview"' in client.get("/indicators").text


def _spec(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="area-spine-spec">(.*?)</script>', page, re.S)
    assert match, "the page has no spine chart"
    return json.loads(match.group(1))


def test_a_districts_spine_page(client, headline) -> None:
    response = client.get(f"/indicators/areas/{MEDWAY}")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Medway: strategic indicators</h1>" in page and "the system&#39;s 13 districts" in page
    table = page[page.index('data-testid="spine-table"') :]
    with_medway = {key for key, codes in headline.items() if MEDWAY in codes}
    assert set(re.findall(r'data-indicator="([^"]+)"', table)) == with_medway
    assert len(_cells(table)) == len(with_medway)
    data = _spec(page)["data"]["values"]
    assert len(data) == len(with_medway)
    assert all(0 <= d["low"] <= d["high"] <= 1 and (d["low"] == 0 or d["high"] == 1) for d in data)
    assert 'href="/indicators/overview"' in page and f'href="/areas/{MEDWAY}"' in page
    assert 'data-testid="synthetic-warning"' in page and "vega-embed.min.js" in page


def test_a_places_spine_page(client) -> None:
    page = client.get("/indicators/areas/west-kent").text
    assert "<h1>West Kent Health and Care Partnership: strategic indicators</h1>" in page
    assert "the system&#39;s 4 places" in page and 'href="/partnerships/west-kent"' in page
    assert len(_spec(page)["data"]["values"]) == 12


def test_an_unknown_area_or_one_without_figures_is_not_found(client) -> None:
    unknown = client.get("/indicators/areas/nowhere")
    assert unknown.status_code == 404 and "There is no area" in unknown.text
    assert client.get("/indicators/areas/E07000999").status_code == 404
    ward = client.get("/indicators/areas/E05014472")  # in the registry, but without figures
    assert ward.status_code == 404 and "There are no indicator figures for the area" in ward.text
