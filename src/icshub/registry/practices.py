"""GP practices and primary care networks from the ODS files, and the place each belongs to: pure rules.

A practice belongs to the place of its pre-2020 CCG (its commissioner in the December 2019 ODS file); one
opened since then falls back to the place of the small area it stands in. A PCN belongs to the place of its
member practices, which must agree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from icshub.loading.problems import Problem
from icshub.loading.tables import Row
from icshub.registry.codes import gss_code_problem, ods_code_problem

ACTIVE_STATUS = "A"
GP_PRESCRIBING_SETTING = "4"
# Words that stay in capitals when an ODS name (all capitals) is shown in title case.
_KEEP_UPPER = {"PCN", "NHS", "GP", "LMN", "MODEL", "HCP", "ICB", "UK", "DGS", "MSK", "PC", "KM", "ST"}
_SMALL = {"and", "of", "the", "at", "on", "in", "for"}


def display_name(ods_name: str) -> str:
    """An ODS name (upper case) in the case people write it: 'SWANLEY & RURAL PCN' → 'Swanley & Rural PCN'."""
    words = ods_name.split()
    shown = []
    for index, word in enumerate(words):
        bare = re.sub(r"[^A-Z]", "", word)
        if bare in _KEEP_UPPER and bare != "ST":
            shown.append(word)
        elif index > 0 and word.lower() in _SMALL:
            shown.append(word.lower())
        else:
            shown.append(re.sub(r"[A-Za-z]+('[A-Za-z]+)?", lambda m: m.group(0).capitalize(), word))
    return " ".join(shown)


@dataclass(frozen=True)
class PracticeRecord:
    ods_code: str
    name: str
    ods_name: str
    postcode: str | None
    ccg19: str | None
    place: str
    latitude: float | None = None
    longitude: float | None = None
    lsoa11: str | None = None
    lsoa21: str | None = None
    geocode_is_current: bool = True


@dataclass(frozen=True)
class PcnRecord:
    ods_code: str
    name: str
    ods_name: str
    open_date: date | None
    place: str


@dataclass(frozen=True)
class MembershipRecord:
    practice: str
    pcn: str
    valid_from: date | None


@dataclass
class PrimaryCare:
    practices: dict[str, PracticeRecord] = field(default_factory=dict)
    pcns: dict[str, PcnRecord] = field(default_factory=dict)
    memberships: list[MembershipRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def parse_ods_date(row: Row, column: str, problems: list[Problem]) -> date | None:
    text = row[column]
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        problems.append(row.problem(column, f"'{text}' is not a date in the ODS form YYYYMMDD"))
        return None


def _float(row: Row, column: str, problems: list[Problem]) -> float | None:
    text = row[column]
    if not text or text.upper() == "NA":
        return None
    try:
        return float(text)
    except ValueError:
        problems.append(row.problem(column, f"'{text}' is not a number"))
        return None


def _new_code(row: Row, column: str, kind: str, seen: dict[str, Row], problems: list[Problem]) -> bool:
    """Whether the row's code is well formed and not listed before; if so, remember its row."""
    code = row[column]
    if problem := ods_code_problem(code, kind):
        problems.append(row.problem(column, problem))
        return False
    if code in seen:
        problems.append(row.problem(column, f"{code} is listed twice (first on line {seen[code].line})"))
        return False
    seen[code] = row
    return True


def build_primary_care(
    current: Iterable[Row],
    ccg19_rows: Iterable[Row],
    locations: Iterable[Row],
    pcn_details: Iterable[Row],
    pcn_members: Iterable[Row],
    place_of_ccg: Mapping[str, str],
    place_of_lsoa21: Mapping[str, str],
) -> PrimaryCare:
    """Active practices, open PCNs and current memberships, each placed, with every problem located."""
    result = PrimaryCare()
    problems = result.problems
    ccg19 = {row["Organisation Code"]: row["Commissioner"] for row in ccg19_rows}
    where = {row["PRAC_CODE"]: row for row in locations}

    seen: dict[str, Row] = {}
    listed: set[str] = set()
    for row in current:
        listed.add(row["Organisation Code"])
        if row["Status Code"] != ACTIVE_STATUS or row["Prescribing Setting"] != GP_PRESCRIBING_SETTING:
            continue
        code = row["Organisation Code"]
        if not _new_code(row, "Organisation Code", "gp_practice", seen, problems):
            continue
        if not row["Name"]:
            problems.append(row.problem("Name", "the practice has no name"))
            continue
        location = where.get(code)
        lsoa21 = location["PRAC_LSOA21"] if location else None
        lsoa11 = location["PRAC_LSOA11"] if location else None
        for column, value, kind in (("PRAC_LSOA21", lsoa21, "lsoa"), ("PRAC_LSOA11", lsoa11, "lsoa")):
            if location and value and (problem := gss_code_problem(value, kind)):
                problems.append(location.problem(column, problem))
        practice_ccg = ccg19.get(code)
        place = place_of_ccg.get(practice_ccg or "") or place_of_lsoa21.get(lsoa21 or "")
        if place is None:
            problems.append(
                row.problem(
                    "Organisation Code",
                    f"practice {code} cannot be placed: it has no 2019 CCG in a place and no location in a known LSOA",
                )
            )
            continue
        postcode = row["Postcode"] or None
        result.practices[code] = PracticeRecord(
            ods_code=code,
            name=display_name(row["Name"]),
            ods_name=row["Name"],
            postcode=postcode,
            ccg19=practice_ccg,
            place=place,
            latitude=_float(location, "PRAC_LAT", problems) if location else None,
            longitude=_float(location, "PRAC_LNG", problems) if location else None,
            lsoa11=lsoa11 or None,
            lsoa21=lsoa21 or None,
            geocode_is_current=bool(location and location["PRAC_POSTCODE"] == postcode),
        )

    detail_rows: dict[str, Row] = {}
    open_dates: dict[str, date | None] = {}
    for row in pcn_details:
        if row["Close Date"]:
            continue
        code = row["PCN Code"]
        if not _new_code(row, "PCN Code", "pcn", detail_rows, problems):
            continue
        open_dates[code] = parse_ods_date(row, "Open Date", problems)

    places_of_pcn: dict[str, set[str]] = defaultdict(set)
    for row in pcn_members:
        if row["Practice to PCN Relationship End Date"]:
            continue
        practice, pcn = row["Partner Organisation Code"], row["PCN Code"]
        if pcn not in detail_rows:
            problems.append(row.problem("PCN Code", f"{pcn} is not an open PCN in the PCN details file"))
            continue
        if practice not in result.practices:
            if practice in seen:
                continue  # the practice itself was refused above, with its own problem
            if practice in listed:
                result.notes.append(
                    row.problem(
                        "Partner Organisation Code", f"{practice} is no longer active: its membership is left out"
                    )
                )
            else:
                problems.append(row.problem("Partner Organisation Code", f"{practice} is not in the practice list"))
            continue
        start = parse_ods_date(row, "Practice to PCN Relationship Start Date", problems)
        result.memberships.append(MembershipRecord(practice, pcn, start))
        places_of_pcn[pcn].add(result.practices[practice].place)

    for code, row in detail_rows.items():
        found = places_of_pcn.get(code, set())
        if len(found) != 1:
            why = "has no current member practice" if not found else f"spans places {', '.join(sorted(found))}"
            problems.append(row.problem("PCN Code", f"PCN {code} {why}, so it cannot be put in one place"))
            continue
        result.pcns[code] = PcnRecord(
            code, display_name(row["PCN Name"]), row["PCN Name"], open_dates[code], found.pop()
        )
    return result
