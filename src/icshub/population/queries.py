"""Population reads the interfaces need from the operational database: the saved cohorts and their
versions. (Person-level data is read only in the analytics store, through ``store``.)"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from icshub.population.models import CohortVersion, SavedCohort


def list_cohorts(session: Session) -> list[SavedCohort]:
    """Every saved cohort with its versions, by title."""
    query = select(SavedCohort).options(selectinload(SavedCohort.versions)).order_by(SavedCohort.title)
    return list(session.scalars(query))


def get_cohort(session: Session, key: str) -> SavedCohort | None:
    """The saved cohort with ``key`` and its versions, or None."""
    query = select(SavedCohort).options(selectinload(SavedCohort.versions)).where(SavedCohort.key == key)
    return session.scalar(query)


def get_version(session: Session, key: str, number: int) -> CohortVersion | None:
    """Version ``number`` of the cohort with ``key``, or None."""
    query = (
        select(CohortVersion)
        .join(SavedCohort)
        .where(SavedCohort.key == key, CohortVersion.number == number)
        .options(selectinload(CohortVersion.cohort))
    )
    return session.scalar(query)
