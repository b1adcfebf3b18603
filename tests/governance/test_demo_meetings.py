"""The demo meetings: two held (minutes approved, an action carried forward), two upcoming with agendas."""

from __future__ import annotations

from datetime import date

from icshub.governance import publication as public
from icshub.governance.queries import matters_arising
from icshub.governance.services import demo_meetings as demo
from icshub.governance.vocabulary import Part
from tests.governance.helpers import ICP, read, run

TODAY = date(2025, 12, 15)


def test_the_demo_has_a_past_and_a_future_and_is_written_once(registry) -> None:
    seeded = run(registry, demo.seed_demo_meetings, TODAY)
    assert run(registry, demo.seed_demo_meetings, TODAY) is None
    upcoming = read(registry, public.upcoming_meetings, TODAY, ICP)
    assert [m.id for m in upcoming] == list(seeded.upcoming)
    assert all(m.status == "noticed" and m.starts_at.weekday() == 2 for m in upcoming)
    first, second = seeded.held
    approved = read(registry, public.approved_minutes, first)
    assert approved is not None and approved.approved_at_meeting_id == second
    assert read(registry, public.approved_minutes, second) is None
    items = read(registry, public.public_agenda, seeded.upcoming[0], TODAY).items
    assert [item.part for item in items] == [Part.PUBLIC, Part.PUBLIC, Part.PRIVATE]
    assert items[2].title == public.EXCLUSION and "procurement" not in repr(items)
    assert len(read(registry, public.public_decisions, ICP)) == 3
    actions = run(registry, lambda s, p, m: [a.description for a in matters_arising(s, p, m)], seeded.upcoming[0])
    assert actions == ["Publish the interim strategy on the partners' websites"]
