"""The system-definition file: a versioned YAML description of an ICS, written from its public documents.

``icshub.system/1`` is documented in docs/system-definition.md. Parsing is strict (unknown fields are
refused) so that a misspelt field is reported, not silently dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import line_of, read_yaml
from icshub.registry.codes import gss_code_problem, ods_code_problem
from icshub.registry.vocabulary import (
    CommitteeType,
    OrganisationType,
    PartnershipType,
    SeatCategory,
    Status,
    Tier,
)

SCHEMA = "icshub.system/1"
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Key = Annotated[str, Field(min_length=1, max_length=120)]
# Lengths match the registry's columns, so that a value too long is refused here with its line.
Name = Annotated[str, Field(min_length=1, max_length=300)]
ShortName = Annotated[str, Field(max_length=80)]
Source = Annotated[str, Field(max_length=300)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def check_key(value: str) -> str:
    if not _KEY.match(value):
        raise ValueError(f"'{value}' is not a key: use lower-case letters, digits and single hyphens")
    return value


class Keyed(Strict):
    key: Key
    aliases: list[Name] = Field(default_factory=list)
    source: Source | None = None

    _key_format = field_validator("key")(check_key)


class SystemSection(Strict):
    key: Annotated[str, Field(min_length=1, max_length=80)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    ics: Key
    description: str | None = None

    _key_format = field_validator("key")(check_key)


class SourceDocument(Strict):
    key: Key
    title: Name
    publisher: Source | None = None
    licence: Annotated[str, Field(max_length=80)] | None = None
    url: Source | None = None

    _key_format = field_validator("key")(check_key)


class OrganisationDef(Keyed):
    name: Name
    short_name: ShortName | None = None
    type: OrganisationType
    ods_code: str | None = None
    gss_code: str | None = None
    status: Status = Status.ACTIVE
    website: Source | None = None

    @field_validator("ods_code")
    @classmethod
    def _ods(cls, code: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("type")
        if code and (problem := ods_code_problem(code, kind.value if kind else None)):
            raise ValueError(problem)
        return code

    @field_validator("gss_code")
    @classmethod
    def _gss(cls, code: str | None) -> str | None:
        if code and (problem := gss_code_problem(code)):
            raise ValueError(problem)
        return code


class MemberRef(Strict):
    organisation: Key | None = None
    partnership: Key | None = None
    role: Annotated[str, Field(max_length=80)] | None = None
    note: Source | None = None

    @model_validator(mode="after")
    def _one(self) -> MemberRef:
        if (self.organisation is None) == (self.partnership is None):
            raise ValueError("name exactly one of 'organisation' or 'partnership'")
        return self


class PartnershipDef(Keyed):
    name: Name
    short_name: ShortName | None = None
    type: PartnershipType
    tier: Tier | None = None
    parent: Key | None = None
    description: str | None = None
    members: list[MemberRef] = Field(default_factory=list)
    ccg19: list[str] = Field(default_factory=list)
    status: Status = Status.ACTIVE

    @field_validator("ccg19")
    @classmethod
    def _ccg_codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if problem := ods_code_problem(code, "clinical_commissioning_group"):
                raise ValueError(problem)
        return codes

    @model_validator(mode="after")
    def _place_rule(self) -> PartnershipDef:
        if self.type is PartnershipType.PCN:
            raise ValueError("PCNs come from the ODS ePCN files, not the system definition")
        if self.ccg19 and self.type is not PartnershipType.PLACE:
            raise ValueError("only a place has 'ccg19' (the CCG footprints that make it up)")
        return self


class SeatDef(Strict):
    key: Key
    title: Name
    category: SeatCategory
    appointed_by: MemberRef | None = None
    count: int = Field(default=1, ge=1, le=50)
    person: Key | None = None
    leadership_team: bool = False
    chair_eligible: bool = False
    source: Source | None = None

    _key_format = field_validator("key")(check_key)


class CommitteeDef(Keyed):
    name: Name
    short_name: ShortName | None = None
    type: CommitteeType
    partnership: Key | None = None
    parent: Key | None = None
    reports_to: Key | None = None
    description: str | None = None
    seats: list[SeatDef] = Field(default_factory=list)


class PersonDef(Strict):
    key: Key
    name: Annotated[str, Field(min_length=1, max_length=200)]
    role: Source | None = None
    organisation: Key | None = None
    source: Source | None = None

    _key_format = field_validator("key")(check_key)


class DocumentPractice(Strict):
    name_in_document: str
    ods_code: str | None = None
    note: str | None = None

    @field_validator("ods_code")
    @classmethod
    def _ods(cls, code: str | None) -> str | None:
        if code and (problem := ods_code_problem(code, "gp_practice")):
            raise ValueError(problem)
        return code


class DocumentPcn(Strict):
    """A primary care network as a document names it, reconciled to its ODS code and practices."""

    name_in_document: str
    ods_pcn_code: str | None = None
    place: Key
    source: Source | None = None
    practices: list[DocumentPractice] = Field(default_factory=list)
    registered_populations: list[DocumentPractice] = Field(default_factory=list)

    @field_validator("ods_pcn_code")
    @classmethod
    def _ods(cls, code: str | None) -> str | None:
        if code and (problem := ods_code_problem(code, "pcn")):
            raise ValueError(problem)
        return code


class SystemDefinition(Strict):
    schema_: Literal["icshub.system/1"] = Field(alias="schema")
    version: Annotated[str, Field(min_length=1, max_length=40)]
    system: SystemSection
    sources: list[SourceDocument] = Field(default_factory=list)
    organisations: list[OrganisationDef] = Field(default_factory=list)
    partnerships: list[PartnershipDef] = Field(default_factory=list)
    committees: list[CommitteeDef] = Field(default_factory=list)
    people: list[PersonDef] = Field(default_factory=list)
    document_pcns: list[DocumentPcn] = Field(default_factory=list)


def parse_definition(document: Any, file_name: str) -> SystemDefinition:
    """Validate a loaded YAML document as a system definition; refuse it with every problem located."""
    if not isinstance(document, dict):
        raise ImportRefused([Problem(file_name, 1, None, "a system definition must be a YAML mapping")])
    if document.get("schema") != SCHEMA:
        found = document.get("schema")
        raise ImportRefused(
            [
                Problem(
                    file_name,
                    line_of(document, ["schema"]),
                    "schema",
                    f"expected '{SCHEMA}', found {found!r}: this file is not an icshub system definition "
                    "of a version this release reads",
                )
            ]
        )
    return validate_document(SystemDefinition, document, file_name)


def read_definition(path: Path) -> SystemDefinition:
    return parse_definition(read_yaml(path), path.name)
