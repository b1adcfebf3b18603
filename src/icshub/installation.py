"""Setting up an installation: the data directory, the database, the default system and its administrator.

These are the steps behind ``icshub init`` and ``icshub demo``; each can be run again safely.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from icshub.auth.actor import Actor
from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.auth.service import create_user, get_user, reset_password
from icshub.config import Settings
from icshub.db.engine import engine_for, make_session_factory, transaction
from icshub.db.migrate import upgrade
from icshub.defaults import DEMO_NAME, DEMO_PEOPLE, DEMO_SEED, KENT_AND_MEDWAY
from icshub.governance.services.demo_meetings import seed_demo_meetings
from icshub.indicators.definition import read_indicators
from icshub.indicators.load import read_fingertips, read_tidy
from icshub.indicators.models import DataImport
from icshub.indicators.queries import synthetic_specs
from icshub.indicators.service import IndicatorImportSummary, import_indicators, import_values, indicator_infos
from icshub.indicators.synthetic import synthetic_series
from icshub.population.services.synthetic_population import synthesise
from icshub.registry.boundaries import install_boundaries
from icshub.registry.load import load_bundle
from icshub.registry.queries import list_partnerships
from icshub.registry.services.definition_import import ImportSummary, import_registry
from icshub.registry.small_areas import small_area_table
from icshub.registry.vocabulary import PartnershipType
from icshub.strategy.definition import read_plan
from icshub.strategy.services.plan_versions import PlanImportSummary, import_plan
from icshub.strategy.vocabulary import PlanStatus

ADMIN_USERNAME = "admin"
SYNTHETIC_SOURCE = (
    f"Synthetic series made by icshub's demo generator (seed {DEMO_SEED}), anchored on the plan's baselines: "
    "not real data"
)


def initialise(settings: Settings) -> Engine:
    """Create the data directory and bring the database up to the latest migration."""
    settings.home.mkdir(parents=True, exist_ok=True)
    settings.secret_key()
    upgrade(settings.database_url)
    return engine_for(settings.database_url)


def sessions(settings: Settings) -> sessionmaker[Session]:
    return make_session_factory(engine_for(settings.database_url))


def import_definition(settings: Settings, path: Path, actor: Actor) -> ImportSummary:
    """Validate the definition at ``path`` and all its datasets, then write them in one transaction.

    Nothing is written if any file has a problem: ``ImportRefused`` lists them all.
    """
    bundle = load_bundle(path)
    with transaction(sessions(settings)) as session:
        summary = import_registry(session, bundle, actor)
    install_boundaries(bundle, settings.home)
    return summary


def import_plan_file(
    settings: Settings, path: Path, actor: Actor, publish: bool = False, replace_published: bool = False
) -> PlanImportSummary:
    """Validate a plan file against itself and the registry, then write the version in one transaction.

    A new version is a draft unless ``publish``; an existing one keeps its status unless ``publish``. A
    published version is replaced (dropping or changing items) only with ``replace_published``.
    """
    definition, document = read_plan(path)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    status = PlanStatus.PUBLISHED if publish else None
    with transaction(sessions(settings)) as session:
        return import_plan(session, definition, document, path.name, actor, sha256, status, replace_published)


def import_indicators_file(settings: Settings, path: Path, actor: Actor) -> IndicatorImportSummary:
    """Validate an indicators file against its plan version and the registry, then write it."""
    definition, document = read_indicators(path)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    with transaction(sessions(settings)) as session:
        return import_indicators(session, definition, document, path.name, actor, sha256)


def import_values_file(
    settings: Settings,
    path: Path,
    actor: Actor,
    source: str,
    indicator: str | None = None,
    fingertips_id: str | None = None,
    synthetic: bool = False,
) -> DataImport:
    """Read indicator values (the tidy layout, or a Fingertips download for ``indicator``), check every row,
    then write them all with their provenance in one transaction."""
    with transaction(sessions(settings)) as session:
        infos = indicator_infos(session)
        if indicator is None:
            places = {p.key for p in list_partnerships(session, type=PartnershipType.PLACE.value)}
            records, layout = read_tidy(path, infos, places), "tidy"
        else:
            records, layout = read_fingertips(path, indicator, infos, fingertips_id), "fingertips"
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        return import_values(session, records, layout, source, path.name, sha256, actor, synthetic)


def write_synthetic_values(settings: Settings, path: Path, seed: int = DEMO_SEED) -> int:
    """Write the synthetic demo series of every eligible indicator to ``path`` in the tidy layout; the rows."""
    with sessions(settings)() as session:
        table = synthetic_series(synthetic_specs(session), small_area_table(session), seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, float_format="%.6g")
    return len(table)


@dataclass(frozen=True)
class DemoResult:
    summary: ImportSummary
    plan: PlanImportSummary
    admin_username: str
    admin_password: str
    synthetic_figures: int = 0
    synthetic_people: int = 0


def build_demo(settings: Settings, actor: Actor, synthetic_values: bool = True) -> DemoResult:
    """Build the Kent and Medway default and give the administrator a fresh one-time password.

    With ``synthetic_values`` the indicators get the demo's synthetic series (labelled as such), and the
    analytics store gets a synthetic population of 10,000 people (dataset ``kent-medway-synthetic``)."""
    initialise(settings)
    summary = import_definition(settings, KENT_AND_MEDWAY, actor)
    plan = import_plan_file(settings, KENT_AND_MEDWAY / "plan.yaml", actor, publish=True)
    import_indicators_file(settings, KENT_AND_MEDWAY / "indicators.yaml", actor)
    figures = people = 0
    if synthetic_values:
        people = synthesise(settings, DEMO_NAME, DEMO_PEOPLE, DEMO_SEED, actor=actor).people
        synthetic = settings.home / "demo" / "synthetic-indicator-values.csv"
        write_synthetic_values(settings, synthetic)
        figures = import_values_file(settings, synthetic, actor, SYNTHETIC_SOURCE, synthetic=True).rows
    with transaction(sessions(settings)) as session:
        seed_demo_meetings(session, Principal(Role.ADMINISTRATOR, None, actor.name), date.today())
        if get_user(session, ADMIN_USERNAME) is None:
            password = create_user(session, actor, ADMIN_USERNAME, Role.ADMINISTRATOR, "Administrator").password
        else:
            password = reset_password(session, actor, ADMIN_USERNAME)
    return DemoResult(summary, plan, ADMIN_USERNAME, password, figures, people)
