"""``icshub indicators``: the logframe and indicator definitions of a plan version."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from icshub.cli.options import CLI_ACTOR, HomeOption, JsonOption, settings_for
from icshub.cli.output import guard, out, steps
from icshub.defaults import DEMO_SEED

app = typer.Typer(help="Strategic indicators: the logframe and indicator definitions.", no_args_is_help=True)


@app.command("import")
def indicators_import(path: Path, home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """Import indicator definitions (icshub.indicators/1 YAML) for the plan version they name."""
    from icshub.installation import import_indicators_file

    settings = settings_for(home)
    with steps(not as_json) as step:
        step(f"Validating and importing {path}")
        summary = guard(lambda: import_indicators_file(settings, path, CLI_ACTOR))
    report = {name: len(getattr(summary.comparison, name)) for name in ("added", "dropped", "changed")}
    if as_json:
        out.print_json(json.dumps({"version": summary.version, **report}))
    else:
        out.print(f"Indicators {summary.version}: " + ", ".join(f"{n} {name}" for name, n in report.items()) + ".")


@app.command("import-values")
def indicators_import_values(
    path: Path,
    source: str = typer.Option(..., help="Where the figures come from, e.g. 'OHID Fingertips, downloaded 2026-11-01'."),
    fingertips_indicator: str | None = typer.Option(
        None, "--fingertips-for", help="Read PATH as a Fingertips download, for this indicator key."
    ),
    fingertips_id: str | None = typer.Option(None, help="Only the rows of this Fingertips indicator ID."),
    synthetic: bool = typer.Option(False, "--synthetic", help="The figures are synthetic, not real data."),
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Import indicator values from the tidy layout, or from a Fingertips CSV download; all rows or none."""
    from icshub.installation import import_values_file

    settings = settings_for(home)
    with steps(not as_json) as step:
        step(f"Checking and importing {path}")
        data_import = guard(
            lambda: import_values_file(
                settings, path, CLI_ACTOR, source, fingertips_indicator, fingertips_id, synthetic
            )
        )
    report = {
        "import": data_import.id,
        "layout": data_import.layout,
        "rows": data_import.rows,
        "sha256": data_import.sha256,
        "synthetic": data_import.synthetic,
    }
    if as_json:
        out.print_json(json.dumps(report))
    else:
        out.print(f"{report['rows']} figures imported ({report['layout']} layout), import {report['import']}.")


@app.command("synthesise")
def indicators_synthesise(
    path: Path,
    seed: int = typer.Option(DEMO_SEED, help="The seed: the same seed gives the same figures."),
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Write synthetic series for the indicators to PATH in the tidy layout (the demo's figures; not real
    data: import them with --synthetic). The process is documented in icshub/indicators/synthetic.py."""
    from icshub.installation import write_synthetic_values

    settings = settings_for(home)
    with steps(not as_json) as step:
        step(f"Generating synthetic series into {path}")
        rows = guard(lambda: write_synthetic_values(settings, path, seed))
    if as_json:
        out.print_json(json.dumps({"rows": rows, "seed": seed, "path": str(path)}))
    else:
        out.print(f"{rows} synthetic figures written to {path} (seed {seed}).")
