"""The population domain's use cases that write: loading a dataset into the analytics store from the
tidy layout, from Synthea's CSV output or from an OMOP CDM, and listing the datasets the store holds.

Each load is checked row by row and written whole or not at all (``icshub.population.load``), and audited
with the dataset's description before and after (never a row of it); its
manifest says which adapter read which folder, the SHA-256 of each file read, whether the data are
synthetic, the currency of any costs, and the rows skipped and rejected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icshub.auth.actor import SYSTEM_ACTOR, Actor
from icshub.auth.audit import record_event
from icshub.config import Settings
from icshub.db.engine import engine_for, make_session_factory, transaction
from icshub.db.migrate import current_revision, head_revision
from icshub.population.adapters.omop import read_omop
from icshub.population.adapters.source_mapping import Adapted, load_adapted
from icshub.population.adapters.synthea import read_synthea
from icshub.population.errors import PopulationError
from icshub.population.load import LoadSummary, load_sources, read_tidy_folder
from icshub.population.store import dataset_path, list_datasets, read_manifest


@dataclass(frozen=True)
class Loaded:
    """What a load did: rows loaded and rejected by table, with each reject's problem (``summary``), and
    the rows an adapter left out on purpose, by file and reason (``skipped``)."""

    summary: LoadSummary
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)


def _described(manifest: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the audit keeps of a dataset: where it came from and its tables' rows and hashes (never a row)."""
    if manifest is None:
        return None
    keep = ("source", "adapter", "synthetic", "seed", "scale", "written_at", "tables")
    return {key: manifest[key] for key in keep if key in manifest}


@contextmanager
def audited_write(settings: Settings, actor: Actor, action: str, name: str) -> Iterator[None]:
    """Write dataset ``name`` inside this block and audit it, with the dataset before and after, in the same
    transaction of the operational database: a write that fails is not audited, and one that is not
    audited fails."""
    engine = engine_for(settings.database_url)
    if current_revision(engine) != head_revision(settings.database_url):
        raise PopulationError(
            f"The database in {settings.home} is not set up or not up to date, and loads are audited there: "
            "run 'icshub init' first."
        )
    root = settings.population_dir
    try:
        before = read_manifest(root, name)
    except FileNotFoundError:
        before = None
    with transaction(make_session_factory(engine)) as session:
        yield
        after = read_manifest(root, name)
        record_event(session, actor, action, "dataset", name, _described(before), _described(after))


def load_tidy(
    settings: Settings,
    folder: Path,
    name: str,
    accept_rejects: bool = False,
    synthetic: bool = False,
    actor: Actor = SYSTEM_ACTOR,
) -> Loaded:
    """Load a folder in the tidy layout (``person.csv`` and optionally ``flag``, ``event``, ``coded``,
    already pseudonymised) as dataset ``name``."""
    dataset_path(settings.population_dir, name)
    manifest = {"source": folder.name, "adapter": "tidy", "synthetic": synthetic}
    with audited_write(settings, actor, "population.dataset.load", name):
        summary = load_sources(read_tidy_folder(folder), settings.population_dir, name, manifest, accept_rejects)
    return Loaded(summary)


def load_synthea(
    settings: Settings, folder: Path, name: str, accept_rejects: bool = False, actor: Actor = SYSTEM_ACTOR
) -> Loaded:
    """Load a folder of Synthea CSV output as dataset ``name``; Synthea's patients are always synthetic."""
    dataset_path(settings.population_dir, name)
    read = lambda: read_synthea(folder, settings.pseudonym_key())  # noqa: E731
    return _load(settings, read, folder, "synthea", True, name, accept_rejects, actor)


def load_omop(
    settings: Settings,
    folder: Path,
    name: str,
    accept_rejects: bool = False,
    synthetic: bool = False,
    actor: Actor = SYSTEM_ACTOR,
) -> Loaded:
    """Load a folder of OMOP CDM 5.4 CSV tables as dataset ``name``; a CDM may hold real data, so the
    caller says whether it is ``synthetic``."""
    dataset_path(settings.population_dir, name)
    read = lambda: read_omop(folder, settings.pseudonym_key())  # noqa: E731
    return _load(settings, read, folder, "omop", synthetic, name, accept_rejects, actor)


def _load(
    settings: Settings,
    read: Callable[[], Adapted],
    folder: Path,
    adapter: str,
    synthetic: bool,
    name: str,
    accept_rejects: bool,
    actor: Actor,
) -> Loaded:
    manifest = {"source": folder.name, "adapter": adapter, "synthetic": synthetic}
    with audited_write(settings, actor, "population.dataset.load", name):
        source = read()
        summary = load_adapted(source, settings.population_dir, name, manifest, accept_rejects)
    return Loaded(summary, source.skipped)


def datasets(settings: Settings) -> list[dict[str, Any]]:
    """The manifests of the datasets in the analytics store, by name."""
    return list_datasets(settings.population_dir)
