"""``python -m icshub`` runs the command line."""

from icshub.cli.main import app

app(prog_name="icshub")
