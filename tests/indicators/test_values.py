"""Indicator values: the tidy layout and Fingertips downloads, checked row by row, with provenance."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from icshub.auth.audit import recent_events
from icshub.indicators import queries
from icshub.indicators.models import IndicatorValue
from icshub.indicators.trends import CRITICAL, chi_squared_for_trend, recent_trend
from icshub.installation import import_values_file, sessions
from icshub.loading.problems import ImportRefused, Problem
from icshub.stats.periods import period_bounds, period_order
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR

FINGERTIPS_HEADER = (
    '"Indicator ID","Indicator Name","Parent Code","Parent Name","Area Code","Area Name","Area Type","Sex","Age",'
    '"Category Type","Category","Time period","Value","Lower CI 95.0 limit","Upper CI 95.0 limit",'
    '"Lower CI 99.8 limit","Upper CI 99.8 limit","Count","Denominator","Value note","Recent Trend",'
    '"Compared to England value or percentiles","Time period Sortable","New data","Compared to goal"'
)


@pytest.fixture
def built(demo_without_figures_copy):
    """Kent and Medway without the demo's synthetic figures, so that each test sees only what it imports."""
    settings, _ = demo_without_figures_copy
    return settings


def value_count(settings) -> int:
    with sessions(settings)() as session:
        return session.scalar(select(func.count()).select_from(IndicatorValue))


@pytest.mark.slow
def test_tidy_values_are_computed_from_counts_when_no_value_is_given(built, tmp_path: Path) -> None:
    path = tmp_path / "smoking.csv"
    path.write_text(
        "indicator,area_code,area_name,period,numerator,denominator,value,value_note\n"
        "smoking-at-time-of-delivery,E54000032,Kent and Medway,2021/22,1500,15000,,\n"
        "smoking-at-time-of-delivery,E54000032,Kent and Medway,2022/23,1400,15000,9.5,\n"
        "smoking-at-time-of-delivery,E06000035,Medway,2022/23,,,,Value suppressed for disclosure control\n"
    )
    data_import = import_values_file(built, path, TEST_ACTOR, "Test figures")
    assert (data_import.layout, data_import.rows, len(data_import.sha256)) == ("tidy", 3, 64)
    with sessions(built)() as session:
        values = {(v.area_code, v.period): v for v in queries.values_of(session, "smoking-at-time-of-delivery")}
    computed = values["E54000032", "2021/22"]
    assert computed.value == pytest.approx(10.0) and computed.lower_95 < 10 < computed.upper_95
    assert computed.lower_99_8 < computed.lower_95
    assert values["E54000032", "2022/23"].value == 9.5  # a value given is kept as given
    assert values["E06000035", "2022/23"].value is None and "suppressed" in values["E06000035", "2022/23"].value_note


def test_a_figure_given_again_is_replaced_and_the_audit_keeps_it_as_it_was(built, tmp_path: Path) -> None:
    path = tmp_path / "smoking.csv"
    header = "indicator,area_code,area_name,period,numerator,denominator,value,value_note\n"
    path.write_text(header + "smoking-at-time-of-delivery,E54000032,Kent and Medway,2022/23,1400,15000,9.5,\n")
    first = import_values_file(built, path, TEST_ACTOR, "First figures")
    path.write_text(header + "smoking-at-time-of-delivery,E54000032,Kent and Medway,2022/23,1300,15000,8.7,\n")
    second = import_values_file(built, path, TEST_ACTOR, "Corrected figures")
    with sessions(built)() as session:
        first_event, second_event = reversed(recent_events(session, action_prefix="indicators.values.import")[:2])
    assert first_event.before is None and first_event.after["replaced"] == 0
    [was] = second_event.before["replaced_figures"]
    [now] = second_event.after["replaced_figures"]
    assert (was["value"], was["numerator"], was["import_id"]) == (9.5, 1400, first.id)
    assert (now["value"], now["numerator"], now["import_id"]) == (8.7, 1300, second.id)
    assert (now["indicator_key"], now["area_code"], now["period"]) == (
        "smoking-at-time-of-delivery",
        "E54000032",
        "2022/23",
    )


def test_a_malformed_file_is_refused_by_row_and_nothing_is_written(built, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator,area_code,period,value\n"
        "pupil-absence,E54000032,2022/23,7.5\n"
        "pupil-absence,X99,2022/23,7.5\n"
        "pupil-absence,E54000032,sometime,7.5\n"
        "no-such-indicator,E54000032,2022/23,7.5\n"
        "pupil-absence,E54000032,2023/24,seven\n"
        "pupil-absence,E54000032,2022/23,7.6\n"
        "pupil-absence,E54000032,2024/25,\n"
    )
    before = value_count(built)
    with pytest.raises(ImportRefused) as caught:
        import_values_file(built, path, TEST_ACTOR, "Test figures")
    located = [(p.line, p.field) for p in caught.value.problems]
    assert located == [(3, "area_code"), (4, "period"), (5, "indicator"), (6, "value"), (7, "period"), (8, "value")]
    assert "given twice (first on line 2)" in caught.value.problems[4].message
    assert value_count(built) == before


def test_place_figures_are_keyed_by_the_place_and_other_words_are_refused(built, tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text(
        "indicator,area_code,period,numerator,denominator\n"
        "pupil-absence,west-kent,2022,80,1000\n"
        "pupil-absence,west-kennt,2022,80,1000\n"
    )
    with pytest.raises(ImportRefused) as caught:
        import_values_file(built, path, TEST_ACTOR, "Test figures")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "area_code")
    assert "'west-kennt' is not an ONS GSS code" in problem.message and "west-kent" in problem.message
    path.write_text("indicator,area_code,period,numerator,denominator\npupil-absence,west-kent,2022,80,1000\n")
    data_import = import_values_file(built, path, TEST_ACTOR, "Test figures")
    assert not data_import.synthetic
    with sessions(built)() as session:
        (figure,) = queries.values_of(session, "pupil-absence")
    assert (figure.area_code, figure.value) == ("west-kent", pytest.approx(8.0))


def test_the_demo_figures_are_imported_as_synthetic(demo) -> None:
    settings, _ = demo
    with sessions(settings)() as session:
        imports = queries.imports_for(session, {v.import_id for v in queries.values_of(session, "pupil-absence")})
        keys = {s.key for s in queries.synthetic_specs(session)}
    assert imports and all(i.synthetic and "not real data" in i.source for i in imports.values())
    assert {"smoking-at-time-of-delivery", "pupil-absence", "carers-satisfaction"} <= keys
    assert "alcohol-admissions" not in keys  # its measure is not stated in the plan, so none is invented


def test_a_fingertips_download_round_trips(built, tmp_path: Path) -> None:
    path = tmp_path / "fingertips.csv"
    path.write_text(
        FINGERTIPS_HEADER + "\n"
        '93085,"Smoking status at time of delivery","E92000001","England","E54000032","NHS Kent and Medway ICB",'
        '"ICB","Female","All ages","","","2022/23",10.2,9.8,10.6,9.5,10.9,1530,15000,"","","","",'
        '"","",""\n'
        '93085,"Smoking status at time of delivery","E92000001","England","E54000032","NHS Kent and Medway ICB",'
        '"ICB","Female","All ages","","","2023/24",9.6,9.2,10.0,8.9,10.3,1440,15000,"","","","",'
        '"","",""\n'
    )
    data_import = import_values_file(
        built, path, TEST_ACTOR, "OHID Fingertips", indicator="smoking-at-time-of-delivery", fingertips_id="93085"
    )
    assert data_import.layout == "fingertips"
    with sessions(built)() as session:
        values = queries.values_of(session, "smoking-at-time-of-delivery")
    figures = [(v.period, v.sex, v.value, v.lower_95, v.upper_99_8, v.numerator, v.denominator) for v in values]
    assert figures == [
        ("2022/23", "Female", 10.2, 9.8, 10.9, 1530.0, 15000.0),
        ("2023/24", "Female", 9.6, 9.2, 10.3, 1440.0, 15000.0),
    ]
    bad = path.read_text().replace("9.6,9.2,10.0", "9.6,nine,10.0")
    path.write_text(bad)
    with pytest.raises(ImportRefused) as caught:
        import_values_file(built, path, TEST_ACTOR, "OHID Fingertips", indicator="smoking-at-time-of-delivery")
    assert caught.value.problems == [Problem("fingertips.csv", 3, "Lower CI 95.0 limit", "'nine' is not a number")]


def test_the_indicator_page_shows_figures_trend_and_provenance(built, tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    rows = [
        f"pupil-absence,E54000032,Kent and Medway,{2018 + i}/{(19 + i) % 100:02d},{800 - 60 * i},10000\n"
        for i in range(5)
    ]
    path.write_text("indicator,area_code,area_name,period,numerator,denominator\n" + "".join(rows))
    import_values_file(built, path, TEST_ACTOR, "Test series")
    with TestClient(create_app(built)) as client:
        page = client.get("/indicators/pupil-absence").text
    assert 'data-vega-spec="indicator-chart-spec"' in page
    assert "Decreasing and getting better" in page
    # Pupil absence: "fallen from 7.9% to below 5%" by 2028; the last figure, 5.6% in 2022/23, is not yet
    # below 5%, no baseline period is given, and the falling trend projects below 5% by 2028.
    assert 'data-testid="progress"><strong class="nhsuk-tag nhsuk-tag--green">On track' in page
    assert "Test series; series.csv" in page
    with TestClient(create_app(built)) as client:
        values = client.get("/api/v1/indicators/pupil-absence/values").json()
        assert client.get("/api/v1/indicators/nope/values").status_code == 404
    assert [v["period"] for v in values] == ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23"]
    assert values[0]["value"] == pytest.approx(8.0) and values[0]["source"] == "Test series"
    assert len(values[0]["file_sha256"]) == 64


@pytest.mark.parametrize(
    ("period", "months"),
    [
        ("2023", 2023 * 12),
        ("2023/24", 2023 * 12 + 3),
        ("2023/24 Q2", 2023 * 12 + 6),
        ("2024 Q1", 2024 * 12),
        ("2021 - 23", 2021 * 12),
        ("2024-03", 2024 * 12 + 2),
    ],
)
def test_periods_sort_as_time(period: str, months: int) -> None:
    assert period_order(period) == months
    with pytest.raises(ValueError, match="not a period icshub understands"):
        period_order("last year")


def test_trend_worked_example() -> None:
    r, n = [100, 120, 140, 160, 180], [1000] * 5
    x = range(1, 6)
    p = sum(r) / sum(n)
    t = sum(ri * xi for ri, xi in zip(r, x, strict=True)) - p * sum(ni * xi for ni, xi in zip(n, x, strict=True))
    var = (
        p
        * (1 - p)
        * (
            sum(ni * xi**2 for ni, xi in zip(n, x, strict=True))
            - sum(ni * xi for ni, xi in zip(n, x, strict=True)) ** 2 / sum(n)
        )
    )
    statistic, sign = chi_squared_for_trend(r, n)
    assert statistic == pytest.approx(t**2 / var, rel=1e-9) and sign == 1
    assert recent_trend(r, n, "low_is_good").words == "Increasing and getting worse"
    assert recent_trend(r[:4], n[:4], None).direction == "cannot be calculated"


@given(st.integers(1, 500), st.integers(1000, 100_000))
def test_a_flat_series_shows_no_significant_change(count: int, denominator: int) -> None:
    trend = recent_trend([count] * 5, [denominator] * 5, "high_is_good")
    assert trend.direction == "no significant change" and (trend.statistic or 0) <= CRITICAL


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2023/24", "2023-04-01", "2024-03-31"),
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024 Q1", "2024-01-01", "2024-03-31"),
        ("2023/24 Q4", "2024-01-01", "2024-03-31"),
        ("2023/24 Q1", "2023-04-01", "2023-06-30"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2021 - 23", "2021-01-01", "2023-12-31"),
    ],
)
def test_periods_have_first_and_last_days(period: str, first: str, last: str) -> None:
    assert period_bounds(period) == (date.fromisoformat(first), date.fromisoformat(last))
    assert period_order(period) == period_bounds(period)[0].year * 12 + period_bounds(period)[0].month - 1
    with pytest.raises(ValueError, match="not a period"):
        period_bounds("spring")
