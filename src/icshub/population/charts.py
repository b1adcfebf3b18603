"""Vega-Lite specifications of population charts (Altair): the age and sex pyramid."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd


def pyramid(table: pd.DataFrame, title: str) -> dict[str, Any]:
    """Women to the left and men to the right of the centre, by five-year band, oldest at the top;
    withheld counts are left out rather than drawn as zero."""
    rows = [
        {
            "band": r.band,
            "sex": r.sex,
            "people": int(r.people),
            "x": -int(r.people) if r.sex == "female" else int(r.people),
        }
        for r in table.itertuples()
        if pd.notna(r.people) and r.sex in {"female", "male"}
    ]
    order = list(dict.fromkeys(table["band"]))[::-1]
    chart = (
        alt.Chart(alt.Data(values=rows), title=title, width="container", height=360)
        .mark_bar()
        .encode(
            y=alt.Y("band:N", sort=order, title="Age band (years)"),
            x=alt.X(
                "x:Q",
                title="People (women to the left, men to the right)",
                axis=alt.Axis(labelExpr="abs(datum.value)"),
            ),
            color=alt.Color(
                "sex:N", title="Sex", scale=alt.Scale(domain=["female", "male"], range=["#ae2573", "#005eb8"])
            ),
            tooltip=["band:N", "sex:N", alt.Tooltip("people:Q", title="People (rounded)")],
        )
    )
    return chart.to_dict()
