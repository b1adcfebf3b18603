"""Boundary files for maps: kept in the data directory at import, cut to a place when a page asks."""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.registry.load import RegistryBundle
from icshub.registry.models import AreaStatistic, Partnership
from icshub.registry.queries import CURRENT_IMD, place_lsoas

LAYERS = ("lsoa21", "places", "districts", "system")


def boundary_dir(home: Path) -> Path:
    return home / "boundaries"


def install_boundaries(bundle: RegistryBundle, home: Path) -> None:
    """Copy the bundle's boundary files into the data directory, replacing those of an earlier import."""
    target = boundary_dir(home)
    target.mkdir(parents=True, exist_ok=True)
    for layer in LAYERS:
        shutil.copyfile(bundle.boundary_path(layer), target / f"{layer}.geojson")


@lru_cache(maxsize=8)
def _read(path: Path, modified: float) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def read_layer(home: Path, layer: str) -> dict[str, Any]:
    path = boundary_dir(home) / f"{layer}.geojson"
    if not path.exists():
        return {"type": "FeatureCollection", "features": []}
    return _read(path, path.stat().st_mtime)


def place_lsoa_features(session: Session, home: Path, place: Partnership) -> dict[str, Any]:
    """The place's 2021 LSOAs with their name and current IMD decile, for a choropleth."""
    codes = set(place_lsoas(session, place))
    deciles = dict(
        session.execute(
            select(AreaStatistic.area_code, AreaStatistic.value).where(
                AreaStatistic.area_code.in_(codes), AreaStatistic.measure == f"{CURRENT_IMD}.decile"
            )
        ).all()
    )
    features = []
    for feature in read_layer(home, "lsoa21")["features"]:
        code = feature["properties"].get("LSOA21CD")
        if code in codes:
            decile = deciles.get(code)
            properties = {
                "code": code,
                "name": feature["properties"].get("LSOA21NM", code),
                "imd_decile": int(decile) if decile is not None else None,
            }
            features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": features}


def district_features(home: Path) -> dict[str, Any]:
    """The system's districts (unitary and lower-tier authorities) with their ONS code and name, for maps
    that join figures to districts by code."""
    features = []
    for feature in read_layer(home, "districts")["features"]:
        properties = feature["properties"]
        code = next((v for k, v in properties.items() if k.upper().endswith("CD")), None)
        name = next((v for k, v in properties.items() if k.upper().endswith("NM")), code)
        features.append(
            {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": feature["geometry"]}
        )
    return {"type": "FeatureCollection", "features": features}
