"""The population domain's use cases that write: loading a dataset into the analytics store from the
tidy layout, from Synthea's CSV output or from an OMOP CDM, and listing the datasets the store holds.

Each load is checked row by row and written whole or not at all (``icshub.population.load``); its
manifest says which adapter read which folder, the SHA-256 of each file read, whether the data are
synthetic, the currency of any costs, and the rows skipped and rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icshub.config import Settings
from icshub.population.adapters.omop import read_omop
from icshub.population.adapters.source_mapping import Adapted, load_adapted
from icshub.population.adapters.synthea import read_synthea
from icshub.population.load import LoadSummary, load_sources, read_tidy_folder
from icshub.population.store import dataset_path, list_datasets


@dataclass(frozen=True)
class Loaded:
    """What a load did: rows loaded and rejected by table, with each reject's problem (``summary``), and
    the rows an adapter left out on purpose, by file and reason (``skipped``)."""

    summary: LoadSummary
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)


def load_tidy(
    settings: Settings, folder: Path, name: str, accept_rejects: bool = False, synthetic: bool = False
) -> Loaded:
    """Load a folder in the tidy layout (``person.csv`` and optionally ``flag``, ``event``, ``coded``,
    already pseudonymised) as dataset ``name``."""
    dataset_path(settings.population_dir, name)
    manifest = {"source": folder.name, "adapter": "tidy", "synthetic": synthetic}
    return Loaded(load_sources(read_tidy_folder(folder), settings.population_dir, name, manifest, accept_rejects))


def load_synthea(settings: Settings, folder: Path, name: str, accept_rejects: bool = False) -> Loaded:
    """Load a folder of Synthea CSV output as dataset ``name``; Synthea's patients are always synthetic."""
    dataset_path(settings.population_dir, name)
    return _load(
        settings, read_synthea(folder, settings.pseudonym_key()), folder, "synthea", True, name, accept_rejects
    )


def load_omop(
    settings: Settings, folder: Path, name: str, accept_rejects: bool = False, synthetic: bool = False
) -> Loaded:
    """Load a folder of OMOP CDM 5.4 CSV tables as dataset ``name``; a CDM may hold real data, so the
    caller says whether it is ``synthetic``."""
    dataset_path(settings.population_dir, name)
    return _load(settings, read_omop(folder, settings.pseudonym_key()), folder, "omop", synthetic, name, accept_rejects)


def _load(
    settings: Settings, source: Adapted, folder: Path, adapter: str, synthetic: bool, name: str, accept_rejects: bool
) -> Loaded:
    manifest = {"source": folder.name, "adapter": adapter, "synthetic": synthetic}
    summary = load_adapted(source, settings.population_dir, name, manifest, accept_rejects)
    return Loaded(summary, source.skipped)


def datasets(settings: Settings) -> list[dict[str, Any]]:
    """The manifests of the datasets in the analytics store, by name."""
    return list_datasets(settings.population_dir)
