"""Formats of the national codes the registry stores: ONS GSS codes for areas, ODS codes for organisations.

Pure rules: each function returns an error message for a bad code, or ``None`` when the code is well formed.
"""

from __future__ import annotations

import re

# GSS entity prefixes (ONS Register of Geographic Codes) for the kinds of area icshub keeps.
GSS_PREFIXES: dict[str, tuple[str, ...]] = {
    "lsoa": ("E01", "W01"),
    "ward": ("E05", "W05"),
    "district": ("E06", "E07", "E08", "E09", "W06"),
    "county": ("E10",),
    "ccg": ("E38",),
    "sub_icb": ("E38",),
    "icb": ("E54",),
}

_GSS = re.compile(r"^[EWSNK]\d{8}$")

# ODS code shapes (NHS England Organisation Data Service) by kind of organisation.
ODS_PATTERNS: dict[str, re.Pattern[str]] = {
    "gp_practice": re.compile(r"^[A-Z]\d{5}$"),
    "pcn": re.compile(r"^U\d{5}$"),
    "nhs_trust": re.compile(r"^R[A-Z0-9]{2}$"),
    "foundation_trust": re.compile(r"^R[A-Z0-9]{2}$"),
    "integrated_care_board": re.compile(r"^Q[A-Z0-9]{2}$"),
    "clinical_commissioning_group": re.compile(r"^\d{2}[A-Z]$"),
    "sub_icb": re.compile(r"^\d{2}[A-Z]$"),
}
_ODS_ANY = re.compile(r"^[A-Z0-9]{3,9}$")


def _with_article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def gss_code_problem(code: str, area_type: str | None = None) -> str | None:
    """Why ``code`` is not a GSS code (of ``area_type`` when given), or ``None``."""
    if not _GSS.match(code):
        return f"'{code}' is not an ONS GSS code (a letter and eight digits, e.g. E01024136)"
    if area_type is not None:
        prefixes = GSS_PREFIXES[area_type]
        if not code.startswith(prefixes):
            return f"'{code}' is not a {area_type} code (it should start with {' or '.join(prefixes)})"
    return None


def ods_code_problem(code: str, kind: str | None = None) -> str | None:
    """Why ``code`` is not an ODS code (of ``kind`` when a shape is known for it), or ``None``."""
    pattern = ODS_PATTERNS.get(kind or "")
    if pattern is not None and not pattern.match(code):
        return f"'{code}' is not an ODS code for {_with_article(kind.replace('_', ' '))}"
    if not _ODS_ANY.match(code):
        return f"'{code}' is not an ODS code (3 to 9 capital letters and digits)"
    return None
