"""The tidy loader and the analytics store: refusals name file, line and field; a load that fails midway
leaves the earlier dataset as it was; the manifest records rows and hashes; Ibis on DuckDB reads the
tables back. And the pseudonyms: NHS numbers checked with modulus 11, keyed, deterministic."""

from __future__ import annotations

import hashlib
import json
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from icshub.auth.actor import Actor
from icshub.auth.audit import recent_events
from icshub.config import Settings
from icshub.installation import sessions
from icshub.loading.problems import ImportRefused, Problem
from icshub.population.errors import PopulationError
from icshub.population.pseudonym import nhs_number_problem, pseudonym, source_pseudonym
from icshub.population.services import datasets as service
from icshub.population.store import DatasetWriter, dataset_tables, read_manifest
from tests.conftest import copy_of

KEY = bytes(range(32))
VALID = ["9434765919", "4010232137"]  # NHS numbers with correct check digits (NHS England's examples)


@pytest.fixture
def settings(databases, tmp_path: Path) -> Iterator[Settings]:
    """A data directory with an empty migrated database (SQLite), where loads are audited."""
    with copy_of(databases["sqlite"], "initialised", tmp_path / "home") as copy:
        yield copy.settings


def tidy_folder(folder: Path, events: list[dict[str, str]] | None = None) -> Path:
    """A tidy folder of two people, their events and a diagnosis."""
    folder.mkdir(parents=True, exist_ok=True)
    people = [pseudonym(n, KEY) for n in VALID]
    pd.DataFrame(
        {
            "person_id": people,
            "birth_year": ["1950", "1988"],
            "birth_month": ["3", "11"],
            "sex": ["female", "male"],
            "ethnic_category": ["A", "Z"],
            "lsoa": ["E01024000", ""],
        }
    ).to_csv(folder / "person.csv", index=False)
    default = [
        {"person_id": people[0], "event_id": "e1", "type": "emergency_admission", "start_date": "2024-01-02"},
        {"person_id": people[1], "event_id": "e2", "type": "primary_care", "start_date": "2024-02-03"},
    ]
    frame = pd.DataFrame(events or default)
    frame["cost_pence"] = "123456"
    frame.to_csv(folder / "event.csv", index=False)
    pd.DataFrame([{"person_id": people[0], "date": "2020-05-06", "system": "snomed", "code": "38341003"}]).to_csv(
        folder / "coded.csv", index=False
    )
    return folder


def test_a_tidy_folder_loads_with_a_manifest_of_rows_and_hashes_and_reads_back_through_ibis(
    settings: Settings, tmp_path: Path
) -> None:
    loaded = service.load_tidy(settings, tidy_folder(tmp_path / "tidy"), "tidy", synthetic=True)
    assert loaded.summary.loaded == {"person": 2, "event": 2, "coded": 1} and loaded.skipped == {}

    manifest = read_manifest(settings.population_dir, "tidy")
    assert (manifest["adapter"], manifest["source"], manifest["synthetic"]) == ("tidy", "tidy", True)
    for table, rows in {"person": 2, "flag": 0, "event": 2, "coded": 1}.items():
        parquet = settings.population_dir / "tidy" / f"{table}.parquet"
        assert manifest["tables"][table] == {"rows": rows, "sha256": hashlib.sha256(parquet.read_bytes()).hexdigest()}

    tables = dataset_tables(settings.population_dir, "tidy", settings.analytics)
    person, event = tables["person"], tables["event"]
    joined = event.join(person, "person_id").filter(person.sex == "female")
    assert joined.count().execute() == 1
    assert event.cost_pence.sum().execute() == 246912 and str(event.cost_pence.type()) == "int64"
    assert str(event.start_date.type()) == "date"
    assert person.lsoa.notnull().sum().execute() == 1


def test_a_refused_tidy_load_names_file_line_and_field_and_writes_nothing(settings: Settings, tmp_path: Path) -> None:
    person = pseudonym(VALID[0], KEY)
    events = [
        {"person_id": person, "event_id": "e1", "type": "primary_care", "start_date": "2024-01-02"},
        {"person_id": person, "event_id": "e2", "type": "primary_care", "start_date": "2024-02-31"},
        {"person_id": person, "event_id": "e3", "type": "spa_day", "start_date": "2024-03-01"},
        {"person_id": "0" * 64, "event_id": "e4", "type": "primary_care", "start_date": "2024-03-01"},
    ]
    with pytest.raises(ImportRefused) as refused:
        service.load_tidy(settings, tidy_folder(tmp_path / "tidy", events), "tidy")
    located = {(p.file, p.line, p.field) for p in refused.value.problems}
    assert located == {("event.csv", 3, "start_date"), ("event.csv", 4, "type"), ("event.csv", 5, "person_id")}
    assert Problem("event.csv", 3, "start_date", "'2024-02-31' is not a date (YYYY-MM-DD)") in refused.value.problems
    assert service.datasets(settings) == [] and not (settings.population_dir / "tidy").exists()


def test_each_load_is_audited_with_the_dataset_before_and_after_and_never_a_row(
    settings: Settings, tmp_path: Path
) -> None:
    service.load_tidy(settings, tidy_folder(tmp_path / "first"), "tidy", actor=Actor("analyst.one"))
    service.load_tidy(settings, tidy_folder(tmp_path / "second"), "tidy", synthetic=True, actor=Actor("analyst.two"))
    with sessions(settings)() as session:
        second, first = recent_events(session, action_prefix="population.dataset.load")
    assert (first.actor, first.entity_key, first.before) == ("analyst.one", "tidy", None)
    assert first.after["tables"]["person"]["rows"] == 2 and first.after["synthetic"] is False
    assert second.actor == "analyst.two" and second.before == first.after and second.after["synthetic"] is True
    assert not any(pseudonym(n, KEY) in json.dumps([first.after, second.after]) for n in VALID)


def test_a_load_that_fails_midway_leaves_the_earlier_dataset_as_it_was(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.load_tidy(settings, tidy_folder(tmp_path / "first"), "tidy")
    folder = settings.population_dir / "tidy"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    write = DatasetWriter.write

    def failing(self: DatasetWriter, table: str, batch) -> None:
        if table == "event":  # after the person table is written
            raise OSError("disk full")
        write(self, table, batch)

    monkeypatch.setattr(DatasetWriter, "write", failing)
    with pytest.raises(OSError, match="disk full"):
        service.load_tidy(settings, tidy_folder(tmp_path / "second"), "tidy", synthetic=True)

    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in settings.population_dir.iterdir()] == ["tidy"]  # no staging folder left behind
    assert read_manifest(settings.population_dir, "tidy")["synthetic"] is False


def test_nhs_numbers_are_checked_with_modulus_11() -> None:
    for number in VALID:
        assert nhs_number_problem(number) is None
    assert nhs_number_problem("943 476 5919") is None
    assert nhs_number_problem("9434765918") == "the NHS number's check digit is wrong"
    assert nhs_number_problem("1000000010") == "the NHS number's check digit is wrong"  # check digit would be 10
    assert nhs_number_problem("943476591") == "an NHS number has ten digits"
    assert nhs_number_problem("94347659X9") == "an NHS number has ten digits"


def test_pseudonyms_are_keyed_deterministic_and_never_the_number() -> None:
    first = pseudonym(VALID[0], KEY)
    assert re.fullmatch(r"[0-9a-f]{64}", first) and VALID[0] not in first
    assert pseudonym(VALID[0], KEY) == first == pseudonym("943 476 5919", KEY)
    assert pseudonym(VALID[1], KEY) != first
    assert pseudonym(VALID[0], bytes(reversed(KEY))) != first
    with pytest.raises(ValueError, match="at least 32 bytes"):
        pseudonym(VALID[0], KEY[:31])
    with pytest.raises(ValueError, match="check digit"):
        pseudonym("9434765918", KEY)
    assert source_pseudonym("synthea", "42", KEY) != source_pseudonym("omop", "42", KEY)
    assert (
        source_pseudonym("omop", "42", KEY)
        == source_pseudonym("omop", "42", KEY)
        != source_pseudonym("omop", "42", bytes(32))
    )
    with pytest.raises(ValueError, match="at least 32 bytes"):
        source_pseudonym("omop", "42", b"short")


KILLED_LOAD = """
import sys, time
from pathlib import Path
import pyarrow as pa
from icshub.population.store import write_dataset
from icshub.population.data_model import TABLES

with write_dataset(Path(sys.argv[1]), "tidy", {"source": "a load to be killed"}) as writer:
    writer.write("person", pa.Table.from_pylist([], schema=TABLES["person"].schema))
    print("writing", flush=True)
    time.sleep(60)
"""


def test_the_staging_folder_of_a_killed_load_is_cleared_by_the_next(settings: Settings, tmp_path: Path) -> None:
    service.load_tidy(settings, tidy_folder(tmp_path / "first"), "tidy")
    root = settings.population_dir
    loader = subprocess.Popen([sys.executable, "-c", KILLED_LOAD, str(root)], stdout=subprocess.PIPE, text=True)
    assert loader.stdout.readline().strip() == "writing"
    # While it runs, another load leaves its staging folder alone.
    service.load_tidy(settings, tidy_folder(tmp_path / "second"), "other")
    assert len([p for p in root.iterdir() if p.name.startswith(".tidy-")]) == 1
    loader.send_signal(signal.SIGKILL)
    loader.wait()
    service.load_tidy(settings, tidy_folder(tmp_path / "third"), "tidy", synthetic=True)
    assert sorted(p.name for p in root.iterdir()) == ["other", "tidy"]
    assert read_manifest(root, "tidy")["synthetic"] is True


def test_a_dataset_retired_by_a_killed_load_is_put_back(settings: Settings, tmp_path: Path, monkeypatch) -> None:
    service.load_tidy(settings, tidy_folder(tmp_path / "first"), "tidy")
    root = settings.population_dir
    (root / "tidy").rename(root / ".tidy-retired")  # killed between retiring the old and placing the new
    write = DatasetWriter.write

    def failing(self: DatasetWriter, table: str, batch) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(DatasetWriter, "write", failing)
    with pytest.raises(OSError, match="disk full"):
        service.load_tidy(settings, tidy_folder(tmp_path / "second"), "tidy", synthetic=True)
    monkeypatch.setattr(DatasetWriter, "write", write)
    assert [p.name for p in root.iterdir()] == ["tidy"]
    assert read_manifest(root, "tidy")["synthetic"] is False  # the earlier dataset, back in place


@pytest.mark.parametrize("name", ["x" * 300, "", "Upper", "a/b"])
def test_a_dataset_name_that_cannot_be_a_folder_is_refused(settings: Settings, name: str) -> None:
    with pytest.raises(PopulationError, match="is not a dataset name"):
        read_manifest(settings.population_dir, name)
