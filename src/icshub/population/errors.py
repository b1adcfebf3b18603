"""What population health management refuses: a dataset name or codelist it cannot use, said for the analyst."""

from __future__ import annotations

from icshub.errors import IcshubError


class PopulationError(IcshubError, ValueError):
    """A request about person-level data that cannot be met as asked."""
