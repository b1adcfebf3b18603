"""How fast the command line starts: the wall time of ``icshub --help`` and of a few subcommands' help, each
in a new process as a user runs it, with how many modules the process imported and which heavy libraries.

    .venv/bin/python bench/cli_startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from rich.console import Console
from rich.table import Table

COMMANDS = [
    ["--help"],
    ["population", "--help"],
    ["indicators", "--help"],
    ["registry", "check", "--help"],
    ["db", "current", "--help"],
]
HEAVY = ("pandas", "scipy", "ibis", "duckdb", "pyarrow", "sqlalchemy", "fastapi", "weasyprint", "pyspark")
# Runs the command as ``python -m icshub`` does, then reports what the process imported.
IMPORTS = """
import runpy, sys
sys.argv = ["icshub", *sys.argv[1:]]
try:
    runpy.run_module("icshub", run_name="__main__")
except SystemExit:
    pass
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))
print(len(sys.modules), ",".join(heavy), file=sys.stderr)
"""


def _wall_time(arguments: list[str], repeat: int) -> float:
    """The median seconds ``python -m icshub ARGUMENTS`` takes, as a user starts it."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "icshub", *arguments], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _imports(arguments: list[str]) -> tuple[int, str]:
    """How many modules the command imported, and the heavy libraries among them."""
    script = f"HEAVY = {HEAVY!r}\n{IMPORTS}"
    result = subprocess.run([sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=True)
    count, _, heavy = result.stderr.strip().splitlines()[-1].partition(" ")
    return int(count), heavy or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each command (the median is shown).")
    options = parser.parse_args()

    table = Table(title=f"icshub start-up (median of {options.repeat} runs, a new process each)")
    table.add_column("command")
    table.add_column("seconds", justify="right")
    table.add_column("modules imported", justify="right")
    table.add_column("heavy libraries imported")
    for arguments in COMMANDS:
        seconds = _wall_time(arguments, options.repeat)
        modules, heavy = _imports(arguments)
        table.add_row("icshub " + " ".join(arguments), f"{seconds:.2f}", str(modules), heavy)
    Console().print(table)


if __name__ == "__main__":
    main()
