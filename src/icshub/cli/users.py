"""``icshub users``: accounts, roles and the bodies users act for."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from icshub.auth.roles import Role
from icshub.cli.options import CLI_ACTOR, HomeOption, JsonOption, settings_for
from icshub.cli.output import fail, guard, out

app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)


@app.command("create")
def users_create(
    username: str,
    role: Role = typer.Option(Role.OFFICER, help="The user's role."),
    name: str | None = typer.Option(None, help="Display name."),
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Create a user with a one-time password, printed once."""
    from icshub.auth.service import create_user
    from icshub.db.engine import transaction
    from icshub.installation import sessions

    def run():
        with transaction(sessions(settings_for(home))) as session:
            new = create_user(session, CLI_ACTOR, username, role, name)
            return new.user.username, new.password

    created, password = guard(run)
    if as_json:
        out.print_json(json.dumps({"username": created, "role": role.value, "password": password}))
    else:
        out.print(f"Created {created} ({role.label}). One-time password: [bold]{password}[/]")


@app.command("list")
def users_list(home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """List the users and their roles."""
    from icshub.auth.service import list_users
    from icshub.db.engine import transaction
    from icshub.installation import sessions

    with transaction(sessions(settings_for(home))) as session:
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


@app.command("set-role")
def users_set_role(username: str, role: Role, home: Path | None = HomeOption) -> None:
    """Give a user another role."""
    from icshub.auth.service import set_role
    from icshub.db.engine import transaction
    from icshub.installation import sessions

    def run():
        with transaction(sessions(settings_for(home))) as session:
            set_role(session, CLI_ACTOR, username, role)

    guard(run)
    out.print(f"{username} is now {role.label}.")


@app.command("reset-password")
def users_reset_password(username: str, home: Path | None = HomeOption) -> None:
    """Give a user a new one-time password, printed once."""
    from icshub.auth.service import reset_password
    from icshub.db.engine import transaction
    from icshub.installation import sessions

    def run():
        with transaction(sessions(settings_for(home))) as session:
            return reset_password(session, CLI_ACTOR, username)

    password = guard(run)
    out.print(f"New one-time password for {username}: [bold]{password}[/]")


@app.command("affiliate")
def users_affiliate(
    username: str,
    organisation: str | None = typer.Option(None, help="Key of an organisation the user acts for."),
    partnership: str | None = typer.Option(None, help="Key of a partnership the user acts for."),
    committee: str | None = typer.Option(None, help="Key of a committee the user acts for."),
    home: Path | None = HomeOption,
) -> None:
    """Record a body the user acts for: what it leads in the delivery plan, they may update."""
    from icshub.auth.service import AccountError, affiliate
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.registry.queries import body_id

    chosen = [
        (kind, key)
        for kind, key in (("organisation", organisation), ("partnership", partnership), ("committee", committee))
        if key
    ]
    if len(chosen) != 1:
        fail("Name exactly one of --organisation, --partnership or --committee.")
    kind, key = chosen[0]

    def run():
        with transaction(sessions(settings_for(home))) as session:
            found = body_id(session, kind, key)
            if found is None:
                raise AccountError(f"There is no {kind} with the key '{key}' in the registry.")
            affiliate(session, CLI_ACTOR, username, kind, found[1], key)

    guard(run)
    out.print(f"{username} now acts for the {kind} '{key}'.")
