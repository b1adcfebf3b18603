"""The terms of reference a committee of the registry meets under.

A committee with a terms-of-reference file among the defaults (``defaults/kent_medway/terms/*.yaml``; the
Kent and Medway ICP Joint Committee's is ``icp.yaml``) meets under that file. Every other committee gets
simpler default terms generated from its seats in the registry, so that its meetings can be run too:

- every ``voting`` seat and every ``member`` seat votes (the registry does not say whether a board member
  votes, so a member is taken to); ``participant`` and ``observer`` seats do not; no deputies;
- the quorum is half the voting places, rounded up (at least one), with remote attendance counting;
- decisions by consensus where possible, else a simple majority of those voting for or against, one vote
  each, no casting vote, so a tie fails;
- notice five clear working days ahead, agenda requests and papers as ``icshub.governance.deadlines``'s
  defaults (twenty clear working days, ten if urgent; papers five), meetings at least every three months;
- the chair from the seats the registry marks as eligible to chair, or else the first voting seat;
- business in private for the same seven reasons as the ICP's paragraph 7.1, whose sixth is any reason the
  Public Bodies (Admission to Meetings) Act 1960 permits.

A committee with no voting or member seats has no quorum to compute, and is refused.
"""

from __future__ import annotations

from functools import cache
from math import ceil
from pathlib import Path
from typing import Any

from icshub.defaults import KENT_AND_MEDWAY
from icshub.governance.deadlines import (
    AGENDA_REQUEST_CLEAR_DAYS,
    MEETING_INTERVAL_MONTHS,
    NOTICE_CLEAR_DAYS,
    PAPERS_CLEAR_DAYS,
    URGENT_AGENDA_REQUEST_CLEAR_DAYS,
)
from icshub.governance.errors import GovernanceError
from icshub.governance.terms import Majority, Standing, TermsOfReference, read_terms
from icshub.registry.models import Committee
from icshub.registry.vocabulary import SeatCategory

TERMS_FOLDER = KENT_AND_MEDWAY / "terms"
DEFAULT_TERMS_CITATION = "default terms"
_EVERY_MEMBER = "members"


@cache
def _terms_files(folder: Path) -> dict[str, TermsOfReference]:
    """The terms of reference in ``folder``, by committee key (read once per process)."""
    return {terms.committee: terms for terms in map(read_terms, sorted(folder.glob("*.yaml")))}


def terms_for(committee: Committee, folder: Path = TERMS_FOLDER) -> TermsOfReference:
    """The terms ``committee`` meets under: its own file, or default terms generated from its seats."""
    written = _terms_files(folder).get(committee.key)
    return written if written is not None else default_terms(committee)


def _rule(text: str) -> dict[str, str]:
    return {"paragraph": DEFAULT_TERMS_CITATION, "text": text}


def _standing(category: str) -> Standing:
    return Standing.VOTING if category in (SeatCategory.VOTING, SeatCategory.MEMBER) else Standing(category)


def default_terms(committee: Committee) -> TermsOfReference:
    """Simpler terms of reference for a committee with no file of its own, built from its registry seats."""
    seats = [
        {
            "key": seat.key,
            "role": seat.title,
            "count": seat.count,
            "standing": _standing(seat.category),
            "deputy_allowed": False,
            "groups": [_EVERY_MEMBER] if _standing(seat.category) is Standing.VOTING else [],
            "paragraph": DEFAULT_TERMS_CITATION,
        }
        for seat in committee.seats
    ]
    voting = [seat for seat in seats if seat["standing"] is Standing.VOTING]
    if not voting:
        raise GovernanceError(
            f"{committee.name} has no voting or member seats in the registry, so there is no quorum to count and "
            "its meetings cannot be run here. Add its seats to the system definition, or give it terms of reference."
        )
    places = sum(seat["count"] for seat in voting)
    chairs = [seat.key for seat in committee.seats if seat.chair_eligible] or [voting[0]["key"]]
    icp = _terms_files(TERMS_FOLDER).get("icp-joint-committee")
    reasons = [reason.model_dump() for reason in icp.private_business.reasons] if icp else []
    document: dict[str, Any] = {
        "schema": "icshub.terms/1",
        "committee": committee.key,
        "version": "generated from the registry",
        "effective_from": "2022-07-01",
        "source": "icshub default terms",
        "groups": [{"key": _EVERY_MEMBER, "name": f"the members of {committee.name}", "paragraph": "-"}],
        "seats": seats,
        "chair": {
            "eligible_seats": chairs,
            "elected": "by the committee",
            "term_years": 1,
            "rotation": chairs,
            "paragraph": DEFAULT_TERMS_CITATION,
        },
        "vice_chair": {"seat": chairs[-1], "paragraph": DEFAULT_TERMS_CITATION},
        "presiding": {"order": ["chair", "vice_chair"], **_rule("The Vice-chair presides when the Chair cannot.")},
        "quorum": {
            "rules": [
                {
                    "rule": "minimum_voting_members",
                    "count": max(1, ceil(places / 2)),
                    **_rule(f"A quorum is half of the {places} voting places, rounded up"),
                }
            ],
            "remote_attendance": "counts",
            "remote_paragraph": DEFAULT_TERMS_CITATION,
        },
        "voting": {
            "consensus_first": True,
            "votes_per_member": 1,
            "majority": Majority.OF_MEMBERS_PRESENT_AND_VOTING,
            "casting_vote": "none",
            "tie": "fails",
            **_rule("Consensus where possible, else a simple majority of those voting; a tie fails."),
        },
        "notice": {
            "clear_working_days": NOTICE_CLEAR_DAYS,
            "urgent": "A meeting on an urgent issue: as much notice as is reasonably practicable.",
            "urgent_paragraphs": DEFAULT_TERMS_CITATION,
            "must_state": ["its date and time", "where it is to take place"],
            "in_writing_to_every_member": True,
            "defective_service_invalidates": False,
            "paragraph": DEFAULT_TERMS_CITATION,
        },
        "agenda_requests": {
            "clear_working_days": AGENDA_REQUEST_CLEAR_DAYS,
            "urgent_clear_working_days": URGENT_AGENDA_REQUEST_CLEAR_DAYS,
            "via": "the committee's secretary",
            "inclusion": "at the discretion of the Chair",
            "paragraph": DEFAULT_TERMS_CITATION,
        },
        "papers": {
            "clear_working_days": PAPERS_CLEAR_DAYS,
            "sent_to": "every member",
            "excludes_confidential": True,
            "paragraph": DEFAULT_TERMS_CITATION,
        },
        "meetings": {
            "at_least_every_months": MEETING_INTERVAL_MONTHS,
            "frequency": f"at least every {MEETING_INTERVAL_MONTHS} months",
            "open_to_public": True,
            "public_part": "Part 1",
            "private_part": "Part 2",
            "paragraph": DEFAULT_TERMS_CITATION,
        },
        "review": {
            "self_assessment_every_months": 12,
            "self_assessment_paragraph": DEFAULT_TERMS_CITATION,
            "terms_review_every_months": 12,
            "terms_reviewed_by": "the committee",
            "terms_review_paragraph": DEFAULT_TERMS_CITATION,
        },
        "interests": {
            "declare": "Members declare any interest in a matter at the start of the meeting.",
            "policy": "The appointing body's policy on managing conflicts of interest.",
            "register_presented_each_meeting": True,
            "conflicted_member_withdraws_from": "the discussion and vote on the matter",
            "paragraph": DEFAULT_TERMS_CITATION,
        },
        "private_business": {
            "test": "The public may be excluded where discussion in public would be prejudicial, for one of these.",
            "reasons": reasons,
            "paragraph": DEFAULT_TERMS_CITATION,
        },
    }
    return TermsOfReference.model_validate(document)
