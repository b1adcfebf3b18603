"""Built-in system definitions, as data. Kent and Medway is the default, with the demo's fixed choices."""

from pathlib import Path

KENT_AND_MEDWAY = Path(__file__).parent / "kent_medway"

# The demo is the same every time: its synthetic figures and people are drawn from this seed.
DEMO_SEED = 2024
# The demo's synthetic population dataset, and how many people it has unless told otherwise.
DEMO_NAME = "kent-medway-synthetic"
DEMO_PEOPLE = 10_000
