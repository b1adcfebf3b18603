"""Vega-Lite specifications of an indicator's charts (Altair): the trend with its confidence band, baseline,
target and trajectory; the deprivation gradient; and the map of districts. One specification serves the
page (drawn by vega-embed, which offers PNG and SVG downloads) and print."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from icshub.indicators.benchmarks import Benchmarked
from icshub.indicators.models import Indicator

SERIES_COLOURS = ("#005eb8", "#425563", "#ae2573", "#ffb81c", "#00a499")
TRAJECTORY, BASELINE, TARGET = "Trajectory", "Baseline", "Target"
MARK_COLOURS = {TRAJECTORY: "#007f3b", BASELINE: "#231f20", TARGET: "#007f3b"}


def period_date(order: int) -> str:
    """The first day of a period from its order (months from year 0), for a time axis."""
    return f"{order // 12:04d}-{order % 12 + 1:02d}-01"


def _number_format(indicator: Indicator) -> str:
    return ",.1f" if indicator.measure in {"percentage", "crude_rate", "dsr", "isr_smr"} else ",.3g"


def trend_chart(
    indicator: Indicator,
    series: dict[str, Sequence[Any]],
    marks: Sequence[tuple[str, str, int, float]],
) -> dict[str, Any]:
    """Each named series of figures over time with its 95% band, and ``marks`` (name, period, order, value):
    the baseline, the target and the two ends of the trajectory, drawn dashed between them."""
    rows = [
        {
            "series": name,
            "date": period_date(v.period_order),
            "period": v.period,
            "value": v.value,
            "lower": v.lower_95,
            "upper": v.upper_95,
        }
        for name, figures in series.items()
        for v in figures
        if v.value is not None
    ]
    names = list(series)
    marker_rows = [
        {"series": name, "marker": name, "date": period_date(order), "period": period, "value": value}
        for name, period, order, value in marks
    ]
    domain = [*names, *(m for m in (TRAJECTORY, BASELINE, TARGET) if any(r["series"] == m for r in marker_rows))]
    palette = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(names))] + [
        MARK_COLOURS[m] for m in domain[len(names) :]
    ]
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=domain, range=palette),
        legend=alt.Legend(orient="bottom", labelLimit=320, columns=3),
    )
    number = _number_format(indicator)
    x = alt.X(
        "date:T",
        title="Period (start)",
        axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}),
        scale=alt.Scale(padding=12),
    )
    y_title = indicator.unit or "Value"
    tooltip = ["series:N", "period:N", alt.Tooltip("value:Q", format=number)]
    figures = alt.Chart(alt.Data(values=rows))
    band = figures.mark_area(opacity=0.18).encode(
        x=x, y=alt.Y("lower:Q", title=y_title, scale=alt.Scale(zero=False)), y2="upper:Q", color=colour
    )
    lines = figures.mark_line(point=True).encode(
        x=x,
        y=alt.Y("value:Q", title=y_title),
        color=colour,
        tooltip=[*tooltip, alt.Tooltip("lower:Q", format=number), alt.Tooltip("upper:Q", format=number)],
    )
    layers: list[alt.Chart] = [band, lines]
    trajectory = [r for r in marker_rows if r["series"] == TRAJECTORY]
    if trajectory:
        layers.append(
            alt.Chart(alt.Data(values=trajectory))
            .mark_line(strokeDash=[6, 4], strokeWidth=2)
            .encode(x=x, y="value:Q", color=colour, tooltip=tooltip)
        )
    points = [r for r in marker_rows if r["series"] in {BASELINE, TARGET}]
    if points:
        layers.append(
            alt.Chart(alt.Data(values=points))
            .mark_point(filled=True, size=140)
            .encode(
                x=x,
                y="value:Q",
                color=colour,
                shape=alt.Shape("marker:N", legend=None, scale=alt.Scale(range=["diamond", "triangle-up"])),
                tooltip=tooltip,
            )
        )
    return alt.layer(*layers).properties(width="container", height=300, title=indicator.title).to_dict()


def deprivation_chart(indicator: Indicator, groups: Sequence[Any], title: str) -> dict[str, Any]:
    """The figures of the deprivation groups, most deprived first, with their 95% intervals."""
    rows = [
        {"group": g.category, "rank": i, "value": g.value, "lower": g.lower_95, "upper": g.upper_95}
        for i, g in enumerate(groups)
    ]
    number = _number_format(indicator)
    base = alt.Chart(alt.Data(values=rows))
    x = alt.X("group:N", sort=[r["group"] for r in rows], title=None, axis=alt.Axis(labelAngle=0, labelLimit=140))
    bars = base.mark_bar(color="#aeb7bd").encode(
        x=x,
        y=alt.Y("value:Q", title=indicator.unit or "Value"),
        tooltip=[
            "group:N",
            alt.Tooltip("value:Q", format=number),
            alt.Tooltip("lower:Q", format=number),
            alt.Tooltip("upper:Q", format=number),
        ],
    )
    whiskers = base.mark_rule(color="#212b32", strokeWidth=2).encode(x=x, y="lower:Q", y2="upper:Q")
    return alt.layer(bars, whiskers).properties(width="container", height=240, title=title).to_dict()


def district_map(indicator: Indicator, compared: Sequence[Benchmarked], geojson_url: str, title: str) -> dict[str, Any]:
    """The districts coloured by their latest figure, with its comparison with England in the tooltip."""
    rows = [
        {"code": b.figure.area_code, "value": b.figure.value, "compared": b.two_level, "period": b.figure.period}
        for b in compared
        if b.kind == "district" and b.figure.value is not None
    ]
    number = _number_format(indicator)
    shapes = alt.Data(url=geojson_url, format=alt.DataFormat(property="features", type="json"))
    chart = (
        alt.Chart(shapes, title=title, width="container", height=380)
        .mark_geoshape(stroke="white", strokeWidth=0.8)
        .transform_lookup(
            lookup="properties.code",
            from_=alt.LookupData(alt.Data(values=rows), "code", ["value", "compared", "period"]),
        )
        .encode(
            color=alt.Color("value:Q", title=indicator.unit or "Value", scale=alt.Scale(scheme="blues")),
            tooltip=[
                alt.Tooltip("properties.name:N", title="District"),
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("value:Q", format=number, title="Value"),
                alt.Tooltip("compared:N", title="Compared with England"),
            ],
        )
        .project(type="mercator")
    )
    return chart.to_dict()
