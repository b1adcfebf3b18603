"""What every command is run with: the data directory option, the JSON switch, and who the command line acts
as in the audit log and the policy."""

from __future__ import annotations

from pathlib import Path

import typer

from icshub.auth.actor import Actor
from icshub.auth.policy import Principal
from icshub.auth.roles import Role
from icshub.config import Settings, load_settings

CLI_ACTOR = Actor("cli")
# The command line is run by whoever administers the installation, so it acts with an officer's rights.
CLI_PRINCIPAL = Principal(Role.OFFICER, None, "cli", "Command line")

HomeOption = typer.Option(None, "--home", envvar="ICSHUB_HOME", help="Data directory (default ./var).")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON.")


def settings_for(home: Path | None) -> Settings:
    """The installation's settings, with ``--home`` (or ``ICSHUB_HOME``) as its data directory."""
    return load_settings(home)
