"""The terms-of-reference file (``icshub.terms/1``): a committee's seats, chair, quorum, voting, notice and
business rules as versioned data, read as strictly as the system definition.

The rule modules (``quorum``, ``voting``, ``presiding``) take these terms and plain values, so that another
committee, or a revised version of the same terms, is a new file and not new code. Paragraph numbers in the
docstrings are those of the default: the Kent and Medway ICP Joint Committee's terms (seed 003, Appendix 2).
Unknown fields are refused, and so are references that do not resolve (a seat in a group nobody declared, a
chair rotating through a seat that does not exist), each with its line and field.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from icshub.governance.terms_checks import reference_problems, registry_problems
from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import line_of, read_yaml
from icshub.registry.definition import Key, MemberRef, Name, Source, SystemDefinition, check_key

SCHEMA = "icshub.terms/1"
_GROUP = re.compile(r"^[a-z]+(?:_[a-z]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)?$")


def _group_key(value: str) -> str:
    if not _GROUP.match(value):
        raise ValueError(
            f"'{value}' is not a group key: use a kind in lower case with underscores, optionally followed by "
            "':' and a registry key (for example 'leadership_team' or 'place:west-kent')"
        )
    return value


GroupKey = Annotated[str, Field(min_length=1, max_length=160), AfterValidator(_group_key)]
Slug = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(check_key)]
Citation = Annotated[str, Field(min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=1200)]
Days = Annotated[int, Field(ge=0, le=250)]
Months = Annotated[int, Field(ge=1, le=120)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Standing(StrEnum):
    """What a seat may do (§6.1, §6.4-6.6): vote, take part without a vote, or watch."""

    VOTING = "voting"
    PARTICIPANT = "participant"
    OBSERVER = "observer"


class Group(_Strict):
    """A named set of seats that the quorum counts by: a council, the ICB, the leadership team, a place."""

    key: GroupKey
    name: Name
    refers_to: MemberRef | None = None
    paragraph: Citation


class Seat(_Strict):
    """A seat on the committee; its key is the registry's seat key, so the terms and the registry agree."""

    key: Slug
    role: Name
    appointed_by: MemberRef | None = None
    count: int = Field(default=1, ge=1, le=50)
    standing: Standing
    deputy_allowed: bool
    groups: list[GroupKey] = Field(default_factory=list)
    paragraph: Citation


class ChairRule(_Strict):
    """Who may chair, how they are chosen and for how long, and the order in which the chair rotates (§6.3)."""

    eligible_seats: list[Slug] = Field(min_length=1)
    elected: Text
    term_years: int = Field(ge=1, le=10)
    rotation: list[Slug] = Field(min_length=1)
    paragraph: Citation


class ViceChairRule(_Strict):
    """The vice-chair: a named seat, or whichever seat of the rotation is not chairing (report §3.1)."""

    seat: Slug | None = None
    other_in_rotation: bool = False
    paragraph: Citation

    @model_validator(mode="after")
    def _one(self) -> ViceChairRule:
        if (self.seat is None) == (not self.other_in_rotation):
            raise ValueError("give either 'seat' or 'other_in_rotation: true', not both and not neither")
        return self


class _Rule(_Strict):
    """A rule with the paragraph it comes from and the document's words, quoted when it is applied."""

    paragraph: Citation
    text: Text


class PresidingOrder(_Rule):
    """Who presides, in order, when those before are absent or conflicted: 'chair', 'vice_chair' or a seat (§6.8)."""

    order: list[str] = Field(min_length=1)


class MinimumVotingMembers(_Rule):
    """At least ``count`` voting members present (§8.1)."""

    rule: Literal["minimum_voting_members"]
    count: int = Field(ge=1, le=500)


class OneFromEach(_Rule):
    """At least one voting member from every one of ``groups`` (§8.1.1: each council and the ICB)."""

    rule: Literal["one_from_each"]
    groups: list[GroupKey] = Field(min_length=1)


class OneFromAny(_Rule):
    """At least one voting member from any of ``groups`` (§8.1.2: one of the leadership team)."""

    rule: Literal["one_from_any"]
    groups: list[GroupKey] = Field(min_length=1)


class GroupsRepresented(_Rule):
    """At least ``at_least`` of ``groups`` represented by a voting member (§8.1.3: 2 of the 4 HCP areas)."""

    rule: Literal["groups_represented"]
    at_least: int = Field(ge=1, le=100)
    groups: list[GroupKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _possible(self) -> GroupsRepresented:
        if self.at_least > len(self.groups):
            raise ValueError(f"at_least is {self.at_least} but only {len(self.groups)} groups are named")
        return self


QuorumRule = Annotated[MinimumVotingMembers | OneFromEach | OneFromAny | GroupsRepresented, Field(discriminator="rule")]


class RemoteAttendance(StrEnum):
    """Whether members attending remotely are present for the quorum and the vote (§8.3)."""

    COUNTS = "counts"
    DOES_NOT_COUNT = "does_not_count"
    CHAIRS_DISCRETION = "chairs_discretion"


class Endeavour(_Rule):
    """Someone the committee tries to have present, though not part of the quorum (§8.2)."""

    group: GroupKey


class Quorum(_Strict):
    rules: list[QuorumRule] = Field(min_length=1)
    remote_attendance: RemoteAttendance
    remote_paragraph: Citation
    endeavour: list[Endeavour] = Field(default_factory=list)


class Majority(StrEnum):
    """Two readings of 'a majority of members present' (§7.4).

    ``of_voting_members_present``: more than half of the voting members present for the item must vote for, so
    an abstention or a silence counts against. ``of_members_present_and_voting``: more for than against;
    abstentions are left out.
    """

    OF_VOTING_MEMBERS_PRESENT = "of_voting_members_present"
    OF_MEMBERS_PRESENT_AND_VOTING = "of_members_present_and_voting"


class Voting(_Rule):
    """How decisions are reached (§7.4): consensus where possible, else one vote each, no casting vote."""

    consensus_first: bool
    votes_per_member: Literal[1]
    majority: Majority
    casting_vote: Literal["none"]
    tie: Literal["fails"]


class Notice(_Strict):
    """Notice of a meeting (§10.2-10.4, §7.3); days are clear working days, counted by the calendar module."""

    clear_working_days: Days
    urgent: Text
    urgent_paragraphs: Citation
    must_state: list[Text] = Field(min_length=1)
    in_writing_to_every_member: bool
    defective_service_invalidates: bool
    published_by: list[MemberRef] = Field(default_factory=list)
    paragraph: Citation


class AgendaRequests(_Strict):
    """How far ahead a member must ask for an agenda item, and who decides (§12.3)."""

    clear_working_days: Days
    urgent_clear_working_days: Days
    via: Text
    inclusion: Text
    paragraph: Citation

    @model_validator(mode="after")
    def _urgent_is_shorter(self) -> AgendaRequests:
        if self.urgent_clear_working_days > self.clear_working_days:
            raise ValueError("urgent_clear_working_days is longer than clear_working_days")
        return self


class Papers(_Strict):
    """Agenda and papers: sent and published ahead of the meeting, confidential material left out (§12.2)."""

    clear_working_days: Days
    sent_to: Text
    published_by: list[MemberRef] = Field(default_factory=list)
    excludes_confidential: bool
    paragraph: Citation


class Meetings(_Strict):
    """How often the committee meets and in what parts (§7.1-7.2, §10.1)."""

    at_least_every_months: Months
    frequency: Text
    open_to_public: bool
    public_part: Name
    private_part: Name
    paragraph: Citation


class Review(_Strict):
    """The annual self-assessment (§11.5) and review of these terms (§14.1)."""

    self_assessment_every_months: Months
    self_assessment_paragraph: Citation
    terms_review_every_months: Months
    terms_reviewed_by: Text
    terms_review_paragraph: Citation


class Interests(_Strict):
    """Declaring interests and withdrawing when conflicted (§7.5, §11.4.2-11.4.3)."""

    declare: Text
    policy: Text
    register_presented_each_meeting: bool
    conflicted_member_withdraws_from: Text
    paragraph: Citation


class PrivateReason(_Rule):
    """A reason for which the public and observers may be excluded (one of §7.1.1-7.1.7)."""

    code: Slug


class PrivateBusiness(_Strict):
    test: Text
    reasons: list[PrivateReason] = Field(min_length=1)
    paragraph: Citation


class Clause(_Rule):
    """A rule with nothing to compute (powers, duties, conduct, disputes), kept in the document's words."""

    topic: Annotated[str, Field(min_length=1, max_length=80)]


class TermsOfReference(_Strict):
    schema_: Literal["icshub.terms/1"] = Field(alias="schema")
    committee: Key
    version: Annotated[str, Field(min_length=1, max_length=40)]
    effective_from: date
    source: Source
    groups: list[Group] = Field(min_length=1)
    seats: list[Seat] = Field(min_length=1)
    chair: ChairRule
    vice_chair: ViceChairRule
    presiding: PresidingOrder
    quorum: Quorum
    voting: Voting
    notice: Notice
    agenda_requests: AgendaRequests
    papers: Papers
    meetings: Meetings
    review: Review
    interests: Interests
    private_business: PrivateBusiness
    clauses: list[Clause] = Field(default_factory=list)

    @field_validator("committee")
    @classmethod
    def _committee_key(cls, value: str) -> str:
        return check_key(value)

    def seat(self, key: str) -> Seat:
        return next(seat for seat in self.seats if seat.key == key)

    def group_name(self, key: str) -> str:
        return next(group.name for group in self.groups if group.key == key)


def parse_terms(document: Any, file_name: str, system: SystemDefinition | None = None) -> TermsOfReference:
    """Validate a loaded YAML document as terms of reference; refuse it with every problem located.

    With ``system``, the committee, its seats and the bodies named must also be the registry's records.
    """
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        found = document.get("schema") if isinstance(document, dict) else None
        line = line_of(document, ["schema"]) or 1
        message = f"expected '{SCHEMA}', found {found!r}: this file is not icshub terms of reference"
        raise ImportRefused([Problem(file_name, line, "schema", message)])
    terms = validate_document(TermsOfReference, document, file_name)
    problems = reference_problems(terms, document, file_name)
    if system is not None:
        problems += registry_problems(terms, document, file_name, system)
    if problems:
        raise ImportRefused(problems)
    return terms


def read_terms(path: Path, system: SystemDefinition | None = None) -> TermsOfReference:
    """The terms of reference at ``path``, checked against the registry ``system`` when one is given."""
    return parse_terms(read_yaml(path), path.name, system)
