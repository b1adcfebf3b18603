"""The local bank-holiday file: days announced after the installed ``holidays`` release, and days withdrawn.

A new one-off bank holiday (a jubilee, a coronation, a state funeral) is proclaimed months or only days
ahead, sooner than a new release of ``holidays`` may be installed. Until then the secretariat writes it in
``defaults/bank_holidays_local.yaml`` (or a file of its own), in this form::

    schema: icshub.bank_holidays/1
    added:              # bank holidays the holidays package does not know yet
      - date: 2022-09-19
        name: State Funeral of Queen Elizabeth II
        source: https://www.gov.uk/government/news/bank-holiday-announced-for-her-majesty-queen-elizabeth-iis-state-funeral-on-monday-19-september
    removed:            # days it names that are not bank holidays after all (a holiday moved by proclamation)
      - date: 2022-05-30
        name: Spring bank holiday, moved to 2 June 2022 for the Platinum Jubilee
        source: https://www.gov.uk/bank-holidays

Each day is written YYYY-MM-DD, is a weekday (a weekend never counts as a working day, so only the
substitute weekday matters), and appears once. A file that breaks these rules is refused as a whole, each
problem naming the file, the line and the field.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

import icshub.defaults
from icshub.governance.calendar import WorkingCalendar, describe_day
from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import line_of, read_yaml

LOCAL_BANK_HOLIDAYS = Path(icshub.defaults.__file__).parent / "bank_holidays_local.yaml"
_DATE_FORM = "write the day as YYYY-MM-DD, for example 2023-05-08"


def _a_day(value: Any) -> Any:
    """A day written YYYY-MM-DD (quoted or not); a time of day or a number is refused, not guessed at."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date: {_DATE_FORM}") from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{value!r} is not a date: {_DATE_FORM}")
    return value


def _a_weekday(day: date) -> date:
    if day.weekday() >= 5:
        raise ValueError(
            f"{describe_day(day)} is a weekend day, which never counts as a working day: "
            "give the weekday that is the bank holiday (the substitute day)"
        )
    return day


Day = Annotated[date, BeforeValidator(_a_day), AfterValidator(_a_weekday)]


class LocalDay(BaseModel):
    """One day in the file, with what it is and where it was announced."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    day: Day = Field(alias="date")
    name: str = Field(min_length=1)
    source: str = Field(min_length=1)


class LocalBankHolidays(BaseModel):
    """Days added to, and removed from, the bank holidays the ``holidays`` package knows for England."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_: str = Field(alias="schema", pattern=r"^icshub\.bank_holidays/1$")
    added: list[LocalDay] = Field(default_factory=list)
    removed: list[LocalDay] = Field(default_factory=list)

    def calendar(self) -> WorkingCalendar:
        """England's working calendar with these days added and removed."""
        return WorkingCalendar({d.day: d.name for d in self.added}, (d.day for d in self.removed))


def _repeats(document: Any, local: LocalBankHolidays, file_name: str) -> list[Problem]:
    """A day given twice, in one list or in both."""
    problems: list[Problem] = []
    seen: dict[date, str] = {}
    for section in ("added", "removed"):
        for index, entry in enumerate(getattr(local, section)):
            if entry.day in seen:
                problems.append(
                    Problem(
                        file_name,
                        line_of(document, (section, index, "date")),
                        f"{section}.date",
                        f"{entry.day.isoformat()} is already {seen[entry.day]}",
                    )
                )
            else:
                seen[entry.day] = f"in '{section}' on line {line_of(document, (section, index, 'date'))}"
    return problems


def read_local_bank_holidays(path: Path = LOCAL_BANK_HOLIDAYS) -> LocalBankHolidays:
    """The local file at ``path``, or ``ImportRefused`` naming every problem by file, line and field."""
    document = read_yaml(path)
    local = validate_document(LocalBankHolidays, document, path.name)
    if problems := _repeats(document, local, path.name):
        raise ImportRefused(problems)
    return local


def england_calendar(path: Path = LOCAL_BANK_HOLIDAYS) -> WorkingCalendar:
    """England's working calendar: the ``holidays`` package's bank holidays, corrected by the local file."""
    return read_local_bank_holidays(path).calendar()
