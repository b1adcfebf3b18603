"""The controlled vocabularies of the registry: kinds of organisation, partnership, committee, seat and area.

Each is a closed list so that an import with a typo is refused rather than silently creating a new kind.
"""

from __future__ import annotations

from enum import StrEnum


class OrganisationType(StrEnum):
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    COUNTY_COUNCIL = "county_council"
    UNITARY_COUNCIL = "unitary_council"
    DISTRICT_COUNCIL = "district_council"
    NHS_TRUST = "nhs_trust"
    FOUNDATION_TRUST = "foundation_trust"
    GP_PRACTICE = "gp_practice"
    CLINICAL_COMMISSIONING_GROUP = "clinical_commissioning_group"
    VOLUNTARY_COMMUNITY = "voluntary_community"
    HEALTHWATCH = "healthwatch"
    POLICE = "police"
    OTHER = "other"


class PartnershipType(StrEnum):
    ICS = "ics"
    ICP = "icp"
    PLACE = "place"
    PCN = "pcn"
    PROVIDER_COLLABORATIVE = "provider_collaborative"
    ALLIANCE = "alliance"
    PROGRAMME_BOARD = "programme_board"
    NETWORK = "network"
    PARTNERSHIP = "partnership"
    FORUM = "forum"


class Tier(StrEnum):
    """The three tiers of seed 004: system, place and neighbourhood."""

    SYSTEM = "system"
    PLACE = "place"
    NEIGHBOURHOOD = "neighbourhood"


class CommitteeType(StrEnum):
    JOINT_COMMITTEE = "joint_committee"
    COMMITTEE = "committee"
    SUBCOMMITTEE = "subcommittee"
    BOARD = "board"
    PANEL = "panel"
    FORUM = "forum"
    STEERING_GROUP = "steering_group"
    WORKSTREAM = "workstream"
    GROUP = "group"


class SeatCategory(StrEnum):
    VOTING = "voting"
    PARTICIPANT = "participant"
    OBSERVER = "observer"
    MEMBER = "member"


class Status(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class AreaType(StrEnum):
    LSOA = "lsoa"
    WARD = "ward"
    DISTRICT = "district"
    COUNTY = "county"
    CCG = "ccg"
    SUB_ICB = "sub_icb"
    ICB = "icb"


class Hierarchy(StrEnum):
    """The named child-to-parent hierarchies of the geography; each link carries its effective dates."""

    LSOA21_WARD = "lsoa21-ward"
    WARD_DISTRICT = "ward-district"
    DISTRICT_COUNTY = "district-county"
    LSOA21_SUB_ICB = "lsoa21-sub_icb"
    SUB_ICB_ICB = "sub_icb-icb"
    LSOA11_WARD = "lsoa11-ward"
    LSOA11_CCG = "lsoa11-ccg"
    LSOA11_LSOA21 = "lsoa11-lsoa21"


_LABELS = {
    "gp_practice": "GP practice",
    "nhs_trust": "NHS trust",
    "foundation_trust": "NHS foundation trust",
    "integrated_care_board": "Integrated care board",
    "clinical_commissioning_group": "Clinical commissioning group (closed 2022)",
    "voluntary_community": "Voluntary and community organisation",
    "district_council": "District or borough council",
    "ics": "Integrated care system",
    "icp": "Integrated care partnership",
    "place": "Place (health and care partnership)",
    "pcn": "Primary care network",
    "sub_icb": "Sub-ICB location",
    "icb": "Integrated care board area",
    "ccg": "Clinical commissioning group area (2019)",
    "lsoa": "Lower layer super output area",
}


def label(value: str | None) -> str:
    """How people write a kind: 'gp_practice' → 'GP practice', 'provider_collaborative' → 'Provider collaborative'."""
    if not value:
        return ""
    return _LABELS.get(value, value.replace("_", " ").capitalize())
