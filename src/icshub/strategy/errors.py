"""What the Shared Delivery Plan refuses: a plan file or version change that cannot be made, and a progress
update that is not valid, each said for the officer who made it."""

from __future__ import annotations

from icshub.errors import IcshubError


class PlanError(IcshubError, ValueError):
    """A request about plan versions that cannot be carried out, with a message for the person asking."""


class ProgressError(IcshubError, ValueError):
    """A progress update that cannot be recorded, with a message for the person recording it."""
