"""The delivery plan as a spreadsheet (CSV or Excel) and bulk progress updates read back from the same sheet.

The sheet lists every commitment and milestone with its current status; an officer fills in the ``new_…``
columns of the rows to update and imports it. Every row is checked before anything is written, and a
refusal names the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import PurePath

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from icshub.loading.frames import decoded, delimited_records
from icshub.loading.problems import ImportRefused, Problem
from icshub.strategy.queries import ItemRow
from icshub.strategy.services.progress_updates import UpdateRequest
from icshub.strategy.vocabulary import ItemType, ProgressStatus, Rag

COLUMNS = (
    "item_type",
    "item_key",
    "outcome",
    "priority_or_example",
    "item",
    "leads",
    "due",
    "status",
    "rag",
    "status_date",
    "narrative",
    "overdue",
    "new_status",
    "new_rag",
    "new_narrative",
    "new_evidence",
    "new_date",
)
UPDATE_COLUMNS = ("new_status", "new_rag", "new_narrative", "new_evidence", "new_date")


def _cells(row: ItemRow) -> list[str]:
    outcome = f"{'SO' if row.outcome_kind == 'shared_outcome' else 'Enabler '}{row.outcome_number}: {row.outcome_title}"
    leads = "; ".join(lead.name + (f" ({lead.note})" if lead.note else "") for lead in row.leads)
    due = row.due.text if row.due else (row.due_text or "")
    return [
        row.type.value,
        row.key,
        outcome,
        row.parent_title,
        row.text,
        leads,
        due,
        row.status.value,
        row.rag or "",
        row.as_of.isoformat() if row.as_of else "",
        row.narrative or "",
        "yes" if row.overdue else "",
        *("" for _ in UPDATE_COLUMNS),
    ]


def to_csv(rows: Iterable[ItemRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue()


def to_xlsx(rows: Iterable[ItemRow], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Delivery plan"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_cells(row))
    sheet.freeze_panes = "C2"
    notes = workbook.create_sheet("How to update")
    for line in (
        title,
        "Fill in the new_… columns of the rows you want to update, then import this file.",
        f"new_status: one of {', '.join(s.value for s in ProgressStatus)}.",
        f"new_rag: one of {', '.join(r.value for r in Rag)}, or empty.",
        "new_evidence: web links separated by spaces or semicolons.",
        "new_date: the date the update speaks for (YYYY-MM-DD); empty means today. Not in the future.",
        "Rows with an empty new_status are left alone.",
    ):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _records(name: str, content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, values by column) of a CSV or XLSX upload, refusing a header without the columns needed."""
    if PurePath(name).suffix.lower() == ".xlsx":
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
            raise ImportRefused([Problem(name, None, None, f"cannot be read as an Excel workbook: {error}")]) from error
        rows = sheet.iter_rows(values_only=True)
        header = [str(v or "").strip() for v in next(rows, ())]
        _check_header(name, header)
        for number, values in enumerate(rows, start=2):
            yield number, {h: _text(v) for h, v in zip(header, values, strict=False) if h}
        return
    header, records = delimited_records(decoded(content, name), name, separator=",")
    _check_header(name, header)
    # Rows are numbered as a spreadsheet shows them (header = 1), not by text line: a cell may hold line breaks.
    for number, (_, fields) in enumerate(records, start=2):
        yield number, {column: value.strip() for column, value in zip(header, fields, strict=True) if column}


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def _check_header(name: str, header: list[str]) -> None:
    missing = [c for c in ("item_type", "item_key", *UPDATE_COLUMNS) if c not in header]
    if missing:
        raise ImportRefused(
            Problem(name, 1, column, "this column is missing from the header row") for column in missing
        )


def _read_row(name: str, line: int, values: dict[str, str], today: date, publish: bool) -> UpdateRequest | Problem:
    """One row's update, or the first problem with it (naming its column)."""
    try:
        item_type = ItemType(values.get("item_type", ""))
    except ValueError:
        return Problem(name, line, "item_type", f"'{values.get('item_type')}' is not commitment or milestone")
    try:
        status = ProgressStatus(values["new_status"].strip().lower().replace(" ", "_"))
    except ValueError:
        choices = ", ".join(s.value for s in ProgressStatus)
        return Problem(name, line, "new_status", f"'{values['new_status']}' is not a status: use {choices}")
    rag = None
    if values.get("new_rag"):
        try:
            rag = Rag(values["new_rag"].lower())
        except ValueError:
            return Problem(name, line, "new_rag", f"'{values['new_rag']}' is not red, amber or green")
    as_of = today
    if values.get("new_date"):
        try:
            as_of = date.fromisoformat(values["new_date"])
        except ValueError:
            return Problem(name, line, "new_date", f"'{values['new_date']}' is not a date in the form YYYY-MM-DD")
        if as_of > today:
            return Problem(name, line, "new_date", f"{as_of:%-d %B %Y} is in the future")
    evidence = tuple(part for part in values.get("new_evidence", "").replace(";", " ").split() if part)
    narrative = values.get("new_narrative") or None
    return UpdateRequest(item_type, values.get("item_key", ""), status, rag, narrative, evidence, as_of, publish)


def read_updates(name: str, content: bytes, today: date, publish: bool = False) -> list[tuple[int, UpdateRequest]]:
    """The updates asked for in a sheet, with their rows; ``ImportRefused`` with every problem if any is wrong."""
    results = [
        (line, _read_row(name, line, values, today, publish))
        for line, values in _records(name, content)
        if values.get("new_status")
    ]
    problems = [result for _, result in results if isinstance(result, Problem)]
    if problems:
        raise ImportRefused(problems)
    return [(line, result) for line, result in results if isinstance(result, UpdateRequest)]
