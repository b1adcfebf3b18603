"""Published figures per small area (census population by age, deprivation), read from their ONS/MHCLG forms."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from icshub.loading.problems import Problem
from icshub.loading.tables import Row
from icshub.registry.codes import gss_code_problem

# The columns each supported format needs.
REQUIRED = {
    "census2021_age_groups": ("lsoa21_code", "age_group", "usual_residents"),
    "imd2025_lsoa21": ("lsoa21_code", "IMD_score", "IMD_decile", "IMD_rank"),
    "imd2019_lsoa11": ("lsoa_code", "imd_score", "imd_decile"),
}


@dataclass(frozen=True)
class StatisticRecord:
    area_code: str
    measure: str
    period: str
    value: Decimal
    source: str


def age_band_key(label: str) -> str:
    """'Aged 16 to 24 years' → '16-24'; 'Aged 15 years and under' → '0-15'; 'Aged 65 years and over' → '65+'."""
    numbers = re.findall(r"\d+", label)
    if "under" in label and numbers:
        return f"0-{numbers[0]}"
    if "over" in label and numbers:
        return f"{numbers[0]}+"
    if len(numbers) == 2:
        return f"{numbers[0]}-{numbers[1]}"
    raise ValueError(f"'{label}' is not an age band this reader understands")


def _number(row: Row, column: str, problems: list[Problem]) -> Decimal | None:
    text = row[column].replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        problems.append(row.problem(column, f"'{row[column]}' is not a number"))
        return None
    if not value.is_finite() or value < 0:
        problems.append(row.problem(column, f"'{row[column]}' is not a non-negative number"))
        return None
    return value


def read_statistics(
    rows: Iterable[Row], format: str, period: str, source: str, known_areas: set[str]
) -> tuple[list[StatisticRecord], list[Problem]]:
    """The figures in ``rows`` (of the given format) for areas of the geography; problems located."""
    problems: list[Problem] = []
    records: list[StatisticRecord] = []
    totals: dict[str, Decimal] = defaultdict(Decimal)
    seen: dict[tuple[str, str], int] = {}

    def emit(row: Row, column: str, code: str, measure: str, value: Decimal) -> None:
        if (code, measure) in seen:
            problems.append(row.problem(column, f"{code} has {measure} already (line {seen[code, measure]})"))
            return
        seen[code, measure] = row.line
        records.append(StatisticRecord(code, measure, period, value, source))

    code_column = "lsoa_code" if format == "imd2019_lsoa11" else "lsoa21_code"
    kind = "lsoa"
    for row in rows:
        code = row[code_column]
        if problem := gss_code_problem(code, kind):
            problems.append(row.problem(code_column, problem))
            continue
        if code not in known_areas:
            problems.append(row.problem(code_column, f"{code} is not an area of this system's geography"))
            continue
        if format == "census2021_age_groups":
            try:
                band = age_band_key(row["age_group"])
            except ValueError as error:
                problems.append(row.problem("age_group", str(error)))
                continue
            value = _number(row, "usual_residents", problems)
            if value is not None:
                emit(row, "age_group", code, f"population.age.{band}", value)
                totals[code] += value
        else:
            prefix = format.split("_")[0]
            columns = (
                {"score": "imd_score", "decile": "imd_decile"}
                if format == "imd2019_lsoa11"
                else {"score": "IMD_score", "decile": "IMD_decile", "rank": "IMD_rank"}
            )
            for measure, column in columns.items():
                value = _number(row, column, problems)
                if value is not None:
                    emit(row, column, code, f"{prefix}.{measure}", value)
    records.extend(StatisticRecord(code, "population.all", period, total, source) for code, total in totals.items())
    return records, problems
