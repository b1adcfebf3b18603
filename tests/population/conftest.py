"""The ``engine`` fixture: every spec test runs on the pandas reference and on the run's analytics engine."""

from __future__ import annotations

import pytest

from tests.population.spec_engines import ENGINES


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param
