"""Who may do governance business: the secretariat's writes (``governance.manage``) and Part 2 reads
(§13.1, each audited), asked of the one policy module."""

from __future__ import annotations

from sqlalchemy.orm import Session

from icshub.auth.actor import Actor, actor_for
from icshub.auth.audit import record_access
from icshub.auth.policy import Permission, Principal, may_read_confidential, require
from icshub.auth.service import acts_for
from icshub.governance.models import Meeting

# The meetings whose Part 2 reading a unit of work has audited already.
_PART_2_READ = "icshub.governance.part2_read"


def authorised(principal: Principal) -> Actor:
    """The actor for a write by the secretariat; refused (``NotAllowed``) without ``governance.manage``."""
    require(principal, Permission.GOVERNANCE_MANAGE)
    return actor_for(principal)


def require_confidential(session: Session, principal: Principal, meeting: Meeting) -> None:
    """Refuse (``NotAllowed``) anyone who may not read the meeting's Part 2 business (§13.1); audit each
    reader let in, once per meeting in a unit of work (a page that reads it five ways is one access)."""
    if not may_read_confidential(principal, acts_for(session, principal.user_id), ("committee", meeting.committee_id)):
        require(principal, Permission.GOVERNANCE_CONFIDENTIAL)
    audited = session.info.setdefault(_PART_2_READ, set())
    if meeting.id not in audited:
        audited.add(meeting.id)
        record_access(session, actor_for(principal), "governance.part2.read", "meeting", str(meeting.id))
