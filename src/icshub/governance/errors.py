"""What governance refuses: a step the terms of reference or the meeting's state do not allow, said as the
secretariat would say it."""

from __future__ import annotations

from icshub.errors import IcshubError


class GovernanceError(IcshubError, ValueError):
    """A request about committee business that cannot be carried out, with the reason for the officer."""
