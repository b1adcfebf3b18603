"""The Kent and Medway Shared Delivery Plan (seed 001) is transcribed whole, and reads as the document does."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from icshub.db.engine import engine_for, make_session_factory
from icshub.registry.models import Partnership
from icshub.strategy import queries
from icshub.strategy.models import Commitment, DeliveryExample, Lead, LocalPriority, Milestone, Outcome, Priority
from icshub.strategy.vocabulary import ItemType


@pytest.fixture
def session(demo):
    settings, _ = demo
    with make_session_factory(engine_for(settings.database_url))() as session:
        yield session


@pytest.fixture
def plan(session):
    return queries.current_plan(session)


def count(session, model, plan, *where) -> int:
    return len(session.scalars(select(model).where(model.plan_id == plan.id, *where)).all())


def test_six_shared_outcomes_and_three_enablers(session, plan) -> None:
    outcomes = queries.list_outcomes(session, plan)
    assert Counter(o.kind for o in outcomes) == {"shared_outcome": 6, "enabler": 3}
    titles = {o.number: o.title for o in outcomes if o.kind == "shared_outcome"}
    # The outcome headings of seed 001.
    assert titles[1] == "Give children and young people the best start in life"
    assert titles[2] == "Tackle the wider determinants to prevent ill health"
    assert titles[5] == "Improve health and care services"
    assert titles[6] == "Support and grow our workforce"
    assert plan.vision == "We will work together to make health and wellbeing better than any partner can do alone"


def test_every_commitment_with_its_strategies_and_leads(session, plan) -> None:
    # Counted from the "What we have committed to" tables of seed 001 (see PLAN_TRANSCRIPTION.md).
    assert count(session, Commitment, plan) == 109
    assert count(session, Priority, plan) == 26
    commitments = session.scalars(select(Commitment).where(Commitment.plan_id == plan.id)).all()
    without_lead = [
        c.key for c in commitments if not session.scalars(select(Lead).where(Lead.commitment_id == c.id)).first()
    ]
    # Only one row of the tables leaves "Led by / responsible" empty (enabler 1, data sharing for research).
    assert without_lead == ["en1-p2-c1"]
    family_hubs = next(c for c in commitments if c.text.startswith("Improve and join up access to local support"))
    assert "Family Hub Programme \N{EN DASH} Medway & KCC" in family_hubs.strategies


def test_twenty_seven_dated_milestones(session, plan) -> None:
    milestones = session.scalars(select(Milestone).where(Milestone.plan_id == plan.id)).all()
    assert len(milestones) == 27 and all(m.due for m in milestones)
    by_title = {m.title: m.due for m in milestones}
    assert by_title["Launch Family Hub programme"] == "2024-03"
    assert by_title["Vision Statement co-produced, agreed and shared"] == "2024-05"
    assert by_title["Delivery of Accelerated Progress Plan (APP)"] == "2025-03"
    assert any(t.startswith("Integrated Neighbourhood Teams programme board and plan established") for t in by_title)
    assert by_title[next(t for t in by_title if t.startswith("Integrated Neighbourhood Teams programme board"))] == (
        "2024-09"
    )
    assert count(session, DeliveryExample, plan) == 30


def test_what_we_heard_and_i_statements(session, plan) -> None:
    so1 = session.scalar(select(Outcome).where(Outcome.plan_id == plan.id, Outcome.key == "so1"))
    assert "I am happy and secure at school and at home" in so1.i_statements
    assert any(h.startswith("Improve support for those with Special Educational Needs") for h in so1.what_we_heard)
    assert any("10.2% to no more than 6%" in text for text in so1.indicators_text)


def test_place_district_and_kalc_priorities_mapped_to_outcomes(session, plan) -> None:
    places = dict(session.execute(select(Partnership.id, Partnership.key)).all())
    place_priorities = queries.local_priorities(session, plan, "place")
    assert {places[p.partnership_id] for p in place_priorities} == {
        "dartford-gravesham-and-swanley",
        "east-kent",
        "medway-and-swale",
        "west-kent",
    }
    west_kent = {p.title: p.outcome_numbers for p in place_priorities if places[p.partnership_id] == "west-kent"}
    assert west_kent["Frailty & complex care"] == [3, 5]
    districts = queries.local_priorities(session, plan, "district")
    assert {"Housing", "Young people", "Substance misuse"} <= {p.title for p in districts}
    assert next(p for p in districts if p.title == "Housing").outcome_numbers == [2]
    assert len(queries.local_priorities(session, plan, "kalc")) == 5
    assert count(session, LocalPriority, plan) == 35 + 16 + 5


def test_everything_is_overdue_or_not_by_its_own_due_date(session, plan) -> None:
    rows = queries.plan_items(session, plan, date(2025, 4, 1), include_drafts=False)
    milestones = [r for r in rows if r.type is ItemType.MILESTONE]
    march_2025 = [r for r in milestones if r.due and r.due.text == "2025-03"]
    assert march_2025 and all(r.overdue for r in march_2025)
    later = [r for r in milestones if r.due and r.due.end >= date(2025, 4, 1)]
    assert later and not any(r.overdue for r in later)
