"""Running ``icshub`` commands in the test process, as the shell would run them but without a new Python.

Each command gets the data directory and database of the settings given, through the same environment
variables a user sets; what it prints to standard output and standard error comes back apart, with its
exit code, as ``subprocess.run`` would give them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from icshub.cli.main import app


@dataclass(frozen=True)
class Ran:
    """What a command printed and how it ended."""

    returncode: int
    stdout: str
    stderr: str


def icshub(*args: str, home: Path, database_url: str | None = None, check: bool = True) -> Ran:
    """Run ``icshub *args`` with ``home`` as ICSHUB_HOME (and ``database_url`` as ICSHUB_DATABASE_URL)."""
    env = {"ICSHUB_HOME": str(home), "ICSHUB_DATABASE_URL": database_url, "COLUMNS": "200", "NO_COLOR": "1"}
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    ran = Ran(result.exit_code, result.stdout, result.stderr)
    if check and ran.returncode != 0:
        raise AssertionError(f"icshub {' '.join(args)} failed:\n{ran.stdout}\n{ran.stderr}")
    return ran
