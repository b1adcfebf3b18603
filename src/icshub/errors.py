"""The one base of every error a person reads.

Each domain's errors derive from ``IcshubError`` and carry, as their message, the sentence an analyst or
officer reads: what is wrong and what to do about it. So the interfaces catch this one class: the command
line prints the message and exits with 1, and the web answers 400 (403 for ``NotAllowed``) with it.
"""

from __future__ import annotations


class IcshubError(Exception):
    """An error whose message is written for the person who caused it or can fix it."""

    @property
    def message(self) -> str:
        """The message as a person reads it."""
        return str(self)
