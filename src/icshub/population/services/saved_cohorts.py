"""Saved cohorts: the analyst's library of cohort definitions, each kept with every version saved.

A definition is saved as written (the YAML or JSON text, so it opens in the builder as its author left
it) and in its canonical form, whose SHA-256 identifies it. Saving text whose canonical form is the same as
the latest version's adds nothing; a changed definition becomes the next version. Versions are never
edited or removed, so a published figure can name the exact definition behind it. Every save is audited.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from icshub.auth.actor import actor_for
from icshub.auth.audit import record_event
from icshub.auth.policy import Permission, Principal, require
from icshub.loading.yaml_lines import parse_yaml
from icshub.population.cohorts.definition import CohortDefinition, parse_cohort
from icshub.population.models import CohortVersion, SavedCohort
from icshub.population.queries import get_cohort

LABEL = "cohort definition"


def read_definition(text: str) -> CohortDefinition:
    """The cohort defined by ``text`` (YAML or JSON); refused with the line and field of each problem."""
    return parse_cohort(parse_yaml(text, LABEL), LABEL)


def canonical(definition: CohortDefinition) -> dict[str, Any]:
    """The definition as plain JSON values, with defaults filled in: what a version's identity rests on."""
    return definition.model_dump(mode="json", by_alias=True, exclude_none=True)


def digest(definition: CohortDefinition) -> str:
    return hashlib.sha256(json.dumps(canonical(definition), sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Saved:
    version: CohortVersion
    created: bool  # False when the text was the latest version's definition again


def save_cohort(session: Session, principal: Principal, text: str, note: str | None = None) -> Saved:
    """Save ``text`` as the next version of the cohort its key names (the first, for a new key); refused
    (``NotAllowed``) to anyone the policy does not let save cohorts."""
    require(principal, Permission.COHORTS_SAVE)
    actor = actor_for(principal)
    definition = read_definition(text)
    sha = digest(definition)
    cohort = get_cohort(session, definition.key)
    now = datetime.now(UTC)
    if cohort is None:
        cohort = SavedCohort(key=definition.key, title=definition.title, created_at=now, created_by=actor.name)
        session.add(cohort)
    elif cohort.versions and cohort.latest.definition_sha256 == sha:
        return Saved(cohort.latest, created=False)
    number = len(cohort.versions) + 1
    version = CohortVersion(
        number=number,
        title=definition.title,
        definition=canonical(definition),
        source_text=text,
        definition_sha256=sha,
        note=(note or "").strip() or None,
        saved_at=now,
        saved_by=actor.name,
    )
    cohort.versions.append(version)
    cohort.title = definition.title
    session.flush()
    record_event(
        session,
        actor,
        "population.cohort.save",
        "cohort",
        f"{definition.key} v{number}",
        after={"key": definition.key, "version": number, "sha256": sha, "note": version.note},
    )
    return Saved(version, created=True)
