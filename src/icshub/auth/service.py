"""Account use cases: creating users, changing roles and passwords, and logging in with throttling."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event, snapshot
from icshub.auth.models import LoginAttempt, User, UserAffiliation
from icshub.auth.passwords import hash_password, one_time_password, password_problem, verify_password
from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.auth.throttle import WINDOW, locked_until
from icshub.errors import IcshubError

USER_FIELDS = ("username", "display_name", "role", "active", "must_change_password")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


class AccountError(IcshubError, ValueError):
    """A request about an account that cannot be carried out, with a message for the person asking."""


@dataclass(frozen=True)
class NewUser:
    user: User
    password: str
    generated: bool


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def get_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.lower()))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def create_user(
    session: Session,
    actor: Actor,
    username: str,
    role: Role,
    display_name: str | None = None,
    password: str | None = None,
) -> NewUser:
    """A new account; without a password, a one-time password is generated and must be changed at login."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise AccountError(
            f"'{username}' is not a valid username: use 2 to 80 lower-case letters, digits, dots, dashes or underscores"
        )
    if get_user(session, username) is not None:
        raise AccountError(f"There is already a user called '{username}'.")
    generated = password is None
    if password is None:
        password = one_time_password()
    elif problem := password_problem(password):
        raise AccountError(problem)
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=hash_password(password),
        role=role.value,
        active=True,
        must_change_password=generated,
        created_at=_now(),
    )
    session.add(user)
    session.flush()
    record_event(session, actor, "users.create", "user", username, None, snapshot(user, USER_FIELDS))
    return NewUser(user, password, generated)


def set_role(session: Session, actor: Actor, username: str, role: Role) -> User:
    user = get_user(session, username)
    if user is None:
        raise AccountError(f"There is no user called '{username}'.")
    before = snapshot(user, USER_FIELDS)
    user.role = role.value
    record_event(session, actor, "users.set_role", "user", user.username, before, snapshot(user, USER_FIELDS))
    return user


def reset_password(session: Session, actor: Actor, username: str) -> str:
    """Give ``username`` a new one-time password (returned once, never stored in clear)."""
    user = get_user(session, username)
    if user is None:
        raise AccountError(f"There is no user called '{username}'.")
    password = one_time_password()
    before = snapshot(user, USER_FIELDS)
    user.password_hash = hash_password(password)
    user.must_change_password = True
    record_event(session, actor, "users.reset_password", "user", user.username, before, snapshot(user, USER_FIELDS))
    return password


def active_user(session: Session, user_id: int) -> User | None:
    """The account with ``user_id`` if it still exists and is active: a session cookie outlives neither."""
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def change_password(session: Session, user: User, current: str, new: str, confirm: str | None = None) -> None:
    """Change ``user``'s own password; ``confirm``, when given, must repeat ``new`` (as the form asks)."""
    if confirm is not None and new != confirm:
        raise AccountError("The two new passwords are not the same.")
    if not verify_password(user.password_hash, current):
        raise AccountError("The current password is not right.")
    if problem := password_problem(new):
        raise AccountError(problem)
    if new == current:
        raise AccountError("Choose a password different from the one you have.")
    before = snapshot(user, USER_FIELDS)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    actor = Actor(user.username, user.id)
    record_event(session, actor, "users.change_password", "user", user.username, before, snapshot(user, USER_FIELDS))


def principal_for(user: User) -> Principal:
    return Principal(Role(user.role), user.id, user.username, user.display_name)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked_until: datetime | None = None

    @property
    def succeeded(self) -> bool:
        return self.user is not None


def _failures_since_success(session: Session, column, value: str, now: datetime) -> list[datetime]:
    attempts = session.scalars(
        select(LoginAttempt).where(column == value, LoginAttempt.at > now - WINDOW).order_by(LoginAttempt.at)
    )
    failures: list[datetime] = []
    for attempt in attempts:
        if attempt.succeeded:
            failures.clear()
        else:
            failures.append(_aware(attempt.at))
    return failures


def log_in(session: Session, username: str, password: str, client: str) -> LoginResult:
    """Check a username and password, refusing while too many recent failures lock them out."""
    now = _now()
    username = username.strip().lower()[:80]
    lock = locked_until(
        _failures_since_success(session, LoginAttempt.username, username, now),
        _failures_since_success(session, LoginAttempt.client, client, now),
        now,
    )
    if lock is not None:
        return LoginResult(None, lock)
    user = get_user(session, username)
    ok = user is not None and user.active and verify_password(user.password_hash, password)
    session.add(LoginAttempt(username=username, client=client[:64], at=now, succeeded=ok))
    if not ok:
        return LoginResult(None)
    user.last_login_at = now
    record_event(session, Actor(user.username, user.id), "users.login", "user", user.username)
    return LoginResult(user)


def acts_for(session: Session, user_id: int | None) -> set[tuple[str, int]]:
    """The registry bodies a user acts for, as (kind, id)."""
    if user_id is None:
        return set()
    bodies: set[tuple[str, int]] = set()
    for a in session.scalars(select(UserAffiliation).where(UserAffiliation.user_id == user_id)):
        for kind in ("organisation", "partnership", "committee"):
            if (target := getattr(a, f"{kind}_id")) is not None:
                bodies.add((kind, target))
    return bodies


def affiliate(session: Session, actor: Actor, username: str, kind: str, body_id: int, body_key: str) -> None:
    """Record that ``username`` acts for a body of the registry (what it leads, they may update)."""
    user = get_user(session, username)
    if user is None:
        raise AccountError(f"There is no user called '{username}'.")
    if (kind, body_id) in acts_for(session, user.id):
        raise AccountError(f"{username} already acts for the {kind} '{body_key}'.")
    session.add(UserAffiliation(user_id=user.id, **{f"{kind}_id": body_id}))
    record_event(session, actor, "users.affiliate", "user", user.username, None, {kind: body_key})
