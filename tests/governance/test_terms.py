"""The ICP's terms of reference load, agree with the registry, and hold the document's numbers; broken
terms files are refused with file, line and field (seed 003, Appendix 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from icshub.defaults import KENT_AND_MEDWAY
from icshub.governance.terms import (
    GroupsRepresented,
    Majority,
    MinimumVotingMembers,
    OneFromAny,
    OneFromEach,
    RemoteAttendance,
    Standing,
    TermsOfReference,
    read_terms,
)
from icshub.loading.problems import ImportRefused, Problem
from icshub.registry.definition import SystemDefinition, read_definition

TERMS = KENT_AND_MEDWAY / "terms" / "icp.yaml"
PLACES = ["dartford-gravesham-and-swanley", "west-kent", "medway-and-swale", "east-kent"]


@pytest.fixture(scope="module")
def system() -> SystemDefinition:
    return read_definition(KENT_AND_MEDWAY / "system.yaml")


@pytest.fixture(scope="module")
def terms(system: SystemDefinition) -> TermsOfReference:
    return read_terms(TERMS, system)


def voting_places(terms: TermsOfReference) -> int:
    return sum(seat.count for seat in terms.seats if seat.standing is Standing.VOTING)


def test_the_terms_are_the_registry_committee_and_its_seats(terms: TermsOfReference, system: SystemDefinition) -> None:
    committee = next(c for c in system.committees if c.key == "icp-joint-committee")
    assert terms.committee == committee.key
    assert {seat.key for seat in terms.seats} == {seat.key for seat in committee.seats}
    leadership = {seat.key for seat in terms.seats if "leadership_team" in seat.groups}
    assert leadership == {seat.key for seat in committee.seats if seat.leadership_team}
    assert set(terms.chair.eligible_seats) == {seat.key for seat in committee.seats if seat.chair_eligible}


def test_membership_follows_paragraph_6(terms: TermsOfReference) -> None:
    # §6.1: 3 + 2 + 2 + 1 + 1 + 4 HCP chairs + 4 district representatives = 17 voting members.
    assert voting_places(terms) == 17
    assert not any(seat.deputy_allowed for seat in terms.seats if seat.standing is Standing.VOTING)  # §6.2
    participants = [seat for seat in terms.seats if seat.standing is Standing.PARTICIPANT]
    assert {seat.paragraph for seat in participants} == {f"6.4.{n}" for n in range(1, 12)}
    assert [seat.key for seat in terms.seats if seat.deputy_allowed] == ["kcc-head-of-paid-service"]  # §6.4.2
    for place in PLACES:
        represented_by = {seat.paragraph for seat in terms.seats if f"place:{place}" in seat.groups}
        assert represented_by == {"6.1.8", "6.1.9"}


def test_chair_vice_chair_and_presiding_follow_6_3_and_6_8(terms: TermsOfReference) -> None:
    assert terms.chair.eligible_seats == ["leader-kcc", "leader-medway"]
    assert terms.chair.term_years == 2
    assert terms.chair.rotation[0] == "leader-kcc"  # report §3.1
    assert terms.vice_chair.other_in_rotation
    assert terms.presiding.order == ["chair", "vice_chair", "chair-icb"]


def test_quorum_holds_the_numbers_of_paragraph_8(terms: TermsOfReference) -> None:
    minimum, each, leadership, places = terms.quorum.rules
    assert isinstance(minimum, MinimumVotingMembers) and minimum.count == 9
    assert isinstance(each, OneFromEach)
    assert each.groups == [
        "local_authority:kent-county-council",
        "local_authority:medway-council",
        "icb:kent-and-medway-icb",
    ]
    assert isinstance(leadership, OneFromAny) and leadership.groups == ["leadership_team"]
    assert isinstance(places, GroupsRepresented) and places.at_least == 2
    assert places.groups == [f"place:{place}" for place in PLACES]
    assert terms.quorum.remote_attendance is RemoteAttendance.CHAIRS_DISCRETION  # §8.3
    assert [aim.group for aim in terms.quorum.endeavour] == ["public_health"]  # §8.2


def test_voting_follows_7_4(terms: TermsOfReference) -> None:
    voting = terms.voting
    assert voting.consensus_first and voting.votes_per_member == 1
    assert voting.majority is Majority.OF_VOTING_MEMBERS_PRESENT
    assert (voting.casting_vote, voting.tie) == ("none", "fails")


def test_notice_agenda_papers_meetings_and_reviews_hold_the_document_numbers(terms: TermsOfReference) -> None:
    assert terms.notice.clear_working_days == 5  # §10.2.1
    assert terms.notice.in_writing_to_every_member and not terms.notice.defective_service_invalidates  # §10.3
    assert len(terms.notice.published_by) == 3  # §10.4: KCC, Medway, the ICB
    assert (terms.agenda_requests.clear_working_days, terms.agenda_requests.urgent_clear_working_days) == (20, 10)
    assert terms.papers.clear_working_days == 5 and terms.papers.excludes_confidential  # §12.2
    assert terms.meetings.at_least_every_months == 3 and terms.meetings.open_to_public  # §10.1, §7.1
    assert (terms.meetings.public_part, terms.meetings.private_part) == ("Part 1", "Part 2")  # §7.2
    assert terms.review.self_assessment_every_months == 12  # §11.5
    assert terms.review.terms_review_every_months == 12  # §14.1
    assert terms.interests.register_presented_each_meeting  # §11.4.2


def test_the_seven_reasons_for_private_business(terms: TermsOfReference) -> None:
    reasons = terms.private_business.reasons
    assert [reason.paragraph for reason in reasons] == [f"7.1.{n}" for n in range(1, 8)]
    assert "Public Bodies (Admission to Meetings) Act 1960" in reasons[5].text
    assert reasons[6].code == "prevent-disruption"


def test_every_remaining_rule_is_kept_in_words(terms: TermsOfReference) -> None:
    paragraphs = {clause.paragraph for clause in terms.clauses}
    for paragraph in ("6.5", "6.6", "6.7", "8.4", "9.1", "11.1", "11.3", "11.6", "11.7", "12.1", "12.4", "13.1"):
        assert paragraph in paragraphs


# --- refusals --------------------------------------------------------------------------------------------


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the default terms with the first ``old`` replaced by ``new``, and the line where it stood."""
    text = TERMS.read_text(encoding="utf-8")
    index = text.index(old)
    path = tmp_path / "icp.yaml"
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return path, text.count("\n", 0, index) + 1


def refused(path: Path, system: SystemDefinition | None = None) -> list[Problem]:
    with pytest.raises(ImportRefused) as caught:
        read_terms(path, system)
    return caught.value.problems


def test_an_unknown_field_is_refused_at_its_line(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "  clear_working_days: 20", "  clear_workng_days: 20")
    problems = refused(path)
    assert Problem("icp.yaml", line, "agenda_requests.clear_workng_days", "Extra inputs are not permitted") in problems


def test_a_quorum_count_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "      count: 9\n", "      count: nine\n")
    [problem] = refused(path)
    assert (problem.line, problem.field) == (line, "quorum.rules.count") and "integer" in problem.message


def test_a_seat_in_an_undeclared_group_is_refused(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "[local_authority:medway-council, leadership_team]", "[local_authority:medway]")
    assert refused(path) == [
        Problem(
            "icp.yaml",
            line,
            "seats.groups",
            "no group has the key 'local_authority:medway': declare it under 'groups'",
        )
    ]


def test_a_quorum_larger_than_the_membership_is_refused(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "      count: 9\n", "      count: 18\n")
    assert refused(path) == [Problem("icp.yaml", line, "quorum.rules.count", "18 is more than the 17 voting seats")]


def test_an_urgent_agenda_deadline_longer_than_the_usual_one_is_refused(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, "urgent_clear_working_days: 10", "urgent_clear_working_days: 30")
    [problem] = refused(path)
    assert problem.field == "agenda_requests" and "longer than clear_working_days" in problem.message


def test_a_participant_cannot_be_in_the_chairs_rotation(tmp_path: Path) -> None:
    path, line = broken(
        tmp_path, "  rotation: [leader-kcc, leader-medway]", "  rotation: [leader-kcc, lmc-representative]"
    )
    messages = {(p.line, p.field, p.message) for p in refused(path)}
    assert (line, "chair.rotation", "'lmc-representative' is not a voting seat, so it cannot chair (§6.3)") in messages


def test_another_schema_is_refused(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "schema: icshub.terms/1", "schema: icshub.system/1")
    [problem] = refused(path)
    assert (problem.line, problem.field) == (line, "schema") and "not icshub terms of reference" in problem.message


def test_a_seat_the_registry_does_not_have_is_refused(tmp_path: Path, system: SystemDefinition) -> None:
    path, line = broken(tmp_path, "  - key: lmc-representative", "  - key: lmc-chair")
    problems = refused(path, system)
    assert (
        Problem("icp.yaml", line, "seats.key", "the registry's 'icp-joint-committee' has no seat 'lmc-chair'")
        in problems
    )
    assert any("'lmc-representative' is missing from these terms" in p.message for p in problems)


def test_a_seat_count_that_disagrees_with_the_registry_is_refused(tmp_path: Path, system: SystemDefinition) -> None:
    path, line = broken(tmp_path, "    count: 2\n", "    count: 3\n")
    assert refused(path, system) == [
        Problem("icp.yaml", line, "seats.count", "the registry gives 'kcc-executive-members' 2 places, not 3")
    ]
