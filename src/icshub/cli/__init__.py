"""The command line: ``icshub …`` (Typer). Commands call services; no domain rules live here."""
