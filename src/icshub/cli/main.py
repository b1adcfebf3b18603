"""``icshub``: set up, build the Kent and Medway demo, serve, and manage users and the registry."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from icshub.auth.audit import Actor
from icshub.auth.roles import Role
from icshub.auth.service import AccountError, create_user, list_users, reset_password, set_role
from icshub.config import Settings, load_settings
from icshub.db.engine import make_engine, transaction
from icshub.db.migrate import current_revision, head_revision, upgrade
from icshub.installation import build_demo, import_definition, initialise, sessions
from icshub.registry.export import definition_document, definition_yaml
from icshub.registry.load import load_bundle
from icshub.registry.problems import ImportRefused

app = typer.Typer(help="icshub: software for running an integrated care system.", no_args_is_help=True)
users_app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)
registry_app = typer.Typer(help="Import, check and export the registry of who is who.", no_args_is_help=True)
db_app = typer.Typer(help="The operational database.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(registry_app, name="registry")
app.add_typer(db_app, name="db")

console = Console(stderr=True)
out = Console()
CLI_ACTOR = Actor("cli")
T = TypeVar("T")

HomeOption = typer.Option(None, "--home", envvar="ICSHUB_HOME", help="Data directory (default ./var).")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON.")


def _settings(home: Path | None) -> Settings:
    return load_settings(home)


def _fail(message: str) -> None:
    console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code=1)


@contextmanager
def _steps(enabled: bool = True):
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


def _guard(action: Callable[[], T]) -> T:
    try:
        return action()
    except ImportRefused as refused:
        _fail(str(refused))
    except AccountError as error:
        _fail(str(error))
    raise AssertionError("unreachable")


@app.command()
def init(home: Path | None = HomeOption) -> None:
    """Create the data directory and the database, and run the migrations."""
    settings = _settings(home)
    with _steps() as step:
        step("Creating the data directory and database")
        initialise(settings)
    out.print(f"Ready: data in {settings.home}")


@app.command()
def demo(
    home: Path | None = HomeOption,
    serve_after: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web application afterwards."),
    host: str = typer.Option("127.0.0.1", help="Address to serve on."),
    port: int = typer.Option(8000, help="Port to serve on."),
    as_json: bool = JsonOption,
) -> None:
    """Build the Kent and Medway system into the data directory and serve it."""
    settings = _settings(home)
    with _steps(not as_json) as step:
        step("Building the Kent and Medway system (database, registry, geography, administrator)")
        result = _guard(lambda: build_demo(settings, CLI_ACTOR))
    if as_json:
        out.print_json(
            json.dumps(
                {"home": str(settings.home), "admin": result.admin_username, "password": result.admin_password}
                | result.summary.as_dict()
            )
        )
    else:
        table = Table(title="Kent and Medway registry", show_header=False)
        for name, count in result.summary.counts.items():
            table.add_row(name.replace("_", " "), f"{count:,}")
        out.print(table)
        out.print(
            f"\nLog in as [bold]{result.admin_username}[/] with the one-time password "
            f"[bold]{result.admin_password}[/] (you will be asked to change it)."
        )
    if serve_after:
        serve(home=settings.home, host=host, port=port)


@app.command()
def serve(
    home: Path | None = HomeOption,
    host: str = typer.Option("127.0.0.1", help="Address to serve on."),
    port: int = typer.Option(8000, help="Port to serve on."),
) -> None:
    """Serve the web application."""
    import uvicorn

    from icshub.web.app import create_app

    settings = _settings(home)
    engine = make_engine(settings.database_url)
    if current_revision(engine) != head_revision(settings.database_url):
        _fail(f"The database in {settings.home} is not set up or not up to date: run 'icshub init' first.")
    out.print(f"icshub is running at [bold]http://{host}:{port}/[/] (press Ctrl+C to stop)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@users_app.command("create")
def users_create(
    username: str,
    role: Role = typer.Option(Role.OFFICER, help="The user's role."),
    name: str | None = typer.Option(None, help="Display name."),
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Create a user with a one-time password, printed once."""

    def run():
        with transaction(sessions(_settings(home))) as session:
            new = create_user(session, CLI_ACTOR, username, role, name)
            return new.user.username, new.password

    created, password = _guard(run)
    if as_json:
        out.print_json(json.dumps({"username": created, "role": role.value, "password": password}))
    else:
        out.print(f"Created {created} ({role.label}). One-time password: [bold]{password}[/]")


@users_app.command("list")
def users_list(home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """List the users and their roles."""
    with transaction(sessions(_settings(home))) as session:
        rows = [
            {
                "username": u.username,
                "name": u.display_name,
                "role": u.role,
                "active": u.active,
                "last_login": u.last_login_at.isoformat() if u.last_login_at else None,
            }
            for u in list_users(session)
        ]
    if as_json:
        out.print_json(json.dumps(rows))
        return
    table = Table("username", "name", "role", "active", "last login")
    for row in rows:
        table.add_row(
            row["username"], row["name"], row["role"], "yes" if row["active"] else "no", row["last_login"] or ""
        )
    out.print(table)


@users_app.command("set-role")
def users_set_role(username: str, role: Role, home: Path | None = HomeOption) -> None:
    """Give a user another role."""

    def run():
        with transaction(sessions(_settings(home))) as session:
            set_role(session, CLI_ACTOR, username, role)

    _guard(run)
    out.print(f"{username} is now {role.label}.")


@users_app.command("reset-password")
def users_reset_password(username: str, home: Path | None = HomeOption) -> None:
    """Give a user a new one-time password, printed once."""

    def run():
        with transaction(sessions(_settings(home))) as session:
            return reset_password(session, CLI_ACTOR, username)

    password = _guard(run)
    out.print(f"New one-time password for {username}: [bold]{password}[/]")


@registry_app.command("check")
def registry_check(path: Path, as_json: bool = JsonOption) -> None:
    """Check a system definition and its datasets without writing anything."""
    bundle = _guard(lambda: load_bundle(path))
    counts = {
        "practices": len(bundle.primary_care.practices),
        "pcns": len(bundle.primary_care.pcns),
        "areas": len(bundle.geography.areas),
        "notes": [str(n) for n in bundle.primary_care.notes],
    }
    if as_json:
        out.print_json(json.dumps({"ok": True, **counts}))
    else:
        out.print(
            f"{path}: no problems. {counts['practices']} practices, {counts['pcns']} PCNs, {counts['areas']} areas."
        )
        for note in counts["notes"]:
            out.print(f"  note: {note}")


@registry_app.command("import")
def registry_import(path: Path, home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """Import a system definition (a folder with system.yaml and datasets.yaml), all or nothing."""
    settings = _settings(home)
    with _steps(not as_json) as step:
        step(f"Validating and importing {path}")
        summary = _guard(lambda: import_definition(settings, path, CLI_ACTOR))
    if as_json:
        out.print_json(json.dumps(summary.as_dict()))
    else:
        for name, count in sorted(summary.changes.items()):
            out.print(f"{name}: {count}")
        out.print("Imported.")


@registry_app.command("export")
def registry_export(
    home: Path | None = HomeOption,
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of the screen."),
    as_json: bool = JsonOption,
) -> None:
    """Export the system definition as YAML (readable by 'registry import'), or as JSON."""

    def run() -> str:
        with transaction(sessions(_settings(home))) as session:
            if as_json:
                return json.dumps(definition_document(session), indent=2, ensure_ascii=False) + "\n"
            return definition_yaml(session)

    try:
        text = run()
    except LookupError as error:
        _fail(str(error))
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"Written to {output}")
    else:
        sys.stdout.write(text)


@db_app.command("upgrade")
def db_upgrade(home: Path | None = HomeOption) -> None:
    """Run the database migrations up to the latest."""
    settings = _settings(home)
    upgrade(settings.database_url)
    out.print(f"Database at revision {current_revision(make_engine(settings.database_url))}.")


@db_app.command("current")
def db_current(home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """Show the database's migration revision and the latest one."""
    settings = _settings(home)
    current, head = current_revision(make_engine(settings.database_url)), head_revision(settings.database_url)
    if as_json:
        out.print_json(json.dumps({"current": current, "head": head}))
    else:
        out.print(f"current: {current or 'none'}; latest: {head}")
