"""Built-in system definitions, as data. Kent and Medway is the default."""

from pathlib import Path

KENT_AND_MEDWAY = Path(__file__).parent / "kent_medway"
