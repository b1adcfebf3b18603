"""What every command shares: the consoles, settings, progress display and how errors are shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from icshub.auth.actor import Actor
from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.config import Settings, load_settings
from icshub.errors import IcshubError

console = Console(stderr=True)
out = Console()
CLI_ACTOR = Actor("cli")
# The command line is run by whoever administers the installation, so it acts with an officer's rights.
CLI_PRINCIPAL = Principal(Role.OFFICER, None, "cli", "Command line")
T = TypeVar("T")

HomeOption = typer.Option(None, "--home", envvar="ICSHUB_HOME", help="Data directory (default ./var).")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON.")


def settings_for(home: Path | None) -> Settings:
    return load_settings(home)


def fail(message: str) -> None:
    console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code=1)


@contextmanager
def steps(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A Rich progress display for multi-step commands (silent when output is for a script)."""
    if not enabled:
        yield lambda description: None
        return
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=False
    ) as progress:
        current: list[Any] = []

        def step(description: str) -> None:
            if current:
                progress.update(current[0], completed=1, total=1)
            current[:] = [progress.add_task(description, total=None)]

        yield step
        if current:
            progress.update(current[0], completed=1, total=1)


def guard(action: Callable[[], T]) -> T:
    """Run ``action``, turning the errors people can fix into a clear message and exit code 1."""
    try:
        return action()
    except IcshubError as error:
        fail(error.message)
    raise AssertionError("unreachable")
