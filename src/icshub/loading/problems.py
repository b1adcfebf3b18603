"""Problems found in import files, each naming the file, the line and the field, for the analyst to fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from icshub.errors import IcshubError


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        what = f", field '{self.field}'" if self.field else ""
        return f"{where}{what}: {self.message}"


class ImportRefused(IcshubError):
    """An import that was refused as a whole; nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or "", p.message))
        shown = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"The import was refused and nothing was written ({len(self.problems)} problem"
            f"{'s' if len(self.problems) != 1 else ''}):\n{shown}{tail}"
        )
