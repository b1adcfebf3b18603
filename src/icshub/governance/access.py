"""Who may do governance business: the secretariat's writes (``governance.manage``) and Part 2 reads
(§13.1), asked of the one policy module."""

from __future__ import annotations

from sqlalchemy.orm import Session

from icshub.auth.actor import Actor, actor_for
from icshub.auth.policy import Permission, Principal, may_read_confidential, require
from icshub.auth.service import acts_for
from icshub.governance.models import Meeting


def authorised(principal: Principal) -> Actor:
    """The actor for a write by the secretariat; refused (``NotAllowed``) without ``governance.manage``."""
    require(principal, Permission.GOVERNANCE_MANAGE)
    return actor_for(principal)


def require_confidential(session: Session, principal: Principal, meeting: Meeting) -> None:
    """Refuse (``NotAllowed``) anyone who may not read the meeting's Part 2 business (§13.1)."""
    if not may_read_confidential(principal, acts_for(session, principal.user_id), ("committee", meeting.committee_id)):
        require(principal, Permission.GOVERNANCE_CONFIDENTIAL)
