"""The roles a user can hold. Each is a bundle of permissions granted in ``icshub.auth.policy``."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PUBLIC = "public"
    PARTNER_MEMBER = "partner_member"
    OFFICER = "officer"
    ANALYST = "analyst"
    CARE_COORDINATOR = "care_coordinator"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()
