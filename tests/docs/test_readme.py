"""The README cannot fall behind the product: every command, every option and every ``ICSHUB_`` setting
the code reads is documented there (as Datasette's tests fail when its docs miss a setting)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main

from icshub.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Options every command (or most) takes, described once in the README's prose rather than on each row.
GENERAL_OPTIONS = {"--home", "--json"}


def _commands(command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield path


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = list(_commands(ROOT_COMMAND))


def _command(path: tuple[str, ...]):
    command = ROOT_COMMAND
    for name in path:
        command = command.commands[name]
    return command


def _command_rows() -> list[str]:
    """The first cell of each row of the README's command table."""
    return [re.split(r"(?<!\\)\|", line)[1] for line in README.splitlines() if line.startswith("| `icshub ")]


def _row_for(path: tuple[str, ...]) -> str | None:
    group, name = (path[0], path[-1]) if len(path) > 1 else (None, path[0])
    for row in _command_rows():
        words = set(re.findall(r"[a-z][a-z-]*", row.split("`icshub ", 1)[1]))
        if group is None and row.startswith(f" `icshub {name}"):
            return row
        if group is not None and f"`icshub {group} " in row and name in words:
            return row
    return None


def test_the_command_table_is_read() -> None:
    assert len(COMMANDS) > 20
    assert len(_command_rows()) > 10


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    assert _row_for(path) is not None, f"README's command table has no row for `icshub {' '.join(path)}`"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_option_is_in_its_commands_row(path: tuple[str, ...]) -> None:
    row = _row_for(path) or ""
    for parameter in _command(path).params:
        names = [name for name in (*parameter.opts, *parameter.secondary_opts) if name.startswith("-")]
        if not names or set(names) & GENERAL_OPTIONS:
            continue
        assert any(re.search(rf"{re.escape(name)}\b", row) for name in names), (
            f"README's row for `icshub {' '.join(path)}` does not mention {' or '.join(names)}"
        )


def test_the_general_options_are_described() -> None:
    for option in GENERAL_OPTIONS:
        assert f"`{option}`" in README


def _settings_read() -> set[str]:
    """Every ``ICSHUB_…`` environment variable the product, its scripts or its tests read."""
    found: set[str] = set()
    for folder in ("src/icshub", "scripts", "tests"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".sh"} and path != Path(__file__):
                found |= set(re.findall(r"ICSHUB_[A-Z][A-Z_]*[A-Z]", path.read_text(encoding="utf-8")))
    return found


def test_every_setting_is_in_the_readme() -> None:
    settings = _settings_read()
    assert {"ICSHUB_HOME", "ICSHUB_DATABASE_URL", "ICSHUB_ANALYTICS"} <= settings
    missing = sorted(name for name in settings if f"`{name}`" not in README)
    assert not missing, f"README does not describe {', '.join(missing)}"
