"""Benchmark: importing the Kent and Medway registry and delivery plan, and serving the main pages and endpoints.

Run: .venv/bin/python bench/registry_and_plan.py [--database-url URL] [--repeat N]
Prints a table of wall time (median of the repeats) and peak Python memory. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from fastapi.testclient import TestClient

from icshub.auth.actor import Actor
from icshub.config import load_settings
from icshub.defaults import KENT_AND_MEDWAY
from icshub.installation import import_definition, import_plan_file, initialise
from icshub.registry.load import load_bundle
from icshub.web.app import create_app
from timing import measure

ACTOR = Actor("bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary folder")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(Path(folder), args.database_url)
        initialise(settings)
        rows: list[tuple[str, float, float]] = []
        rows.append(
            ("read and validate definition + datasets", *measure(lambda: load_bundle(KENT_AND_MEDWAY), args.repeat))
        )
        rows.append(
            ("first import (empty database)", *measure(lambda: import_definition(settings, KENT_AND_MEDWAY, ACTOR), 1))
        )
        rows.append(
            (
                "re-import (no changes)",
                *measure(lambda: import_definition(settings, KENT_AND_MEDWAY, ACTOR), args.repeat),
            )
        )
        plan = KENT_AND_MEDWAY / "plan.yaml"
        rows.append(
            ("import the delivery plan", *measure(lambda: import_plan_file(settings, plan, ACTOR, publish=True), 1))
        )
        rows.append(
            ("re-import the plan (no changes)", *measure(lambda: import_plan_file(settings, plan, ACTOR), args.repeat))
        )
        with TestClient(create_app(settings)) as client:
            for path in (
                "/",
                "/partnerships/east-kent",
                "/api/v1/partnerships?type=place",
                "/api/v1/places/east-kent/profile",
                "/api/v1/places/east-kent/boundaries.geojson",
                "/api/v1/search?q=medway",
                "/strategy/dashboard",
                "/strategy/outcomes/so5",
                "/api/v1/strategy/items?overdue=true",
                "/api/v1/strategy/export.xlsx",
            ):
                client.get(path)  # warm caches once
                rows.append(
                    (f"GET {path}", *measure(lambda path=path: client.get(path).raise_for_status(), args.repeat))
                )
    engine = (args.database_url or "sqlite").split(":")[0]
    width = max(len(name) for name, _, _ in rows)
    print(f"icshub registry and delivery plan benchmark ({engine}, median of {args.repeat})")
    print(f"{'step':<{width}}  {'seconds':>9}  {'peak MiB':>9}")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 9}")
    for name, seconds, peak in rows:
        print(f"{name:<{width}}  {seconds:>9.3f}  {peak:>9.1f}")


if __name__ == "__main__":
    main()
