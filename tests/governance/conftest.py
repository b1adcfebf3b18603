"""A database holding the Kent and Medway registry, built once per backend and module, for meeting tests."""

from __future__ import annotations

import pytest

from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from tests.conftest import BACKENDS, copy_of

SECRETARIAT = Principal(Role.OFFICER, None, "secretariat.test", "Secretariat")


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, databases, tmp_path_factory):
    """Settings of a migrated database holding the Kent and Medway registry, copied once per module."""
    with copy_of(databases[request.param], "registry", tmp_path_factory.mktemp("governance")) as copy:
        yield copy.settings
