"""The one permission policy: every route and every command asks here whether an action is allowed.

Permissions are named ``domain.action``. A role grants a set of them; the anonymous visitor has the
``public`` role. Rules that depend on a relationship (a care coordinator and the people on their team's
worklist, a lead and what it leads) are decided here too, as their domains arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from icshub.auth.roles import Role
from icshub.errors import IcshubError


class Permission(StrEnum):
    REGISTRY_READ = "registry.read"
    REGISTRY_IMPORT = "registry.import"
    REGISTRY_EXPORT = "registry.export"
    USERS_MANAGE = "users.manage"
    AUDIT_READ = "audit.read"
    ACCOUNT_USE = "account.use"
    SIGN_OUT = "account.sign_out"
    STRATEGY_READ = "strategy.read"
    STRATEGY_READ_DRAFTS = "strategy.read_drafts"
    PROGRESS_UPDATE = "strategy.progress.update"
    PROGRESS_UPDATE_ANY = "strategy.progress.update_any"
    PROGRESS_PUBLISH = "strategy.progress.publish"
    PLAN_MANAGE = "strategy.plan.manage"
    POPULATION_AGGREGATES = "population.aggregates"
    GOVERNANCE_READ = "governance.read"
    GOVERNANCE_MANAGE = "governance.manage"
    GOVERNANCE_CONFIDENTIAL = "governance.confidential"
    COHORTS_SAVE = "population.cohorts.save"


_PUBLIC = frozenset(
    {
        Permission.REGISTRY_READ,
        Permission.REGISTRY_EXPORT,
        Permission.STRATEGY_READ,
        Permission.GOVERNANCE_READ,
        Permission.SIGN_OUT,
    }
)
_SIGNED_IN = _PUBLIC | {Permission.ACCOUNT_USE, Permission.STRATEGY_READ_DRAFTS}
_OFFICER = _SIGNED_IN | {
    Permission.PROGRESS_UPDATE,
    Permission.PROGRESS_UPDATE_ANY,
    Permission.PROGRESS_PUBLISH,
    Permission.PLAN_MANAGE,
    Permission.GOVERNANCE_MANAGE,
    Permission.GOVERNANCE_CONFIDENTIAL,
}
# Aggregate population figures, and the cohort definitions that make them (never person-level rows).
_ANALYSIS = frozenset({Permission.POPULATION_AGGREGATES, Permission.COHORTS_SAVE})

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.PUBLIC: _PUBLIC,
    Role.PARTNER_MEMBER: _SIGNED_IN | {Permission.PROGRESS_UPDATE},
    Role.OFFICER: _OFFICER | _ANALYSIS,
    Role.ANALYST: _SIGNED_IN | _ANALYSIS,
    Role.CARE_COORDINATOR: _SIGNED_IN,
    Role.ADMINISTRATOR: _OFFICER
    | _ANALYSIS
    | {Permission.REGISTRY_IMPORT, Permission.USERS_MANAGE, Permission.AUDIT_READ},
}


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user, or the anonymous public."""

    role: Role
    user_id: int | None = None
    username: str | None = None
    display_name: str | None = None
    # A one-time password not yet changed: nothing but changing it (or signing out) is allowed.
    must_change_password: bool = False

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def shown_as(self) -> str:
        """How the person is named where others see what they did: their name and role, never the username
        they sign in with (half of what it takes to sign in as them)."""
        if not self.signed_in and self.display_name is None:
            return "A member of the public"
        return f"{self.display_name or 'Unnamed account'} ({self.role.label.lower()})"


ANONYMOUS = Principal(Role.PUBLIC)


# What someone signed in with a one-time password may do before choosing their own.
BEFORE_PASSWORD_CHANGE = frozenset({Permission.ACCOUNT_USE, Permission.SIGN_OUT})


def allows(principal: Principal, permission: Permission) -> bool:
    """Whether ``principal`` may do ``permission``. Every signed-in account may use its own account (a
    ``public`` one included), and nothing else until a one-time password is changed."""
    if principal.must_change_password and permission not in BEFORE_PASSWORD_CHANGE:
        return False
    if permission is Permission.ACCOUNT_USE:
        return principal.signed_in
    return permission in GRANTS[principal.role]


class NotAllowed(IcshubError):
    """Raised when a principal asks for something the policy does not allow them."""

    def __init__(self, principal: Principal, permission: Permission) -> None:
        self.principal = principal
        self.permission = permission
        who = principal.username or "A visitor who is not signed in"
        super().__init__(f"{who} ({principal.role.label}) may not do {permission.value}")


class PasswordChangeRequired(NotAllowed):
    """Raised for anything but changing it while a one-time password is still in use."""

    def __init__(self, principal: Principal, permission: Permission) -> None:
        self.principal = principal
        self.permission = permission
        IcshubError.__init__(self, "Choose your own password before you go on: the one you were given works only once.")


def require(principal: Principal, permission: Permission) -> None:
    """Refuse what ``allows`` does not allow; a one-time password still in use is refused as such."""
    if not allows(principal, permission):
        error = PasswordChangeRequired if principal.must_change_password else NotAllowed
        raise error(principal, permission)


Body = tuple[str, int]
"""A registry body as (kind, id): ('organisation', 3), ('partnership', 12) or ('committee', 5)."""


def may_update_progress(principal: Principal, acts_for: set[Body], leads: set[Body]) -> bool:
    """Officers may update any item; a lead's member may update only what a body they act for leads."""
    if allows(principal, Permission.PROGRESS_UPDATE_ANY):
        return True
    return allows(principal, Permission.PROGRESS_UPDATE) and bool(acts_for & leads)


def may_read_confidential(principal: Principal, acts_for: set[Body], committee: Body) -> bool:
    """Who may read a committee's Part 2 business (§13.1): officers and administrators (the secretariat) for
    every committee; a signed-in user for the committee they act for, as its members do."""
    if allows(principal, Permission.GOVERNANCE_CONFIDENTIAL):
        return True
    return allows(principal, Permission.ACCOUNT_USE) and committee in acts_for
