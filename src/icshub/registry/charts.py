"""Vega-Lite chart specifications for registry pages, built with Altair: one spec for browser and print."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import altair as alt

QUINTILE_LABELS = {
    1: "1 (most deprived)",
    2: "2",
    3: "3",
    4: "4",
    5: "5 (least deprived)",
}


def age_profile(population_by_age: dict[str, Decimal], title: str) -> dict[str, Any]:
    data = alt.Data(values=[{"band": band, "people": int(n)} for band, n in population_by_age.items()])
    chart = (
        alt.Chart(data, title=title, width="container", height=220)
        .mark_bar(color="#005eb8")
        .encode(
            x=alt.X("band:N", sort=list(population_by_age), title="Age band (years)"),
            y=alt.Y("people:Q", title="Usual residents (Census 2021)"),
            tooltip=[alt.Tooltip("band:N", title="Age"), alt.Tooltip("people:Q", title="Residents", format=",")],
        )
    )
    return chart.to_dict()


def deprivation_profile(quintiles: dict[int, Decimal], title: str) -> dict[str, Any]:
    data = alt.Data(values=[{"quintile": QUINTILE_LABELS[q], "people": int(n)} for q, n in quintiles.items()])
    chart = (
        alt.Chart(data, title=title, width="container", height=220)
        .mark_bar(color="#330072")
        .encode(
            x=alt.X("quintile:N", sort=list(QUINTILE_LABELS.values()), title="IMD 2025 national quintile"),
            y=alt.Y("people:Q", title="Usual residents (Census 2021)"),
            tooltip=[alt.Tooltip("quintile:N"), alt.Tooltip("people:Q", title="Residents", format=",")],
        )
    )
    return chart.to_dict()


def deprivation_map(geojson_url: str, title: str) -> dict[str, Any]:
    """A choropleth of the place's small areas by IMD 2025 decile (1 = most deprived nationally)."""
    data = alt.Data(url=geojson_url, format=alt.DataFormat(property="features", type="json"))
    chart = (
        alt.Chart(data, title=title, width="container", height=420)
        .mark_geoshape(stroke="white", strokeWidth=0.3)
        .encode(
            color=alt.Color(
                "properties.imd_decile:O",
                title="IMD 2025 decile",
                scale=alt.Scale(scheme="purples", reverse=True, domain=list(range(1, 11))),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title="LSOA"),
                alt.Tooltip("properties.code:N", title="Code"),
                alt.Tooltip("properties.imd_decile:O", title="IMD decile"),
            ],
        )
        .project(type="mercator")
    )
    return chart.to_dict()
