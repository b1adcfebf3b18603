"""The datasets manifest: which public data files (ONS lookups, ODS lists, statistics, boundaries) a system uses.

It sits beside ``system.yaml`` as ``datasets.yaml`` and names files relative to itself, so that another ICS
supplies its own extracts of the same national files. Its format, ``icshub.datasets/1``, is documented in
docs/system-definition.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import read_yaml

SCHEMA = "icshub.datasets/1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileRef(_Strict):
    file: str
    valid_from: date | None = None
    valid_to: date | None = None
    as_of: date | None = None


class Geography(_Strict):
    lsoa21_wards: FileRef
    lsoa21_icb: FileRef
    lsoa11_wards: FileRef
    lsoa11_ccg: FileRef
    lsoa11_lsoa21: FileRef
    local_authorities: FileRef
    ccgs: FileRef


class Practices(_Strict):
    current: FileRef
    ccg19_membership: FileRef
    locations: FileRef


class Pcns(_Strict):
    details: FileRef
    membership: FileRef


class StatisticFile(_Strict):
    format: Literal["census2021_age_groups", "imd2025_lsoa21", "imd2019_lsoa11"]
    file: str
    period: str
    source: str


class Boundaries(_Strict):
    lsoa21: str
    places: str
    districts: str
    system: str


class Datasets(_Strict):
    schema_: Literal["icshub.datasets/1"] = Field(alias="schema")
    geography: Geography
    practices: Practices
    pcns: Pcns
    statistics: list[StatisticFile] = Field(default_factory=list)
    boundaries: Boundaries


def read_datasets(path: Path) -> Datasets:
    return validate_document(Datasets, read_yaml(path), path.name)
