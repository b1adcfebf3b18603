"""Publication documents: the agenda pack (HTML and PDF, public and confidential editions) and the iCalendar feed.

Part 2 business never reaches a public document: the Part 2 item below carries marker words in its title,
owner, decision sought and paper, and no public output may contain any of them.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from icshub.defaults import KENT_AND_MEDWAY
from icshub.governance.agenda_pack import (
    CONFIDENTIAL_MARKING,
    EXCLUSION_HEADING,
    LONDON,
    AgendaItem,
    Edition,
    Exclusion,
    Meeting,
    MeetingDetails,
    Paper,
    PrivateReason,
    clock,
    edition_of,
    private_reason,
)
from icshub.governance.feed import NO_AGENDA_YET, calendar_feed, event_description, meeting_uid
from icshub.governance.terms import read_terms
from icshub.governance.vocabulary import MeetingStatus, Part
from icshub.web.governance.pack import render_pack_html, render_pack_pdf

COMMERCIAL = PrivateReason("7.1.2", "The matter being commercially sensitive or confidential")
# One marker word in each field of the Part 2 item, none of them words a pack would otherwise print.
PART_2_MARKERS = ("Zanzibar", "Quokka", "Flamingo", "Marmalade", "Xylophone")
PART_1_PAPERS = ("Shared Delivery Plan: progress report", "Blood pressure checks in Swale")
DOMAIN = "icshub.example"


def details(
    key: str = "icp-2025-03-27",
    starts: datetime = datetime(2025, 3, 27, 14, 0, tzinfo=LONDON),
    status: MeetingStatus = MeetingStatus.SCHEDULED,
    revision: int = 0,
) -> MeetingDetails:
    return MeetingDetails(
        key=key,
        committee="Kent and Medway Integrated Care Partnership",
        title="Joint Committee meeting",
        starts=starts,
        ends=starts + timedelta(hours=2, minutes=30),
        venue="Council Chamber, Sessions House, Maidstone ME14 1XQ",
        status=status,
        chair="Councillor Alex Example",
        notice_issued_on=date(2025, 3, 18),
        revision=revision,
        revised_at=datetime(2025, 3, 18, 9, 30, tzinfo=UTC),
    )


AGENDA = (
    AgendaItem("1", "Welcome, apologies and declarations of interest", Part.PUBLIC, "Chair", "To note."),
    AgendaItem(
        "2",
        "Shared Delivery Plan progress",
        Part.PUBLIC,
        "Director of Strategy",
        "To note progress against the six shared outcomes.",
        (
            Paper(PART_1_PAPERS[0], "Most commitments are on track.\n\nTwo are at risk; see the annex."),
            Paper(PART_1_PAPERS[1], "Checks rose by 10.5% against the baseline."),
        ),
    ),
    AgendaItem(
        "3",
        "Zanzibar community services contract",
        Part.PRIVATE,
        "Quokka Procurement Lead",
        "To approve the Flamingo extension.",
        (Paper("Marmalade bid evaluation", "The Xylophone tender scored highest on quality."),),
        COMMERCIAL,
    ),
)
MEETING = Meeting(details(), AGENDA)


def pdf_pages(document: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(document)).pages]


def leaked(text: str) -> list[str]:
    return [marker for marker in PART_2_MARKERS if marker.lower() in text.lower()]


@pytest.fixture(scope="module")
def public_pdf() -> bytes:
    return render_pack_pdf(MEETING, Edition.PUBLIC)


@pytest.fixture(scope="module")
def confidential_pdf() -> bytes:
    return render_pack_pdf(MEETING, Edition.CONFIDENTIAL)


def test_the_public_edition_shows_a_part_2_item_only_as_an_exclusion_with_its_reason() -> None:
    pack = edition_of(MEETING, Edition.PUBLIC)
    assert pack.entries == (AGENDA[0], AGENDA[1], Exclusion("3", COMMERCIAL))
    assert pack.entries[2].heading == EXCLUSION_HEADING
    assert pack.items == AGENDA[:2]
    assert pack.has_private_business
    assert edition_of(MEETING, Edition.CONFIDENTIAL).entries == AGENDA


@given(st.lists(st.sampled_from(Part), max_size=12))
def test_every_edition_keeps_agenda_order_and_only_the_confidential_one_has_part_2(parts: list[Part]) -> None:
    items = tuple(
        AgendaItem(str(n), f"Item {n}", part, "Owner", "Decision", (), COMMERCIAL if part is Part.PRIVATE else None)
        for n, part in enumerate(parts, start=1)
    )
    meeting = Meeting(details(), items)
    public = edition_of(meeting, Edition.PUBLIC)
    assert [entry.number for entry in public.entries] == [item.number for item in items]
    assert all(item.part is Part.PUBLIC for item in public.items)
    assert [e.number for e in public.entries if isinstance(e, Exclusion)] == [
        item.number for item in items if item.part is Part.PRIVATE
    ]
    assert edition_of(meeting, Edition.CONFIDENTIAL).entries == items


def test_the_public_html_has_no_part_2_words_and_says_why_the_public_is_excluded() -> None:
    html = render_pack_html(MEETING, Edition.PUBLIC)
    assert leaked(html) == []
    assert EXCLUSION_HEADING in html
    assert "The matter being commercially sensitive or confidential (paragraph 7.1.2 of the terms" in " ".join(
        html.split()
    )
    assert CONFIDENTIAL_MARKING not in html
    assert all(title in html for title in PART_1_PAPERS)


def test_the_confidential_html_has_the_part_2_item_and_its_marking() -> None:
    html = render_pack_html(MEETING, Edition.CONFIDENTIAL)
    assert leaked(html) == list(PART_2_MARKERS)
    assert CONFIDENTIAL_MARKING in html
    assert EXCLUSION_HEADING not in html


def test_the_html_escapes_what_it_is_given() -> None:
    item = AgendaItem("1", "Fish & chips <script>", Part.PUBLIC, "Chair", "To note.")
    html = render_pack_html(Meeting(details(), (item,)), Edition.PUBLIC)
    assert "Fish &amp; chips &lt;script&gt;" in html
    assert "<script>" not in html


def test_the_public_pdf_has_a_cover_the_agenda_and_each_part_1_paper_and_no_part_2_words(public_pdf: bytes) -> None:
    pages = pdf_pages(public_pdf)
    assert len(pages) == 2 + len(PART_1_PAPERS)
    assert leaked("\n".join(pages)) == []
    assert leaked(str(PdfReader(io.BytesIO(public_pdf)).metadata)) == []
    cover, agenda, *papers = pages
    assert "Joint Committee meeting" in cover
    assert "Thursday 27 March 2025" in cover
    assert "2pm to 4:30pm" in cover
    assert "Public edition" in cover
    assert agenda.startswith("Agenda")
    assert "Shared Delivery Plan progress" in agenda
    assert EXCLUSION_HEADING in agenda
    assert f"{PART_1_PAPERS[0]}, page 3" in agenda
    for number, (page, title) in enumerate(zip(papers, PART_1_PAPERS, strict=True), start=3):
        assert page.startswith(f"Item 2\n{title}")
        assert f"Page {number} of {len(pages)}" in page
    assert "Two are at risk; see the annex." in papers[0]
    assert not any("NOT FOR PUBLICATION" in page for page in pages)


def test_the_confidential_pdf_has_every_paper_and_the_marking_on_every_page(confidential_pdf: bytes) -> None:
    pages = pdf_pages(confidential_pdf)
    assert len(pages) == 2 + len(PART_1_PAPERS) + 1
    assert leaked("\n".join(pages)) == list(PART_2_MARKERS)
    assert all(CONFIDENTIAL_MARKING in page for page in pages)
    assert "Marmalade bid evaluation, page 5" in pages[1]
    assert pages[4].startswith("Item 3 (Part 2: not for publication)\nMarmalade bid evaluation")
    assert "Page 5 of 5" in pages[4]


def test_a_cancelled_meeting_says_so_on_its_cover() -> None:
    meeting = Meeting(details(status=MeetingStatus.CANCELLED), AGENDA[:1])
    assert "This meeting has been cancelled." in render_pack_html(meeting, Edition.PUBLIC)


def test_agenda_items_and_meetings_refuse_what_a_pack_cannot_show_truthfully() -> None:
    with pytest.raises(ValueError, match="Part 2 but gives no reason"):
        AgendaItem("4", "Private matter", Part.PRIVATE, "Owner", "To decide.")
    with pytest.raises(ValueError, match="Part 1 but has a reason"):
        AgendaItem("4", "Public matter", Part.PUBLIC, "Owner", "To decide.", (), COMMERCIAL)
    with pytest.raises(ValueError, match="starts has no time zone"):
        details(starts=datetime(2025, 3, 27, 14, 0))
    with pytest.raises(ValueError, match="item numbers repeated: 1"):
        Meeting(details(), (AGENDA[0], AGENDA[0]))


def test_private_reasons_come_from_paragraph_7_1_of_the_terms() -> None:
    terms = read_terms(KENT_AND_MEDWAY / "terms" / "icp.yaml")
    assert private_reason(terms, "commercially-sensitive") == COMMERCIAL
    with pytest.raises(ValueError, match="'gossip' is not a reason"):
        private_reason(terms, "gossip")


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime(2025, 3, 27, 14, 0, tzinfo=LONDON), "2pm"),
        (datetime(2025, 7, 1, 9, 30, tzinfo=UTC), "10:30am"),
        (datetime(2025, 1, 6, 12, 0, tzinfo=LONDON), "midday"),
        (datetime(2025, 1, 6, 0, 15, tzinfo=LONDON), "12:15am"),
    ],
)
def test_times_are_written_in_london_in_govuk_style(moment: datetime, written: str) -> None:
    assert clock(moment) == written


# Clocks went forward at 01:00 UTC on Sunday 30 March 2025: 2pm is 14:00 UTC before and 13:00 UTC after.
BEFORE_BST = Meeting(details(), AGENDA)
AFTER_BST = Meeting(
    details("icp-2025-04-03", datetime(2025, 4, 3, 14, 0, tzinfo=LONDON), MeetingStatus.CANCELLED, revision=2), AGENDA
)


def meeting_url(meeting: MeetingDetails) -> str:
    return f"https://{DOMAIN}/committees/icp/meetings/{meeting.key}"


@pytest.fixture(scope="module")
def feed() -> bytes:
    return calendar_feed(
        [AFTER_BST, BEFORE_BST], name="Kent and Medway ICP meetings", domain=DOMAIN, meeting_url=meeting_url
    )


def test_the_feed_parses_back_with_one_event_per_meeting(feed: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(feed)
    events = calendar.events
    assert [str(event["UID"]) for event in events] == [
        "meeting-icp-2025-03-27@icshub.example",
        "meeting-icp-2025-04-03@icshub.example",
    ]
    first, second = events
    assert first["SUMMARY"] == "Kent and Medway Integrated Care Partnership: Joint Committee meeting"
    assert first["LOCATION"] == "Council Chamber, Sessions House, Maidstone ME14 1XQ"
    assert first["URL"] == "https://icshub.example/committees/icp/meetings/icp-2025-03-27"
    assert first.stamp == datetime(2025, 3, 18, 9, 30, tzinfo=UTC)
    assert (first.sequence, second.sequence) == (0, 2)
    assert (first["STATUS"], second["STATUS"]) == ("CONFIRMED", "CANCELLED")


def test_the_feed_is_stable_between_builds(feed: bytes) -> None:
    again = calendar_feed(
        [BEFORE_BST, AFTER_BST], name="Kent and Medway ICP meetings", domain=DOMAIN, meeting_url=meeting_url
    )
    assert again == feed
    assert meeting_uid(BEFORE_BST.details, DOMAIN) in feed.decode()


def test_the_feed_gives_the_right_instants_either_side_of_the_change_to_summer_time(feed: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(feed)
    assert "DTSTART;TZID=Europe/London:20250327T140000" in feed.decode()
    assert [timezone["TZID"] for timezone in calendar.timezones] == ["Europe/London"]
    # The feed's own VTIMEZONE, not this machine's time-zone database, must place the meetings.
    defined = calendar.timezones[0].to_tz(lookup_tzid=False)
    instants = [
        (event.start.replace(tzinfo=defined).astimezone(UTC), event.end.replace(tzinfo=defined).astimezone(UTC))
        for event in calendar.events
    ]
    assert instants == [
        (datetime(2025, 3, 27, 14, 0, tzinfo=UTC), datetime(2025, 3, 27, 16, 30, tzinfo=UTC)),
        (datetime(2025, 4, 3, 13, 0, tzinfo=UTC), datetime(2025, 4, 3, 15, 30, tzinfo=UTC)),
    ]


def test_the_feed_lists_part_1_items_and_never_part_2_words(feed: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(feed)
    assert leaked(feed.decode()) == []
    assert leaked(str(calendar.events[0]["DESCRIPTION"])) == []
    assert str(calendar.events[0]["DESCRIPTION"]) == (
        "Agenda (Part 1):\n"
        "1. Welcome, apologies and declarations of interest\n"
        "2. Shared Delivery Plan progress\n"
        "\n"
        "The press and public are expected to be excluded for item 3 (Part 2)."
    )
    assert str(calendar.events[1]["DESCRIPTION"]).startswith("This meeting has been cancelled.\n\nAgenda (Part 1):")


def test_a_meeting_without_a_published_agenda_says_so() -> None:
    assert event_description(edition_of(Meeting(details(), ()), Edition.PUBLIC)) == NO_AGENDA_YET
    with pytest.raises(ValueError, match="public edition"):
        event_description(edition_of(MEETING, Edition.CONFIDENTIAL))
