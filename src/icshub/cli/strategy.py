"""``icshub strategy``: plan versions, comparison, export and bulk progress updates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from icshub.cli.options import CLI_ACTOR, CLI_PRINCIPAL, HomeOption, JsonOption, settings_for
from icshub.cli.output import fail, guard, out, steps
from icshub.strategy.vocabulary import PlanStatus

app = typer.Typer(help="The Shared Delivery Plan: versions, comparison, export and bulk updates.", no_args_is_help=True)


@app.command("import")
def strategy_import(
    path: Path,
    publish: bool = typer.Option(False, "--publish", help="Publish the version (a new version is a draft)."),
    replace_published: bool = typer.Option(
        False, "--replace-published", help="Replace a published version of the same label, dropping what it lacks."
    ),
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Import a plan version (icshub.plan/1 YAML), replacing the items of the version with the same label."""
    from icshub.installation import import_plan_file

    settings = settings_for(home)
    with steps(not as_json) as step:
        step(f"Validating and importing {path}")
        summary = guard(lambda: import_plan_file(settings, path, CLI_ACTOR, publish, replace_published))
    report = {
        "version": summary.version,
        "created": summary.created,
        "added": len(summary.comparison.added),
        "dropped": len(summary.comparison.dropped),
        "changed": len(summary.comparison.changed),
    }
    if as_json:
        out.print_json(json.dumps(report))
    else:
        counts = ", ".join(f"{report[name]} {name}" for name in ("added", "dropped", "changed"))
        out.print(f"Plan {report['version']}: {counts}.")


@app.command("versions")
def strategy_versions(home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """List the versions of the plan."""
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.strategy import queries as strategy_queries

    with transaction(sessions(settings_for(home))) as session:
        rows = [
            {"version": p.version, "status": p.status, "created": p.created_at.isoformat()}
            for p in strategy_queries.list_plans(session, include_drafts=True)
        ]
    if as_json:
        out.print_json(json.dumps(rows))
        return
    table = Table("version", "status", "created")
    for row in rows:
        table.add_row(row["version"], row["status"], row["created"])
    out.print(table)


@app.command("new-version")
def strategy_new_version(base: str, version: str, home: Path | None = HomeOption) -> None:
    """Start a draft version holding a copy of every item of BASE."""
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.strategy.services import plan_versions as strategy_service

    def run():
        with transaction(sessions(settings_for(home))) as session:
            strategy_service.create_version(session, CLI_ACTOR, base, version)

    guard(run)
    out.print(f"Draft version {version} created from {base}.")


def _set_status(version: str, status: PlanStatus, home: Path | None) -> None:
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.strategy.services import plan_versions as strategy_service

    def run():
        with transaction(sessions(settings_for(home))) as session:
            strategy_service.set_plan_status(session, CLI_ACTOR, version, status)

    guard(run)
    out.print(f"Plan version {version} is now {status.value}.")


@app.command("publish")
def strategy_publish(version: str, home: Path | None = HomeOption) -> None:
    """Publish a plan version: the public sees the newest published version."""
    _set_status(version, PlanStatus.PUBLISHED, home)


@app.command("withdraw")
def strategy_withdraw(version: str, home: Path | None = HomeOption) -> None:
    """Withdraw a plan version to draft, so that the public no longer sees it."""
    _set_status(version, PlanStatus.DRAFT, home)


@app.command("compare")
def strategy_compare(first: str, second: str, home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """What was added, dropped and changed from FIRST to SECOND."""
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.strategy import queries as strategy_queries
    from icshub.strategy.compare import compare

    with transaction(sessions(settings_for(home))) as session:
        plans = [strategy_queries.get_plan(session, v) for v in (first, second)]
        if None in plans:
            fail(f"There is no plan version {first if plans[0] is None else second}.")
        result = compare(*(strategy_queries.plan_snapshot(session, plan) for plan in plans))
    report = {
        "added": [list(x) for x in result.added],
        "dropped": [list(x) for x in result.dropped],
        "changed": [{"kind": c.kind, "key": c.key, "fields": sorted(c.fields)} for c in result.changed],
    }
    if as_json:
        out.print_json(json.dumps(report))
        return
    for name in ("added", "dropped"):
        for kind, key in report[name]:
            out.print(f"{name}: {kind} {key}")
    for change in report["changed"]:
        out.print(f"changed: {change['kind']} {change['key']} ({', '.join(change['fields'])})")
    if result.unchanged:
        out.print("The two versions hold the same items.")


@app.command("export")
def strategy_export(
    output: Path = typer.Option(..., "--output", "-o", help="A .csv or .xlsx file to write."),
    version: str | None = typer.Option(None, help="Plan version (default: the current one)."),
    on: str | None = typer.Option(None, help="Judge overdue on this day, YYYY-MM-DD (default today)."),
    home: Path | None = HomeOption,
) -> None:
    """Write the plan with the current status of every item to CSV or Excel."""
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.strategy import queries as strategy_queries
    from icshub.strategy import sheets

    day = date.fromisoformat(on) if on else date.today()
    with transaction(sessions(settings_for(home))) as session:
        plan = strategy_queries.get_plan(session, version) if version else strategy_queries.current_plan(session, True)
        if plan is None:
            fail("There is no plan to export: run 'icshub demo' or 'icshub strategy import'.")
        rows = strategy_queries.plan_items(session, plan, day, include_drafts=True)
        title = f"{plan.title} ({plan.version})"
    if output.suffix.lower() == ".xlsx":
        output.write_bytes(sheets.to_xlsx(rows, title))
    elif output.suffix.lower() == ".csv":
        output.write_text(sheets.to_csv(rows), encoding="utf-8")
    else:
        fail("Give an output file ending .csv or .xlsx.")
    out.print(f"{len(rows)} items written to {output}")


@app.command("import-updates")
def strategy_import_updates(
    path: Path,
    publish: bool = typer.Option(False, "--publish", help="Publish the updates at once."),
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Record the progress updates filled in on an exported sheet, all or none."""
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.loading.problems import ImportRefused, Problem
    from icshub.strategy import queries as strategy_queries
    from icshub.strategy import sheets
    from icshub.strategy.services import progress_updates as progress

    def run():
        with transaction(sessions(settings_for(home))) as session:
            plan = strategy_queries.current_plan(session, True)
            if plan is None:
                raise ImportRefused([Problem(path.name, None, None, "there is no plan to update")])
            updates = sheets.read_updates(path.name, path.read_bytes(), date.today(), publish)
            recorded = progress.import_updates(session, CLI_PRINCIPAL, set(), plan, path.name, updates, date.today())
            return [{"item_type": u.item_type, "item_key": u.item_key, "status": u.status} for u in recorded]

    recorded = guard(run)
    if as_json:
        out.print_json(json.dumps(recorded))
    else:
        out.print(f"{len(recorded)} updates recorded{' and published' if publish else ' as drafts'}.")
