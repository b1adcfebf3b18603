"""The installed command itself, in a new process: the one place the suite starts ``icshub`` as a user does.

Every other command test runs in process (``runner``); these check what only a real process shows: the
entry point works, the database it creates is usable by the next process, and ``--help`` loads no heavy
library (the command line starts in well under a second; ``bench/cli_startup.py`` measures it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pandas", "scipy", "ibis", "duckdb", "pyarrow", "numpy", "sqlalchemy", "fastapi", "weasyprint", "altair")


def _icshub(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ICSHUB_HOME": str(home), "COLUMNS": "200"}
    env.pop("ICSHUB_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "icshub", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.mark.slow
def test_init_in_one_process_and_the_database_is_current_in_the_next(tmp_path: Path) -> None:
    home = tmp_path / "home"
    created = _icshub(home, "init")
    assert created.returncode == 0, created.stderr
    state = _icshub(home, "db", "current", "--json")
    assert state.returncode == 0, state.stderr
    report = json.loads(state.stdout)
    assert report["current"] == report["head"] is not None
    assert (home / "icshub.sqlite3").is_file()


def test_help_lists_every_command_and_loads_no_heavy_library() -> None:
    script = (
        "import sys\n"
        "from icshub.cli.main import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert "LOADED []" in result.stdout, result.stdout
    for command in ("init", "demo", "serve", "users", "registry", "strategy", "indicators", "population", "db"):
        assert command in result.stdout
