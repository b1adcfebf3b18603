"""The command line as an installer or an analyst runs it, each command run in process (``runner``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from icshub.defaults import KENT_AND_MEDWAY
from tests.cli.runner import Ran, icshub


def run(settings, *args: str, check: bool = True) -> Ran:
    """``icshub *args`` on the data directory and database of ``settings``, in this process."""
    return icshub(*args, home=settings.home, database_url=settings.database_url, check=check)


@pytest.mark.slow
def test_demo_builds_kent_and_medway_into_the_data_directory(empty_settings) -> None:
    result = run(empty_settings, "demo", "--no-serve", "--json")
    report = json.loads(result.stdout)
    assert report["counts"]["practices"] == 176 and report["counts"]["pcns"] == 43
    assert report["counts"]["areas.district"] == 13
    assert report["admin"] == "admin" and len(report["password"]) >= 16
    assert (empty_settings.home / "boundaries" / "lsoa21.geojson").is_file()
    assert (empty_settings.home / "secret_key").is_file()
    # Running it again rebuilds nothing and hands out a new one-time password.
    again = json.loads(run(empty_settings, "demo", "--no-serve", "--json").stdout)
    assert again["changes"] == {} and again["password"] != report["password"]


@pytest.mark.slow
def test_demo_without_json_shows_progress_and_how_to_log_in(empty_settings) -> None:
    result = run(empty_settings, "demo", "--no-serve")
    assert "Building the Kent and Medway system" in result.stderr
    assert "Log in as admin with the one-time password" in result.stdout


def test_users_commands(empty_settings) -> None:
    run(empty_settings, "init")
    created = json.loads(run(empty_settings, "users", "create", "jo", "--role", "analyst", "--json").stdout)
    assert created["role"] == "analyst" and created["password"]
    run(empty_settings, "users", "set-role", "jo", "officer")
    listed = json.loads(run(empty_settings, "users", "list", "--json").stdout)
    assert [(u["username"], u["role"]) for u in listed] == [("jo", "officer")]
    duplicate = run(empty_settings, "users", "create", "jo", check=False)
    assert duplicate.returncode == 1 and "already a user called 'jo'" in duplicate.stderr
    bad_role = run(empty_settings, "users", "set-role", "jo", "emperor", check=False)
    assert bad_role.returncode == 2 and "emperor" in bad_role.stderr


@pytest.mark.slow
def test_registry_export_and_import(empty_settings, definition_copy: Path, tmp_path: Path) -> None:
    run(empty_settings, "init")
    imported = json.loads(run(empty_settings, "registry", "import", str(definition_copy), "--json").stdout)
    assert imported["counts"]["committees"] > 40
    as_json = json.loads(run(empty_settings, "registry", "export", "--json").stdout)
    assert as_json["schema"] == "icshub.system/1" and len(as_json["committees"]) == imported["counts"]["committees"]
    exported = tmp_path / "exported.yaml"
    run(empty_settings, "registry", "export", "--output", str(exported))
    (definition_copy / "system.yaml").write_text(exported.read_text())
    again = json.loads(run(empty_settings, "registry", "import", str(definition_copy / "system.yaml"), "--json").stdout)
    assert again["changes"] == {}


def test_a_bad_import_exits_with_the_problems_and_writes_nothing(empty_settings, definition_copy: Path) -> None:
    run(empty_settings, "init")
    system = definition_copy / "system.yaml"
    system.write_text(system.read_text().replace("type: county_council", "type: shire_council", 1))
    result = run(empty_settings, "registry", "import", str(definition_copy), check=False)
    assert result.returncode == 1
    assert "refused and nothing was written" in result.stderr
    assert "system.yaml, line" in result.stderr and "shire_council" in result.stderr
    listed = run(empty_settings, "registry", "export", check=False)
    assert listed.returncode == 1 and "No system has been imported" in listed.stderr


def test_check_validates_without_a_database(definition_copy: Path, tmp_path: Path) -> None:
    result = icshub("registry", "check", str(definition_copy), "--json", home=tmp_path / "unused")
    assert json.loads(result.stdout)["ok"] is True
    assert not (tmp_path / "unused").exists()


def test_db_commands(empty_settings) -> None:
    assert json.loads(run(empty_settings, "db", "current", "--json").stdout)["current"] is None
    run(empty_settings, "db", "upgrade")
    state = json.loads(run(empty_settings, "db", "current", "--json").stdout)
    assert state["current"] == state["head"] is not None


@pytest.mark.parametrize("command", [["serve", "--port", "8999"]])
def test_serve_refuses_a_database_that_is_not_set_up(empty_settings, command: list[str]) -> None:
    result = run(empty_settings, *command, check=False)
    assert result.returncode == 1 and "icshub init" in result.stderr


@pytest.mark.slow
def test_strategy_commands(empty_settings, tmp_path: Path) -> None:
    report = json.loads(run(empty_settings, "demo", "--no-serve", "--json").stdout)
    assert report["plan"]["version"] == "2024"
    assert report["synthetic_people"] == 10_000
    assert report["synthetic_indicator_figures"] == len(
        (empty_settings.home / "demo" / "synthetic-indicator-values.csv").read_text().splitlines()[1:]
    )
    other = tmp_path / "seed-7.csv"
    written = json.loads(run(empty_settings, "indicators", "synthesise", str(other), "--seed", "7", "--json").stdout)
    assert (
        written["rows"] == report["synthetic_indicator_figures"]
        and other.read_text() != (empty_settings.home / "demo" / "synthetic-indicator-values.csv").read_text()
    )
    imported = json.loads(
        run(
            empty_settings, "indicators", "import-values", str(other), "--synthetic", "--source", "Seed 7", "--json"
        ).stdout
    )
    assert imported["synthetic"] is True and imported["rows"] == written["rows"]
    versions = json.loads(run(empty_settings, "strategy", "versions", "--json").stdout)
    assert [(v["version"], v["status"]) for v in versions] == [("2024", "published")]
    run(empty_settings, "strategy", "new-version", "2024", "2026")
    assert json.loads(run(empty_settings, "strategy", "compare", "2024", "2026", "--json").stdout) == {
        "added": [],
        "dropped": [],
        "changed": [],
    }
    sheet = tmp_path / "plan.csv"
    run(empty_settings, "strategy", "export", "-o", str(sheet), "--version", "2024", "--on", "2025-04-01")
    with sheet.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + 109 + 27
    header = rows[0]
    filled = [header]
    for cells in rows[1:]:
        if cells[1] == "so1-m-family-hub-launch":
            cells[header.index("new_status")] = "complete"
            cells[header.index("new_date")] = "2024-03-28"
            filled.append(cells)
    updates = tmp_path / "updates.csv"
    with updates.open("w", newline="") as handle:
        csv.writer(handle).writerows(filled)
    recorded = json.loads(run(empty_settings, "strategy", "import-updates", str(updates), "--publish", "--json").stdout)
    assert recorded == [{"item_type": "milestone", "item_key": "so1-m-family-hub-launch", "status": "complete"}]
    bad = updates.read_text().replace("2024-03-28", "2999-01-01")
    updates.write_text(bad)
    refused = run(empty_settings, "strategy", "import-updates", str(updates), check=False)
    assert refused.returncode == 1 and "updates.csv, line 2, field 'new_date'" in refused.stderr


def test_users_affiliate(demo_copy) -> None:
    demo_settings, _ = demo_copy
    run(demo_settings, "users", "create", "lead.one", "--role", "partner_member")
    run(demo_settings, "users", "affiliate", "lead.one", "--organisation", "kent-county-council")
    again = run(demo_settings, "users", "affiliate", "lead.one", "--organisation", "kent-county-council", check=False)
    assert again.returncode == 1 and "already acts for" in again.stderr
    unknown = run(demo_settings, "users", "affiliate", "lead.one", "--partnership", "atlantis", check=False)
    assert unknown.returncode == 1 and "no partnership with the key 'atlantis'" in unknown.stderr


def test_plan_versions_are_published_and_withdrawn_from_the_command_line(demo_copy) -> None:
    demo_settings, _ = demo_copy
    run(demo_settings, "strategy", "new-version", "2024", "2026")
    run(demo_settings, "strategy", "publish", "2026")
    statuses = {
        v["version"]: v["status"] for v in json.loads(run(demo_settings, "strategy", "versions", "--json").stdout)
    }
    assert statuses == {"2024": "published", "2026": "published"}
    run(demo_settings, "strategy", "withdraw", "2026")
    missing = run(demo_settings, "strategy", "publish", "2030", check=False)
    assert missing.returncode == 1 and "no plan version '2030'" in missing.stderr


def test_indicators_import(demo_copy) -> None:
    demo_settings, _ = demo_copy
    path = KENT_AND_MEDWAY / "indicators.yaml"
    report = json.loads(run(demo_settings, "indicators", "import", str(path), "--json").stdout)
    assert report == {"version": "2024", "added": 0, "dropped": 0, "changed": 0}
