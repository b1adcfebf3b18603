"""Who is acting, as the audit log records it: a user, or a named process such as the command line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icshub.auth.policy import Principal


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user, or a named process such as the command line."""

    name: str
    user_id: int | None = None


SYSTEM_ACTOR = Actor("system")


def actor_for(principal: Principal) -> Actor:
    """The audit log's actor for ``principal`` (the public acts as 'anonymous')."""
    return Actor(principal.username or "anonymous", principal.user_id)
