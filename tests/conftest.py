"""Shared fixtures: databases per backend (SQLite always, PostgreSQL when configured), copied from templates.

Set ICSHUB_TEST_POSTGRES_URL (the test command does, for 127.0.0.1:5432) to run every database test on
PostgreSQL as well. The templates (an empty migrated database, the Kent and Medway registry, the demo) are
built once per run and copied per test (``tests/databases.py``); ``demo`` is shared and must not be
changed, ``demo_copy`` and ``registry_copy`` are a test's own.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from icshub.auth.actor import Actor
from icshub.config import Settings
from icshub.defaults import KENT_AND_MEDWAY
from icshub.installation import DemoResult, build_demo, import_definition, initialise
from tests.databases import Copy, Databases, drop_run

# The test clients speak plain HTTP to the application, so its session cookie cannot be HTTPS-only here
# (tests/auth/test_sessions.py checks the flag itself).
os.environ.setdefault("ICSHUB_SECURE_COOKIES", "off")
POSTGRES_URL = os.environ.get("ICSHUB_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
TEST_ACTOR = Actor("pytest")


def _run_id(config: pytest.Config) -> str:
    """One id for the whole run, shared by every xdist worker (it names the run's PostgreSQL databases)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        return workerinput["testrunuid"][:10]
    if not hasattr(config, "_icshub_run"):
        config._icshub_run = uuid.uuid4().hex[:10]  # type: ignore[attr-defined]
    return config._icshub_run  # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller (or a run without xdist) drops every PostgreSQL database the run made."""
    if POSTGRES_URL and getattr(session.config, "workerinput", None) is None:
        drop_run(POSTGRES_URL, _run_id(session.config))


@pytest.fixture(scope="session")
def databases(request, tmp_path_factory) -> dict[str, Databases]:
    """Each backend's templates and copies; the templates live in a folder every worker shares."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "templates"
    run = _run_id(request.config)
    return {backend: Databases(backend, shared, run, POSTGRES_URL) for backend in BACKENDS}


def _initialised(settings: Settings) -> None:
    initialise(settings)


def _registry(settings: Settings) -> None:
    initialise(settings)
    import_definition(settings, KENT_AND_MEDWAY, TEST_ACTOR)


def _demo(settings: Settings) -> DemoResult:
    return build_demo(settings, TEST_ACTOR)


def _demo_without_figures(settings: Settings) -> DemoResult:
    return build_demo(settings, TEST_ACTOR, synthetic_values=False)


TEMPLATES: dict[str, Callable[[Settings], Any]] = {
    "initialised": _initialised,
    "registry": _registry,
    "demo": _demo,
    "demo-without-figures": _demo_without_figures,
}


@contextmanager
def copy_of(databases: Databases, template: str, home: Path) -> Iterator[Copy]:
    """A copy of ``template`` in ``home`` for one test or module, dropped afterwards."""
    copy = databases.copy(template, TEMPLATES[template], home)
    try:
        yield copy
    finally:
        databases.drop(copy.settings)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def empty_settings(backend: str, databases, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a data directory and database that do not exist yet (an empty database on PostgreSQL)."""
    settings = databases[backend].empty(tmp_path / "home")
    yield settings
    databases[backend].drop(settings)


@pytest.fixture
def settings(backend: str, databases, tmp_path: Path) -> Iterator[Settings]:
    """A migrated, empty database."""
    with copy_of(databases[backend], "initialised", tmp_path / "home") as copy:
        yield copy.settings


@pytest.fixture
def registry_copy(backend: str, databases, tmp_path: Path) -> Iterator[Settings]:
    """A database of this test's own holding the Kent and Medway registry."""
    with copy_of(databases[backend], "registry", tmp_path / "home") as copy:
        yield copy.settings


@pytest.fixture(scope="session", params=BACKENDS)
def demo(request, databases, tmp_path_factory):
    """The Kent and Medway demo, one per backend and worker, shared: tests must not change it."""
    with copy_of(databases[request.param], "demo", tmp_path_factory.mktemp(f"demo-{request.param}")) as copy:
        yield copy.settings, copy.built


@pytest.fixture
def demo_copy(backend: str, databases, tmp_path: Path):
    """A demo of this test's own, to change as it likes: ``(settings, what building it returned)``."""
    with copy_of(databases[backend], "demo", tmp_path / "home") as copy:
        yield copy.settings, copy.built


@pytest.fixture
def demo_without_figures_copy(backend: str, databases, tmp_path: Path):
    """A demo of this test's own without the synthetic indicator figures and population."""
    with copy_of(databases[backend], "demo-without-figures", tmp_path / "home") as copy:
        yield copy.settings, copy.built


@pytest.fixture
def definition_copy(tmp_path: Path) -> Path:
    """A writable copy of the Kent and Medway definition folder, for tests that break it on purpose."""
    target = tmp_path / "definition"
    shutil.copytree(KENT_AND_MEDWAY, target)
    return target


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that take the ``engine`` fixture are spec tests; those under tests/browser drive Chromium."""
    for item in items:
        if "engine" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.spec)
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def spark_session(tmp_path_factory) -> Iterator[None]:
    """With ICSHUB_ANALYTICS=spark, one small local Spark session for the run, which the engine then uses."""
    if os.environ.get("ICSHUB_ANALYTICS", "duckdb").strip().lower() != "spark":
        yield
        return
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield
    session.stop()
