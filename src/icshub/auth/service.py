"""Account use cases: creating users, changing roles and passwords, logging in with throttling, and the
signed-in sessions kept on the server (ended at sign-out, by a password change, or by the user)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from icshub.auth.actor import Actor
from icshub.auth.audit import apart, record_event, snapshot
from icshub.auth.models import LoginAttempt, SignedInSession, User, UserAffiliation
from icshub.auth.passwords import hash_password, one_time_password, password_problem, verify_password
from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.auth.throttle import WINDOW, locked_until
from icshub.db.engine import transaction
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
    end_sessions(session, user.id, "password reset")
    record_event(session, actor, "users.reset_password", "user", user.username, before, snapshot(user, USER_FIELDS))
    return password


def active_user(session: Session, user_id: int) -> User | None:
    """The account with ``user_id`` if it still exists and is active: a session cookie outlives neither."""
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def change_password(
    session: Session, user: User, current: str, new: str, confirm: str | None = None, keep_session: str | None = None
) -> None:
    """Change ``user``'s own password; ``confirm``, when given, must repeat ``new`` (as the form asks). Every
    other session of theirs ends; ``keep_session`` is the token of the one they changed it in."""
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
    end_sessions(session, user.id, "password changed", keep=keep_session)
    actor = Actor(user.username, user.id)
    record_event(session, actor, "users.change_password", "user", user.username, before, snapshot(user, USER_FIELDS))


def principal_for(user: User) -> Principal:
    return Principal(Role(user.role), user.id, user.username, user.display_name, user.must_change_password)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked_until: datetime | None = None

    @property
    def succeeded(self) -> bool:
        return self.user is not None


# Checked when no such account exists, so that an unknown username takes as long to refuse as a known one.
_NO_SUCH_ACCOUNT = hash_password(secrets.token_urlsafe(24))


def _failures_before(session: Session, attempt: LoginAttempt, window_start: datetime) -> tuple[list, list]:
    """The failed attempts recorded before ``attempt`` in the window: for its username since that username's
    last success, and from its client whatever happened in between (a success on one account does not
    reset a client's count). Attempts still being checked count as failures, so parallel guesses are
    counted as they arrive."""
    earlier = select(LoginAttempt).where(LoginAttempt.id < attempt.id, LoginAttempt.at > window_start)
    by_username: list[datetime] = []
    for row in session.scalars(earlier.where(LoginAttempt.username == attempt.username).order_by(LoginAttempt.id)):
        if row.succeeded:
            by_username.clear()
        else:
            by_username.append(_aware(row.at))
    failed_from_client = earlier.where(LoginAttempt.client == attempt.client, LoginAttempt.succeeded.is_(False))
    by_client = [_aware(row.at) for row in session.scalars(failed_from_client)]
    return by_username, by_client


def log_in(factory: sessionmaker[Session], username: str, password: str, client: str) -> LoginResult:
    """Check a username and password, refusing while too many recent failures lock them out.

    The attempt is recorded (as a failure until it succeeds) and committed before the password is checked,
    so concurrent attempts see each other; every failure is audited. Runs its own transactions.
    """
    now = _now()
    username = username.strip().lower()[:80]
    with transaction(factory) as session:
        attempt = LoginAttempt(username=username, client=client[:64], at=now, succeeded=False)
        session.add(attempt)
    with transaction(factory) as session:
        attempt = session.get(LoginAttempt, attempt.id)
        lock = locked_until(*_failures_before(session, attempt, now - WINDOW), now)
        user = get_user(session, username)
        checked = verify_password(user.password_hash if user else _NO_SUCH_ACCOUNT, password)
        ok = lock is None and user is not None and user.active and checked
        if not ok:
            reason = "locked out" if lock is not None else "wrong username or password"
            record_event(session, Actor(username or "anonymous"), "users.login_failed", "user", username, detail=reason)
            return LoginResult(None, lock)
        attempt.succeeded = True
        user.last_login_at = now
        record_event(session, Actor(user.username, user.id), "users.login", "user", user.username)
        return LoginResult(user)


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User, client: str, user_agent: str) -> str:
    """A new signed-in session for ``user``; the token for the cookie (only its digest is kept)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    session.add(
        SignedInSession(
            token_sha256=_token_digest(token),
            user_id=user.id,
            started_at=now,
            last_seen_at=now,
            client=client[:64],
            user_agent=user_agent[:200],
        )
    )
    return token


# A session's last use is written at most this often, not on every request.
SEEN_EVERY = timedelta(minutes=1)


def session_user(session: Session, token: str) -> User | None:
    """The active account of the live session ``token`` names, or None (ended, unknown, account gone)."""
    row = session.scalar(
        select(SignedInSession).where(
            SignedInSession.token_sha256 == _token_digest(token), SignedInSession.ended_at.is_(None)
        )
    )
    user = active_user(session, row.user_id) if row is not None else None
    if user is not None and _now() - _aware(row.last_seen_at) > SEEN_EVERY:
        seen = update(SignedInSession).where(SignedInSession.id == row.id).values(last_seen_at=_now())
        apart(session, lambda own: own.execute(seen))  # a request that only reads stays a reader
    return user


def _end(session: Session, rows: list[SignedInSession], because: str) -> int:
    now = _now()
    for row in rows:
        row.ended_at, row.ended_because = now, because
    return len(rows)


def end_session(session: Session, token: str, because: str = "signed out") -> None:
    """End the session ``token`` names: its cookie is then worth nothing, wherever a copy of it is."""
    live = select(SignedInSession).where(
        SignedInSession.token_sha256 == _token_digest(token), SignedInSession.ended_at.is_(None)
    )
    _end(session, list(session.scalars(live)), because)


def end_sessions(session: Session, user_id: int, because: str, keep: str | None = None) -> int:
    """End every live session of the user (but the one whose token is ``keep``); how many were ended."""
    live = select(SignedInSession).where(SignedInSession.user_id == user_id, SignedInSession.ended_at.is_(None))
    if keep is not None:
        live = live.where(SignedInSession.token_sha256 != _token_digest(keep))
    return _end(session, list(session.scalars(live)), because)


def end_own_session(session: Session, user_id: int, session_id: int) -> None:
    """End one of the user's own sessions, from the list of them; another's is refused as unknown."""
    row = session.get(SignedInSession, session_id)
    if row is None or row.user_id != user_id or row.ended_at is not None:
        raise AccountError("You have no such session signed in.")
    _end(session, [row], "ended by the user")


def live_sessions(session: Session, user_id: int) -> list[SignedInSession]:
    """The user's sessions still signed in, the most recently used first."""
    query = select(SignedInSession).where(SignedInSession.user_id == user_id, SignedInSession.ended_at.is_(None))
    return list(session.scalars(query.order_by(SignedInSession.last_seen_at.desc())))


def is_current_session(row: SignedInSession, token: str | None) -> bool:
    return token is not None and row.token_sha256 == _token_digest(token)


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
