"""What the registry refuses: a request it cannot answer from the system it holds."""

from __future__ import annotations

from icshub.errors import IcshubError


class RegistryError(IcshubError, LookupError):
    """The registry cannot do what was asked, for the reason its message gives."""
