"""``icshub population`` end to end, as an analyst runs it: load the Synthea sample, list the datasets,
and a refused load; the output is counts, never a person's values."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.runner import Ran, icshub
from tests.conftest import copy_of

SYNTHEA = Path(__file__).parents[1] / "data" / "thirdparty" / "dbt-synthea-27"


def run(home: Path, *args: str, check: bool = True) -> Ran:
    """``icshub population *args`` with ``home`` as the data directory, in this process."""
    return icshub("population", *args, home=home, check=check)


@pytest.fixture
def home(databases, tmp_path: Path) -> Iterator[Path]:
    """An initialised data directory (SQLite), where loads are audited."""
    with copy_of(databases["sqlite"], "initialised", tmp_path / "home") as copy:
        yield copy.settings.home


def test_a_load_before_init_says_to_run_init(tmp_path: Path) -> None:
    refused = run(tmp_path / "home", "load-synthea", str(SYNTHEA), "--name", "synthea", check=False)
    assert refused.returncode == 1 and "run 'icshub init' first" in " ".join(refused.stderr.split())
    assert not (tmp_path / "home" / "population" / "synthea").exists()


def test_load_synthea_then_list_the_datasets(home: Path) -> None:
    report = json.loads(run(home, "load-synthea", str(SYNTHEA), "--name", "synthea", "--json").stdout)
    assert report["loaded"] == {"person": 27, "event": 1267, "coded": 438}
    assert report["rejected"] == {"person": 0, "event": 0, "coded": 0} and report["problems"] == {}
    assert sum(report["skipped"]["observations.csv"].values()) == 990

    human = run(home, "load-synthea", str(SYNTHEA), "--name", "again")
    assert "1,267" in human.stdout and "Skipped from observations.csv: 915 (LOINC code" in human.stdout

    listed = json.loads(run(home, "datasets", "--json").stdout)
    assert [m["name"] for m in listed] == ["again", "synthea"]
    assert {(m["adapter"], m["synthetic"], m["currency"]) for m in listed} == {("synthea", True, "USD")}
    assert listed[1]["tables"]["person"]["rows"] == 27 and len(listed[1]["tables"]["event"]["sha256"]) == 64
    assert "synthea" in run(home, "datasets").stdout

    with (SYNTHEA / "patients.csv").open(newline="") as handle:
        ids = [p["Id"] for p in csv.DictReader(handle)]
    everything = human.stdout + json.dumps(report) + json.dumps(listed)
    assert not [i for i in ids if i in everything]


def test_a_refused_load_exits_with_file_line_and_field_and_writes_nothing(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "synthea"
    shutil.copytree(SYNTHEA, folder)
    patients = folder / "patients.csv"
    lines = patients.read_text().splitlines(keepends=True)
    lines[3] = lines[3].replace(",M,", ",X,").replace(",F,", ",X,")
    patients.write_text("".join(lines))

    refused = run(home, "load-synthea", str(folder), "--name", "broken", check=False)
    assert refused.returncode == 1 and "refused and nothing was written" in refused.stderr
    assert "patients.csv, line 4, field 'GENDER'" in refused.stderr
    assert json.loads(run(home, "datasets", "--json").stdout) == []

    accepted = json.loads(
        run(home, "load-synthea", str(folder), "--name", "partial", "--accept-rejects", "--json").stdout
    )
    assert accepted["rejected"]["person"] == 1 and accepted["problems"]["patients.csv"] == {"GENDER": 1}

    bad_name = run(home, "load-synthea", str(folder), "--name", "Not A Name", check=False)
    assert bad_name.returncode == 1 and "is not a dataset name" in bad_name.stderr
