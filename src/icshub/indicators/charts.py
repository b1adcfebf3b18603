"""The indicator's trend chart as a Vega-Lite specification (Altair): each area's values over time with the
95% confidence band, and the baseline and target as rules where the plan gives them."""

from __future__ import annotations

from typing import Any

import altair as alt

from icshub.indicators.models import Indicator, IndicatorValue


def trend_chart(indicator: Indicator, values: list[IndicatorValue]) -> dict[str, Any]:
    rows = [
        {
            "area": v.area_name or v.area_code,
            "period": v.period,
            "order": v.period_order,
            "value": v.value,
            "lower": v.lower_95,
            "upper": v.upper_95,
        }
        for v in values
        if v.value is not None and v.sex == "Persons" and not v.category_type
    ]
    base = alt.Chart(alt.Data(values=rows), width="container", height=260, title=indicator.title)
    x = alt.X("period:O", sort=alt.SortField("order"), title="Period")
    y_title = indicator.unit or "Value"
    band = base.mark_area(opacity=0.2).encode(x=x, y=alt.Y("lower:Q", title=y_title), y2="upper:Q", color="area:N")
    line = base.mark_line(point=True).encode(
        x=x,
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("area:N", title="Area"),
        tooltip=["area:N", "period:N", alt.Tooltip("value:Q", format=",.2f"), "lower:Q", "upper:Q"],
    )
    layers = [band, line]
    for name, level, colour in (
        ("Baseline", indicator.baseline_value, "#768692"),
        ("Target", indicator.target_value, "#007f3b"),
    ):
        if level is not None:
            rule = alt.Chart(alt.Data(values=[{"y": level, "label": name}])).mark_rule(strokeDash=[6, 4], color=colour)
            layers.append(rule.encode(y="y:Q", tooltip=["label:N", "y:Q"]))
    return alt.layer(*layers).to_dict()
