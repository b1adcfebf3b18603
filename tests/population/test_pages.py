"""Population pages: aggregates for those the policy allows, by system and place, never person-level."""

from __future__ import annotations

from dataclasses import replace

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient

from icshub.auth.roles import Role
from icshub.auth.service import create_user, get_user
from icshub.db.engine import engine_for, make_session_factory, transaction
from icshub.installation import sessions
from icshub.population.data_model import TABLES
from icshub.population.store import write_dataset
from icshub.registry import queries as registry
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.population.test_measures import population
from tests.web.conftest import csrf_from

PASSWORD = "correct horse battery"


@pytest.fixture
def analyst_client(demo, tmp_path):
    """The demo's database, with a population dataset in a data directory of this test's own."""
    settings = replace(demo[0], home=tmp_path)
    with sessions(settings)() as session:
        west_kent = registry.place_lsoas(session, registry.get_partnership(session, "west-kent"))[:2]
    frames = population()
    # The first two hand-made small areas become two of West Kent's.
    frames["person"]["lsoa"] = frames["person"]["lsoa"].replace({"E01000001": west_kent[0], "E01000002": west_kent[1]})
    with write_dataset(
        settings.population_dir, "web-test", {"source": "hand-made", "synthetic": True, "as_of": "2024-03-31"}
    ) as writer:
        for name, frame in frames.items():
            writer.write(name, pa.Table.from_pandas(frame, schema=TABLES[name].schema, preserve_index=False))
    with transaction(make_session_factory(engine_for(settings.database_url))) as session:
        for username, role in (("pop.analyst", Role.ANALYST), ("pop.partner", Role.PARTNER_MEMBER)):
            if get_user(session, username) is None:  # the demo is shared by the tests of a session
                create_user(session, TEST_ACTOR, username, role, password=PASSWORD)
    with TestClient(create_app(settings)) as client:
        yield client


def log_in(client: TestClient, username: str) -> None:
    token = csrf_from(client.get("/login").text)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})


def test_only_those_allowed_see_population_aggregates(analyst_client) -> None:
    assert analyst_client.get("/population").status_code == 401
    assert 'href="/population"' not in analyst_client.get("/").text
    log_in(analyst_client, "pop.partner")
    assert analyst_client.get("/population/web-test").status_code == 403
    log_in(analyst_client, "pop.analyst")
    index = analyst_client.get("/population")
    assert index.status_code == 200 and 'href="/population/web-test"' in index.text and "Synthetic" in index.text
    assert 'href="/population"' in analyst_client.get("/").text


@pytest.mark.slow
def test_the_profile_of_the_system_and_of_a_place(analyst_client) -> None:
    log_in(analyst_client, "pop.analyst")
    page = analyst_client.get("/population/web-test").text
    assert 'data-testid="synthetic-warning"' in page and "<strong>115</strong>" in page
    assert 'id="population-pyramid"' in page and "Most deprived quintile" in page
    # No pseudonym, let alone an identifier, reaches the page.
    assert "0" * 40 not in page
    place = analyst_client.get("/population/web-test", params={"place": "west-kent"}).text
    assert "<strong>50</strong>" in place and "West Kent" in place
    assert analyst_client.get("/population/web-test", params={"place": "atlantis"}).status_code == 404
    assert analyst_client.get("/population/no-such-dataset").status_code == 404
