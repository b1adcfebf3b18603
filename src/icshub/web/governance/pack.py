"""A meeting's agenda pack drawn as HTML from its template, and as PDF from that same HTML.

What an edition may contain is decided in ``icshub.governance.agenda_pack.edition_of``; the template is handed
only that edition's contents, so Part 2 business cannot reach a public pack by a template slip.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from icshub.documents.pdf import html_to_pdf
from icshub.governance.agenda_pack import CONFIDENTIAL_MARKING, Edition, Exclusion, Meeting, clock, edition_of
from icshub.governance.calendar import describe_day
from icshub.governance.vocabulary import MeetingStatus, Part

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_TEMPLATE = "governance/pack.html"


def _environment() -> Environment:
    # Stricter than the pages' environment: a missing value in a printed pack is an error, not a blank.
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["long_date"] = describe_day
    environment.filters["clock"] = clock
    environment.tests["exclusion"] = lambda entry: isinstance(entry, Exclusion)
    environment.globals.update(
        Part=Part,
        Edition=Edition,
        MeetingStatus=MeetingStatus,
        CONFIDENTIAL_MARKING=CONFIDENTIAL_MARKING,
    )
    return environment


_ENVIRONMENT = _environment()


def render_pack_html(meeting: Meeting, edition: Edition) -> str:
    """The agenda pack of ``edition`` as one HTML document with its print styles (A4, numbered pages)."""
    return _ENVIRONMENT.get_template(_TEMPLATE).render(pack=edition_of(meeting, edition))


def render_pack_pdf(meeting: Meeting, edition: Edition) -> bytes:
    """The agenda pack of ``edition`` as a PDF, drawn from the same HTML."""
    return html_to_pdf(render_pack_html(meeting, edition))
