"""What every command shows: the consoles, the progress of a multi-step command, and the errors a person can
fix, as a message and exit code 1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from icshub.errors import IcshubError

console = Console(stderr=True)
out = Console()
T = TypeVar("T")


def fail(message: str) -> None:
    """Show ``message`` as an error and end the command with exit code 1."""
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
