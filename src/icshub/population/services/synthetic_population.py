"""Writing a synthetic population into the analytics store: read the system's small areas and practices from
the registry, generate chunk by chunk and stream each chunk into the dataset, so that memory stays flat
whatever the scale. The dataset's manifest says it is synthetic, with its seed, scale and assumptions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from icshub.auth.actor import SYSTEM_ACTOR, Actor
from icshub.config import Settings
from icshub.db.engine import engine_for, make_session_factory
from icshub.population.services.datasets import audited_write
from icshub.population.store import write_dataset
from icshub.population.synthetic import assumptions as A
from icshub.population.synthetic.generate import generate, plan_run
from icshub.registry.population_frame import practice_table, small_areas_with_age_bands
from icshub.registry.queries import CURRENT_IMD

SOURCE = "icshub synthetic Kent and Medway"
ASSUMPTIONS = "docs/population-synthetic.md"


@dataclass(frozen=True)
class SynthesisSummary:
    name: str
    people: int
    rows: dict[str, int]
    seed: int
    scale: int | str


def synthesise(
    settings: Settings,
    name: str,
    scale: int | str,
    seed: int,
    started: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_people: int | None = None,
    actor: Actor = SYSTEM_ACTOR,
) -> SynthesisSummary:
    """Generate ``scale`` synthetic people (or ``'full'``) on the installation's registry and write them as
    dataset ``name``; ``started`` is told how many people will be made, ``progress`` how many each chunk
    made. Nothing is written unless every chunk succeeds."""
    with make_session_factory(engine_for(settings.database_url))() as session:
        areas, practices = small_areas_with_age_bands(session), practice_table(session)
    options = {} if chunk_people is None else {"chunk_people": chunk_people}
    run = plan_run(areas, practices, seed, scale, settings.pseudonym_key(), **options)
    if started:
        started(run.plan.people)
    manifest = {
        "source": SOURCE,
        "synthetic": True,
        "seed": seed,
        "scale": scale,
        "assumptions": ASSUMPTIONS,
        "imd": CURRENT_IMD,
        # The last day its activity covers: the day its profile is drawn as of.
        "as_of": A.YEAR_END.isoformat(),
    }
    with (
        audited_write(settings, actor, "population.dataset.synthesise", name),
        write_dataset(settings.population_dir, name, manifest) as writer,
    ):
        for chunk, tables in generate(run):
            for table, rows in tables.items():
                writer.write(table, rows)
            if progress:
                progress(int(chunk.counts.sum()))
        rows = dict(writer.rows)
    return SynthesisSummary(name, run.plan.people, rows, seed, scale)
