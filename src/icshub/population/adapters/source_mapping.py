"""What the adapters share: reading a source's CSV files as text, mapping rows while remembering where
each came from, the mapping rules both sources need (pseudonyms, money, dates, ethnicity, emergency
admissions), and loading through ``load_sources`` so that every problem names the source's own file, line
and column.

Why the bookkeeping: a table of the data model is often built from several files of a source (an event
from an encounter or from a prescription), and some rows are left out on purpose (a LOINC observation),
so a row's position in the table handed to ``load_sources`` is not its line in any file. Each mapped part
keeps its file, the lines of its rows and the source column behind each schema column; the problems the
checks find are translated back before anyone sees them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from icshub.loading.frames import read_text_table
from icshub.loading.problems import ImportRefused, Problem
from icshub.population.load import LoadSummary, Source, load_sources
from icshub.population.pseudonym import source_pseudonym

FIRST_LINE = 2  # the line of a CSV file's first row, after its header
SNOMED_CODE = r"\d{6,18}"
LOINC_CODE = r"\d{1,7}-\d"
NOT_IN_MODEL = "{} code: the data model holds SNOMED CT and ICD-10 only"
_ISO_DAY = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"

# US race, in Synthea's words (OMOP's race concepts are turned into them), to the NHS ethnic category.
# A judgement call, kept conservative: the US categories do not say which NHS group a person would
# choose, so each goes to the "any other" category of the nearest broad group (white → C, not A, British);
# American Indian, Alaska Native, Native Hawaiian and Pacific Islander, and "other" go to S (any other
# ethnic group); a race not given or not known is Z (not stated).
US_RACES = {"white": "C", "black": "P", "asian": "L", "native": "S", "hawaiian": "S", "other": "S"}
# Hispanic or Latino is an ethnicity across races in the US with no NHS group of its own; the census in
# England counts Latin American write-ins under "any other ethnic group", so a Hispanic person is S.
HISPANIC = "S"


@dataclass(frozen=True)
class CsvFile:
    """A source file read as text: its name as found in the folder and its rows (index = row number)."""

    name: str
    rows: pd.DataFrame


@dataclass
class Reader:
    """Reads a source folder's CSV files as text, remembering the SHA-256 of each one read (for the
    manifest). Names match without regard to case (OMOP tables come as ``PERSON.csv`` or ``person.csv``);
    a tab-separated file is read as such (vocabulary files from Athena are)."""

    folder: Path
    inputs: dict[str, str] = field(default_factory=dict)

    def require(self, name: str, columns: Sequence[str], optional: Sequence[str] = ()) -> CsvFile:
        """The file ``name`` (as ``read``), which the source cannot do without."""
        found = self.read(name, columns, optional)
        if found is None:
            raise ImportRefused([Problem(self.folder.name, None, None, f"the folder has no {name}")])
        return found

    def read(self, name: str, columns: Sequence[str], optional: Sequence[str] = ()) -> CsvFile | None:
        """The file ``name`` with ``columns`` (refused without one of them) and ``optional`` columns (empty
        when absent), or None when there is no such file."""
        path = next((p for p in sorted(self.folder.glob("*")) if p.name.lower() == name.lower()), None)
        if path is None:
            return None
        with path.open("rb") as handle:
            self.inputs[path.name] = hashlib.file_digest(handle, "sha256").hexdigest()
        rows = read_text_table(path)
        missing = [c for c in columns if c not in rows.columns]
        if missing:
            raise ImportRefused([Problem(path.name, 1, c, f"the file needs a column '{c}'") for c in missing])
        for column in optional:
            if column not in rows.columns:
                rows[column] = ""
        return CsvFile(path.name, rows)


@dataclass(frozen=True)
class Part:
    """Rows of one table of the data model, mapped from one source file.

    ``frame`` has the table's columns as text (the checks type them) and keeps the index of the file as
    read, so its row ``i`` stands on line ``i + 2``; ``fields`` names the source column behind each schema
    column, so that problems speak the source's language."""

    table: str
    file: str
    frame: pd.DataFrame
    fields: Mapping[str, str]


@dataclass(frozen=True)
class _Origin:
    files: np.ndarray
    lines: np.ndarray
    fields: Mapping[str, Mapping[str, str]]


@dataclass
class Adapted:
    """A source mapped into the data model: the tables to load (``sources``, as ``load_sources`` takes
    them), where their rows came from, the rows left out on purpose (file → reason → count), the SHA-256
    of each file read and what the manifest should say about the source (its currency, for one)."""

    sources: dict[str, Source]
    origins: dict[str, _Origin]
    skipped: dict[str, dict[str, int]]
    inputs: dict[str, str]
    details: dict[str, Any]

    def locate(self, problem: Problem) -> Problem:
        """``problem`` with the source's file, line and column in place of the combined table's."""
        origin = self.origins.get(problem.file)
        if origin is None or problem.line is None:
            return problem
        file = str(origin.files[problem.line])
        column = origin.fields[file].get(problem.field or "", problem.field)
        return Problem(file, int(origin.lines[problem.line]), column, problem.message)


def adapted(
    parts: Iterable[Part], skipped: Mapping[str, Mapping[str, int]], inputs: Mapping[str, str], **details: Any
) -> Adapted:
    """Gather the parts into one source a table (rows counted from 0, for ``Adapted.locate``)."""
    groups: dict[str, list[Part]] = {}
    for part in parts:
        groups.setdefault(part.table, []).append(part)
    sources, origins = {}, {}
    for table, group in groups.items():
        label = ", ".join(p.file for p in group)
        sources[table] = Source(pd.concat([p.frame for p in group], ignore_index=True), label, line_of_first=0)
        origins[label] = _Origin(
            np.concatenate([np.full(len(p.frame), p.file, dtype=object) for p in group]),
            np.concatenate([p.frame.index.to_numpy() + FIRST_LINE for p in group]),
            {p.file: p.fields for p in group},
        )
    kept = {file: dict(reasons) for file, reasons in skipped.items() if reasons}
    return Adapted(sources, origins, kept, dict(inputs), details)


def load_adapted(
    source: Adapted, root: Path, name: str, manifest: Mapping[str, Any], accept_rejects: bool = False
) -> LoadSummary:
    """Load an adapted source as dataset ``name`` (all checked, written whole or not at all); problems name
    the source's file, line and column. The manifest records the files read and the rows skipped."""
    record = {**manifest, **source.details, "inputs": source.inputs, "skipped": source.skipped}
    try:
        summary = load_sources(source.sources, root, name, record, accept_rejects)
    except ImportRefused as refused:
        raise ImportRefused([source.locate(p) for p in refused.problems]) from None
    summary.problems = [source.locate(p) for p in summary.problems]
    return summary


def reasons_counted(reasons: pd.Series) -> dict[str, int]:
    """How many rows were skipped for each reason (rows without one were kept)."""
    return {str(k): int(v) for k, v in reasons.dropna().value_counts().sort_index().items()}


def pseudonyms(namespace: str, identifiers: pd.Series, key: bytes) -> pd.Series:
    """Keyed pseudonyms of a source's identifiers (``source_pseudonym``, each computed once); an empty
    identifier stays empty, for the checks to refuse."""
    text = identifiers.str.strip()
    found = {i: source_pseudonym(namespace, i, key) for i in text.unique() if i}
    return text.map(found).fillna("")


def day(text: pd.Series) -> pd.Series:
    """The date of ISO dates and date-times as written (``2023-01-27T16:17:47Z`` → ``2023-01-27``); other
    text is kept whole, for the checks to refuse with the value the source gave."""
    text = text.str.strip()
    return text.where(~text.str.fullmatch(_ISO_DAY), text.str[:10])


def _minor(amount: str) -> str:
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return amount
    if not value.is_finite():
        return amount
    return str(int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def minor_units(amounts: pd.Series) -> pd.Series:
    """Amounts in a currency's major unit (dollars, pounds) to whole minor units (cents, pence), in decimal
    arithmetic so that 77.49 is exactly 7749; a part of a minor unit rounds half up. Text that is not a
    number is kept, for the checks to refuse."""
    text = amounts.str.strip()
    return text.map({a: _minor(a) for a in text.unique()})


def ethnic_category(race: pd.Series, hispanic: pd.Series) -> pd.Series:
    """The NHS ethnic category of US race words and Hispanic ethnicity (see ``US_RACES``)."""
    category = race.str.strip().str.lower().map(US_RACES).fillna("Z")
    return category.mask(hispanic.to_numpy(), HISPANIC)


def after_emergency(person: pd.Series, start: pd.Series, admitted: pd.Series, emergency: pd.Series) -> pd.Series:
    """Which admissions (rows where ``admitted``) follow an emergency attendance (rows where ``emergency``)
    of the same person on the day of admission or the day before: those came in through the emergency
    department and are emergency admissions; the others are taken as planned (elective). ``start`` holds
    ISO dates."""
    when = pd.to_datetime(start, errors="coerce", format="%Y-%m-%d")
    admissions = pd.DataFrame({"person": person[admitted], "admitted": when[admitted]}).rename_axis("row")
    attendances = pd.DataFrame({"person": person[emergency], "seen": when[emergency]})
    pairs = admissions.reset_index().merge(attendances, on="person")
    gap = pairs["admitted"] - pairs["seen"]
    through = pairs.loc[(gap >= pd.Timedelta(0)) & (gap <= pd.Timedelta(days=1)), "row"]
    return pd.Series(person.index.isin(through), index=person.index)
