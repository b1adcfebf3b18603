"""Accounts: creation, roles, one-time passwords, logging in, lock-out and the audit of each."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from icshub.auth.models import AuditEvent, User
from icshub.auth.roles import Role
from icshub.auth.service import AccountError, change_password, create_user, log_in, reset_password, set_role
from icshub.db.engine import engine_for, make_session_factory, transaction
from tests.conftest import TEST_ACTOR


@pytest.fixture
def factory(settings):
    return make_session_factory(engine_for(settings.database_url))


def test_a_new_user_gets_a_one_time_password_stored_only_as_a_hash(factory) -> None:
    with transaction(factory) as session:
        new = create_user(session, TEST_ACTOR, "Alex.Analyst", Role.ANALYST, "Alex")
    assert new.generated and len(new.password) >= 16
    with factory() as session:
        user = session.scalar(select(User))
        assert user.username == "alex.analyst" and user.role == "analyst" and user.must_change_password
        assert new.password not in user.password_hash and user.password_hash.startswith("$argon2id$")
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "users.create"))
        assert event.after["role"] == "analyst" and "password_hash" not in event.after


def test_usernames_are_unique_and_well_formed(factory) -> None:
    with transaction(factory) as session:
        create_user(session, TEST_ACTOR, "sam", Role.OFFICER)
    with pytest.raises(AccountError, match="already a user"), transaction(factory) as session:
        create_user(session, TEST_ACTOR, "SAM", Role.OFFICER)
    with pytest.raises(AccountError, match="not a valid username"), transaction(factory) as session:
        create_user(session, TEST_ACTOR, "sam smith", Role.OFFICER)


def test_a_chosen_password_must_be_long_enough(factory) -> None:
    with pytest.raises(AccountError, match="12 characters"), transaction(factory) as session:
        create_user(session, TEST_ACTOR, "sam", Role.OFFICER, password="short")


def test_log_in_checks_the_password_and_records_the_attempt(factory) -> None:
    with transaction(factory) as session:
        password = create_user(session, TEST_ACTOR, "sam", Role.OFFICER).password
    assert not log_in(factory, "sam", "wrong password", "10.0.0.1").succeeded
    result = log_in(factory, "Sam", password, "10.0.0.1")
    assert result.succeeded and result.user.username == "sam"


def test_five_failures_lock_the_username_even_with_the_right_password(factory) -> None:
    with transaction(factory) as session:
        password = create_user(session, TEST_ACTOR, "sam", Role.OFFICER).password
    for _ in range(5):
        assert not log_in(factory, "sam", "guess", "10.0.0.2").succeeded
    result = log_in(factory, "sam", password, "10.0.0.3")
    assert not result.succeeded and result.locked_until is not None


def test_a_success_clears_earlier_failures(factory) -> None:
    with transaction(factory) as session:
        password = create_user(session, TEST_ACTOR, "sam", Role.OFFICER).password
    for attempt in ["guess"] * 4 + [password] + ["guess"] * 4 + [password]:
        result = log_in(factory, "sam", attempt, "10.0.0.4")
        assert result.locked_until is None


def test_roles_and_passwords_change_with_an_audit_trail(factory) -> None:
    with transaction(factory) as session:
        create_user(session, TEST_ACTOR, "sam", Role.OFFICER)
        set_role(session, TEST_ACTOR, "sam", Role.ADMINISTRATOR)
        one_time = reset_password(session, TEST_ACTOR, "sam")
    with transaction(factory) as session:
        user = session.scalar(select(User))
        assert user.role == "administrator" and user.must_change_password
        with pytest.raises(AccountError, match="current password"):
            change_password(session, user, "not it", "a much longer password")
        change_password(session, user, one_time, "a much longer password")
        assert not user.must_change_password
    with factory() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["users.create", "users.set_role", "users.reset_password", "users.change_password"]
    with pytest.raises(AccountError, match="no user"), transaction(factory) as session:
        set_role(session, TEST_ACTOR, "nobody", Role.OFFICER)
