"""The local bank-holiday file: its days count, and a bad entry is refused naming the file, line and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from icshub.governance.local_holidays import LOCAL_BANK_HOLIDAYS, england_calendar, read_local_bank_holidays
from icshub.loading.problems import ImportRefused, Problem

NEW_DAY = """\
schema: icshub.bank_holidays/1
added:
  - date: 2030-06-07
    name: A one-off bank holiday announced after the holidays release
    source: https://www.gov.uk/bank-holidays
removed:
  - date: "2022-05-30"
    name: Spring bank holiday, moved to 2 June 2022
    source: https://www.gov.uk/bank-holidays
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank_holidays_local.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> list[Problem]:
    with pytest.raises(ImportRefused) as caught:
        read_local_bank_holidays(path)
    return caught.value.problems


def test_the_shipped_file_loads() -> None:
    local = read_local_bank_holidays(LOCAL_BANK_HOLIDAYS)
    assert (local.added, local.removed) == ([], [])
    assert not england_calendar().is_working_day(date(2023, 5, 8))


def test_a_day_from_the_local_file_counts(tmp_path: Path) -> None:
    calendar = england_calendar(write(tmp_path, NEW_DAY))
    assert calendar.bank_holiday(date(2030, 6, 7)) == "A one-off bank holiday announced after the holidays release"
    # Monday 3 to Friday 7 June 2030 would be five clear days before Monday 10 June; the new day leaves four.
    assert calendar.clear_working_days_between(date(2030, 5, 31), date(2030, 6, 10)) == 4
    assert calendar.latest_notice_day(date(2030, 6, 10), 5) == date(2030, 5, 30)


def test_an_impossible_date_is_refused_with_its_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, NEW_DAY.replace("2030-06-07", "2030-02-30"))
    assert refused(path) == [
        Problem(
            path.name,
            3,
            "added.date",
            "'2030-02-30' is not a date: write the day as YYYY-MM-DD, for example 2023-05-08",
        )
    ]


def test_a_date_in_words_is_refused_with_its_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, NEW_DAY.replace('"2022-05-30"', "30 May 2022"))
    [problem] = refused(path)
    assert (problem.line, problem.field) == (7, "removed.date")
    assert problem.message.startswith("'30 May 2022' is not a date: write the day as YYYY-MM-DD")


def test_a_weekend_day_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, NEW_DAY.replace("2030-06-07", "2030-06-08"))
    [problem] = refused(path)
    assert (problem.line, problem.field) == (3, "added.date")
    assert "Saturday 8 June 2030 is a weekend day" in problem.message


def test_a_day_given_twice_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, NEW_DAY.replace('"2022-05-30"', "2030-06-07"))
    assert refused(path) == [Problem(path.name, 7, "removed.date", "2030-06-07 is already in 'added' on line 3")]


def test_a_missing_source_and_an_unknown_field_are_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, NEW_DAY.replace("    source: https://www.gov.uk/bank-holidays\nremoved", "    note: x\nremoved")
    )
    problems = {(p.line, p.field) for p in refused(path)}
    assert problems == {(3, "added.source"), (5, "added.note")}
