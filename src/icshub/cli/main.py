"""``icshub``: set up, build the Kent and Medway demo, serve, and manage users, the registry and the plan."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import typer
from rich.table import Table

from icshub.cli import indicators, population, registry, strategy, users
from icshub.cli.options import CLI_ACTOR, HomeOption, JsonOption, settings_for
from icshub.cli.output import fail, guard, out, steps
from icshub.config import Settings, secure_cookies_setting

app = typer.Typer(help="icshub: software for running an integrated care system.", no_args_is_help=True)
db_app = typer.Typer(help="The operational database.", no_args_is_help=True)
app.add_typer(users.app, name="users")
app.add_typer(registry.app, name="registry")
app.add_typer(strategy.app, name="strategy")
app.add_typer(indicators.app, name="indicators")
app.add_typer(population.app, name="population")
app.add_typer(db_app, name="db")


@app.command()
def init(home: Path | None = HomeOption) -> None:
    """Create the data directory and the database, and run the migrations."""
    from icshub.installation import initialise

    settings = settings_for(home)
    with steps() as step:
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
    from icshub.installation import build_demo

    settings = settings_for(home)
    with steps(not as_json) as step:
        step(
            "Building the Kent and Medway system "
            "(database, registry, geography, delivery plan, indicators with synthetic figures, "
            "a synthetic population, administrator)"
        )
        result = guard(lambda: build_demo(settings, CLI_ACTOR))
    if as_json:
        out.print_json(
            json.dumps(
                {"home": str(settings.home), "admin": result.admin_username, "password": result.admin_password}
                | result.summary.as_dict()
                | {"plan": {"version": result.plan.version, "items_added": len(result.plan.comparison.added)}}
                | {"synthetic_indicator_figures": result.synthetic_figures, "synthetic_people": result.synthetic_people}
            )
        )
    else:
        table = Table(title="Kent and Medway registry", show_header=False)
        table.add_row("delivery plan", f"version {result.plan.version}")
        table.add_row("indicator figures", f"{result.synthetic_figures:,} (synthetic, not real data)")
        table.add_row("people (analytics store)", f"{result.synthetic_people:,} (synthetic, not real people)")
        for name, count in result.summary.counts.items():
            table.add_row(name.replace("_", " "), f"{count:,}")
        out.print(table)
        out.print(
            f"\nLog in as [bold]{result.admin_username}[/] with the one-time password "
            f"[bold]{result.admin_password}[/] (you will be asked to change it)."
        )
    if serve_after:
        # The demo is served over plain HTTP on this machine: its cookie cannot be HTTPS-only, unless asked.
        _serve(replace(settings, secure_cookies=secure_cookies_setting(default=False)), host, port)


@app.command()
def serve(
    home: Path | None = HomeOption,
    host: str = typer.Option("127.0.0.1", help="Address to serve on."),
    port: int = typer.Option(8000, help="Port to serve on."),
) -> None:
    """Serve the web application (behind an HTTPS proxy in production: session cookies are HTTPS-only unless
    ICSHUB_SECURE_COOKIES is off)."""
    _serve(settings_for(home), host, port)


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from icshub.db.engine import engine_for
    from icshub.db.migrate import current_revision, head_revision
    from icshub.web.app import create_app

    engine = engine_for(settings.database_url)
    if current_revision(engine) != head_revision(settings.database_url):
        fail(f"The database in {settings.home} is not set up or not up to date: run 'icshub init' first.")
    out.print(f"icshub is running at [bold]http://{host}:{port}/[/] (press Ctrl+C to stop)")
    if settings.secure_cookies:
        out.print(
            "Session cookies are sent over HTTPS only: serve it behind an HTTPS proxy, or set "
            "ICSHUB_SECURE_COOKIES=off to sign in over plain HTTP on a private machine."
        )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@db_app.command("upgrade")
def db_upgrade(home: Path | None = HomeOption) -> None:
    """Run the database migrations up to the latest."""
    from icshub.db.engine import engine_for
    from icshub.db.migrate import current_revision, upgrade

    settings = settings_for(home)
    upgrade(settings.database_url)
    out.print(f"Database at revision {current_revision(engine_for(settings.database_url))}.")


@db_app.command("current")
def db_current(home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """Show the database's migration revision and the latest one."""
    from icshub.db.engine import engine_for
    from icshub.db.migrate import current_revision, head_revision

    settings = settings_for(home)
    current, head = current_revision(engine_for(settings.database_url)), head_revision(settings.database_url)
    if as_json:
        out.print_json(json.dumps({"current": current, "head": head}))
    else:
        out.print(f"current: {current or 'none'}; latest: {head}")
