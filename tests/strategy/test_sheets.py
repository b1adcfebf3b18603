"""The plan as a spreadsheet, and bulk updates from the same sheet: all rows checked, all or nothing."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from icshub.db.engine import transaction
from icshub.installation import sessions
from icshub.loading.problems import ImportRefused, Problem
from icshub.strategy import queries, sheets
from icshub.strategy.models import ProgressUpdate
from icshub.strategy.services import progress_updates as progress
from tests.strategy.conftest import OFFICER, TODAY


def exported(planned) -> bytes:
    with sessions(planned)() as session:
        plan = queries.get_plan(session, "test-1")
        return sheets.to_xlsx(queries.plan_items(session, plan, TODAY, True), "Test plan")


def filled(content: bytes, changes: dict[str, dict[str, str]]) -> bytes:
    """The exported workbook with the new_… cells of the rows (by item key) filled in."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Delivery plan"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        key = row[header.index("item_key")].value
        for column, value in changes.get(key, {}).items():
            row[header.index(column)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def update_count(planned) -> int:
    with sessions(planned)() as session:
        return session.scalar(select(func.count()).select_from(ProgressUpdate))


def import_sheet(planned, name: str, content: bytes):
    with transaction(sessions(planned)) as session:
        plan = queries.get_plan(session, "test-1")
        updates = sheets.read_updates(name, content, TODAY, publish=True)
        return progress.import_updates(session, OFFICER, set(), plan, name, updates, TODAY)


def test_the_export_lists_every_item_with_its_status(planned) -> None:
    workbook = load_workbook(io.BytesIO(exported(planned)))
    rows = list(workbook["Delivery plan"].iter_rows(values_only=True))
    assert rows[0] == sheets.COLUMNS
    assert {r[1] for r in rows[1:]} == {"t-so1-c1", "t-so1-c2", "t-so1-m1", "t-so1-m2", "t-so1-m3"}
    milestone = next(r for r in rows if r[1] == "t-so1-m1")
    assert milestone[6] == "2024-03" and milestone[11] == "yes"  # due in March 2024, overdue on 1 June 2025
    assert "How to update" in workbook.sheetnames


def test_a_filled_sheet_records_its_updates(planned) -> None:
    before = update_count(planned)
    content = filled(
        exported(planned),
        {
            "t-so1-c1": {
                "new_status": "on_track",
                "new_rag": "Green",
                "new_narrative": "Hubs open",
                "new_evidence": "https://example.org/a; https://example.org/b",
                "new_date": "2025-05-01",
            },
            "t-so1-m3": {"new_status": "at_risk"},
        },
    )
    recorded = import_sheet(planned, "plan.xlsx", content)
    assert [(u.item_key, u.status) for u in recorded] == [("t-so1-c1", "on_track"), ("t-so1-m3", "at_risk")]
    assert recorded[0].evidence == ["https://example.org/a", "https://example.org/b"]
    assert recorded[0].as_of == date(2025, 5, 1) and recorded[1].as_of == TODAY
    assert update_count(planned) == before + 2


def test_bad_rows_are_refused_with_row_and_column_and_nothing_is_written(planned) -> None:
    before = update_count(planned)
    content = filled(
        exported(planned),
        {
            "t-so1-c1": {"new_status": "on_track"},  # good, but must not be written either
            "t-so1-c2": {"new_status": "nearly done"},
            "t-so1-m1": {"new_status": "complete", "new_date": "2025-06-02"},
            "t-so1-m2": {"new_status": "complete", "new_rag": "purple"},
            "t-so1-m3": {"item_key": "t-so1-m99", "new_status": "complete"},
        },
    )
    with pytest.raises(ImportRefused) as caught:
        import_sheet(planned, "plan.xlsx", content)
    located = {(p.line, p.field) for p in caught.value.problems}
    workbook = load_workbook(io.BytesIO(content))
    line_of = {row[1].value: row[1].row for row in workbook["Delivery plan"].iter_rows(min_row=2)}
    assert located == {
        (line_of["t-so1-c2"], "new_status"),
        (line_of["t-so1-m1"], "new_date"),
        (line_of["t-so1-m2"], "new_rag"),
    }
    # Once the rows read well, an item that is not in the plan is refused with its row too.
    fixed = filled(
        content,
        {
            "t-so1-c2": {"new_status": "on_track"},
            "t-so1-m1": {"new_date": "2025-05-01"},
            "t-so1-m2": {"new_rag": "red"},
        },
    )
    with pytest.raises(ImportRefused) as caught:
        import_sheet(planned, "plan.xlsx", fixed)
    assert [(p.line, p.field) for p in caught.value.problems] == [(line_of["t-so1-m99"], "item_key")]
    assert "no milestone 't-so1-m99'" in caught.value.problems[0].message
    assert update_count(planned) == before


def test_an_unknown_item_is_refused_with_its_row(planned) -> None:
    content = (
        b"item_type,item_key,new_status,new_rag,new_narrative,new_evidence,new_date\n"
        b"milestone,t-so1-m1,on_track,,,,\n"
        b"commitment,no-such-thing,on_track,,,,\n"
    )
    before = update_count(planned)
    with pytest.raises(ImportRefused) as caught:
        import_sheet(planned, "updates.csv", content)
    assert caught.value.problems == [
        Problem("updates.csv", 3, "item_key", "There is no commitment 'no-such-thing' in plan test-1.")
    ]
    assert update_count(planned) == before


def test_a_sheet_without_the_update_columns_is_refused(planned) -> None:
    with pytest.raises(ImportRefused) as caught:
        import_sheet(planned, "old.csv", b"item_type,item_key,status\nmilestone,t-so1-m1,on_track\n")
    assert {p.field for p in caught.value.problems} == set(sheets.UPDATE_COLUMNS)
    assert all(p.line == 1 for p in caught.value.problems)


def test_csv_export_has_the_same_columns(planned) -> None:
    with sessions(planned)() as session:
        text = sheets.to_csv(queries.plan_items(session, queries.get_plan(session, "test-1"), TODAY, True))
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == sheets.COLUMNS and len(rows) == 6


def test_csv_rows_are_counted_as_a_spreadsheet_shows_them(planned) -> None:
    content = (
        b"item_type,item_key,item,new_status,new_rag,new_narrative,new_evidence,new_date\n"
        b'milestone,t-so1-m1,"A title\nover two lines",On track,,,,\n'
        b"milestone,t-so1-m2,One line,sort of,,,,\n"
    )
    with pytest.raises(ImportRefused) as caught:
        sheets.read_updates("updates.csv", content, TODAY)
    # "On track" as people write it is accepted; row 3 (not text line 4) is refused.
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "new_status")]


def test_an_overlong_narrative_or_too_many_links_are_refused(planned) -> None:
    long_story = "x" * 5001
    content = (
        "item_type,item_key,new_status,new_rag,new_narrative,new_evidence,new_date\n"
        f"milestone,t-so1-m1,on_track,,{long_story},,\n"
        f"milestone,t-so1-m2,on_track,,,{' '.join(f'https://e.org/{i}' for i in range(21))},\n"
    ).encode()
    with pytest.raises(ImportRefused) as caught:
        import_sheet(planned, "updates.csv", content)
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "new_narrative"), (3, "new_evidence")]
