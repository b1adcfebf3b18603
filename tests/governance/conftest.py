"""A database holding the Kent and Medway registry, built once per backend and module, for meeting tests."""

from __future__ import annotations

import pytest

from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.governance import chronology
from tests.conftest import BACKENDS, copy_of

SECRETARIAT = Principal(Role.OFFICER, None, "secretariat.test", "Secretariat")


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, databases, tmp_path_factory):
    """Settings of a migrated database holding the Kent and Medway registry, copied once per module."""
    with copy_of(databases[request.param], "registry", tmp_path_factory.mktemp("governance")) as copy:
        yield copy.settings


@pytest.fixture(scope="module", autouse=True)
def use_case_clock():
    """The meeting use cases take today from ``helpers.CLOCK`` in this module, its fixtures included (the
    real today until a helper or a test moves it)."""
    from tests.governance.helpers import CLOCK

    real = chronology.london_today
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chronology, "london_today", lambda now=None: CLOCK.today or real(now))
        CLOCK.today = None
        yield CLOCK


@pytest.fixture(autouse=True)
def clock(use_case_clock):
    """Each test starts on the real today, whatever a module fixture moved the clock to."""
    use_case_clock.today = None
    return use_case_clock
