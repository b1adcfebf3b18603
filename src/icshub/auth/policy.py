"""The one permission policy: every route and every command asks here whether an action is allowed.

Permissions are named ``domain.action``. A role grants a set of them; the anonymous visitor has the
``public`` role. Rules that depend on a relationship (a care coordinator and the people on their team's
worklist, a lead and what it leads) are decided here too, as their domains arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from icshub.auth.roles import Role


class Permission(StrEnum):
    REGISTRY_READ = "registry.read"
    REGISTRY_IMPORT = "registry.import"
    REGISTRY_EXPORT = "registry.export"
    USERS_MANAGE = "users.manage"
    AUDIT_READ = "audit.read"
    ACCOUNT_USE = "account.use"


_PUBLIC = frozenset({Permission.REGISTRY_READ, Permission.REGISTRY_EXPORT})
_SIGNED_IN = _PUBLIC | {Permission.ACCOUNT_USE}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.PUBLIC: _PUBLIC,
    Role.PARTNER_MEMBER: _SIGNED_IN,
    Role.OFFICER: _SIGNED_IN,
    Role.ANALYST: _SIGNED_IN,
    Role.CARE_COORDINATOR: _SIGNED_IN,
    Role.ADMINISTRATOR: _SIGNED_IN | {Permission.REGISTRY_IMPORT, Permission.USERS_MANAGE, Permission.AUDIT_READ},
}


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user, or the anonymous public."""

    role: Role
    user_id: int | None = None
    username: str | None = None
    display_name: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


ANONYMOUS = Principal(Role.PUBLIC)


def allows(principal: Principal, permission: Permission) -> bool:
    """Whether ``principal`` may do ``permission``."""
    return permission in GRANTS[principal.role]


class NotAllowed(Exception):
    """Raised when a principal asks for something the policy does not allow them."""

    def __init__(self, principal: Principal, permission: Permission) -> None:
        self.principal = principal
        self.permission = permission
        who = principal.username or "A visitor who is not signed in"
        super().__init__(f"{who} ({principal.role.label}) may not do {permission.value}")


def require(principal: Principal, permission: Permission) -> None:
    if not allows(principal, permission):
        raise NotAllowed(principal, permission)
