"""An area's spine chart as a Vega-Lite specification (Altair), as OHID Fingertips draws it: one row per
indicator on the 0–1 scale of ``icshub.indicators.overview`` (England at the centre, better to the right),
the comparators' range as a light bar, their 25th to 75th percentile as a darker one, and the area's value
as a point coloured by its comparison with England."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from icshub.indicators.overview import COMPARISONS, SpineRow, format_value

# The fill of each two-level comparison, as the icshub-compare--<slug> classes of icshub.css colour it.
COLOURS = {
    "better at 99.8%": "#00602b",
    "better at 95%": "#92d050",
    "similar": "#ffc000",
    "worse at 95%": "#f59a9a",
    "worse at 99.8%": "#a4161a",
    "higher at 99.8%": "#1d2b8f",
    "higher at 95%": "#4a5ad8",
    "lower at 95%": "#d5e0ff",
    "lower at 99.8%": "#a3bbff",
    "not compared": "#ffffff",
    "benchmark": "#d8dde0",
}
RANGE_COLOUR = "#d8dde0"
MIDDLE_COLOUR = "#768692"
ROW_HEIGHT = 34


def spine_chart(rows: Sequence[SpineRow], title: str) -> dict[str, Any]:
    """The chart of the rows that have positions (those without England or comparators are left out)."""
    data = [
        {
            "indicator": row.indicator.title,
            "low": row.positions.whole_range[0],
            "high": row.positions.whole_range[1],
            "q_low": row.positions.middle[0],
            "q_high": row.positions.middle[1],
            "point": row.positions.point,
            "comparison": row.area.two_level,
            "value": format_value(row.area.figure.value, row.indicator.measure),
            "england": format_value(row.england.value, row.indicator.measure),
            "period": row.period,
        }
        for row in rows
        if row.positions is not None
    ]
    order = [d["indicator"] for d in data]
    present = [words for words, _, _ in COMPARISONS if any(d["comparison"] == words for d in data)]
    base = alt.Chart(alt.Data(values=data), width="container", height=max(ROW_HEIGHT * len(data), 60))
    y = alt.Y("indicator:N", sort=order, title=None, axis=alt.Axis(labelLimit=200, labelFontSize=12))
    x = alt.X(
        "low:Q",
        scale=alt.Scale(domain=[0, 1], nice=False),
        axis=alt.Axis(
            values=[0, 0.5, 1], labelExpr="datum.value == 0.5 ? 'England' : datum.value < 0.5 ? 'Worse' : 'Better'"
        ),
        title="Better to the right (higher, where there is no judgement)",
    )
    whole = base.mark_bar(color=RANGE_COLOUR, size=16).encode(x=x, x2="high:Q", y=y)
    middle = base.mark_bar(color=MIDDLE_COLOUR, size=16).encode(x="q_low:Q", x2="q_high:Q", y=y)
    england = base.mark_rule(color="#d5281b", strokeWidth=2).encode(x=alt.datum(0.5))
    point = base.mark_point(filled=True, size=160, stroke="#212b32", strokeWidth=1, opacity=1).encode(
        x="point:Q",
        y=y,
        color=alt.Color(
            "comparison:N",
            scale=alt.Scale(domain=present, range=[COLOURS[w] for w in present]),
            legend=alt.Legend(title="Compared with England", orient="bottom", columns=3),
        ),
        tooltip=[
            alt.Tooltip("indicator:N", title="Indicator"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:N", title="Value"),
            alt.Tooltip("england:N", title="England"),
            alt.Tooltip("comparison:N", title="Compared with England"),
        ],
    )
    return alt.layer(whole, middle, england, point, title=title).to_dict()
