"""``icshub population``: load person-level data into the analytics store, and list its datasets.

What these commands print is counts only (rows loaded, rejected and skipped; problems by file and field),
never a person-level value. A refused load lists its problems, each with file, line and field, for the
person loading the data to fix.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from icshub.cli.options import CLI_ACTOR, HomeOption, JsonOption, settings_for
from icshub.cli.output import console, fail, guard, out, steps
from icshub.config import Settings
from icshub.defaults import DEMO_PEOPLE, DEMO_SEED

if TYPE_CHECKING:
    from icshub.population.services import datasets as service

app = typer.Typer(help="Person-level data (pseudonymised) in the analytics store.", no_args_is_help=True)

NameOption = typer.Option(..., "--name", help="The dataset's name: lower-case letters, digits, '-' and '_'.")
AcceptOption = typer.Option(
    False, "--accept-rejects", help="Load the rows that pass and count the rejects, rather than refuse the load."
)
SyntheticOption = typer.Option(False, "--synthetic", help="The data are synthetic, not real people's.")


@app.command("load-tidy")
def load_tidy(
    folder: Path,
    name: str = NameOption,
    accept_rejects: bool = AcceptOption,
    synthetic: bool = SyntheticOption,
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Load FOLDER in the tidy layout (person.csv and optionally flag, event and coded; pseudonymised)."""
    from icshub.population.services import datasets as service

    _load(
        home,
        name,
        as_json,
        lambda settings: service.load_tidy(settings, folder, name, accept_rejects, synthetic, CLI_ACTOR),
    )


@app.command("load-synthea")
def load_synthea(
    folder: Path,
    name: str = NameOption,
    accept_rejects: bool = AcceptOption,
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Load FOLDER of Synthea CSV output (synthetic; costs in US dollars). The mapping is documented in
    icshub/population/adapters/synthea.py."""
    from icshub.population.services import datasets as service

    _load(home, name, as_json, lambda settings: service.load_synthea(settings, folder, name, accept_rejects, CLI_ACTOR))


@app.command("load-omop")
def load_omop(
    folder: Path,
    name: str = NameOption,
    accept_rejects: bool = AcceptOption,
    synthetic: bool = SyntheticOption,
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Load FOLDER of OMOP CDM 5.4 CSV tables, with its CONCEPT.csv. The mapping is documented in
    icshub/population/adapters/omop.py."""
    from icshub.population.services import datasets as service

    _load(
        home,
        name,
        as_json,
        lambda settings: service.load_omop(settings, folder, name, accept_rejects, synthetic, CLI_ACTOR),
    )


@app.command("datasets")
def datasets(home: Path | None = HomeOption, as_json: bool = JsonOption) -> None:
    """List the datasets in the analytics store: where each came from and its rows."""
    from icshub.population.services import datasets as service

    manifests = service.datasets(settings_for(home))
    if as_json:
        out.print_json(json.dumps(manifests))
        return
    table = Table(title="Population datasets")
    for column in ("name", "adapter", "source", "synthetic", "written", "people", "events", "coded"):
        table.add_column(column)
    for m in manifests:
        rows = {t: f"{v['rows']:,}" for t, v in m["tables"].items()}
        table.add_row(
            m["name"],
            str(m.get("adapter", "")),
            str(m.get("source", "")),
            "yes" if m.get("synthetic") else "no",
            m["written_at"],
            rows["person"],
            rows["event"],
            rows["coded"],
        )
    out.print(table)


def _load(home: Path | None, name: str, as_json: bool, action: Callable[[Settings], service.Loaded]) -> None:
    from icshub.population.store import dataset_path

    settings = settings_for(home)
    guard(lambda: dataset_path(settings.population_dir, name))
    with steps(not as_json) as step:
        step(f"Checking and loading dataset '{name}'")
        loaded = guard(lambda: action(settings))
    summary = loaded.summary
    problems: dict[str, Counter[str]] = {}
    for problem in summary.problems:
        problems.setdefault(problem.file, Counter())[problem.field or "(row)"] += 1
    report = {
        "dataset": name,
        "loaded": summary.loaded,
        "rejected": summary.rejected,
        "skipped": loaded.skipped,
        "problems": {file: dict(fields) for file, fields in problems.items()},
    }
    if as_json:
        out.print_json(json.dumps(report))
        return
    table = Table(title=f"Dataset '{name}'")
    for column in ("table", "loaded", "rejected"):
        table.add_column(column)
    for t, count in summary.loaded.items():
        table.add_row(t, f"{count:,}", f"{summary.rejected.get(t, 0):,}")
    out.print(table)
    for file, reasons in loaded.skipped.items():
        for reason, count in reasons.items():
            out.print(f"Skipped from {file}: {count:,} ({reason})", highlight=False)
    for file, fields in problems.items():
        listed = ", ".join(f"{field} {count:,}" for field, count in fields.items())
        out.print(f"Problems in {file}, by field: {listed}", highlight=False)


@app.command("synthesise")
def synthesise_population(
    name: str = NameOption,
    people: int = typer.Option(DEMO_PEOPLE, min=1, help="How many people to generate."),
    scale: str | None = typer.Option(None, help="'full': the whole census population (about 1.9 million)."),
    seed: int = typer.Option(DEMO_SEED, help="The seed: the same seed and size give the same data."),
    home: Path | None = HomeOption,
    as_json: bool = JsonOption,
) -> None:
    """Generate a SYNTHETIC population of the system (no real person) and write it as dataset NAME. The
    method and every assumption are in docs/population-synthetic.md."""
    from icshub.population.services.synthetic_population import synthesise
    from icshub.population.store import dataset_path
    from icshub.population.synthetic.people import FULL

    if scale not in (None, FULL):
        fail(f"--scale takes only '{FULL}'; give a number of people with --people")
    settings = settings_for(home)
    guard(lambda: dataset_path(settings.population_dir, name))
    size = FULL if scale == FULL else people
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=as_json) as bar:
        task = bar.add_task("Generating synthetic people", total=None)
        summary = synthesise(
            settings,
            name,
            size,
            seed,
            started=lambda total: bar.update(task, total=total),
            progress=lambda done: bar.advance(task, done),
            actor=CLI_ACTOR,
        )
    report = {"dataset": name, "synthetic": True, "people": summary.people, "seed": seed, "scale": size}
    if as_json:
        out.print_json(json.dumps(report | {"rows": summary.rows}))
        return
    rows = ", ".join(f"{count:,} {table}" for table, count in summary.rows.items())
    out.print(f"Synthetic dataset '{name}' written (SYNTHETIC, not real people): {rows} (seed {seed}).")
