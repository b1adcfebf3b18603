"""``icshub registry``: check, import and export the registry of who is who."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from icshub.cli.options import CLI_ACTOR, HomeOption, JsonOption, settings_for
from icshub.cli.output import console, guard, out, steps

app = typer.Typer(help="Import, check and export the registry of who is who.", no_args_is_help=True)


@app.command("check")
def registry_check(path: Path, as_json: bool = JsonOption) -> None:
    """Check a system definition and its datasets without writing anything."""
    from icshub.registry.load import load_bundle

    bundle = guard(lambda: load_bundle(path))
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


@app.command("import")
def registry_import(path: Path, home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """Import a system definition (a folder with system.yaml and datasets.yaml), all or nothing."""
    from icshub.installation import import_definition

    settings = settings_for(home)
    with steps(not as_json) as step:
        step(f"Validating and importing {path}")
        summary = guard(lambda: import_definition(settings, path, CLI_ACTOR))
    if as_json:
        out.print_json(json.dumps(summary.as_dict()))
    else:
        for name, count in sorted(summary.changes.items()):
            out.print(f"{name}: {count}")
        out.print("Imported.")


@app.command("export")
def registry_export(
    home: Path | None = HomeOption,
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of the screen."),
    as_json: bool = JsonOption,
) -> None:
    """Export the system definition as YAML (readable by 'registry import'), or as JSON."""
    from icshub.db.engine import transaction
    from icshub.installation import sessions
    from icshub.registry.export import definition_document, definition_yaml

    def run() -> str:
        with transaction(sessions(settings_for(home))) as session:
            if as_json:
                return json.dumps(definition_document(session), indent=2, ensure_ascii=False) + "\n"
            return definition_yaml(session)

    text = guard(run)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"Written to {output}")
    else:
        sys.stdout.write(text)
