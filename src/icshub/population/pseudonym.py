"""Pseudonyms for people: a keyed hash of the NHS number, so that records from different sources link
without the number being stored.

The pseudonym is HMAC-SHA256 of the ten digits under the installation's pseudonymisation key (kept in the
data directory with the other secrets; whoever holds it can re-identify by trying numbers, so it is
guarded as such). The NHS number is checked first with its modulus 11 check digit, so a mistyped number
is refused rather than linked to nobody.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_DIGITS = re.compile(r"^\d{10}$")


def nhs_number_problem(number: str) -> str | None:
    """Why ``number`` is not a valid NHS number (ten digits with a correct check digit), or None.

    Spaces are allowed between digit groups (``943 476 5919``)."""
    digits = number.replace(" ", "")
    if not _DIGITS.match(digits):
        return "an NHS number has ten digits"
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    if check == 10 or check != int(digits[9]):
        return "the NHS number's check digit is wrong"
    return None


def pseudonym(number: str, key: bytes) -> str:
    """The person's pseudonym (64 hexadecimal characters) under ``key``; ``ValueError`` for a bad number."""
    if problem := nhs_number_problem(number):
        raise ValueError(problem)
    if len(key) < 32:
        raise ValueError("the pseudonymisation key must be at least 32 bytes")
    return hmac.new(key, number.replace(" ", "").encode(), hashlib.sha256).hexdigest()


def source_pseudonym(source: str, identifier: str, key: bytes) -> str:
    """A pseudonym for a person known only by a source's own identifier (a Synthea or OMOP person id):
    keyed like an NHS number's, and namespaced by the source so that two sources never collide."""
    if len(key) < 32:
        raise ValueError("the pseudonymisation key must be at least 32 bytes")
    return hmac.new(key, f"{source}\x1f{identifier}".encode(), hashlib.sha256).hexdigest()
