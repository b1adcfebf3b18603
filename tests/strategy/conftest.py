"""A registry with the small fixture plan, built once per backend and module."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.db.engine import engine_for, make_session_factory
from icshub.installation import import_plan_file
from tests.conftest import BACKENDS, TEST_ACTOR, copy_of

FIXTURE_PLAN = Path(__file__).parent / "fixture_plan.yaml"
TODAY = date(2025, 6, 1)
OFFICER = Principal(Role.OFFICER, None, "officer.test", "Officer")


@pytest.fixture(scope="module", params=BACKENDS)
def planned(request, databases, tmp_path_factory):
    """Settings of a database holding the Kent and Medway registry and the fixture plan 'test-1'."""
    with copy_of(databases[request.param], "registry", tmp_path_factory.mktemp("plan")) as copy:
        import_plan_file(copy.settings, FIXTURE_PLAN, TEST_ACTOR, publish=True)
        yield copy.settings


@pytest.fixture
def session(planned):
    with make_session_factory(engine_for(planned.database_url))() as session:
        yield session


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    target = tmp_path / "plan.yaml"
    shutil.copyfile(FIXTURE_PLAN, target)
    return target
