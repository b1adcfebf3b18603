"""Read a system definition and its datasets from files into a validated bundle, ready to write.

Everything is read and checked before anything is written: a bundle exists only when no problem was found;
otherwise ``ImportRefused`` lists every problem with its file, line and field.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.tables import Row, read_rows
from icshub.loading.yaml_lines import read_yaml
from icshub.registry.area_statistics import REQUIRED, StatisticRecord, read_statistics
from icshub.registry.datasets import Datasets, FileRef, read_datasets
from icshub.registry.definition import SystemDefinition, parse_definition
from icshub.registry.geography import GeographyBuilder, assign_places
from icshub.registry.practices import PrimaryCare, build_primary_care
from icshub.registry.references import check_references
from icshub.registry.vocabulary import AreaType, Hierarchy, PartnershipType

SYSTEM_FILE = "system.yaml"
DATASETS_FILE = "datasets.yaml"


@dataclass
class RegistryBundle:
    """A whole registry, read and validated, with the places of every small area and practice worked out."""

    definition: SystemDefinition
    definition_sha256: str
    datasets: Datasets
    base: Path
    geography: GeographyBuilder
    place_of_lsoa21: dict[str, str]
    primary_care: PrimaryCare
    statistics: list[StatisticRecord]
    provenance: list[dict[str, str | None]]

    def boundary_path(self, layer: str) -> Path:
        return self.base / getattr(self.datasets.boundaries, layer)


def locate(path: Path) -> tuple[Path, Path]:
    """The system file and datasets file for ``path``, which names either the folder or the system file."""
    if path.is_dir():
        return path / SYSTEM_FILE, path / DATASETS_FILE
    return path, path.parent / DATASETS_FILE


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _provenance(base: Path, datasets: Datasets) -> list[dict[str, str | None]]:
    """What each data file is, the dates it speaks for and its fingerprint, kept with the import."""

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    entries: list[dict[str, str | None]] = []
    for group in ("geography", "practices", "pcns"):
        for role, ref in getattr(datasets, group):
            entries.append(
                {
                    "role": f"{group}.{role}",
                    "file": ref.file,
                    "as_of": day(ref.as_of),
                    "valid_from": day(ref.valid_from),
                    "valid_to": day(ref.valid_to),
                    "sha256": _sha256(base / ref.file),
                }
            )
    for spec in datasets.statistics:
        entries.append(
            {
                "role": f"statistics.{spec.format}",
                "file": spec.file,
                "period": spec.period,
                "source": spec.source,
                "sha256": _sha256(base / spec.file),
            }
        )
    for layer, file in datasets.boundaries:
        entries.append({"role": f"boundaries.{layer}", "file": file, "sha256": _sha256(base / file)})
    return entries


def _rows(base: Path, ref: FileRef | str, required: tuple[str, ...]) -> list[Row]:
    relative = ref if isinstance(ref, str) else ref.file
    return read_rows(base / relative, required, label=relative)


@dataclass
class _Geography:
    builder: GeographyBuilder
    lsoa11_to_lsoa21: list[tuple[str, str, Row]]
    lsoa11_ccg: dict[str, str]


def _geography(base: Path, datasets: Datasets) -> _Geography:
    g = datasets.geography
    geo = GeographyBuilder()
    for row in _rows(base, g.local_authorities, ("LADCD", "LADNM", "UTLACD", "UTLANM")):
        district = geo.area(row, "LADCD", "LADNM", AreaType.DISTRICT, "2024")
        if row["UTLACD"] and row["UTLACD"] != row["LADCD"]:
            county = geo.area(row, "UTLACD", "UTLANM", AreaType.COUNTY, "2024")
            geo.link(Hierarchy.DISTRICT_COUNTY, district, county, g.local_authorities.valid_from)
    districts = {code for code, area in geo.areas.items() if area.type is AreaType.DISTRICT}

    def district_of(row: Row, column: str) -> str | None:
        if row[column] not in districts:
            geo.problems.append(row.problem(column, f"{row[column]} is not one of the local authorities listed"))
            return None
        return row[column]

    ward_rows: dict[str, Row] = {}
    for row in _rows(base, g.lsoa21_wards, ("lsoa21_code", "lsoa21_name", "ward24_code", "ward24_name", "ltla24_code")):
        lsoa = geo.area(row, "lsoa21_code", "lsoa21_name", AreaType.LSOA, "2021")
        ward = geo.area(row, "ward24_code", "ward24_name", AreaType.WARD, "2024")
        ward_rows.setdefault(row["lsoa21_code"], row)
        ref = g.lsoa21_wards
        geo.link(Hierarchy.LSOA21_WARD, lsoa, ward, ref.valid_from, ref.valid_to)
        geo.link(Hierarchy.WARD_DISTRICT, ward, district_of(row, "ltla24_code"), ref.valid_from, ref.valid_to)
    lsoa21 = {code for code, area in geo.areas.items() if "2021" in area.editions}

    for row in _rows(
        base,
        g.lsoa21_icb,
        ("lsoa21_code", "sicbl24_code", "sicbl24_name", "sicbl24_code_nhs", "icb24_code", "icb24_name"),
    ):
        if row["lsoa21_code"] not in lsoa21:
            geo.problems.append(row.problem("lsoa21_code", f"{row['lsoa21_code']} is not in the LSOA → ward lookup"))
            continue
        sub_icb = geo.area(row, "sicbl24_code", "sicbl24_name", AreaType.SUB_ICB, "2024", row["sicbl24_code_nhs"])
        icb = geo.area(row, "icb24_code", "icb24_name", AreaType.ICB, "2024", row.values.get("icb24_code_nhs"))
        ref = g.lsoa21_icb
        geo.link(Hierarchy.LSOA21_SUB_ICB, row["lsoa21_code"], sub_icb, ref.valid_from, ref.valid_to)
        geo.link(Hierarchy.SUB_ICB_ICB, sub_icb, icb, ref.valid_from, ref.valid_to)

    for row in _rows(base, g.lsoa11_wards, ("LSOA11CD", "LSOA11NM", "WD19CD", "WD19NM", "LAD19CD")):
        lsoa = geo.area(row, "LSOA11CD", "LSOA11NM", AreaType.LSOA, "2011")
        ward = geo.area(row, "WD19CD", "WD19NM", AreaType.WARD, "2019")
        ref = g.lsoa11_wards
        geo.link(Hierarchy.LSOA11_WARD, lsoa, ward, ref.valid_from, ref.valid_to)
        geo.link(Hierarchy.WARD_DISTRICT, ward, district_of(row, "LAD19CD"), ref.valid_from, ref.valid_to)
    lsoa11 = {code for code, area in geo.areas.items() if "2011" in area.editions}

    ccg_codes: dict[str, str] = {}
    for row in _rows(base, g.ccgs, ("CCG19CD", "CCG19CDH", "CCG19NM")):
        if geo.area(row, "CCG19CD", "CCG19NM", AreaType.CCG, "2019", row["CCG19CDH"]):
            ccg_codes[row["CCG19CD"]] = row["CCG19CDH"]
    lsoa11_ccg: dict[str, str] = {}
    for row in _rows(base, g.lsoa11_ccg, ("LSOA11CD", "CCG19CD", "CCG19CDH")):
        if row["LSOA11CD"] not in lsoa11:
            geo.problems.append(row.problem("LSOA11CD", f"{row['LSOA11CD']} is not in the LSOA 2011 → ward lookup"))
            continue
        if row["CCG19CD"] not in ccg_codes:
            geo.problems.append(row.problem("CCG19CD", f"{row['CCG19CD']} is not one of the CCGs listed"))
            continue
        ref = g.lsoa11_ccg
        geo.link(Hierarchy.LSOA11_CCG, row["LSOA11CD"], row["CCG19CD"], ref.valid_from, ref.valid_to)
        lsoa11_ccg[row["LSOA11CD"]] = row["CCG19CDH"]

    pairs: list[tuple[str, str, Row]] = []
    for row in _rows(base, g.lsoa11_lsoa21, ("F_LSOA11CD", "LSOA21CD", "CHGIND")):
        old, new = row["F_LSOA11CD"], row["LSOA21CD"]
        for column, code, known in (("F_LSOA11CD", old, lsoa11), ("LSOA21CD", new, lsoa21)):
            if code not in known:
                geo.problems.append(row.problem(column, f"{code} is not in this system's geography"))
        if old in lsoa11 and new in lsoa21:
            ref = g.lsoa11_lsoa21
            geo.link(Hierarchy.LSOA11_LSOA21, old, new, ref.valid_from, ref.valid_to, detail=row["CHGIND"])
            pairs.append((old, new, row))
    geo.check_single_parent(Hierarchy.LSOA21_WARD, ward_rows, "ward24_code")
    return _Geography(geo, pairs, lsoa11_ccg)


def load_bundle(path: Path) -> RegistryBundle:
    """Read and check the definition at ``path`` (a folder or its system.yaml) and every dataset it names."""
    system_path, datasets_path = locate(path)
    document = read_yaml(system_path)
    definition = parse_definition(document, system_path.name)
    problems = check_references(definition, document, system_path.name)
    if problems:
        raise ImportRefused(problems)
    datasets = read_datasets(datasets_path)
    base = datasets_path.parent

    geography = _geography(base, datasets)
    problems.extend(geography.builder.problems)
    place_of_ccg = {
        code: place.key
        for place in definition.partnerships
        if place.type is PartnershipType.PLACE
        for code in place.ccg19
    }
    place_of_lsoa21, place_problems = assign_places(geography.lsoa11_to_lsoa21, geography.lsoa11_ccg, place_of_ccg)
    problems.extend(place_problems)
    unplaced = {c for c, a in geography.builder.areas.items() if "2021" in a.editions} - set(place_of_lsoa21)
    problems.extend(
        Problem(datasets.geography.lsoa11_lsoa21.file, None, "LSOA21CD", f"LSOA 2021 {code} is in no place")
        for code in sorted(unplaced)
    )

    p = datasets.practices
    primary_care = build_primary_care(
        current=_rows(base, p.current, ("Organisation Code", "Name", "Postcode", "Status Code", "Prescribing Setting")),
        ccg19_rows=_rows(base, p.ccg19_membership, ("Organisation Code", "Commissioner")),
        locations=_rows(
            base, p.locations, ("PRAC_CODE", "PRAC_POSTCODE", "PRAC_LAT", "PRAC_LNG", "PRAC_LSOA11", "PRAC_LSOA21")
        ),
        pcn_details=_rows(base, datasets.pcns.details, ("PCN Code", "PCN Name", "Open Date", "Close Date")),
        pcn_members=_rows(
            base,
            datasets.pcns.membership,
            (
                "Partner Organisation Code",
                "PCN Code",
                "Practice to PCN Relationship Start Date",
                "Practice to PCN Relationship End Date",
            ),
        ),
        place_of_ccg=place_of_ccg,
        place_of_lsoa21=place_of_lsoa21,
    )
    problems.extend(primary_care.problems)

    statistics: list[StatisticRecord] = []
    areas = set(geography.builder.areas)
    for spec in datasets.statistics:
        records, found = read_statistics(
            _rows(base, spec.file, REQUIRED[spec.format]), spec.format, spec.period, spec.source, areas
        )
        statistics.extend(records)
        problems.extend(found)

    for layer in ("lsoa21", "places", "districts", "system"):
        relative = getattr(datasets.boundaries, layer)
        if not (base / relative).is_file():
            problems.append(Problem(datasets_path.name, None, f"boundaries.{layer}", f"{relative} does not exist"))
    if problems:
        raise ImportRefused(problems)
    return RegistryBundle(
        definition=definition,
        definition_sha256=hashlib.sha256(system_path.read_bytes()).hexdigest(),
        datasets=datasets,
        base=base,
        geography=geography.builder,
        place_of_lsoa21=place_of_lsoa21,
        primary_care=primary_care,
        statistics=statistics,
        provenance=_provenance(base, datasets),
    )
