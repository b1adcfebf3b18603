"""A database holding the Kent and Medway registry, built once per backend and module, for meeting tests."""

from __future__ import annotations

import pytest

from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.defaults import KENT_AND_MEDWAY
from icshub.installation import import_definition, initialise
from tests.conftest import BACKENDS, TEST_ACTOR, _settings_for

SECRETARIAT = Principal(Role.OFFICER, None, "secretariat.test", "Secretariat")


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, tmp_path_factory, postgres_schemas):
    """Settings of a migrated database holding the Kent and Medway registry."""
    settings = _settings_for(request.param, tmp_path_factory.mktemp("governance"), postgres_schemas)
    initialise(settings)
    import_definition(settings, KENT_AND_MEDWAY, TEST_ACTOR)
    yield settings
    if request.param == "postgresql":
        postgres_schemas.drop(settings.database_url)
